/**
 * The smaller real-server run of the API fuzz (issue #9 item 5): the API over the real Temporal dev
 * server with the real contract worker, one contract onboarded and waiting in qualification. Hostile
 * onboarding bodies and hostile or wrong-stage actions on that contract (FUZZ_RUNS / 10, at least 50
 * each) answer 4xx, never 5xx; afterwards the contract is still in qualification with no accepted
 * action in its history, and no contract of the seed numbers was started on this task queue.
 */
import fc from 'fast-check';
import type { Role } from '../../clients/sdk/api-contract';
import { waitFor } from '../support/wait';
import { startApiTestEnv, uniqueSpec, workflowExists, type ApiTestEnv } from '../clients/api/support';
import { API_FAMILIES, type HostileRequest } from './support/api-cases';
import { FUZZ_RUNS, FUZZ_SEED, loadSeeds } from './support/hostile';
import { FuzzReport } from './support/report';

const RUNS = Math.max(50, Math.round(FUZZ_RUNS / 10));
const report = new FuzzReport('api-real-server');
const spec = uniqueSpec();
const SEED_NO = loadSeeds()[0]!.contractNo;
let env: ApiTestEnv;

beforeAll(async () => {
  env = await startApiTestEnv('fuzz');
  await env.http('sales').onboard(spec);
  await waitFor('the contract in qualification', async () => {
    const status = await env
      .http('engineer')
      .get(spec.contractNo)
      .catch(() => undefined);
    return status?.stage === 'qualification' ? status : undefined;
  });
});

afterAll(async () => {
  await env?.temporal.workflow
    .getHandle(`contract-${spec.contractNo}`)
    .terminate('test over')
    .catch(() => undefined);
  await env?.stop();
  report.write({ requestsPerFamily: RUNS });
});

async function send(family: string, r: HostileRequest): Promise<number> {
  const headers: Record<string, string> = {};
  if (r.contentType) headers['content-type'] = r.contentType;
  const role = r.key as Role;
  if (env.keys[role]) headers.authorization = `Bearer ${env.keys[role]}`;
  const res = await fetch(`${env.baseUrl}${r.path}`, {
    method: r.method,
    headers,
    body: r.body,
    signal: AbortSignal.timeout(30_000),
  });
  await res.text();
  report.record(family, res.status);
  return res.status;
}

/** Hostile cases that cannot be valid, so none may onboard a seed under its real number. */
const refusedOnboarding = () =>
  fc
    .sample(API_FAMILIES.onboarding!(), { numRuns: RUNS * 3, seed: FUZZ_SEED })
    .filter((r) => r.expect === 'refused')
    .slice(0, RUNS);

/** Action cases aimed at the running contract; valid inputs only for actions of other stages. */
const actionsOnTheContract = () =>
  fc
    .sample(API_FAMILIES.actions!(), { numRuns: RUNS * 3, seed: FUZZ_SEED })
    .filter((r) => r.expect === 'refused' || !/\/actions\/(approve|reject)$/.test(r.path))
    .map((r) => ({
      ...r,
      path: r.path.replace(`/v1/contracts/${SEED_NO}/`, `/v1/contracts/${spec.contractNo}/`),
    }))
    .slice(0, RUNS);

test(`hostile onboarding bodies and hostile or wrong-stage actions: 4xx, never 5xx, nothing changed`, async () => {
  const each = (family: string, cases: HostileRequest[]) =>
    report.time(family, async () => {
      for (const r of cases) {
        const status = await send(family, r);
        expect({ case: r.label, path: r.path, status, refused: status >= 400 && status < 500 }).toMatchObject(
          {
            refused: true,
          },
        );
      }
    });
  await each('onboarding', refusedOnboarding());
  await each('actions', actionsOnTheContract());
  expect(report.figures('onboarding')!.inputs).toBeGreaterThanOrEqual(RUNS);
  expect(report.figures('actions')!.inputs).toBeGreaterThanOrEqual(RUNS);
  expect(report.figures('actions')!.outcomes[409]).toBeGreaterThan(0); // wrong stage, refused by the workflow

  const status = await env.http('engineer').get(spec.contractNo);
  expect(status.stage).toBe('qualification');
  const { events } = await env.temporal.workflow.getHandle(`contract-${spec.contractNo}`).fetchHistory();
  const accepted = events!.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes);
  expect(accepted).toHaveLength(1); // the onboarding handshake, nothing else
  for (const seed of loadSeeds()) {
    if (!(await workflowExists(env, seed.contractNo))) continue;
    const description = await env.temporal.workflow.getHandle(`contract-${seed.contractNo}`).describe();
    expect(description.taskQueue).not.toBe(env.taskQueue);
  }
});
