/**
 * What the API stores about a key: its id, role and the sha256 of the key — never the key itself.
 * Records come from configuration (API_KEYS inline JSON and/or the API_KEYS_FILE JSON file).
 */
import { z } from 'zod';
import { ROLES } from '../sdk/api-contract';

export const ApiKeyIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'must be 1-40 lower-case letters, digits or dashes (no underscore)');

export const ApiKeyRecordSchema = z
  .object({
    id: ApiKeyIdSchema,
    role: z.enum(ROLES, { message: `must be one of ${ROLES.join(', ')}` }),
    sha256: z.string().regex(/^[0-9a-f]{64}$/, "must be the 64 hex digits of the key's sha256"),
    revoked: z.boolean().optional(),
    /** Free text for people: whose system, when minted. */
    note: z.string().max(200).optional(),
  })
  .strict();
export type ApiKeyRecord = z.infer<typeof ApiKeyRecordSchema>;

/** Parse a JSON array of records; problems name the source variable, the record and the rule. */
export function parseApiKeyRecords(
  text: string,
  source: string,
): { ok: true; records: ApiKeyRecord[] } | { ok: false; problems: string[] } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return {
      ok: false,
      problems: [`${source}: must be a JSON array of key records (${(err as Error).message})`],
    };
  }
  const parsed = z.array(ApiKeyRecordSchema).safeParse(json);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((i) => {
        const path = i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
        const message = i.code === 'unrecognized_keys' ? `unknown field(s) ${i.keys.join(', ')}` : i.message;
        return `${source}${path}: ${message}`;
      }),
    };
  }
  return { ok: true, records: parsed.data };
}

/** Merge records from several sources; one id may appear once. */
export function mergeApiKeyRecords(sources: ApiKeyRecord[][]): {
  records: ApiKeyRecord[];
  problems: string[];
} {
  const records = sources.flat();
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const r of records) {
    if (seen.has(r.id)) problems.push(`API_KEYS/API_KEYS_FILE: key id '${r.id}' appears more than once`);
    seen.add(r.id);
  }
  return { records, problems };
}
