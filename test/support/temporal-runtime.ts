// Jest setup for the workflow and integration layers: Temporal's logs go through pino, quietly.
import { createLogger } from '../../platform/logger';
import { installTemporalRuntime } from '../../platform/temporal';

installTemporalRuntime(createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'warn', pretty: false }));
