/**
 * `npm run demo` as a new user runs it (scripts/demo.sh, DEMO_EXIT=1 so it stops after the summary):
 * worker, billing consumer and API come up, the five seed contracts are onboarded through the API, four
 * are driven through it to billing start and 001 waits in the inbox for a person, the console's URL is
 * printed with an engineer key, and everything the script started is gone afterwards.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { localDateOf } from '../../domain/calendar';
import { SEED_CONTRACT_NUMBERS } from '../../domain/seed-contracts';

const ROOT = join(__dirname, '..', '..');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

function runDemo(env: NodeJS.ProcessEnv): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['scripts/demo.sh'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out }));
  });
}

test('npm run demo onboards the five seeds, drives four to billing start and leaves 001 in the inbox', async () => {
  const apiPort = await freePort();
  // The ops servers take any free port, as the API does, so the demo runs beside other processes.
  const { code, out } = await runDemo({
    ...process.env,
    DEMO_EXIT: '1',
    API_PORT: String(apiPort),
    METRICS_PORT: '0',
  });
  expect({ code, tail: out.slice(-3000) }).toEqual({
    code: 0,
    tail: expect.stringContaining('Four contracts reached billing start.'),
  });
  const LEFT_FOR_A_PERSON = 'JSCZE2208138CGN00';

  const suffix = localDateOf(Date.now()).slice(2).replaceAll('-', '');
  for (const seedNo of SEED_CONTRACT_NUMBERS) {
    const row = out.split('\n').find((l) => l.startsWith(`${seedNo}-${suffix} `));
    expect({ seedNo, row }).toEqual({
      seedNo,
      row:
        seedNo !== LEFT_FOR_A_PERSON
          ? expect.stringMatching(/\sactive\s+\d{4}-\d{2}-\d{2}\s+started\s/)
          : // A same-day rerun finds it where a person may have taken it since.
            out.includes(`created  ${seedNo}-${suffix}`)
            ? expect.stringMatching(/\squalification\s+not yet\s/)
            : expect.any(String),
    });
  }
  expect(out).toContain(`API docs         http://127.0.0.1:${apiPort}/docs`);
  expect(out).toMatch(
    new RegExp(
      `Console {10}http://127\\.0\\.0\\.1:${apiPort}/console\\n\\s+sign in with the engineer key: tco_demo-engineer_\\S+`,
    ),
  );

  // Nothing the demo started outlives it: its API port is free again.
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', reject);
    probe.listen(apiPort, '127.0.0.1', () => probe.close(() => resolve()));
  });
}, 300_000);
