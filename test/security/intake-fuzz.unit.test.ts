/**
 * Property-based fuzzing of the intake (issue #9 item 5): FUZZ_RUNS (default 1,000) hostile messages
 * per topic family go through processIntakeMessage with the real decoding and contract validation and
 * ports that record what they are asked. Every message must end handled — dead-lettered with a
 * `<code>: <detail>` reason, or a valid fact started/signalled — never thrown, never a workflow started
 * or signalled for an invalid message, and no seed personal data in any reason or log line.
 * Figures: test/reports/fuzz-intake.json.
 */
import { Writable } from 'node:stream';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import fc from 'fast-check';
import pino from 'pino';
import { parseContractSpec } from '../../domain/contract-spec';
import { INTAKE_FACTS } from '../../domain/events/intake-facts';
import { processIntakeMessage, type InboundMessage, type IntakePorts } from '../../workers/intake-handler';
import { validateContractSpec } from '../../workers/intake';
import { FUZZ_RUNS, FUZZ_SEED, seedPersonalData } from './support/hostile';
import { FAMILIES, duplicateOf, hostileMessage, type HostileCase } from './support/intake-cases';
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
  };
}

const personalDataIn = (text: string) => personalData.filter((p) => text.includes(p));

async function check(family: string, c: HostileCase): Promise<void> {
  const { ports, calls } = recordingPorts();
  const outcome = await processIntakeMessage(inbound(c), ports, validateContractSpec, log);
  report.record(family, outcome);

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
  const file = report.write({ logLinesScanned: logLines.length, personalDataFoundInLogs: leaks.length });
  expect(leaks).toEqual([]);
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
    await processIntakeMessage(inbound(onboarding), ports, validateContractSpec, log),
    await processIntakeMessage(inbound(onboarding), ports, validateContractSpec, log),
  ];
  expect(outcomes).toEqual(['started', 'already-started']);
  expect(calls.started).toHaveLength(1);

  const payment = duplicateOf('payments');
  for (let i = 0; i < 2; i++) {
    expect(await processIntakeMessage(inbound(payment), ports, validateContractSpec, log)).toBe('signalled');
  }
  // The workflow deduplicates by paymentId (at-least-once delivery); the intake must not alter it.
  expect(calls.signalled).toHaveLength(2);
  expect(calls.signalled[0]).toEqual(calls.signalled[1]);
});
