/**
 * Mint an API key: prints the key (hand it to the caller once; it is not stored anywhere) and the
 * record to add to API_KEYS or the API_KEYS_FILE array (only the key's sha256 is kept).
 *   npm run api-key -- <id> <sales|engineer|billing|admin> [--file keys.json]
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { Command } from 'commander';
import { z } from 'zod';
import { generateApiKey } from '../clients/api/keys';
import { parseApiKeyRecords } from '../platform/key-registry';
import { ROLES } from '../clients/sdk/api-contract';

const program = new Command()
  .name('api-key')
  .argument('<id>', 'key id: lower-case letters, digits, dashes (e.g. crm-east)')
  .argument('<role>', `one of ${ROLES.join(', ')}`)
  .option('--file <path>', 'append the record to this JSON array file (created if missing)')
  .option('--note <text>', 'free text stored with the record')
  .action((id: string, role: string, opts: { file?: string; note?: string }) => {
    const parsedRole = z.enum(ROLES).safeParse(role);
    if (!parsedRole.success) program.error(`role must be one of ${ROLES.join(', ')}`);
    const { key, record } = generateApiKey(id, parsedRole.data!);
    const full = opts.note ? { ...record, note: opts.note } : record;
    if (opts.file) {
      const existing = existsSync(opts.file)
        ? parseApiKeyRecords(readFileSync(opts.file, 'utf8'), opts.file)
        : { ok: true as const, records: [] };
      if (!existing.ok) program.error(existing.problems.join('\n'));
      const records = existing.ok ? existing.records : [];
      if (records.some((r) => r.id === id)) program.error(`${opts.file} already has a key with id '${id}'`);
      writeFileSync(opts.file, `${JSON.stringify([...records, full], null, 2)}\n`);
      console.error(`record appended to ${opts.file}`);
    } else {
      console.error('record (add it to API_KEYS or the API_KEYS_FILE array):');
      console.error(JSON.stringify(full));
    }
    console.error('key (give it to the caller now; it cannot be recovered):');
    console.log(key);
  });

program.parse();
