/**
 * The key registry: who may call the orchestrator, with which role. A record holds the key's id, role,
 * the sha256 of its API key and the public half of its Kafka signing key — never a secret. Records come
 * from API_KEYS (inline JSON) and/or API_KEYS_FILE, read only by the processes that authenticate
 * callers (loadKeyRegistry: the API, the codec server, the intake), never by every process.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ConfigError } from './config-error';

/**
 * Who may call what. `sales` sees only the contracts its own key onboarded. `compliance` only publishes
 * complaint and violation facts on Kafka (platform/intake-signature.ts); it may call no API route but GET /v1/me.
 */
export const ROLES = ['sales', 'engineer', 'billing', 'admin', 'compliance'] as const;
export type Role = (typeof ROLES)[number];

export const ApiKeyIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'must be 1-40 lower-case letters, digits or dashes (no underscore)');

export const ApiKeyRecordSchema = z
  .object({
    id: ApiKeyIdSchema,
    role: z.enum(ROLES, { message: `must be one of ${ROLES.join(', ')}` }),
    sha256: z.string().regex(/^[0-9a-f]{64}$/, "must be the 64 hex digits of the key's sha256"),
    /**
     * Ed25519 public key (the 32 raw bytes, base64url) that verifies this key's signed Kafka intake
     * messages; without it the key cannot publish to the intake.
     */
    signingPublicKey: z
      .string()
      .regex(/^[A-Za-z0-9_-]{43}$/, 'must be the 43 base64url characters of an Ed25519 public key')
      .optional(),
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

/** The registry from API_KEYS and API_KEYS_FILE; a bad record or file stops the process, naming it. */
export function loadKeyRegistry(env: NodeJS.ProcessEnv = process.env): ApiKeyRecord[] {
  const problems: string[] = [];
  const sources: ApiKeyRecord[][] = [];
  const add = (text: string, source: string) => {
    const parsed = parseApiKeyRecords(text, source);
    if (parsed.ok) sources.push(parsed.records);
    else problems.push(...parsed.problems);
  };
  if (env.API_KEYS) add(env.API_KEYS, 'API_KEYS');
  if (env.API_KEYS_FILE) {
    let text: string | undefined;
    try {
      text = readFileSync(env.API_KEYS_FILE, 'utf8');
    } catch (err) {
      problems.push(
        `API_KEYS_FILE: cannot read ${env.API_KEYS_FILE} (${(err as NodeJS.ErrnoException).code})`,
      );
    }
    if (text !== undefined) add(text, 'API_KEYS_FILE');
  }
  const merged = mergeApiKeyRecords(sources);
  problems.push(...merged.problems);
  if (problems.length) throw new ConfigError(problems);
  return merged.records;
}
