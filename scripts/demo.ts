/**
 * The demo driver (`npm run demo` starts the services, worker and API first): onboards the five seed
 * contracts through the API as a sales system would, drives four to billing start as the reviewer,
 * field engineers and customer would (through the API), and leaves the thirty-line 001 contract
 * waiting in the inbox for a person to take through in the console. Then prints where to look and a
 * live summary.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { localDateOf } from '../domain/calendar';
import { assertContractSpec, type ContractSpec } from '../domain/contract-spec';
import { signedOn } from '../domain/lifecycle/rebase';
import { renderTable } from '../clients/cli/table';
import { shortType } from '../clients/cli/format';
import { billingStarted, play } from '../clients/sdk/player';
import type { ContractStatus } from '../clients/sdk/api-contract';
import { HttpContractsClient } from '../clients/sdk/http';

const apiUrl = process.env.TCO_API_URL ?? 'http://127.0.0.1:8080';
const sales = new HttpContractsClient({ baseUrl: apiUrl, apiKey: requireEnv('DEMO_SALES_KEY') });
const engineer = new HttpContractsClient({ baseUrl: apiUrl, apiKey: requireEnv('DEMO_ENGINEER_KEY') });
/** The seed a person takes through in the console: 30 dedicated lines (contract 001). */
const LEFT_FOR_A_PERSON = 'JSCZE2208138CGN00';

/** The seeds as if signed today; the number carries the date so a rerun the same day is idempotent. */
function seedsSignedToday(): ContractSpec[] {
  const today = localDateOf(Date.now());
  const dir = join(__dirname, '..', 'contracts');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => assertContractSpec(JSON.parse(readFileSync(join(dir, f), 'utf8'))))
    .map((seed) => {
      const spec = signedOn(seed, today);
      return { ...spec, contractNo: `${seed.contractNo}-${today.slice(2).replaceAll('-', '')}` };
    });
}

async function main(): Promise<void> {
  const specs = seedsSignedToday();
  console.log(`Onboarding ${specs.length} seed contracts through ${apiUrl} (signed today)…`);
  for (const spec of specs) {
    const r = await sales.onboard(spec);
    console.log(`  ${r.created ? 'created ' : 'existing'} ${spec.contractNo}  ${spec.parties.customer.name}`);
  }

  const driven = specs.filter((s) => !s.contractNo.startsWith(LEFT_FOR_A_PERSON));
  const waiting = specs.find((s) => s.contractNo.startsWith(LEFT_FOR_A_PERSON));
  console.log('\nDriving four to billing start as the reviewer, field engineers and customer would…');
  const done = await Promise.all(
    driven.map((spec) =>
      play(engineer, spec.contractNo, {
        cast: { reviewer: 'reviewer-li', engineer: 'engineer-wang', customer: 'customer-representative' },
        until: billingStarted,
        timeoutMs: 180_000,
        pollMs: 250,
        onMove: (move, s) => console.log(`  ${spec.contractNo}: ${move.obligation.summary} → ${s.stage}`),
      }),
    ),
  );
  const left = waiting ? [await engineer.get(waiting.contractNo)] : [];
  console.log(`\n${summary([...done, ...left])}`);
  printWhereToLook(driven[0]?.contractNo ?? '', waiting?.contractNo ?? '');

  if (process.env.DEMO_EXIT === '1' || !process.stdout.isTTY) return;
  // Live summary: the contracts keep running (timers, billing) while the demo stays up.
  for (;;) {
    await new Promise((r) => setTimeout(r, 5_000));
    const now = await Promise.all(specs.map((s) => engineer.get(s.contractNo)));
    console.log(`\n[${new Date().toISOString()}]\n${summary(now)}`);
  }
}

function summary(statuses: ContractStatus[]): string {
  return renderTable(
    ['CONTRACT', 'CUSTOMER', 'STAGE', 'ACTIVATED', 'BILLING', 'LAST EVENT', 'WAITING FOR'],
    statuses.map((s) => [
      s.contractNo,
      s.customerName,
      s.stage,
      s.term.activationDate ?? '',
      billingStarted(s) ? 'started' : 'not yet',
      shortType(s.events.at(-1)?.type ?? ''),
      s.waitingFor,
    ]),
    44,
  );
}

function printWhereToLook(example: string, waiting: string): void {
  const ui = `http://127.0.0.1:${process.env.TEMPORAL_UI_PORT ?? '8233'}`;
  console.log(`
Four contracts reached billing start. ${waiting} (30 dedicated lines) waits in the inbox for you:
review its documents, approve, confirm the lines and issue the completion notice in the console.

Where to look:
  Console          ${apiUrl}/console
                   sign in with the engineer key: ${process.env.DEMO_ENGINEER_KEY}
                   (sales: ${process.env.DEMO_SALES_KEY})
  Temporal Web UI  ${ui}/namespaces/default/workflows?query=${encodeURIComponent("WorkflowType='contractLifecycle'")}
  API docs         ${apiUrl}/docs   (OpenAPI: ${apiUrl}/openapi.json)
  Kafka            127.0.0.1:${process.env.KAFKA_PORT ?? '9092'}  topic contract.lifecycle.v1 (billing: contract.billing.v1)
  CLI              export TCO_API_KEY=${process.env.DEMO_ENGINEER_KEY}
                   npx tco inbox; npx tco status ${example}; npx tco list --stage active
`);
}

function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (npm run demo sets it)`);
  return value;
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
