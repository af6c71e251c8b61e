/**
 * The reference consumer's ledger, in embedded Postgres (PGlite): three tables a billing team can
 * recreate in its own database. One transaction per event: the event id is recorded together with its
 * effects, so a redelivered event is recognised and dropped, and a crash never books half an event.
 */
import type { PGlite, Transaction } from '@electric-sql/pglite';
import type { ContractEvent } from '../../domain/events/catalogue';
import {
  billingEffects,
  type BillingStatus,
  type BillingTerms,
  type LedgerEntry,
  type RatingLine,
} from './ledger';
import { loadPGlite } from './pglite';
import { billingSchedule, type ScheduledCharge } from './schedule';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS processed_event (
    event_id    text PRIMARY KEY,
    event_type  text NOT NULL,
    contract_no text NOT NULL,
    event_time  text NOT NULL
  );
  CREATE TABLE IF NOT EXISTS billing_contract (
    contract_no            text PRIMARY KEY,
    status                 text NOT NULL DEFAULT 'pending',
    activation_date        text,
    term_start             text,
    term_end               text,
    billing_cycle          text,
    stop_billing_date      text,
    first_month_credit_fen bigint,
    rating_lines           jsonb
  );
  CREATE TABLE IF NOT EXISTS ledger_entry (
    contract_no text NOT NULL,
    entry_id    text NOT NULL,
    event_id    text NOT NULL REFERENCES processed_event (event_id),
    entry_date  text NOT NULL,
    kind        text NOT NULL,
    amount_fen  bigint NOT NULL,
    description text NOT NULL,
    clause_ref  text,
    PRIMARY KEY (contract_no, entry_id)
  );
