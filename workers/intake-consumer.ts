/**
 * The intake consumer: reads the onboarding, billing-facts and compliance-facts topics, starts or
 * signals contract workflows, dead-letters what cannot be processed, and commits a message's offset
 * only once it is fully handled. Temporal or broker outages are retried here with backoff (the
 * partition waits, in order); any other failure is dead-lettered after a short budget
 * (intake-failures.ts), so one message can never stall its partition.
 */
import type { Client } from '@temporalio/client';
import type { Consumer, IHeaders, Kafka, KafkaMessage, Producer } from 'kafkajs';
import { INTAKE_TOPICS, type IntakeTopic } from '../domain/events/intake-facts';
import { TemporalContractsClient } from '../clients/sdk/temporal';
import type { ContractSpec } from '../domain/contract-spec';
import type { IntakeVerifier } from '../platform/intake-signature';
import type { Logger } from '../platform/logger';
import { trackKafkaClient, type ClientState } from '../platform/observability/kafka-ops';
import type { Metrics } from '../platform/observability/metrics';
import { headerCarrier, inConsumerSpan } from '../platform/observability/spans';
import { topicName } from '../platform/topics';
import {
  complaintRecordedSignal,
  contractWorkflowId,
  invoiceIssuedSignal,
  invoiceOverdueSignal,
  usageReportedSignal,
  paymentReceivedSignal,
  violationRecordedSignal,
} from '../workflows/messages';
import {
  classifyFailure,
  deadLetterCode,
  runWithinBudget,
  DEFAULT_OUTAGE_BACKOFF,
  type OutageBackoff,
  type RetryBudget,
} from './intake-failures';
import {
  processIntakeMessage,
  type InboundMessage,
  type IntakeOutcome,
  type IntakePorts,
  type SignalFact,
  type ValidateContract,
} from './intake-handler';

export interface IntakeConsumerDeps {
  kafka: Kafka;
  /** Idempotent producer for the dead-letter topic (activities/kafka/producer.ts). */
  producer: Producer;
  client: Client;
  taskQueue: string;
  validateContract: ValidateContract;
  /** Signature and role check against the key registry (createIntakeVerifier). */
  authenticate: IntakeVerifier;
  logger: Logger;
  groupId: string;
  topicPrefix?: string;
  /** Where a new consumer group starts: the oldest retained message (default) or only new ones. */
  fromBeginning?: boolean;
  /** Backoff while a dependency is down (the partition waits in place). */
  retry?: OutageBackoff;
  /** Attempts for any other failure before the message is dead-lettered (default 3, 250 ms doubling). */
  budget?: RetryBudget;
  /** Deadline of each Temporal call of an onboarding; a timeout with Temporal up counts as a failure. */
  callTimeoutMs?: number;
  /** tco_dead_letters_total{consumer="intake"}; omitted: not counted. */
  metrics?: Pick<Metrics, 'deadLetters'>;
}

export interface IntakeConsumer {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Resolves after the first fetch: the group has joined and knows where to read from. */
  ready(): Promise<void>;
  /** The consumer's connection, for readiness. */
  readonly consumerState: ClientState;
  /** The full names of the topics it reads (with the prefix), for lag. */
  readonly topics: readonly string[];
  readonly stats: Record<IntakeOutcome | 'retries' | 'outageRetries', number>;
}

class IntakeStopping extends Error {
  override name = 'IntakeStopping';
}

async function signalContract(client: Client, fact: SignalFact): Promise<void> {
  const handle = client.workflow.getHandle(contractWorkflowId(fact.contractNo));
  switch (fact.type) {
    case 'telecom.billing.payment-received.v1':
      return handle.signal(paymentReceivedSignal, fact.data);
    case 'telecom.billing.invoice-overdue.v1':
      return handle.signal(invoiceOverdueSignal, fact.data);
    case 'telecom.billing.invoice-issued.v1':
      return handle.signal(invoiceIssuedSignal, fact.data);
    case 'telecom.billing.usage-reported.v1':
      return handle.signal(usageReportedSignal, fact.data);
    case 'telecom.compliance.complaint-recorded.v1':
      return handle.signal(complaintRecordedSignal, fact.data);
    case 'telecom.compliance.violation-recorded.v1':
      return handle.signal(violationRecordedSignal, fact.data);
  }
}

/** The intake's ports on Temporal and the dead-letter topic (exported for tests). */
export function temporalAndDeadLetterPorts(deps: IntakeConsumerDeps): IntakePorts {
  return {
    // The API's own onboarding (update-with-start, spec hash, one workflow per contract number ever),
    // so a contract onboarded over Kafka and over HTTP is the same contract.
    async startContract(_contractNo, spec, request) {
      const contracts = new TemporalContractsClient(deps.client, {
        taskQueue: deps.taskQueue,
        requestedBy: request.requestedBy,
        // Another key's contract number is refused (409 → dead-lettered), never answered as done.
        ownContractsOnly: true,
        callTimeoutMs: deps.callTimeoutMs ?? 10_000,
      });
      const { created } = await contracts.onboard(spec as ContractSpec, { requestId: request.requestId });
      return created ? 'started' : 'already-started';
    },
    signalContract: (fact) => signalContract(deps.client, fact),
    async deadLetter(message, reason) {
      const where: IHeaders = {
        dlq_reason: reason,
        dlq_source_topic: message.topic,
        dlq_partition: String(message.partition),
        dlq_offset: message.offset,
      };
      const send = (value: Buffer | null, headers: IHeaders) =>
        deps.producer.send({
          topic: topicName('deadLetter', deps.topicPrefix),
          acks: -1,
          messages: [{ key: message.key, value, headers }],
        });
      try {
        await send(message.value, { ...(message.headers as IHeaders | undefined), ...where });
      } catch (err) {
        // The broker refusing this record (too large, invalid headers) must not stall the partition:
        // keep the reason and the coordinates (the original stays on its topic until retention).
        if (classifyFailure(err) !== 'message') throw err;
        await send(null, { ...where, dlq_value_dropped: (err as Error).name });
      }
      deps.metrics?.deadLetters.inc({ consumer: 'intake', reason: deadLetterCode(reason) });
    },
  };
}

