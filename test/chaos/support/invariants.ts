/**
 * The invariants every chaos scenario ends with, each read from its real source:
 *  Temporal   — every contract running, in the stage and term it should be, no workflow task failed;
 *  Kafka      — each contract's lifecycle events all arrived, in the order the workflow emitted them,
 *               none twice after de-duplication by event id;
 *  billing    — the reference consumer booked each billing event (billing-started, charges…) exactly
 *               once, in order, and its ledger holds the late fee the contract says;
 *  inventory  — replaying PostgreSQL's audit trail, no resource was ever taken by a second contract
 *               while the first held it; each contract holds what its workflow believes, nothing held.
 */
import { temporal } from '@temporalio/proto';
import { Client as PgClient } from 'pg';
import { routeEvent, type ContractEventType } from '../../../domain/events/catalogue';
import { waitFor } from '../../support/wait';
import type { ChaosDriver } from './driver';
import type { Observers } from './observers';

export interface Check {
  name: string;
  passed: boolean;
  detail?: string;
}

export interface RunFacts {
  checks: Check[];
  /** Copies the consumer dropped as duplicates (a publish retried after a crash or outage). */
  duplicatesDropped: number;
  workflowTaskTimeouts: number;
  activityTimeouts: number;
}

const EventType = temporal.api.enums.v1.EventType;
const TAKEN = new Set(['held', 'assigned', 'suspended']);

function check(checks: Check[], name: string, passed: boolean, detail?: string): void {
  checks.push({ name, passed, ...(passed ? {} : { detail }) });
}

const unique = (ids: string[]) => [...new Set(ids)];

export async function checkInvariants(
  drivers: ChaosDriver[],
  observers: Observers,
  databaseUrl: string,
): Promise<RunFacts> {
  const facts: RunFacts = { checks: [], duplicatesDropped: 0, workflowTaskTimeouts: 0, activityTimeouts: 0 };
  await awaitDelivery(drivers, observers);
  for (const d of drivers) await checkContract(d, observers, facts);
  facts.duplicatesDropped = observers.billing.filter(
    (b) => b.outcome === 'duplicate' && drivers.some((d) => d.contractNo === b.contractNo),
  ).length;
  await checkInventory(drivers, databaseUrl, facts.checks);
  return facts;
}

/** Consumers lag behind the workflows (more so after an outage): wait until each event arrived once. */
async function awaitDelivery(drivers: ChaosDriver[], observers: Observers): Promise<void> {
  const arrived = async (d: ChaosDriver) => {
    const emitted = (await d.status())?.events ?? [];
    const ids = new Set(observers.lifecycle.filter((e) => e.contractNo === d.contractNo).map((e) => e.id));
    const billed = new Set(observers.billing.filter((e) => e.contractNo === d.contractNo).map((e) => e.id));
    const billing = emitted.filter((e) => routeEvent(e.type as ContractEventType).includes('billing'));
    return emitted.every((e) => ids.has(e.id)) && billing.every((e) => billed.has(e.id));
  };
  await waitFor(
    'every emitted event on the lifecycle topic and in the billing ledger',
    async () => ((await Promise.all(drivers.map(arrived))).every(Boolean) ? true : undefined),
    { timeoutMs: 3 * 60_000, intervalMs: 500 },
  ).catch(() => undefined); // the checks below then say exactly what is missing
}

/** History events of every run of the contract, following continue-as-new from the first run. */
async function allRuns(d: ChaosDriver, firstRunId: string | null | undefined) {
  const events: temporal.api.history.v1.IHistoryEvent[] = [];
  let runId = firstRunId ?? undefined;
  for (let runs = 0; runs < 20; runs++) {
    const history = await d.client.workflow.getHandle(d.handle.workflowId, runId).fetchHistory();
    events.push(...(history.events ?? []));
    const next = history.events?.at(-1)?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId;
    if (!next) break;
    runId = next;
  }
  return events;
}

