/**
 * The smaller real-broker run of the intake fuzz (issue #9 item 5, #15 items 5-6): hostile messages of
 * every topic family (FUZZ_RUNS / 10 per family, at least 50) — including unsigned, forged and
 * wrong-role messages, garbage headers and overflowing sums — produced to intake topics of this run's
 * own (private-topics.ts) and read by the real intake consumer with a real Temporal client: each one
 * reaches the dead-letter topic with a reason header, its offset is committed past (nothing stalls),
 * and no workflow is started or signalled.
 */
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import fc from 'fast-check';
import type { IHeaders, Producer } from 'kafkajs';
import { createEventProducer } from '../../activities/kafka/producer';
import { connectClient } from '../../platform/temporal';
import { createIntakeConsumer, type IntakeConsumer } from '../../workers/intake-consumer';
import { validateContractSpec } from '../../workers/intake';
import { collectAll, createPrivateTopics } from '../integration/events/private-topics';
import { config, kafka, logger, uniqueGroup } from '../integration/events/support';
import { waitFor } from '../support/wait';
import { FAMILIES, FUZZ_KEYS, headersOf, hostileMessage, type HostileCase } from './support/intake-cases';
import { hostileKind } from './support/intake-hostile-auth';
import { FUZZ_RUNS, FUZZ_SEED } from './support/hostile';
import { FuzzReport } from './support/report';

const PER_FAMILY = Math.max(50, Math.round(FUZZ_RUNS / 10));
const key = `FUZZ-${randomUUID()}`;
const report = new FuzzReport('intake-real-broker');

let client: Client;
let producer: Producer;
let intake: IntakeConsumer;
let deadLetters: Awaited<ReturnType<typeof collectAll>>;
let topics: Awaited<ReturnType<typeof createPrivateTopics>>;
const hostile: Record<string, number> = {};
/** From the first send to the last dead letter received. */
let elapsedMs: number | undefined;

/** kafkajs sends strings, Buffers or lists of them; the cases' headers are already that. */
const sendable = (headers: Record<string, unknown>) => headers as IHeaders;

beforeAll(async () => {
  topics = await createPrivateTopics('intake-fuzz');
  client = await connectClient(config.temporal);
  producer = createEventProducer(kafka);
  await producer.connect();
  deadLetters = await collectAll(topics.name('deadLetter'));
  intake = createIntakeConsumer({
    kafka,
    producer,
    client,
    // No worker polls this queue: a workflow started by mistake would show in the stats, not run.
    taskQueue: `intake-fuzz-${randomUUID()}`,
    validateContract: validateContractSpec,
    authenticate: FUZZ_KEYS.authenticate,
    logger,
    groupId: uniqueGroup('intake-fuzz'),
    topicPrefix: topics.prefix,
    retry: { initialMs: 100, maxMs: 1_000 },
  });
  await intake.start();
  await intake.ready();
});

afterAll(async () => {
  await Promise.allSettled([intake?.stop(), deadLetters?.stop()]);
  await producer?.disconnect();
  await client?.connection.close();
  await topics?.remove();
  report.write({
    messagesPerFamily: PER_FAMILY,
    producedToLastDeadLetterMs: elapsedMs,
    issue15HostileMessages: hostile,
  });
});

test('hostile messages on the real topics all end on the dead-letter topic with a reason; nothing starts', async () => {
  const cases: Array<[string, HostileCase]> = Object.keys(FAMILIES).flatMap((family) =>
    fc
      .sample(hostileMessage(family), { numRuns: PER_FAMILY * 3, seed: FUZZ_SEED })
      .filter((c) => c.expect === 'refused')
      .slice(0, PER_FAMILY)
      .map((c): [string, HostileCase] => [family, c]),
  );
  const started = performance.now();
  for (const [, c] of cases) {
    const kind = hostileKind(c.label);
    if (kind) hostile[kind] = (hostile[kind] ?? 0) + 1;
    await producer.send({
      topic: topics.name(c.topicKey),
      messages: [{ key, value: c.value, headers: sendable(headersOf(c)) }],
    });
  }
  const dead = await waitFor(
    `${cases.length} dead letters`,
    () => (deadLetters.messages.length >= cases.length ? deadLetters.messages : undefined),
    { timeoutMs: 120_000, intervalMs: 250 },
  );
  const elapsed = Math.round(performance.now() - started);
  for (const [family] of cases) report.record(family, 'dead-lettered');
  elapsedMs = elapsed;

  expect(dead).toHaveLength(cases.length);
  for (const m of dead) expect(m.headers.dlq_reason).toMatch(/^[a-z-]+: \S/);
  expect(intake.stats).toMatchObject({ started: 0, 'already-started': 0, signalled: 0 });
  expect(intake.stats['dead-lettered']).toBeGreaterThanOrEqual(cases.length);
  console.info(
    `intake real-broker fuzz: ${cases.length} messages dead-lettered in ${elapsed} ms, none stalled; ` +
      `issue #15 kinds: ${JSON.stringify(hostile)}`,
  );
});
