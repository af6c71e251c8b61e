/**
 * Mint the demo's API keys: writes the hashed records for the API (API_KEYS_FILE) and prints the keys
 * as shell assignments for the demo driver and the CLI. Fresh keys every run; nothing else keeps them.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { generateApiKey } from '../clients/api/keys';

const recordsFile = process.argv[2];
if (!recordsFile) throw new Error('usage: tsx scripts/demo-keys.ts <records-file>');

const minted = {
  DEMO_SALES_KEY: generateApiKey('demo-sales', 'sales'),
  DEMO_ENGINEER_KEY: generateApiKey('demo-engineer', 'engineer'),
  DEMO_BILLING_KEY: generateApiKey('demo-billing', 'billing'),
};
mkdirSync(dirname(recordsFile), { recursive: true });
writeFileSync(
  recordsFile,
  JSON.stringify(
    Object.values(minted).map((m) => m.record),
    null,
    2,
  ),
  { mode: 0o600 },
);
for (const [name, { key }] of Object.entries(minted)) console.log(`${name}=${key}`);
