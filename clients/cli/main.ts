/** `tco` entry point: wires the CLI to the HTTP API and exits with the command's code. */
import { HttpContractsClient } from '../sdk/http';
import { runCli } from './program';

runCli(process.argv.slice(2), {
  connect: ({ apiUrl, apiKey }) => new HttpContractsClient({ baseUrl: apiUrl, apiKey: apiKey ?? '' }),
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  // Progress overwrites one line on a terminal; scripts (no TTY) get none.
  progress: process.stderr.isTTY ? (text) => process.stderr.write(`\r\x1b[K${text}`) : undefined,
})
  .then((code) => {
    process.exitCode = code;
  })
  .catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
