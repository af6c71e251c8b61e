/**
 * tco_dead_letters_total: the intake counts each message it dead-lettered (once the broker took it)
 * and the billing consumer each event it skipped, labelled only with a bounded reason code — never
 * the reason's detail, which may quote the input.
 */
import { KafkaJSConnectionError } from 'kafkajs';
import pino from 'pino';
import { handleBillingMessage } from '../../../clients/billing-consumer/consumer';
import type { LedgerStore } from '../../../clients/billing-consumer/store';
import { createMetrics } from '../../../platform/observability/metrics';
import { temporalAndDeadLetterPorts, type IntakeConsumerDeps } from '../../../workers/intake-consumer';
import { deadLetterCode, unprocessableReason } from '../../../workers/intake-failures';
import type { InboundMessage } from '../../../workers/intake-handler';

const message: InboundMessage = {
  topicKey: 'onboardingRequests',
  topic: 'contract.onboarding-requests.v1',
  partition: 0,
  offset: '3',
  key: Buffer.from('XJJCF2400252EGN00'),
  value: Buffer.from('{}'),
};

test('reason codes are the known prefixes; anything else is "other"', () => {
  expect(deadLetterCode("unauthenticated: no key 'x'")).toBe('unauthenticated');
  expect(deadLetterCode('invalid-contract: data.contract.customer.name: is required')).toBe(
    'invalid-contract',
  );
  expect(deadLetterCode('workflow-not-found: no running workflow for contract XJJCF2400252EGN00')).toBe(
    'workflow-not-found',
  );
  expect(deadLetterCode(unprocessableReason(new RangeError('张三 13800138000'), 3))).toBe('unprocessable');
  expect(deadLetterCode('张三: 13800138000')).toBe('other');
  expect(deadLetterCode('')).toBe('other');
});

test('the intake counts a dead letter once the broker took it, by code', async () => {
  const metrics = createMetrics({ enabled: true, process: 'intake' });
  const failures: unknown[] = [new KafkaJSConnectionError('Connection error')];
  const producer = {
    send: async () => {
      const failure = failures.shift();
      if (failure) throw failure as Error;
      return [];
    },
  };
  const ports = temporalAndDeadLetterPorts({
    producer,
    topicPrefix: '',
    metrics,
  } as unknown as IntakeConsumerDeps);
  const reason = 'invalid-contract: data.contract.contacts.0.phone: 13800138000 is not a phone';
  await expect(ports.deadLetter(message, reason)).rejects.toThrow('Connection error');
  expect(await metrics.render()).not.toMatch(/^tco_dead_letters_total\{/m);
  await ports.deadLetter(message, reason);
  const text = await metrics.render();
  expect(text).toContain('tco_dead_letters_total{consumer="intake",reason="invalid-contract"} 1');
  expect(text).not.toContain('13800138000');
});

test('the billing consumer counts skipped events by code', async () => {
  const metrics = createMetrics({ enabled: true, process: 'billing-consumer' });
  const store = { record: () => Promise.reject(new Error('not reached')) } as unknown as LedgerStore;
  const skipped = (reason: 'not-json' | 'invalid-event') =>
    metrics.deadLetters.inc({ consumer: 'billing', reason });
  const log = pino({ level: 'silent' });
  expect(await handleBillingMessage(store, 'not json', log, skipped)).toBe('skipped');
  expect(await handleBillingMessage(store, '{"type":"telecom.contract.nope.v1"}', log, skipped)).toBe(
    'skipped',
  );
  expect(await handleBillingMessage(store, '{}', log, skipped)).toBe('skipped');
  const text = await metrics.render();
  expect(text).toContain('tco_dead_letters_total{consumer="billing",reason="not-json"} 1');
  expect(text).toContain('tco_dead_letters_total{consumer="billing",reason="invalid-event"} 2');
});
