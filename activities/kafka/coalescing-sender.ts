/**
 * One producer request for the publishes that arrive while the previous request is in flight.
 *
 * The event producer is idempotent with one request in flight, so kafkajs sends concurrent `sendBatch`
 * calls one after the other, each waiting a full broker round trip (acks from all replicas). A worker
 * publishing for many contracts at once then queues on that one connection. Here the calls that arrive
 * meanwhile travel together in the next request: the same messages, in arrival order, on the same
 * topics — only fewer round trips. A lone publish is sent at once, as before (no lingering).
 *
 * Each caller still learns its own outcome: when a shared request fails because the broker refused
 * something (a protocol error such as a message too large, which may be one caller's alone), every
 * caller's messages are sent again on their own, so one bad message never fails or stalls the others.
 * When the broker cannot be reached, all fail together and Temporal retries each activity.
 */
import type { Message, Producer, TopicMessages } from 'kafkajs';

export interface CoalescingLimits {
  /** Publishes per shared request. */
  maxPublishes: number;
  /** Message value bytes per shared request (well below the broker's 1 MiB default batch limit). */
  maxBytes: number;
}

export const DEFAULT_COALESCING_LIMITS: CoalescingLimits = { maxPublishes: 100, maxBytes: 512 * 1024 };

export type SendTopicMessages = (topicMessages: TopicMessages[]) => Promise<void>;

interface Pending {
  topicMessages: TopicMessages[];
  bytes: number;
  resolve: () => void;
  reject: (err: unknown) => void;
}

export function coalescingSender(
  producer: Pick<Producer, 'sendBatch'>,
  limits: CoalescingLimits = DEFAULT_COALESCING_LIMITS,
): SendTopicMessages {
  const queue: Pending[] = [];
  let sending = false;

  const sendAlone = async (p: Pending) => {
    await producer.sendBatch({ topicMessages: p.topicMessages, acks: -1 });
  };

  const drain = async () => {
    sending = true;
    try {
      while (queue.length > 0) {
        const batch = take(queue, limits);
        try {
          const topicMessages = batch.length === 1 ? batch[0]!.topicMessages : merge(batch);
          await producer.sendBatch({ topicMessages, acks: -1 });
          for (const p of batch) p.resolve();
        } catch (err) {
          if (batch.length === 1 || !brokerRefused(err)) {
            for (const p of batch) p.reject(err);
            continue;
          }
          await Promise.all(batch.map((p) => sendAlone(p).then(p.resolve, p.reject)));
        }
      }
    } finally {
      sending = false;
    }
  };

  return (topicMessages) =>
    new Promise<void>((resolve, reject) => {
      queue.push({ topicMessages, bytes: valueBytes(topicMessages), resolve, reject });
      if (!sending) void drain();
    });
}

/** The oldest publishes, as many as the limits allow (always at least one). */
function take(queue: Pending[], { maxPublishes, maxBytes }: CoalescingLimits): Pending[] {
  let count = 1;
  let bytes = queue[0]!.bytes;
  while (count < queue.length && count < maxPublishes && bytes + queue[count]!.bytes <= maxBytes) {
    bytes += queue[count]!.bytes;
    count++;
  }
  return queue.splice(0, count);
}

/** One entry per topic, messages in arrival order (so one contract's events keep their order). */
function merge(batch: readonly Pending[]): TopicMessages[] {
  const byTopic = new Map<string, Message[]>();
  for (const p of batch) {
    for (const { topic, messages } of p.topicMessages) {
      const list = byTopic.get(topic);
      if (list) list.push(...messages);
      else byTopic.set(topic, [...messages]);
    }
  }
  return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
}

function valueBytes(topicMessages: readonly TopicMessages[]): number {
  let bytes = 0;
  for (const { messages } of topicMessages) {
    for (const m of messages) bytes += m.value === null ? 0 : Buffer.byteLength(m.value);
  }
  return bytes;
}

/** A broker answered and refused (kafkajs protocol errors carry the broker's error `type`). */
function brokerRefused(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; depth++) {
    if (typeof (e as { type?: unknown }).type === 'string') return true;
    e =
      (e as { cause?: unknown; originalError?: unknown }).cause ??
      (e as { originalError?: unknown }).originalError;
  }
  return false;
}