async function checkContract(d: ChaosDriver, observers: Observers, facts: RunFacts): Promise<void> {
  const { checks } = facts;
  const no = d.contractNo;
  const description = await d.handle.describe();
  check(checks, `${no}: workflow running`, description.status.name === 'RUNNING', description.status.name);
  const s = await d.status();
  const want = d.expectedEnd();
  check(
    checks,
    `${no}: stage ${want.stage}, term ${want.term}`,
    s?.stage === want.stage && s.term.number === want.term,
    `stage ${s?.stage}, term ${s?.term.number}`,
  );

  const types = (await allRuns(d, description.raw.workflowExecutionInfo?.firstRunId)).map((e) => e.eventType);
  const failedTasks = types.filter((t) => t === EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED).length;
  check(checks, `${no}: no workflow task failed`, failedTasks === 0, `${failedTasks} failed`);
  facts.workflowTaskTimeouts += types.filter(
    (t) => t === EventType.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT,
  ).length;
  facts.activityTimeouts += types.filter((t) => t === EventType.EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT).length;

  const emitted = s?.events ?? [];
  const arrived = unique(observers.lifecycle.filter((e) => e.contractNo === no).map((e) => e.id));
  check(
    checks,
    `${no}: all ${emitted.length} lifecycle events arrived once, in emit order`,
    JSON.stringify(arrived) === JSON.stringify(emitted.map((e) => e.id)),
    `emitted ${emitted.map((e) => e.type).join(',')}; arrived ${arrived.length}`,
  );

  const billingEmitted = emitted.filter((e) => routeEvent(e.type as ContractEventType).includes('billing'));
  const booked = observers.billing.filter((b) => b.contractNo === no && b.outcome === 'applied');
  check(
    checks,
    `${no}: ${billingEmitted.length} billing events booked exactly once, in order`,
    JSON.stringify(booked.map((b) => b.id)) === JSON.stringify(billingEmitted.map((e) => e.id)),
    `emitted ${billingEmitted.map((e) => e.type).join(',')}; booked ${booked.map((b) => b.type).join(',')}`,
  );
  const count = (type: string) => booked.filter((b) => b.type === type).length;
  check(checks, `${no}: billing-started booked once`, count('telecom.contract.billing-started.v1') === 1);
  const lateFee = d.contract.payment?.lateFeeFen ?? 0;
  const ledger = await observers.ledger.exportContract(no);
  const charges = ledger?.ledger.filter((e) => e.kind === 'charge') ?? [];
  check(
    checks,
    `${no}: ledger charges ${lateFee} fen in ${lateFee ? 1 : 0} entry`,
    ledger?.totals.chargesFen === lateFee && charges.length === (lateFee ? 1 : 0),
    `ledger charges ${ledger?.totals.chargesFen} in ${charges.length} entries`,
  );
}

interface AuditRow {
  kind: string;
  value: string;
  contract_no: string | null;
  from_state: string | null;
  to_state: string;
}

async function checkInventory(drivers: ChaosDriver[], databaseUrl: string, checks: Check[]): Promise<void> {
  const pg = new PgClient({ connectionString: databaseUrl });
  await pg.connect();
  try {
    const audit = await pg.query<AuditRow>(
      'select kind, value, contract_no, from_state, to_state from inventory_audit order by id',
    );
    const owner = new Map<string, { state: string; contractNo: string | null }>();
    const doubles: string[] = [];
    for (const r of audit.rows) {
      const key = `${r.kind}:${r.value}`;
      const before = owner.get(key);
      if (TAKEN.has(r.to_state) && before && TAKEN.has(before.state) && before.contractNo !== r.contract_no) {
        doubles.push(`${key} taken by ${r.contract_no} while ${before.contractNo} held it`);
      }
      owner.set(key, { state: r.to_state, contractNo: TAKEN.has(r.to_state) ? r.contract_no : null });
    }
    check(
      checks,
      `inventory: no resource taken by two contracts (${audit.rows.length} audit entries replayed)`,
      doubles.length === 0,
      doubles.slice(0, 5).join('; '),
    );
    for (const d of drivers) {
      const rows = await pg.query<{ kind: string; value: string; state: string }>(
        'select kind, value, state from resource where contract_no = $1 order by kind, value',
        [d.contractNo],
      );
      const s = await d.status();
      const believed = (s?.resources ?? []).map((r) => `${r.kind}:${r.value}`).sort();
      const held = rows.rows.map((r) => `${r.kind}:${r.value}`).sort();
      check(
        checks,
        `${d.contractNo}: inventory holds exactly the ${believed.length} resources the workflow holds, all in service`,
        believed.length > 0 &&
          JSON.stringify(held) === JSON.stringify(believed) &&
          rows.rows.every((r) => r.state === 'assigned'),
        `inventory ${rows.rows.map((r) => `${r.kind}:${r.value}=${r.state}`).join(',')}; workflow ${believed.join(',')}`,
      );
    }
  } finally {
    await pg.end();
  }
}

export const failed = (checks: Check[]) => checks.filter((c) => !c.passed);
