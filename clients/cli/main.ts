/** `tco` entry point: wires the CLI to the HTTP API and exits with the command's code. */
import { HttpContractsClient } from '../sdk/http';
import { runCli } from './program';

/** Exit once everything written is flushed (simulate's Temporal runtime would keep the process alive). */
function exitWhenFlushed(code: number): void {
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

/** Without a terminal: print a progress line when the stage or the simulated year changes. */
function lineProgress(): (text: string) => void {
  let last = '';
  return (text) => {
    const gist = text.replace(/(\d{4})-\d{2}-\d{2}/, '$1').replace(/ \(\d+ events\)$/, '');
    if (text && gist !== last) process.stderr.write(`${text}\n`);
    last = gist;
  };
}

runCli(process.argv.slice(2), {
  connect: ({ apiUrl, apiKey }) => new HttpContractsClient({ baseUrl: apiUrl, apiKey: apiKey ?? '' }),
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  // Progress overwrites one line on a terminal; elsewhere a line each time it says something new.
  progress: process.stderr.isTTY ? (text) => process.stderr.write(`\r\x1b[K${text}`) : lineProgress(),
}).then(exitWhenFlushed, (err: unknown) => {
  console.error(err);
  exitWhenFlushed(1);
});
