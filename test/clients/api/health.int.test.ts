/**
 * An action whose event would fail its schema is a 400 naming the field, and the contract is unchanged.
 * Operators find stuck contracts through the API: a contract whose publish is refused as InvalidEvent
 * (a bug) keeps answering GET with `health: stuck` and its reason, and `GET /v1/contracts?health=stuck`
 * lists it and no healthy one. Real dev server and Kafka; the worker is the real one on its own task
 * queue, with a publisher that refuses one contract's events as the real one refuses a bad event.
 */
import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import { Worker } from '@temporalio/worker';
import pino from 'pino';
import { createActivities } from '../../../activities';
import { createEventProducer } from '../../../activities/kafka/producer';
import { NetworkSimulator } from '../../../activities/network/simulator';
import { generateApiKey } from '../../../clients/api/keys';
import { buildApiServer } from '../../../clients/api/server';
import { HttpContractsClient } from '../../../clients/sdk/http';
import { TemporalContractsClient } from '../../../clients/sdk/temporal';
import type { AnyContractEvent } from '../../../domain/events/catalogue';
import { seedPoolsFromFiles } from '../../../inventory/pools';
import { createInventoryStore } from '../../../inventory/store';
import { createKafka } from '../../../platform/kafka';
import { connectClient, connectWorker, dataConverter } from '../../../platform/temporal';
import { ensureSearchAttributes } from '../../../workers/contract-worker';
import { bundleContractWorkflows } from '../../../workers/workflow-bundle';
import { waitFor } from '../../support/wait';
import { call, config, startApiTestEnv, uniqueSpec } from './support';

const quiet = { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} };

test('GET /v1/contracts?health=stuck lists the stuck contract, and its GET answers with the reason', async () => {
  const taskQueue = `api-health-${randomUUID()}`;
  const stuckSpec = uniqueSpec();
  const healthySpec = uniqueSpec();
  const temporal = await connectClient(config.temporal);
  const connection = await connectWorker(config.temporal);
  // A server started before the attribute existed gets it here, as the worker does at start.
  await ensureSearchAttributes(connection, config.temporal.namespace);
  const producer = createEventProducer(createKafka(config.kafka, pino({ level: 'silent' })));
  await producer.connect();
  const store = await createInventoryStore();
  await seedPoolsFromFiles(store.db, new Date());
  const activities = createActivities({
    producer,
    topicPrefix: config.kafka.topicPrefix,
    store,
    network: new NetworkSimulator().adapters(),
  });
  const worker = await Worker.create({
    connection,
    namespace: config.temporal.namespace,
    taskQueue,
    dataConverter: dataConverter(config.temporal),
    workflowBundle: await bundleContractWorkflows({ logger: quiet }),
    activities: {
      ...activities,
      publishContractEvent: async (event: AnyContractEvent) => {
        if (event.subject !== stuckSpec.contractNo) return activities.publishContractEvent(event);
        throw ApplicationFailure.create({
          type: 'InvalidEvent',
          message: `event ${event.type} is invalid at data.reason: must not contain personal data`,
          nonRetryable: true,
          details: [{ path: 'data.reason', message: 'must not contain personal data' }],
        });
      },
    },
  });
  const { key: adminKey, record } = generateApiKey(`admin-health-${randomUUID().slice(0, 8)}`, 'admin');
  const app = await buildApiServer({
    contracts: new TemporalContractsClient(temporal, { taskQueue }),
    keys: [record],
    logger: pino({ level: 'silent' }),
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const api = new HttpContractsClient({ baseUrl, apiKey: adminKey });
  const env = { baseUrl, keys: { admin: adminKey } } as unknown as Parameters<typeof call>[0];

  try {
    await worker.runUntil(async () => {
      await api.onboard(stuckSpec);
      await api.onboard(healthySpec);
      const stuck = await waitFor('the contract to be stuck', async () => {
        const s = await api.get(stuckSpec.contractNo);
        return s.health === 'stuck' ? s : undefined;
      });
      expect(stuck.stuck?.reason).toBe(
        'publishing telecom.contract.onboarding-received.v1 is refused as InvalidEvent at data.reason: ' +
          'must not contain personal data',
      );
      await waitFor('the healthy one to publish', async () => {
        const s = await api.get(healthySpec.contractNo);
        return s.health === 'ok' && s.events.length > 0 ? s : undefined;
      });

      const listed = await waitFor('the stuck list (visibility is eventually consistent)', async () => {
        const list = await api.list({ health: 'stuck' });
        return list.contracts.length > 0 ? list : undefined;
      });
      expect(listed.contracts.map((c) => c.contractNo)).toEqual([stuckSpec.contractNo]);
      expect(listed.contracts[0]!.health).toBe('stuck');
      const all = await api.list({});
      expect(all.contracts.find((c) => c.contractNo === healthySpec.contractNo)?.health).toBe('ok');

      // Only the values operators need are accepted; anything else is a 400 naming the field.
      const bad = await call(env, 'GET', '/v1/contracts?health=sick');
      expect(bad.status).toBe(400);
      expect(JSON.stringify(bad.body)).toContain('health');
    });
  } finally {
    for (const spec of [stuckSpec, healthySpec]) {
      await temporal.workflow
        .getHandle(`contract-${spec.contractNo}`)
        .terminate('test finished')
        .catch(() => undefined);
    }
    await app.close();
    await producer.disconnect();
    await store.close();
    await connection.close();
    await temporal.connection.close();
  }
});

test('the action inputs that broke contracts: a non-kebab document type is a 400 naming the field, a long reason with a phone number is accepted as a code; reads keep answering', async () => {
  const env = await startApiTestEnv('health400');
  try {
    const spec = uniqueSpec();
    const engineer = env.http('engineer');
    await env.http('sales').onboard(spec);
    const before = await waitFor('the checklist', async () => {
      const s = await engineer.get(spec.contractNo);
      return s.checklist.length > 0 && s.events.length >= 2 ? s : undefined;
    });
    const actions = `/v1/contracts/${spec.contractNo}/actions`;
    const res = await call(env, 'POST', `${actions}/submit-document`, {
      key: 'engineer',
      body: { documentType: 'Business Licence', documentRef: 'DMS-1', submittedBy: 'li' },
    });
    expect(res.status).toBe(400);
    expect(res.contentType).toMatch(/^application\/problem\+json/);
    expect(res.body.errors).toEqual([{ path: 'documentType', message: expect.any(String) }]);
    expect(await engineer.get(spec.contractNo)).toEqual(before);

    // Over the event's old 500 characters and with a spaced mobile number: this used to fail the
    // workflow task forever (503 on the action, 500 on every read after it).
    const rejected = await call(env, 'POST', `${actions}/reject`, {
      key: 'engineer',
      body: { rejectedBy: 'reviewer-li', reason: `${'x'.repeat(600)} call 150 0908 3897` },
    });
    expect(rejected.status).toBe(200);
    const after = await engineer.get(spec.contractNo);
    expect(after).toMatchObject({ health: 'ok' });
    expect(after.stage).not.toBe('qualification');
    await env.temporal.workflow
      .getHandle(`contract-${spec.contractNo}`)
      .terminate('test finished')
      .catch(() => undefined);
  } finally {
    await env.stop();
  }
});
