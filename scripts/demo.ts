/**
 * The demo driver (`npm run demo` starts the services, worker and API first): onboards the five seed
 * contracts through the API as a sales system would, drives each to billing start as the reviewer,
 * field engineers and customer would (through the API), then prints where to look and a live summary.
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

  console.log('\nDriving each to billing start as the reviewer, field engineers and customer would…');
  const done = await Promise.all(
    specs.map((spec) =>
      play(engineer, spec.contractNo, {
        cast: { reviewer: 'reviewer-li', engineer: 'engineer-wang', customer: 'customer-representative' },
        until: billingStarted,
        timeoutMs: 180_000,
        pollMs: 250,
        onMove: (move, s) => console.log(`  ${spec.contractNo}: ${move.obligation.summary} → ${s.stage}`),
      }),
    ),
  );
  console.log(`\n${summary(done)}`);
  printWhereToLook(specs[0]?.contractNo ?? '');

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

function printWhereToLook(example: string): void {
  const ui = `http://127.0.0.1:${process.env.TEMPORAL_UI_PORT ?? '8233'}`;
  console.log(`
All five contracts reached billing start.

Where to look:
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
