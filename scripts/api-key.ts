/**
 * Mint an API key with its Kafka signing key: prints the API key on stdout and the signing key on
 * stderr (or into --signing-key-file) — hand both to the caller once; neither is stored anywhere — and
 * writes the record for API_KEYS or the API_KEYS_FILE array (the API key's sha256 and the signing key's
 * public half only).
 *   npm run api-key -- <id> <sales|engineer|billing|admin|compliance> [--file keys.json]
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { Command } from 'commander';
import { z } from 'zod';
import { generateApiKey } from '../clients/api/keys';
import { generateSigningKey } from '../platform/intake-signature';
import { parseApiKeyRecords } from '../platform/key-registry';
import { ROLES } from '../clients/sdk/api-contract';

const program = new Command()
  .name('api-key')
  .argument('<id>', 'key id: lower-case letters, digits, dashes (e.g. crm-east)')
  .argument('<role>', `one of ${ROLES.join(', ')}`)
  .option('--file <path>', 'append the record to this JSON array file (created if missing)')
  .option('--note <text>', 'free text stored with the record')
  .option('--signing-key-file <path>', 'write the Kafka signing key here (mode 0600) instead of stderr')
  .action((id: string, role: string, opts: { file?: string; note?: string; signingKeyFile?: string }) => {
    const parsedRole = z.enum(ROLES).safeParse(role);
    if (!parsedRole.success) program.error(`role must be one of ${ROLES.join(', ')}`);
    const { key, record } = generateApiKey(id, parsedRole.data!);
    const signing = generateSigningKey(id);
    const full = {
      ...record,
      signingPublicKey: signing.publicKey,
      ...(opts.note ? { note: opts.note } : {}),
    };
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
    if (opts.signingKeyFile) {
      writeFileSync(opts.signingKeyFile, `${signing.secret}\n`, { mode: 0o600, flag: 'wx' });
      console.error(`Kafka signing key (INTAKE_SIGNING_KEY) written to ${opts.signingKeyFile}`);
    } else {
      console.error('Kafka signing key (INTAKE_SIGNING_KEY for intake producers; cannot be recovered):');
      console.error(signing.secret);
    }
    console.error('key (give it to the caller now; it cannot be recovered):');
    console.log(key);
  });

program.parse();