/** Whether Temporal answers at all, within a short deadline. */
async function temporalAnswers(client: Client): Promise<boolean> {
  try {
    await client.connection.withDeadline(Date.now() + 3_000, () => client.workflowService.getSystemInfo({}));
    return true;
  } catch {
    return false;
  }
}

function firstFetch(consumer: Consumer): Promise<void> {
  return new Promise((resolve) => {
    const remove = consumer.on(consumer.events.FETCH, () => {
      remove();
      resolve();
    });
  });
}

export function createIntakeConsumer(deps: IntakeConsumerDeps): IntakeConsumer {
  const log = deps.logger.child({ component: 'intake', groupId: deps.groupId });
  const ports = temporalAndDeadLetterPorts(deps);
  const checks = { authenticate: deps.authenticate, validateContract: deps.validateContract };
  const stats = {
    started: 0,
    'already-started': 0,
    signalled: 0,
    'dead-lettered': 0,
    retries: 0,
    outageRetries: 0,
  };
  const topicKeys = new Map<string, IntakeTopic>(
    INTAKE_TOPICS.map((k) => [topicName(k, deps.topicPrefix), k]),
  );
  const stopping = new AbortController();
  let consumer: Consumer | undefined;
  let fetched: Promise<void> | undefined;
  let tracked: ClientState | undefined;
  const consumerState: ClientState = {
    problem: () => (tracked ? tracked.problem() : 'consumer not started'),
  };

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        stopping.signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      stopping.signal.addEventListener('abort', done);
    });

  /** Heartbeats keep the partition ours while Temporal is away; a stop abandons the message uncommitted. */
  function handleMessage(message: InboundMessage, heartbeat: () => Promise<void>): Promise<IntakeOutcome> {
    const where = { topic: message.topic, partition: message.partition, offset: message.offset };
    return runWithinBudget({
      attempt: () => processIntakeMessage(message, ports, checks, log),
      deadLetter: async (reason) => {
        log.warn({ ...where, reason }, 'intake message dead-lettered');
        await ports.deadLetter(message, reason);
      },
      probe: () => temporalAnswers(deps.client),
      pause,
      async beforeRetry(err, kind, delayMs) {
        if (stopping.signal.aborted)
          throw new IntakeStopping('intake stopping before the message was handled');
        stats.retries += 1;
        if (kind === 'outage') stats.outageRetries += 1;
        log.warn(
          { err, ...where, retryInMs: delayMs, failure: kind },
          kind === 'outage' ? 'intake: dependency unavailable' : 'intake: message failed',
        );
        await heartbeat();
      },
      budget: deps.budget,
      outage: deps.retry ?? DEFAULT_OUTAGE_BACKOFF,
    });
  }

  async function handle(topic: string, partition: number, raw: KafkaMessage, heartbeat: () => Promise<void>) {
    const topicKey = topicKeys.get(topic);
    if (!topicKey) throw new Error(`intake subscribed to unexpected topic ${topic}`);
    const message: InboundMessage = {
      topicKey,
      topic,
      partition,
      offset: raw.offset,
      key: raw.key,
      value: raw.value,
      headers: raw.headers,
    };
    // One CONSUMER span per message (retries included), continuing the sender's trace when its headers
    // carry one; the onboarding's UpdateWithStartWorkflow span is its child.
    const outcome = await inConsumerSpan(
      { topic, partition, offset: raw.offset, groupId: deps.groupId },
      () => headerCarrier(raw.headers),
      async (span) => {
        const result = await handleMessage(message, heartbeat);
        span?.setAttribute('tco.intake.outcome', result);
        return result;
      },
    );
    stats[outcome] += 1;
    await consumer!.commitOffsets([{ topic, partition, offset: (BigInt(raw.offset) + 1n).toString() }]);
  }

  async function start(): Promise<void> {
    consumer = deps.kafka.consumer({ groupId: deps.groupId });
    tracked = trackKafkaClient(consumer, 'intake consumer');
    await consumer.connect();
    fetched = firstFetch(consumer);
    await consumer.subscribe({ topics: [...topicKeys.keys()], fromBeginning: deps.fromBeginning ?? true });
    await consumer.run({
      autoCommit: false,
      eachMessage: (payload) =>
        handle(payload.topic, payload.partition, payload.message, () => payload.heartbeat()),
    });
  }

  async function stop(): Promise<void> {
    stopping.abort();
    await consumer?.disconnect();
  }

  return {
    start,
    stop,
    ready: () => fetched ?? Promise.reject(new Error('intake not started')),
    consumerState,
    topics: [...topicKeys.keys()],
    stats,
  };
}
