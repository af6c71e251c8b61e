/**
 * Turn `act` flags into an action's input, reading field types from the action's zod schema so
 * `--set lineIndex=0` is a number and `--set documentTypes=a,b` a list. The result is then parsed by
 * the same `parseAction` the workflow's validator uses, so the CLI refuses bad input before any call.
 * The actor field is left out: the API sets it from the caller's API key.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ACTOR_FIELDS, ActionSchemas, parseAction, type ActionName } from '../../domain/lifecycle/actions';

export interface ActFlags {
  /** Deprecated: the API records the key id as who acted; accepted (and ignored) for one version. */
  by?: string;
  /** Lines to confirm at once: `0=CIR-1,1=CIR-2`, or `@file` (the same, or a JSON array). */
  lines?: string;
  reason?: string;
  /** For service requests: suspend-keep-number, resume, number-change, … */
  type?: string;
  /** `field=value` pairs. */
  set?: string[];
  /** A whole JSON object, merged under the flags. */
  input?: string;
}

type Shape = Record<string, z.ZodType>;

/** The object schema for this action (for service requests, the variant named by `type`). */
function shapeOf(action: ActionName, type: string | undefined): Shape {
  const schema = ActionSchemas[action] as z.ZodType;
  if (schema instanceof z.ZodObject) return schema.shape;
  if (schema instanceof z.ZodDiscriminatedUnion) {
    const variant = (schema.options as z.ZodObject[]).find(
      (o) => (o.shape.type as z.ZodLiteral | undefined)?.value === type,
    );
    return variant?.shape ?? {};
  }
  return {};
}

function unwrap(field: z.ZodType | undefined): z.ZodType | undefined {
  return field instanceof z.ZodOptional ? (field.unwrap() as z.ZodType) : field;
}

function coerce(field: z.ZodType | undefined, raw: string): unknown {
  const inner = unwrap(field);
  if (inner instanceof z.ZodNumber) return raw.trim() === '' ? raw : Number(raw);
  if (inner instanceof z.ZodBoolean) return raw === 'true' ? true : raw === 'false' ? false : raw;
  if (inner instanceof z.ZodArray) return raw.split(',').map((s) => s.trim());
  return raw;
}

export function buildActionInput(action: ActionName, flags: ActFlags): unknown {
  const shape = shapeOf(action, flags.type);
  const input: Record<string, unknown> = flags.input ? parseJsonObject(flags.input) : {};
  if (flags.type !== undefined) input.type = flags.type;
  if (flags.lines !== undefined) input.lines = parseLines(flags.lines);
  if (flags.reason !== undefined && 'reason' in shape) input.reason = flags.reason;
  for (const pair of flags.set ?? []) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--set ${pair}: must be field=value`);
    const key = pair.slice(0, eq);
    input[key] = coerce(shape[key], pair.slice(eq + 1));
  }
  // Validated as the workflow will, with a stand-in actor (the API replaces it), which is then left out.
  const actorField = ACTOR_FIELDS[action] as string;
  const parsed = parseAction(action, { ...input, [actorField]: 'api-key' }) as Record<string, unknown>;
  const { [actorField]: _actor, ...withoutActor } = parsed;
  return withoutActor;
}

/** `0=CIR-1,1=CIR-2` (commas or line breaks), `@file` holding that or a JSON array of lines. */
export function parseLines(spec: string): Array<{ lineIndex: number; circuitId: string }> {
  let text = spec;
  if (spec.startsWith('@')) {
    try {
      text = readFileSync(spec.slice(1), 'utf8');
    } catch (err) {
      throw new UsageError(`--lines ${spec}: ${(err as Error).message}`);
    }
    if (text.trimStart().startsWith('[')) {
      try {
        return JSON.parse(text) as Array<{ lineIndex: number; circuitId: string }>;
      } catch {
        throw new UsageError(`--lines ${spec}: not a JSON array`);
      }
    }
  }
  return text
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((pair) => {
      const match = /^(\d+)\s*=\s*(.+)$/.exec(pair);
      if (!match) throw new UsageError(`--lines: "${pair}" must be lineIndex=circuitId, e.g. 0=CIR-1`);
      return { lineIndex: Number(match[1]), circuitId: match[2]! };
    });
}

function parseJsonObject(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new UsageError('--input: must be a JSON object');
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new UsageError('--input: must be a JSON object');
  }
  return value as Record<string, unknown>;
}

/** The command line itself is wrong (exit code 2). */
export class UsageError extends Error {
  override name = 'UsageError';
}
