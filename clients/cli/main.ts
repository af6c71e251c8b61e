/** `tco` entry point: wires the CLI to the HTTP API and exits with the command's code. */
import { HttpContractsClient } from '../sdk/http';
import { runCli } from './program';

/** Exit once everything written is flushed (simulate's Temporal runtime would keep the process alive). */
function exitWhenFlushed(code: number): void {
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

runCli(process.argv.slice(2), {
  connect: ({ apiUrl, apiKey }) => new HttpContractsClient({ baseUrl: apiUrl, apiKey: apiKey ?? '' }),
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  // Progress overwrites one line on a terminal; scripts (no TTY) get none.
  progress: process.stderr.isTTY ? (text) => process.stderr.write(`\r\x1b[K${text}`) : undefined,
}).then(exitWhenFlushed, (err: unknown) => {
  console.error(err);
  exitWhenFlushed(1);
});