`;

/** BillingTerms field → column; only fields an event sets are written. */
const TERM_COLUMNS: Record<keyof BillingTerms, string> = {
  status: 'status',
  activationDate: 'activation_date',
  termStart: 'term_start',
  termEnd: 'term_end',
  billingCycle: 'billing_cycle',
  stopBillingDate: 'stop_billing_date',
  firstMonthCreditFen: 'first_month_credit_fen',
  ratingLines: 'rating_lines',
};

export interface ContractExport {
  contractNo: string;
  status: BillingStatus;
  terms: BillingTerms;
  schedule: ScheduledCharge[];
  ledger: LedgerEntry[];
  totals: { scheduledFen: number; chargesFen: number; creditsFen: number; paymentsFen: number };
  eventsProcessed: number;
}

export interface LedgerStore {
  /** Books the event's effects once; 'duplicate' when its id was seen before. */
  record(event: ContractEvent): Promise<'applied' | 'duplicate'>;
  exportContract(contractNo: string): Promise<ContractExport | undefined>;
  /** Resolves when the ledger database answers (readiness); wrappers may leave it out. */
  ping?(): Promise<void>;
  close(): Promise<void>;
}

async function applyTerms(tx: Transaction, contractNo: string, terms: BillingTerms): Promise<void> {
  await tx.query('INSERT INTO billing_contract (contract_no) VALUES ($1) ON CONFLICT DO NOTHING', [
    contractNo,
  ]);
  const fields = Object.entries(terms) as Array<[keyof BillingTerms, unknown]>;
  if (fields.length === 0) return;
  const sets = fields.map(([field], i) => `${TERM_COLUMNS[field]} = $${i + 2}`).join(', ');
  const values = fields.map(([field, value]) =>
    field === 'ratingLines' ? JSON.stringify(value) : (value ?? null),
  );
  await tx.query(`UPDATE billing_contract SET ${sets} WHERE contract_no = $1`, [contractNo, ...values]);
}

async function bookEntry(
  tx: Transaction,
  contractNo: string,
  eventId: string,
  e: LedgerEntry,
): Promise<void> {
  await tx.query(
    `INSERT INTO ledger_entry (contract_no, entry_id, event_id, entry_date, kind, amount_fen, description, clause_ref)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`,
    [contractNo, e.entryId, eventId, e.entryDate, e.kind, e.amountFen, e.description, e.clauseRef ?? null],
  );
}

interface ContractRow {
  status: BillingStatus;
  activation_date: string | null;
  term_start: string | null;
  term_end: string | null;
  billing_cycle: string | null;
  stop_billing_date: string | null;
  first_month_credit_fen: number | string | null;
  rating_lines: RatingLine[] | null;
}

interface EntryRow {
  entry_id: string;
  entry_date: string;
  kind: LedgerEntry['kind'];
  amount_fen: number | string;
  description: string;
  clause_ref: string | null;
}

function termsOf(row: ContractRow): BillingTerms {
  const terms: BillingTerms = {
    status: row.status,
    activationDate: row.activation_date ?? undefined,
    termStart: row.term_start ?? undefined,
    termEnd: row.term_end ?? undefined,
    billingCycle: row.billing_cycle ?? undefined,
    stopBillingDate: row.stop_billing_date ?? undefined,
    firstMonthCreditFen: row.first_month_credit_fen === null ? undefined : Number(row.first_month_credit_fen),
    ratingLines: row.rating_lines ?? undefined,
  };
  return Object.fromEntries(Object.entries(terms).filter(([, v]) => v !== undefined));
}

const entryOf = (r: EntryRow): LedgerEntry => ({
  entryId: r.entry_id,
  entryDate: r.entry_date,
  kind: r.kind,
  amountFen: Number(r.amount_fen),
  description: r.description,
  ...(r.clause_ref ? { clauseRef: r.clause_ref } : {}),
});

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

async function exportContract(db: PGlite, contractNo: string): Promise<ContractExport | undefined> {
  const contract = await db.query<ContractRow>('SELECT * FROM billing_contract WHERE contract_no = $1', [
    contractNo,
  ]);
  const row = contract.rows[0];
  if (!row) return undefined;
  const entries = await db.query<EntryRow>(
    'SELECT * FROM ledger_entry WHERE contract_no = $1 ORDER BY entry_date, entry_id',
    [contractNo],
  );
  const count = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM processed_event WHERE contract_no = $1',
    [contractNo],
  );
  const terms = termsOf(row);
  const ledger = entries.rows.map(entryOf);
  const schedule = billingSchedule(terms);
  const of = (kind: LedgerEntry['kind']) =>
    sum(ledger.filter((e) => e.kind === kind).map((e) => e.amountFen));
  return {
    contractNo,
    status: row.status,
    terms,
    schedule,
    ledger,
    totals: {
      scheduledFen: sum(schedule.map((c) => c.amountFen)),
      chargesFen: of('charge'),
      creditsFen: of('credit'),
      paymentsFen: of('payment'),
    },
    eventsProcessed: count.rows[0]?.n ?? 0,
  };
}

/** `dataDir` undefined = in memory (tests); a directory = kept across restarts. */
export async function openLedgerStore(dataDir?: string): Promise<LedgerStore> {
  const { PGlite } = loadPGlite();
  const db = new PGlite(dataDir);
  await db.exec(SCHEMA);
  return {
    record: (event) =>
      db.transaction(async (tx) => {
        const seen = await tx.query(
          `INSERT INTO processed_event (event_id, event_type, contract_no, event_time) VALUES ($1, $2, $3, $4)
           ON CONFLICT (event_id) DO NOTHING RETURNING event_id`,
          [event.id, event.type, event.subject, event.time],
        );
        if (seen.rows.length === 0) return 'duplicate' as const;
        const { entries, terms } = billingEffects(event);
        await applyTerms(tx, event.subject, terms);
        for (const entry of entries) await bookEntry(tx, event.subject, event.id, entry);
        return 'applied' as const;
      }),
    exportContract: (contractNo) => exportContract(db, contractNo),
    ping: async () => {
      await db.query('select 1');
    },
    close: () => db.close(),
  };
}
