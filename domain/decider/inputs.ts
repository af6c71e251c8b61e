/**
 * What can happen to a contract: it starts, a person acts (an Update), another system states a fact
 * (a Signal), a contract date arrives (a tick), or an effect the decider asked for answers.
 */
import type {
  ComplaintRecorded,
  InvoiceIssued,
  InvoiceOverdue,
  PaymentReceived,
  UsageReported,
  ViolationRecorded,
} from '../events/intake';
import type { ActionName } from '../lifecycle/actions';
import type { EffectResult } from './effects';

export type Fact =
  | { fact: 'payment-received'; data: PaymentReceived }
  | { fact: 'invoice-overdue'; data: InvoiceOverdue }
  | { fact: 'invoice-issued'; data: InvoiceIssued }
  | { fact: 'usage-reported'; data: UsageReported }
  | { fact: 'complaint-recorded'; data: ComplaintRecorded }
  | { fact: 'violation-recorded'; data: ViolationRecorded };

export type FactName = Fact['fact'];
export const FACT_NAMES = [
  'payment-received',
  'invoice-overdue',
  'invoice-issued',
  'usage-reported',
  'complaint-recorded',
  'violation-recorded',
] as const satisfies readonly FactName[];

export interface StartOptions {
  requestedBy: string;
  requestId: string;
  /** Working days a qualification review may take before it is escalated. */
  reviewWorkingDays: number;
}

/** `at`: the instant (ISO) the input arrived, for the decision log. */
export type Input =
  | ({ kind: 'start'; at: string } & StartOptions)
  | { kind: 'action'; action: ActionName; payload: unknown; at: string }
  | ({ kind: 'fact'; at: string } & Fact)
  | { kind: 'tick'; at: string }
  | ({ kind: 'effect-result'; effectId: string; at: string } & EffectResult);
