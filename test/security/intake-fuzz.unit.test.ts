/**
 * Property-based fuzzing of the intake (issue #9 item 5, #15 items 5-6): FUZZ_RUNS (default 1,000)
 * hostile messages per topic family — including unsigned, forged and wrong-role messages, garbage
 * headers, overflowing sums and control characters — go through processIntakeMessage under the
 * consumer's retry budget, with the real signature check, decoding and contract validation and ports
 * that record what they are asked. Every message must end handled — dead-lettered with a
 * `<code>: <detail>` reason, or a valid fact started/signalled — never stuck, never a workflow started
 * or signalled for an invalid message, and no seed personal data in any reason or log line.
 * Figures: test/reports/fuzz-intake.json.
 */
import { Writable } from 'node:stream';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import fc from 'fast-check';
import pino from 'pino';
import { parseContractSpec } from '../../domain/contract-spec';
import { INTAKE_FACTS } from '../../domain/events/intake-facts';
import { runWithinBudget } from '../../workers/intake-failures';
import { processIntakeMessage, type InboundMessage, type IntakePorts } from '../../workers/intake-handler';
import { validateContractSpec } from '../../workers/intake';
import { FUZZ_RUNS, FUZZ_SEED, seedPersonalData } from './support/hostile';
import {
  FAMILIES,
  FUZZ_KEYS,
  duplicateOf,
  headersOf,
  hostileMessage,
  type HostileCase,
} from './support/intake-cases';
import { hostileKind } from './support/intake-hostile-auth';
import { FuzzReport } from './support/report';

jest.setTimeout(10 * 60_000);

const report = new FuzzReport('intake');
const personalData = seedPersonalData();
const logLines: string[] = [];
const log = pino(
  { level: 'info' },
  new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(chunk.toString());
      done();
    },
  }),
);

function recordingPorts() {
  const calls = {
    started: [] as Array<[string, unknown]>,
    signalled: [] as unknown[],
    deadLettered: [] as string[],
  };
  const running = new Set<string>();
  const ports: IntakePorts = {
    async startContract(contractNo, spec) {
      if (running.has(contractNo)) {
        throw new WorkflowExecutionAlreadyStartedError(
          'exists',
          `contract-${contractNo}`,
          'contractLifecycle',
        );
      }
      running.add(contractNo);
      calls.started.push([contractNo, spec]);
      return 'started';
    },
    signalContract: async (fact) => void calls.signalled.push(fact),
    deadLetter: async (_message, reason) => void calls.deadLettered.push(reason),
  };
  return { ports, calls };
}

function inbound(c: HostileCase): InboundMessage {
  return {
    topicKey: c.topicKey,
    topic: `contract.${c.topicKey}`,
    partition: 0,
    offset: '7',
    key: Buffer.from('FUZZ'),
    value: c.value,
    headers: headersOf(c),
  };
}

const checks = { validateContract: validateContractSpec, authenticate: FUZZ_KEYS.authenticate };

/** As the consumer runs a message: a failure that is no outage is dead-lettered past the budget. */
function consume(c: HostileCase, ports: IntakePorts) {
  const message = inbound(c);
  let attempts = 0;
  return runWithinBudget({
    attempt: () => {
      attempts += 1;
      return processIntakeMessage(message, ports, checks, log);
    },
    deadLetter: (reason) => ports.deadLetter(message, reason),
    probe: async () => true,
    pause: async () => undefined,
    beforeRetry: async (err, kind) => {
      // No server here: anything "outage" would be a misclassification that stalls the partition.
      if (kind === 'outage' || attempts > 10) throw err;
    },
  });
}

/** Issue #15's hostile messages tried, by kind (all went through the consumer's budget, none stuck). */
const hostile: Record<string, number> = {};

const personalDataIn = (text: string) => personalData.filter((p) => text.includes(p));

