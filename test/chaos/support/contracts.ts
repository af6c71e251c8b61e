/**
 * Contracts for chaos runs on a real-time server, built from the seeds so every number comes from a
 * contract. On a dev server time cannot be skipped, so dates are moved instead:
 *  - onboard (000 call-centre, 003 400-number): signed today; a distinct special number per contract
 *    (96110 can belong to one contract only), accepted by the customer's sign-off.
 *  - dunning (001 dedicated lines): term running; billing reports an invoice overdue long enough that
 *    001 clause 2.3.4 suspends today, then the payment resumes service with its late fee.
 *  - renewal (001): every date moved so the fixed term ended yesterday: the contract auto-renews
 *    (clause 11.1) as soon as billing starts, and its first instalment is one day late.
 * 001 keeps one of its 30 lines, so the circuit pool holds a contract per scenario and then some.
 */
import { addDays, daysBetween, localDateOf, type IsoDate } from '../../../domain/calendar';
import { dunningLadder, lateFee } from '../../../domain/clauses/dunning';
import { ContractSpecSchema, type ContractSpec } from '../../../domain/contract-spec';
import { shiftContractDays } from '../../../domain/lifecycle/rebase';
import { rawSeed } from '../../domain/seed-fixtures';

export type ContractKind = 'onboard' | 'onboard-400' | 'dunning' | 'renewal';

export interface ChaosContract {
  kind: ContractKind;
  spec: ContractSpec;
  /** Dunning: the invoice billing reports overdue. */
  overdue?: { invoiceId: string; amountDueFen: number; dueDate: IsoDate };
  /** The payment the driver signals (dunning and renewal) and the late fee it must bring. */
  payment?: { paymentId: string; invoiceId: string; amountFen: number; lateFeeFen: number };
}

const SPECIAL_NUMBERS = ['96110', '96111', '96112', '96115', '96118', '96119', '96120', '96128', '96150'];

export const today = (): IsoDate => localDateOf(Date.now());

function parse(raw: unknown): ContractSpec {
  return ContractSpecSchema.parse(raw);
}

/** Move a seed's dates by whole days so that the date `pick` names lands on `to`. */
function moved(raw: unknown, pick: (s: ContractSpec) => IsoDate, to: IsoDate): ContractSpec {
  const spec = parse(raw);
  return shiftContractDays(spec, daysBetween(pick(spec), to));
}

const signed = (s: ContractSpec) => s.signedDate;
/** 001's fixed term: its first or last day. */
const termDay = (which: 'start' | 'end') => (s: ContractSpec) => {
  const day = s.clauses.term[which];
  if (day.kind !== 'fixed') throw new Error(`${s.contractNo}: the term's ${which} is not a fixed date`);
  return day.date;
};

function withNo(spec: ContractSpec, contractNo: string): ContractSpec {
  return parse({ ...spec, contractNo });
}

function onboard(contractNo: string, index: number): ChaosContract {
  const raw = rawSeed('000');
  raw.resources.numbers[0].preferred = SPECIAL_NUMBERS[index % SPECIAL_NUMBERS.length];
  const spec = moved(raw, signed, today());
  return { kind: 'onboard', spec: withNo(spec, contractNo) };
}

function onboard400(contractNo: string): ChaosContract {
  const raw = rawSeed('003');
  return { kind: 'onboard-400', spec: withNo(moved(raw, signed, today()), contractNo) };
}

function oneLine001(): ReturnType<typeof rawSeed> {
  const raw = rawSeed('001');
  raw.resources.dedicatedLines = [{ ...raw.resources.dedicatedLines[0], count: 1 }];
  return raw;
}

/** The latest due date whose suspension day has come and whose termination day has not. */
function dueDateSuspendingToday(spec: ContractSpec): IsoDate {
  const day = today();
  for (let due = addDays(day, -1); due > addDays(day, -400); due = addDays(due, -1)) {
    const ladder = dunningLadder(spec, due, day);
    if (ladder.suspension.kind !== 'from-date' || ladder.suspension.date > day) continue;
    if (ladder.termination.kind === 'from-date' && ladder.termination.date <= day) continue;
    return due;
  }
  throw new Error(`${spec.contractNo}: no due date makes dunning suspend today`);
}

function dunning(contractNo: string): ChaosContract {
  const raw = oneLine001();
  // The term began a month ago and runs most of a year more.
  const spec = withNo(moved(raw, termDay('start'), addDays(today(), -30)), contractNo);
  const dueDate = dueDateSuspendingToday(spec);
  const amountDueFen = spec.lineItems[0]!.unitPriceFen;
  const invoiceId = `INV-${contractNo}-1`;
  return {
    kind: 'dunning',
    spec,
    overdue: { invoiceId, amountDueFen, dueDate },
    payment: {
      paymentId: `PAY-${contractNo}-1`,
      invoiceId,
      amountFen: amountDueFen,
      lateFeeFen: lateFee(spec, amountDueFen, dueDate, today()).feeFen,
    },
  };
}

function renewal(contractNo: string): ChaosContract {
  const raw = oneLine001();
  const spec = withNo(moved(raw, termDay('end'), addDays(today(), -1)), contractNo);
  const plan = spec.clauses.payment.plans.find((p) => p.kind === 'instalments');
  const first = plan?.kind === 'instalments' ? plan.instalments[0] : undefined;
  if (!plan || first?.due.kind !== 'on-date') throw new Error('001 is expected to have dated instalments');
  const invoiceId = `${plan.ref}#1`;
  return {
    kind: 'renewal',
    spec,
    payment: {
      paymentId: `PAY-${contractNo}-1`,
      invoiceId,
      amountFen: first.amountFen,
      lateFeeFen: lateFee(spec, first.amountFen, first.due.date, today()).feeFen,
    },
  };
}

/** `tag` keeps contract numbers apart between scenarios (one Temporal namespace per run). */
export function chaosContracts(
  tag: string,
  counts: { onboard: number; dunning: number; renewal: number; onboard400?: number },
): ChaosContract[] {
  const no = (kind: string, i: number) => `CHAOS-${tag}-${kind}-${String(i + 1).padStart(2, '0')}`;
  return [
    ...Array.from({ length: counts.onboard }, (_, i) => onboard(no('ONB', i), i)),
    ...Array.from({ length: counts.onboard400 ?? 0 }, (_, i) => onboard400(no('400', i))),
    ...Array.from({ length: counts.dunning }, (_, i) => dunning(no('DUN', i))),
    ...Array.from({ length: counts.renewal }, (_, i) => renewal(no('REN', i))),
  ];
}
