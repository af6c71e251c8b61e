/**
 * What a contract holds once provisioning committed it: the workflow's view of its resources, enough
 * to drive the network and to release everything on termination. Kinds are the inventory's.
 */
import type { z } from 'zod';
import type { ResourceKind } from '../resource-formats';
import type { HeldResourceSchema } from './status';

export type { ResourceKind };

export type HeldResource = z.infer<typeof HeldResourceSchema>;

export const NUMBER_KINDS: readonly ResourceKind[] = ['special-number', 'number-400', 'display-number'];

/** Ports that stay closed until the ICP filing is recorded (contract 001 clause 1.5). */
export const ICP_GATED_PORTS = [80, 8080, 443] as const;
