/**
 * ⚠ STOPS THE LOCAL KAFKA BROKER for ~30 s (infra/down.sh kafka, then infra/up.sh kafka) in the middle
 * of a workflow publishing events. Every other Kafka client on this machine sees the outage too, so it
 * runs on its own after the other tests (scripts/test.sh): npx jest --selectProjects integration broker-outage
 * Proves: nothing is lost and nothing fails — the publish activity retries until the broker is back,
 * the workflow completes, and every event arrives (the reference consumer books each exactly once).
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { bundleWorkflowCode, type NativeConnection, Worker } from '@temporalio/worker';
import type { Producer } from 'kafkajs';
import { createBillingConsumer, type BillingConsumer } from '../../../clients/billing-consumer/consumer';
import { openLedgerStore, type LedgerStore } from '../../../clients/billing-consumer/store';
import { createEventProducer } from '../../../activities/kafka/producer';
import { createKafkaActivities } from '../../../activities/kafka/publisher';
import { routeEvent, type ContractEventType } from '../../../domain/events/catalogue';
import { connectClient, connectWorker } from '../../../platform/temporal';
import { SAMPLES } from '../../domain/events/samples';
import { waitFor } from '../../support/wait';
import { continueSignal, publishSequence, type PublishStep } from './fixtures/workflows';
import {
  collect,
  config,
  idsOf,
  kafka,
  logger,
  startGroupAtEnd,
  uniqueContractNo,
  uniqueGroup,
} from './support';

const OUTAGE_MS = 30_000;
const root = join(__dirname, '../../..');
const infra = (script: 'up.sh' | 'down.sh') =>
  execFileSync('bash', [join(root, 'infra', script), 'kafka'], {
    cwd: root,
    stdio: 'pipe',
    timeout: 120_000,
  });
const brokerUp = () => {
  try {
    execFileSync('bash', ['-c', `exec 3<>/dev/tcp/127.0.0.1/${config.kafka.brokers[0]!.split(':')[1]}`], {
      stdio: 'ignore',
    });
    return true;
  } catch {
    return false;
  }
};

const contractNo = uniqueContractNo('OUTAGE');
const TYPES: ContractEventType[] = [
  'telecom.contract.qualification-approved.v1',
  'telecom.contract.completion-notice-issued.v1',
  'telecom.contract.acceptance-deemed.v1',
  // the broker goes away here
  'telecom.contract.billing-started.v1',
  'telecom.contract.charge-applied.v1',
  'telecom.contract.payment-received.v1',
  'telecom.contract.service-suspended.v1',
  'telecom.contract.terminated.v1',
];
const steps: PublishStep[] = TYPES.map((type) => ({ type, data: { ...SAMPLES[type], contractNo } }));
const billingCount = TYPES.filter((t) => routeEvent(t).includes('billing')).length;

describe('[STOPS KAFKA ~30 s] broker outage in the middle of publishing', () => {
  jest.setTimeout(300_000);
  let client: Client;
  let connection: NativeConnection;
  let producer: Producer;
  let store: LedgerStore;
  let billing: BillingConsumer;
  let lifecycle: Awaited<ReturnType<typeof collect>>;

  beforeAll(async () => {
    client = await connectClient(config.temporal);
    connection = await connectWorker(config.temporal);
    producer = createEventProducer(kafka);
    await producer.connect();
    store = await openLedgerStore();
    const groupId = uniqueGroup('billing-outage');
    // Committed start offsets, not fromBeginning: false: the consumer restarts during the outage
    // before it has committed anything of its own (no billing event comes before the outage).
    await startGroupAtEnd(groupId, ['billing']);
    billing = createBillingConsumer({ kafka, store, logger, groupId, topicPrefix: config.kafka.topicPrefix });
    await billing.start();
    lifecycle = await collect('lifecycle', (key) => key === contractNo);
  });

  afterAll(async () => {
    if (!brokerUp()) infra('up.sh'); // never leave the broker down, whatever happened above
    await Promise.allSettled([billing?.stop(), lifecycle?.stop()]);
    await producer?.disconnect();
    await store?.close();
    await connection?.close();
    await client?.connection.close();
  });

  test('a workflow publishing through a 30 s broker outage completes and every event arrives once', async () => {
    const taskQueue = `outage-${randomUUID()}`;
    const workflowBundle = await bundleWorkflowCode({
      workflowsPath: require.resolve('./fixtures/workflows'),
      logger: undefined,
    });
    const activities = createKafkaActivities({ producer, topicPrefix: config.kafka.topicPrefix });
    const worker = await Worker.create({ connection, taskQueue, workflowBundle, activities });

    await worker.runUntil(async () => {
      const handle = await client.workflow.start(publishSequence, {
        taskQueue,
        workflowId: `outage-${contractNo}`,
        args: [{ contractNo, steps, pauseAfter: 3 }],
      });
      await waitFor('the first three events', () => (lifecycle.messages.length >= 3 ? true : undefined));

      infra('down.sh');
      const downAt = Date.now();
      try {
        await handle.signal(continueSignal);
        await waitFor(
          'the publish activity to fail and be retried',
          async () => {
            const pending = (await handle.describe()).raw.pendingActivities ?? [];
            return pending.some((a) => (a.attempt ?? 0) >= 2) ? true : undefined;
          },
          { timeoutMs: 120_000, intervalMs: 500 },
        );
        // The outage lasts its full length even when the retry shows up early.
        await waitFor(
          'the outage to last 30 s',
          () => (Date.now() - downAt >= OUTAGE_MS ? true : undefined),
          {
            timeoutMs: OUTAGE_MS + 5_000,
            intervalMs: 500,
          },
        );
      } finally {
        infra('up.sh');
      }

      const ids = await handle.result();
      expect(ids).toHaveLength(TYPES.length);
      await waitFor(
        'every event on the lifecycle topic',
        () => (new Set(idsOf(lifecycle.messages)).size >= TYPES.length ? true : undefined),
        {
          timeoutMs: 120_000,
        },
      );
      // Order of first arrival is the publish order; a retried publish may add a later duplicate.
      expect([...new Set(idsOf(lifecycle.messages))]).toEqual(ids);
    });

    const ledger = await waitFor(
      'the reference consumer to book every billing event',
      async () => {
        const exported = await store.exportContract(contractNo);
        return exported?.eventsProcessed === billingCount ? exported : undefined;
      },
      { timeoutMs: 120_000 },
    );
    expect(ledger.status).toBe('terminated');
    expect(ledger.totals).toMatchObject({ chargesFen: 8_262, paymentsFen: -2_754_000 });
  });
});