async function check(family: string, c: HostileCase): Promise<void> {
  const { ports, calls } = recordingPorts();
  const outcome = await consume(c, ports);
  report.record(family, outcome);
  const kind = hostileKind(c.label);
  if (kind) hostile[kind] = (hostile[kind] ?? 0) + 1;

  if (outcome === 'dead-lettered') {
    expect(calls.deadLettered).toHaveLength(1);
    expect(calls.deadLettered[0]).toMatch(/^[a-z-]+: \S/);
    expect(calls.deadLettered[0]!.length).toBeLessThanOrEqual(1_000);
    expect(personalDataIn(calls.deadLettered[0]!)).toEqual([]);
  } else {
    expect(calls.deadLettered).toEqual([]);
  }
  if (c.expect === 'refused') {
    expect({ case: c.label, outcome }).toEqual({ case: c.label, outcome: 'dead-lettered' });
    expect(calls.started).toEqual([]);
    expect(calls.signalled).toEqual([]);
  }
  if (c.expect === 'accepted')
    expect({ case: c.label, outcome }).not.toEqual({ case: c.label, outcome: 'dead-lettered' });
  // Whatever reached Temporal passed the same rules, whoever wrote the case.
  for (const [, spec] of calls.started) expect(parseContractSpec(spec).ok).toBe(true);
  for (const fact of calls.signalled as Array<{ type: keyof typeof INTAKE_FACTS; data: object }>) {
    expect(INTAKE_FACTS[fact.type].schema.safeParse(fact.data).success).toBe(true);
    // A hostile `__proto__` key never becomes the prototype of what is signalled.
    expect(Object.getPrototypeOf(fact.data)).toBe(Object.prototype);
    expect(Object.keys(fact.data)).not.toContain('__proto__');
  }
}

afterAll(() => {
  const leaks = logLines.flatMap((line) => personalDataIn(line));
  const file = report.write({
    logLinesScanned: logLines.length,
    personalDataFoundInLogs: leaks.length,
    issue15HostileMessages: hostile,
  });
  expect(leaks).toEqual([]);
  // Every kind of issue #15's hostile message was tried, or the run proves less than it claims.
  expect(Object.keys(hostile).sort()).toEqual(
    [
      'unsigned',
      'wrong role',
      'unknown key',
      'revoked key',
      'forged (changed after signing)',
      'garbage headers',
      'forged requestedBy',
      'overflowing sums',
      'huge amounts',
      'control characters',
    ].sort(),
  );
  console.info(`intake fuzz figures: ${file}`);
});

describe.each(Object.keys(FAMILIES))('intake family %s', (family) => {
  test(`${FUZZ_RUNS} hostile messages: each dead-lettered with a reason or a valid fact, never thrown`, async () => {
    await report.time(family, () =>
      fc.assert(
        fc.asyncProperty(hostileMessage(family), (c) => check(family, c)),
        { numRuns: FUZZ_RUNS, seed: FUZZ_SEED },
      ),
    );
    const figures = report.figures(family)!;
    expect(figures.inputs).toBeGreaterThanOrEqual(FUZZ_RUNS);
    // The generator must exercise both sides, or the property proves little.
    expect(figures.outcomes['dead-lettered']).toBeGreaterThan(FUZZ_RUNS / 2);
    expect(Object.keys(figures.outcomes).length).toBeGreaterThan(1);
  });
});

test('a duplicated onboarding request starts one workflow; a duplicated fact is signalled twice, unchanged', async () => {
  const { ports, calls } = recordingPorts();
  const onboarding = duplicateOf('onboarding');
  const outcomes = [
    await processIntakeMessage(inbound(onboarding), ports, checks, log),
    await processIntakeMessage(inbound(onboarding), ports, checks, log),
  ];
  expect(outcomes).toEqual(['started', 'already-started']);
  expect(calls.started).toHaveLength(1);

  const payment = duplicateOf('payments');
  for (let i = 0; i < 2; i++) {
    expect(await processIntakeMessage(inbound(payment), ports, checks, log)).toBe('signalled');
  }
  // The workflow deduplicates by paymentId (at-least-once delivery); the intake must not alter it.
  expect(calls.signalled).toHaveLength(2);
  expect(calls.signalled[0]).toEqual(calls.signalled[1]);
});
