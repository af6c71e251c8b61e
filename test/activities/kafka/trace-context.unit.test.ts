/**
 * The CloudEvents distributed-tracing extension on published events: the publish activity's span
 * context as `traceparent` (and `tracestate`) attributes and `ce_traceparent` header when a span is
 * active; the event and message exactly as before when none is. Checked with the CloudEvents SDK.
 */
import { context, SpanKind, trace, TraceFlags } from '@opentelemetry/api';
import { TraceState } from '@opentelemetry/core';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { MockActivityEnvironment } from '@temporalio/testing';
import { CloudEvent as SdkCloudEvent, Kafka, type KafkaMessage } from 'cloudevents';
import type { Message, Producer, ProducerBatch } from 'kafkajs';
import { createKafkaActivities } from '../../../activities/kafka/publisher';
import { activeTraceContext } from '../../../activities/kafka/trace-context';
import { buildEvent, checkContractEvent } from '../../../domain/events/catalogue';
import { startTracing, type Tracing } from '../../../platform/observability/tracing';
import { CONTRACT_NO, SAMPLES } from '../../domain/events/samples';

function fakeProducer() {
  const batches: ProducerBatch[] = [];
  const producer = {
    sendBatch: (batch: ProducerBatch) => {
      batches.push(batch);
      return Promise.resolve([]);
    },
  } as unknown as Producer;
  return { producer, batches };
}

const event = buildEvent(
  'telecom.contract.billing-started.v1',
  SAMPLES['telecom.contract.billing-started.v1'],
  { id: 'evt-7', time: '2024-07-08T02:00:00.000Z', contractNo: CONTRACT_NO },
);

async function publishOnce(inSpan?: (run: () => Promise<unknown>) => Promise<unknown>) {
  const { producer, batches } = fakeProducer();
  const { publishContractEvent } = createKafkaActivities({ producer });
  const run = () => new MockActivityEnvironment().run(publishContractEvent, event);
  await (inSpan ? inSpan(run) : run());
  return batches.flatMap((b) => b.topicMessages!.flatMap((t) => t.messages));
}

const headers = (m: Message) =>
  Object.fromEntries(Object.entries(m.headers ?? {}).map(([k, v]) => [k, String(v)]));

test('no tracing: the message is the event as built, with no trace attributes or headers', async () => {
  expect(activeTraceContext()).toEqual({});
  const messages = await publishOnce();
  expect(messages).toHaveLength(2); // lifecycle and billing
  for (const m of messages) {
    expect(m.value).toBe(JSON.stringify(event));
    expect(Object.keys(headers(m)).sort()).toEqual(['ce_id', 'ce_type', 'content-type']);
  }
});

describe('with tracing on', () => {
  let tracing: Tracing;
  beforeEach(() => {
    tracing = startTracing('worker', { exporter: new InMemorySpanExporter() });
  });
  afterEach(() => tracing.shutdown());

  test('outside any span nothing is added', async () => {
    const messages = await publishOnce();
    expect(messages[0]!.value).toBe(JSON.stringify(event));
  });

  test('inside a span: traceparent of that span in the event and the ce_traceparent header', async () => {
    let traceparent = '';
    const messages = await publishOnce((run) =>
      tracing.tracer.startActiveSpan(
        'RunActivity:publishContractEvent',
        { kind: SpanKind.INTERNAL },
        async (span) => {
          const { traceId, spanId } = span.spanContext();
          traceparent = `00-${traceId}-${spanId}-01`;
          await run();
          span.end();
        },
      ),
    );
    expect(traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    for (const m of messages) {
      const sent = JSON.parse(String(m.value)) as Record<string, unknown>;
      expect(sent).toEqual({ ...event, traceparent });
      expect(headers(m).ce_traceparent).toBe(traceparent);
      expect(headers(m).ce_tracestate).toBeUndefined();
      // Our own catalogue check (the billing consumer's) accepts the extension.
      expect(checkContractEvent(sent).ok).toBe(true);
      // The CloudEvents SDK reads the Kafka record (structured mode) with the extension, and validates it.
      const record: KafkaMessage<string> = {
        key: String(m.key),
        value: String(m.value),
        headers: headers(m),
        body: String(m.value),
      };
      const read = Kafka.toEvent(record) as SdkCloudEvent<unknown>;
      expect(read.traceparent).toBe(traceparent);
      expect(read.validate()).toBe(true);
      expect(new SdkCloudEvent({ ...sent }).validate()).toBe(true);
    }
  });

  test('a tracestate travels with it; a malformed one is refused by the envelope', async () => {
    // A remote parent with vendor state, as a caller's traceparent/tracestate headers would give.
    const ctx = trace.setSpanContext(context.active(), {
      traceId: '0af7651916cd43dd8448eb211c80319c',
      spanId: 'b7ad6b7169203331',
      traceFlags: TraceFlags.SAMPLED,
      traceState: new TraceState('tco=east,vendor=x1'),
      isRemote: true,
    });
    const messages = await publishOnce((run) => context.with(ctx, run));
    const sent = JSON.parse(String(messages[0]!.value)) as Record<string, unknown>;
    expect(sent.traceparent).toBe('00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01');
    expect(sent.tracestate).toBe('tco=east,vendor=x1');
    expect(headers(messages[0]!).ce_tracestate).toBe('tco=east,vendor=x1');
    expect(checkContractEvent(sent).ok).toBe(true);
    expect(checkContractEvent({ ...sent, traceparent: '01-abc' }).ok).toBe(false);
    expect(checkContractEvent({ ...sent, tracestate: 'a=\n' }).ok).toBe(false);
  });
});
