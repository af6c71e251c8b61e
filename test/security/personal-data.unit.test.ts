/**
 * Personal data of the seed contracts (contact names, phone and fax numbers, e-mails) never appears in
 * logs, and appears in Temporal history only as the contract itself (the workflow input, encrypted in
 * production): not in any published event, activity call or result, update result or search attribute.
 * Logs are captured from the project's own logger (platform/logger.ts) while representative flows run.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { Payload } from '@temporalio/common';
import { WorkflowNotFoundError } from '@temporalio/common';
import { createLogger, PinoTemporalLogger } from '../../platform/logger';
import { processIntakeMessage, type IntakePorts } from '../../workers/intake-handler';
import { validateContractSpec } from '../../workers/intake';
import { loadSeeds, seedPersonalData } from './support/hostile';
import { producerFor, signedHeaders } from '../support/intake-keys';
import { FAMILIES, FUZZ_KEYS } from './support/intake-cases';

const personalData = seedPersonalData();
const seeds = loadSeeds();
const found = (text: string) => personalData.filter((p) => text.includes(p));

function capturedLogger() {
  const lines: string[] = [];
  const logger = createLogger(
    { level: 'trace', pretty: false, name: 'pii-test' },
    new Writable({
      write(chunk: Buffer, _e, done) {
        lines.push(chunk.toString());
        done();
      },
    }),
  );
  return { logger, text: () => lines.join('') };
}

describe('logs', () => {
  test('a contract logged in any shape, at any depth, keeps its number and loses its personal data', () => {
    const { logger, text } = capturedLogger();
    for (const spec of seeds) {
      logger.info({ spec }, 'spec');
      logger.info({ request: { body: { contract: spec } } }, 'nested');
      logger.info({ args: [spec] }, 'in an array');
      logger.info(spec, 'as the log object');
      for (const contact of spec.contacts as object[]) logger.warn({ contact }, 'one contact');
      new PinoTemporalLogger(logger).info('from Temporal', { workflowInput: spec });
    }
    logger.error({ err: new Error('customer on 15009083897 unreachable') }, 'error message with a mobile');
    logger.info('call back 18195906112 or ID 650102199001011234 about %s', 'XJJCF2400252EGN00');
    const logs = text();
    expect(found(logs)).toEqual([]);
    expect(logs).not.toContain('650102199001011234');
    expect(logs).toContain('XJJCF2400252EGN00');
    expect(logs).toContain('沙雅县公安局'); // the customer is an organisation, not a person
  });

  test('the intake logs where a message was and why, never what it carried', async () => {
    const { logger, text } = capturedLogger();
    const ports: IntakePorts = {
      startContract: async () => 'started',
      signalContract: async (fact) => {
        throw new WorkflowNotFoundError('not found', `contract-${fact.contractNo}`, undefined);
      },
      deadLetter: async () => undefined,
    };
    const envelope = (type: string, subject: string, data: unknown) =>
      Buffer.from(
        JSON.stringify({
          specversion: '1.0',
          id: `pii-${subject}`,
          source: 'urn:crm',
          type,
          subject,
          time: '2025-08-01T02:00:00Z',
          datacontenttype: 'application/json',
          data,
        }),
      );
    const messages = seeds.flatMap((spec) => {
      const onboarding = FAMILIES.onboarding!;
      const contacts = spec.contacts as Array<Record<string, unknown>>;
      const badPhone = {
        ...spec,
        contacts: contacts.map((c) => ({ ...c, phone: `${String(c.name)} 电话` })),
      };
      return [
        envelope(onboarding.type, spec.contractNo, onboarding.valid(spec.contractNo)),
        envelope(onboarding.type, spec.contractNo, {
          requestId: 'R',
          requestedBy: FUZZ_KEYS.sales.record.id,
          contract: badPhone,
        }),
        Buffer.from(`not json: ${JSON.stringify(spec.contacts)}`),
        ...['payments', 'overdue', 'complaints', 'violations'].map((f) =>
          envelope(FAMILIES[f]!.type, spec.contractNo, FAMILIES[f]!.valid(spec.contractNo)),
        ),
      ].map((value, i) => ({ value, topicKey: i < 3 ? ('onboardingRequests' as const) : undefined }));
    });
    for (const [i, m] of messages.entries()) {
      const topicKey =
        m.topicKey ?? Object.values(FAMILIES).find((f) => m.value.toString().includes(f.type))!.topicKey;
      await processIntakeMessage(
        {
          topicKey,
          topic: `contract.${topicKey}`,
          partition: 0,
          offset: String(i),
          key: null,
          value: m.value,
          headers: signedHeaders(producerFor(FUZZ_KEYS, topicKey), topicKey, m.value),
        },
        ports,
        { validateContract: validateContractSpec, authenticate: FUZZ_KEYS.authenticate },
        logger,
      );
    }
    const logs = text();
    expect(logs).toContain('intake message dead-lettered');
    expect(logs).toContain('"outcome":"started"');
    expect(found(logs)).toEqual([]);
  });
});

/** Payloads of a recorded history, each with where it is; the workflow's own input is the contract. */
function payloadsOf(history: { events: Array<Record<string, unknown>> }): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const walk = (value: unknown, path: string) => {
    if (value === null || typeof value !== 'object') return;
    const v = value as Record<string, unknown>;
    if (typeof v.data === 'string' && v.metadata && typeof v.metadata === 'object') {
      out.push([path, Buffer.from((v as { data: string }).data, 'base64').toString('utf8')]);
      return;
    }
    for (const [k, child] of Object.entries(v)) walk(child, `${path}.${k}`);
  };
  for (const event of history.events) {
    const type = String(event.eventType);
    const started = event.workflowExecutionStartedEventAttributes as { input?: unknown } | undefined;
    walk(started ? { ...started, input: undefined } : event, type);
  }
  return out;
}

describe('Temporal history of every recorded seed lifecycle', () => {
  const root = join(__dirname, '../histories');
  const files = ['legacy', 'decider'].flatMap((set) =>
    readdirSync(join(root, set))
      .filter((f) => f.endsWith('.json'))
      .map((f) => `${set}/${f}`),
  );
  const dir = root;

  test.each(files)(
    '%s: events, activity calls and results, updates and search attributes carry no personal data',
    (file) => {
      const history = JSON.parse(readFileSync(join(dir, file), 'utf8')) as {
        events: Array<Record<string, unknown>>;
      };
      const payloads: Array<[string, string]> = payloadsOf(history);
      expect(payloads.some(([where]) => where.includes('ACTIVITY_TASK_SCHEDULED'))).toBe(true);
      const leaks = payloads.flatMap(([where, text]) => found(text).map((p) => `${where}: ${p}`));
      expect(leaks).toEqual([]);
      // The contract input itself does hold contacts: that is why history is encrypted (payload codec).
      const input = (
        history.events[0]!.workflowExecutionStartedEventAttributes as { input: { payloads: Payload[] } }
      ).input.payloads as unknown as Array<{ data: string }>;
      const inputText = input.map((p) => Buffer.from(p.data, 'base64').toString('utf8')).join();
      if (/"contacts":\[\{/.test(inputText)) expect(found(inputText).length).toBeGreaterThan(0);
    },
  );
});
