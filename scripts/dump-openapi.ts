/**
 * Write the API's OpenAPI document (the one GET /openapi.json serves) to a file, without Temporal:
 * the server is built over a backend that is never called. For the lint (`npx redocly lint`) and the
 * fuzzer. Usage: tsx scripts/dump-openapi.ts <out.json>
 */
import { writeFileSync } from 'node:fs';
import pino from 'pino';
import { buildApiServer } from '../clients/api/server';
import type { ContractsApi } from '../clients/sdk/api-contract';

export async function openApiDocument(): Promise<unknown> {
  const unused = new Proxy({} as ContractsApi, {
    get: () => () => Promise.reject(new Error('the OpenAPI dump calls no contract operation')),
  });
  const app = await buildApiServer({ contracts: () => unused, keys: [], logger: pino({ level: 'silent' }) });
  await app.ready();
  const doc = app.swagger();
  await app.close();
  return doc;
}

if (require.main === module) {
  const out = process.argv[2];
  if (!out) throw new Error('usage: tsx scripts/dump-openapi.ts <out.json>');
  void openApiDocument().then((doc) => writeFileSync(out, `${JSON.stringify(doc, null, 2)}\n`));
}
