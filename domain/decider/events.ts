/**
 * What happened to a contract, in order. Published events are the catalogue's (their data without the
 * contract number, which the workflow adds) and go to Kafka; internal events only change the state
 * (a document handed in, a line confirmed, an effect asked for) and stay in the workflow's history.
 */
import type { IsoDate, YearMonth } from '../calendar';
import type { ContractEventData, ContractEventType } from '../events/catalogue';
import type { HeldResource } from '../lifecycle/resources';
import type { Outcome } from '../lifecycle/stages';
import type { ChecklistItem } from '../lifecycle/status';
import type { AwaitingInvoice } from '../clauses/payments';
import type { Effect } from './effects';
import type { Fact } from './inputs';
import type { ContractState, OpenViolation, Receivable } from './state';

export type PublishedData<T extends ContractEventType> = Omit<ContractEventData<T>, 'contractNo'>;

/** Set by the workflow once the event is on Kafka: its CloudEvent id and the local date it went out. */
export interface Publication {
  id: string;
  on: IsoDate;
}

export type PublishedEvent = {
  [T in ContractEventType]: { type: T; data: PublishedData<T>; published?: Publication };
}[ContractEventType];

export type InternalEvent =
  | { type: 'decision-recorded'; at: string; action: string; by: string; detail?: string }
  | { type: 'checklist-opened'; items: ChecklistItem[] }
  | { type: 'document-submitted'; documentType: string; documentRef: string; by: string }
  | {
      type: 'qualification-decided';
      decision: 'approved' | 'rejected';
      by: string;
      date: IsoDate;
      reason?: string;
    }
  | { type: 'resources-held'; resources: HeldResource[]; reservationId?: string }
  | { type: 'network-activated'; lines: number }
  | { type: 'provisioning-failed'; reason: string }
  | { type: 'activation-deadline-set'; deadline: IsoDate; calendarDataMissing: boolean }
  | { type: 'line-confirmed'; lineIndex: number; circuitId: string; testedBy: string }
  | { type: 'obligation-claimed'; obligationId: string; by: string; since: string }
  | { type: 'obligation-released'; obligationId: string }
  | { type: 'icp-filing-recorded'; filingNo: string }
  | { type: 'campaign-script-approved'; scriptId: string }
  | { type: 'completion-noticed'; date: IsoDate }
  | { type: 'acceptance-window-opened'; window: NonNullable<ContractState['acceptanceWindow']> }
  | {
      type: 'acceptance-answered';
      answer: NonNullable<ContractState['acceptance']>;
      activationDate: IsoDate;
    }
  | { type: 'objection-raised'; date: IsoDate; reason: string }
  | { type: 'receivables-scheduled'; receivables: Receivable[] }
  | { type: 'receivable-added'; receivable: Receivable }
  | { type: 'first-term-started'; start: IsoDate }
  | { type: 'invoices-awaited'; invoices: AwaitingInvoice[] }
  | { type: 'invoice-arrived'; invoiceId: string }
  | { type: 'usage-recorded'; usage: ContractState['usage'][number] }
  | { type: 'free-month-chosen'; month: YearMonth }
  | { type: 'fact-parked'; fact: Fact }
  | { type: 'parked-facts-released' }
  | { type: 'payment-allocated'; receivableId: string; amountFen: number }
  | { type: 'termination-scheduled'; date: IsoDate; outcome: Outcome; clause?: string }
  | { type: 'termination-cancelled' }
  | { type: 'violation-opened'; violation: OpenViolation }
  | { type: 'violation-failed'; violationId: string }
  | { type: 'flag-raised'; flag: string }
  | { type: 'resources-replaced'; removed: string[]; added: HeldResource[] }
  | { type: 'ending-started'; outcome: Outcome; stopDate: IsoDate; clause?: string }
  | { type: 'effect-requested'; effect: Effect }
  | { type: 'effect-answered'; effectId: string; ok: boolean; error?: string };

export type DomainEvent = PublishedEvent | InternalEvent;

export const isPublished = (e: DomainEvent): e is PublishedEvent => e.type.startsWith('telecom.');

/** Fields that carry the money an event is about, in the order the timeline prefers them. */
const AMOUNT_FIELDS = ['amountFen', 'amountDueFen', 'penaltyAccruedFen', 'arrearsFen', 'outstandingFen'];

/** The amount (fen) a published event is about, for the status's timeline; none for events without money. */
export function amountOf(e: PublishedEvent): number | undefined {
  const data = e.data as Record<string, unknown>;
  const field = AMOUNT_FIELDS.find((f) => typeof data[f] === 'number');
  return field ? (data[field] as number) : undefined;
}
