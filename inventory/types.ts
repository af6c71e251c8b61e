/**
 * Requests and answers of the inventory operations. Requests are checked with zod at the door;
 * answers are plain JSON (ISO timestamps, no Dates) so they cross the Temporal boundary unchanged.
 */
import { z } from 'zod';
import { IsoDateSchema } from '../domain/dates';
import { RESOURCE_KINDS, type ResourceKind } from '../domain/resource-formats';
import type { Attributes, ResourceState } from './db/schema';
import { InventoryError } from './errors';

const text = z.string().trim().min(1).max(200);

/** Every state change names the contract, the request that caused it, who and why. */
const changeBase = {
  contractNo: text,
  /** Idempotency key within the contract: a retry with the same id changes nothing. */
  requestId: text,
  actor: text.optional(),
  reason: z.string().trim().max(1000).optional(),
};

export const ReserveItemSchema = z
  .object({
    kind: z.enum(RESOURCE_KINDS),
    /** Take from this pool; otherwise from any pool of the kind (and area code). */
    poolId: text.optional(),
    /** Pool attribute filter for display numbers and circuits, e.g. "0516". */
    areaCode: z
      .string()
      .regex(/^0\d{2,3}$/, 'must be an area code like 025 or 0516')
      .optional(),
    quantity: z.number().int().min(1).max(10_000).optional(),
    /** Exactly these values (e.g. contract 000 asks for 96110); quantity is their count. */
    preferred: z.array(z.string().min(1)).min(1).max(1000).optional(),
    /** Circuits: the ordered bandwidth, kept on the assignment. */
    bandwidthMbps: z.number().optional(),
    /** IPv4: size of each sub-block, e.g. 29 for 8 addresses. */
    prefixLength: z.number().optional(),
  })
  .strict();

export const ReserveRequestSchema = z
  .object({
    ...changeBase,
    items: z.array(ReserveItemSchema).min(1).max(50),
    /** How long the hold lasts before releaseExpiredHolds may take it back (default one day). */
    holdMinutes: z
      .number()
      .int()
      .min(1)
      .max(60 * 24 * 30)
      .optional(),
  })
  .strict();

export const CommitRequestSchema = z.object({ ...changeBase, reservationId: text }).strict();

const valuesOfContract = z.array(z.string().min(1)).min(1).max(10_000).optional();

export const ReleaseRequestSchema = z
  .object({
    ...changeBase,
    /** Only these values; all the contract holds when absent (termination). */
    values: valuesOfContract,
    /** From the contract, e.g. 90 for contract 001 (3.2.10). */
    quarantineDays: z.number().int().min(0).max(3650),
    /** The first day (Asia/Shanghai) the resources may go to someone else, as the contract counts it. */
    availableFrom: IsoDateSchema.optional(),
  })
  .strict();

export const SuspendRequestSchema = z.object({ ...changeBase, values: valuesOfContract }).strict();

export const ChangeNumberRequestSchema = z
  .object({
    ...changeBase,
    oldValue: z.string().min(1),
    /** The number the customer asked for; the next free one of the same pool when absent. */
    newValue: z.string().min(1).optional(),
    quarantineDays: z.number().int().min(0).max(3650),
    availableFrom: IsoDateSchema.optional(),
  })
  .strict();

export type ReserveItem = z.infer<typeof ReserveItemSchema>;
export type ReserveRequest = z.infer<typeof ReserveRequestSchema>;
export type CommitRequest = z.infer<typeof CommitRequestSchema>;
export type ReleaseRequest = z.infer<typeof ReleaseRequestSchema>;
export type SuspendRequest = z.infer<typeof SuspendRequestSchema>;
export type ChangeNumberRequest = z.infer<typeof ChangeNumberRequestSchema>;

export interface ResourceView {
  kind: ResourceKind;
  poolId: string;
  value: string;
  state: ResourceState;
  contractNo: string | null;
  /** Request id of the reservation (or number change) that took it. */
  reservationId: string | null;
  attributes: Attributes;
  assignment: Attributes | null;
  holdExpiresAt: string | null;
  quarantineUntil: string | null;
  updatedAt: string;
}

export interface Reservation {
  contractNo: string;
  reservationId: string;
  holdExpiresAt: string;
  resources: ResourceView[];
}

export interface ChangeResult {
  contractNo: string;
  requestId: string;
  resources: ResourceView[];
}

export interface NumberChange {
  contractNo: string;
  requestId: string;
  released: ResourceView;
  taken: ResourceView;
}

export function parseRequest<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(request)'}: ${i.message}`);
  throw new InventoryError('InvalidRequest', `inventory request is invalid: ${problems.join('; ')}`, {
    problems,
  });
}
