/**
 * One onboarding through the HTTP API is one trace, from the API request to the billing consumer, on
 * the real Temporal dev server and Kafka broker. The API server, its Temporal client, the contract
 * worker (activities and the workflow sandbox, through the span sink) and the reference billing consumer
 * run in this jest process and share one in-memory exporter.
 *
 * Onboarding publishes nothing on the billing topic: the first billing event is `billing-started`,
 * decided after the customer signs off. Its publish activity is still in the onboarding's trace: the
 * workflow's main loop publishes every event, and activities scheduled from it are children of the
 * run's `RunWorkflow` span, whose parent is the onboarding's `UpdateWithStartWorkflow` call. (The
 * sign-off's own request is a trace of its own: HTTP span → StartWorkflowUpdate.)
 * `RunWorkflow` ends, and is exported, only when the run does: the test cancels the contract at the
 * end to see it.
 */
import { randomUUID } from 'node:crypto';
import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { Worker } from '@temporalio/worker';
import { billingStarted, play } from '../../clients/sdk/player';
import { createBillingConsumer, type BillingConsumer } from '../../clients/billing-consumer/consumer';
import { openLedgerStore, type LedgerStore } from '../../clients/billing-consumer/store';
import type { ContractEvent } from '../../domain/events/catalogue';
import { createKafka } from '../../platform/kafka';
import { createLogger } from '../../platform/logger';
import { workerTracing } from '../../platform/observability/temporal-tracing';
import { startTracing, type Tracing } from '../../platform/observability/tracing';
import { topicName } from '../../platform/topics';
import { bundleContractWorkflows } from '../../workers/workflow-bundle';
import { config, startApiTestEnv, uniqueSpec, type ApiTestEnv } from '../clients/api/support';
import { createEventProducer } from '../../activities/kafka/producer';
import { signedIntakeMessage } from '../../clients/sdk/intake';
import { createIntakeConsumer } from '../../workers/intake-consumer';
import { validateContractSpec } from '../../workers/intake';
import { intakeKeys } from '../support/intake-keys';
import { waitFor } from '../support/wait';
import { createPrivateTopics } from './events/private-topics';

const exporter = new InMemorySpanExporter();
let tracing: Tracing;
let env: ApiTestEnv;
let ledger: LedgerStore;
let billing: BillingConsumer;
/** What the billing consumer booked, as it read it from Kafka (the event, with its extension). */
const booked: ContractEvent[] = [];
/** The contract the first test onboarded with tracing on (its history is replayed by the last). */
let tracedWorkflowId: string | undefined;

beforeAll(async () => {
  // First: the Temporal client, the worker and its bundle pick up the process's tracing.
  tracing = startTracing('trace-test', { exporter });
  env = await startApiTestEnv('trace');
  const store = await openLedgerStore();
  ledger = {
    ...store,
    record: (event) => {
      booked.push(event);
      return store.record(event);
    },
  };
  billing = createBillingConsumer({
    kafka: createKafka(config.kafka, createLogger({ level: 'warn', pretty: false })),
    store: ledger,
    logger: createLogger({ level: 'warn', pretty: false }),
    groupId: `trace-test-${randomUUID()}`,
    topicPrefix: config.kafka.topicPrefix,
    fromBeginning: false,
  });
  await billing.start();
  await billing.ready();
});

afterAll(async () => {
  await billing?.stop();
  await ledger?.close();
  await env?.stop();
  await tracing?.shutdown();
});

const spans = () => exporter.getFinishedSpans();
const named = (trace: string, prefix: string) =>
  spans().filter((s) => s.spanContext().traceId === trace && s.name.startsWith(prefix));
const only = (list: ReadableSpan[], what: string): ReadableSpan => {
  if (list.length !== 1)
    throw new Error(`expected one ${what}, found ${list.length}: ${list.map((s) => s.name).join(', ')}`);
  return list[0]!;
};
const parentOf = (span: ReadableSpan) => span.parentSpanId;
const idOf = (span: ReadableSpan) => span.spanContext().spanId;

