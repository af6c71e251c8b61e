/**
 * A time-skipping Temporal test server whose clock starts on a chosen instant — the contract's signing
 * day — so the simulated calendar is the contract's own (its dates, weekdays and the Chinese working days
 * of those years). The process itself is launched by server-process.ts (which the CLI may call before it
 * loads the SDK); this connects the client and the worker to it.
 */
import { Connection } from '@temporalio/client';
import {
  InternalConnectionOptionsSymbol,
  type InternalConnectionOptions,
} from '@temporalio/client/lib/connection';
import { msToTs, tsToMs } from '@temporalio/common/lib/time';
import { NativeConnection } from '@temporalio/worker';
import { launchSimulationServer, type ServerProcess, type SimulationServerOptions } from './server-process';

export { SimulationServerError, type SimulationServerOptions } from './server-process';

export interface SimulationServer {
  readonly address: string;
  /** Client connection with the test service (time skipping). */
  readonly connection: Connection;
  /** Worker connection. */
  readonly nativeConnection: NativeConnection;
  /** The server's (skipped) clock, epoch milliseconds. */
  now(): Promise<number>;
  /**
   * Skip the clock forward to `epochMs`; timers due meanwhile fire in order and their work completes.
   * `from`: the clock as just read, which saves reading it again (a round trip to the server).
   */
  skipTo(epochMs: number, from?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startSimulationServer(
  startEpochMs: number,
  options: SimulationServerOptions = {},
): Promise<SimulationServer> {
  return connectSimulationServer(launchSimulationServer(startEpochMs, options));
}

/** Connect to a launched server; on failure the process is stopped. */
export async function connectSimulationServer(server: ServerProcess): Promise<SimulationServer> {
  try {
    const address = `127.0.0.1:${await server.port}`;
    // The SDK's own switch for the test service (what TestWorkflowEnvironment sets; pinned SDK version).
    const testing: InternalConnectionOptions = {
      address,
      [InternalConnectionOptionsSymbol]: { supportsTestService: true },
    };
    const connection = await Connection.connect(testing);
    const nativeConnection = await NativeConnection.connect({ address });
    return serverHandle(address, connection, nativeConnection, server);
  } catch (err) {
    await server.stop();
    throw err;
  }
}

function serverHandle(
  address: string,
  connection: Connection,
  nativeConnection: NativeConnection,
  server: ServerProcess,
): SimulationServer {
  const testService = connection.testService!;
  const now = async () => tsToMs((await testService.getCurrentTime({})).time);
  return {
    address,
    connection,
    nativeConnection,
    now,
    skipTo: async (epochMs, from) => {
      const ms = epochMs - (from ?? (await now()));
      if (ms > 0) await testService.unlockTimeSkippingWithSleep({ duration: msToTs(ms) });
    },
    close: async () => {
      await connection.close().catch(() => undefined);
      await nativeConnection.close().catch(() => undefined);
      await server.stop();
    },
  };
}