test('one onboarding through the API is one trace: API → Temporal client → workflow → publish activity → billing consumer', async () => {
  const spec = uniqueSpec();
  const no = spec.contractNo;
  const workflowId = `contract-${no}`;
  await env.http('sales').onboard(spec);
  tracedWorkflowId = workflowId;

  const api = only(
    spans().filter(
      (s) => s.name === 'HTTP POST /v1/contracts' && s.attributes['http.response.status_code'] === 201,
    ),
    'onboarding request span',
  );
  const traceId = api.spanContext().traceId;
  expect(api.kind).toBe(SpanKind.SERVER);
  expect(parentOf(api)).toBeUndefined(); // the caller sent no traceparent: the trace starts here
  expect(api.attributes).toEqual({
    'http.request.method': 'POST',
    'http.route': '/v1/contracts',
    'http.response.status_code': 201,
  });
  const start = only(named(traceId, 'UpdateWithStartWorkflow:onboard'), 'UpdateWithStartWorkflow span');
  expect(parentOf(start)).toBe(idOf(api));
  expect(start.attributes.temporalWorkflowId).toBe(workflowId);

  // Drive the contract to billing start through the API, as the reviewer, engineers and customer would.
  await play(env.http('engineer'), no, { until: billingStarted, timeoutMs: 120_000 });

  const consumed = await waitFor('the billing consumer to process billing-started', () =>
    spans().find(
      (s) =>
        s.kind === SpanKind.CONSUMER &&
        s.attributes['cloudevents.event_subject'] === no &&
        s.attributes['cloudevents.event_type'] === 'telecom.contract.billing-started.v1',
    ),
  );
  expect(consumed.name).toBe(`process ${topicName('billing', config.kafka.topicPrefix)}`);
  expect(consumed.attributes).toMatchObject({
    'messaging.system': 'kafka',
    'messaging.operation.type': 'process',
    'tco.billing.outcome': 'applied',
  });
  expect(consumed.spanContext().traceId).toBe(traceId);

  // Its parent is the publish activity's span, the child of the workflow's StartActivity.
  const publish = only(
    spans().filter((s) => idOf(s) === parentOf(consumed)),
    'publish activity span',
  );
  expect(publish.name).toBe('RunActivity:publishContractEvent');
  expect(publish.spanContext().traceId).toBe(traceId);
  expect(publish.attributes.temporalWorkflowId).toBe(workflowId);
  const scheduled = only(
    spans().filter((s) => idOf(s) === parentOf(publish)),
    'StartActivity span',
  );
  expect(scheduled.name).toBe('StartActivity:publishContractEvent');

  // The event on Kafka carries that span's context (CloudEvents distributed-tracing extension).
  const event = booked.find((e) => e.subject === no && e.type === 'telecom.contract.billing-started.v1');
  expect(event?.traceparent).toBe(`00-${traceId}-${idOf(publish)}-01`);

  // Every activity the run scheduled shares one parent (the run's RunWorkflow span), in this trace.
  const runs = new Set(named(traceId, 'StartActivity:').map(parentOf));
  expect([...runs]).toEqual([parentOf(scheduled)]);
  expect(
    spans()
      .filter((s) => s.attributes.temporalWorkflowId === workflowId && s.name.startsWith('RunActivity:'))
      .every((s) => s.spanContext().traceId === traceId),
  ).toBe(true);

  // RunWorkflow is exported when the run ends: cancel the contract and find it between the two.
  await env.temporal.workflow.getHandle(workflowId).cancel();
  const run = await waitFor('the RunWorkflow span of the cancelled run', () =>
    spans().find((s) => s.name === 'RunWorkflow:contractLifecycle' && idOf(s) === parentOf(scheduled)),
  );
  expect(run.spanContext().traceId).toBe(traceId);
  expect(parentOf(run)).toBe(idOf(start));

  // What the spans say: flat values only, ids and names of steps, never the customer or the terms.
  const trace = spans().filter((s) => s.spanContext().traceId === traceId);
  for (const span of trace) {
    for (const value of Object.values(span.attributes)) expect(typeof value).not.toBe('object');
    expect(JSON.stringify(span.attributes)).not.toContain(spec.parties.customer.name);
  }
  expect(Object.keys(run.attributes).sort()).toEqual([
    'namespace',
    'runId',
    'taskQueue',
    'workflowId',
    'workflowType',
  ]);
});

test('the API continues a caller’s trace from its traceparent header', async () => {
  const traceId = randomUUID().replace(/-/g, '');
  const parent = 'b7ad6b7169203331';
  const response = await fetch(`${env.baseUrl}/v1/contracts?stage=active`, {
    headers: { authorization: `Bearer ${env.keys.engineer}`, traceparent: `00-${traceId}-${parent}-01` },
  });
  expect(response.status).toBe(200);
  const span = await waitFor('the request span', () =>
    spans().find((s) => s.spanContext().traceId === traceId && s.kind === SpanKind.SERVER),
  );
  expect(span.name).toBe('HTTP GET /v1/contracts');
  expect(parentOf(span)).toBe(parent);
  // No query values, no path values on the span.
  expect(JSON.stringify(span.attributes)).not.toContain('active');
});

test('histories recorded with tracing on replay with tracing off and on', async () => {
  const workflowId = tracedWorkflowId ?? 'run the first test first';
  const history = await env.temporal.workflow.getHandle(workflowId).fetchHistory();
  const quiet = { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} };
  for (const workflowInterceptorModules of [[], undefined]) {
    // [] = an untraced worker's bundle; undefined = this process's default, the traced one.
    const workflowBundle = await bundleContractWorkflows({ logger: quiet, workflowInterceptorModules });
    const replay = { workflowBundle, sinks: workerTracing(tracing)!.sinks };
    await expect(Worker.runReplayHistory(replay, history, workflowId)).resolves.toBeUndefined();
  }
});

test('an intake message is a CONSUMER span continuing its traceparent header, parent of the onboarding', async () => {
  const topics = await createPrivateTopics('trace');
  const keys = intakeKeys();
  const kafka = createKafka(config.kafka, createLogger({ level: 'warn', pretty: false }));
  const producer = createEventProducer(kafka);
  await producer.connect();
  const intake = createIntakeConsumer({
    kafka,
    producer,
    client: env.temporal,
    taskQueue: env.taskQueue,
    validateContract: validateContractSpec,
    authenticate: keys.authenticate,
    logger: createLogger({ level: 'warn', pretty: false }),
    groupId: `trace-intake-${randomUUID()}`,
    topicPrefix: topics.prefix,
  });
  try {
    await intake.start();
    await intake.ready();
    const spec = uniqueSpec();
    const traceId = randomUUID().replace(/-/g, '');
    const sender = '00f067aa0ba902b7';
    const request = {
      specversion: '1.0',
      id: randomUUID(),
      source: 'urn:crm-east',
      type: 'telecom.sales.onboarding-requested.v1',
      subject: spec.contractNo,
      time: new Date().toISOString(),
      datacontenttype: 'application/json',
      data: { requestId: randomUUID(), requestedBy: keys.sales.record.id, contract: spec },
    };
    await producer.send({
      topic: topics.name('onboardingRequests'),
      messages: [
        signedIntakeMessage(keys.sales.signer, 'onboardingRequests', request, {
          headers: { traceparent: `00-${traceId}-${sender}-01` },
        }),
      ],
    });
    const consumed = await waitFor('the intake span', () =>
      spans().find((s) => s.spanContext().traceId === traceId && s.kind === SpanKind.CONSUMER),
    );
    expect(consumed.name).toBe(`process ${topics.name('onboardingRequests')}`);
    expect(parentOf(consumed)).toBe(sender);
    expect(consumed.attributes['tco.intake.outcome']).toBe('started');
    const start = only(named(traceId, 'UpdateWithStartWorkflow:onboard'), 'UpdateWithStartWorkflow span');
    expect(parentOf(start)).toBe(idOf(consumed));
    // The workflow's first publish (contract onboarded) is in the same trace.
    await waitFor('a publish in the intake trace', () =>
      named(traceId, 'RunActivity:publishContractEvent').find(
        (s) => s.attributes.temporalWorkflowId === `contract-${spec.contractNo}`,
      ),
    );
    await env.temporal.workflow.getHandle(`contract-${spec.contractNo}`).terminate('trace test over');
  } finally {
    await intake.stop();
    await producer.disconnect();
    await topics.remove();
  }
});
