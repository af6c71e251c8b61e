/**
 * The one definition of text the contract accepts, used by every text field of the spec, the actions,
 * the intake facts and the events, so a string accepted at one edge is accepted at every other.
 *
 * Refused everywhere, with a message naming the rule and the character:
 * - C0 and C1 control characters (U+0000–U+001F, U+007F–U+009F), NUL and ESC included: they end
 *   strings in C libraries, move terminal cursors and forge log lines;
 * - bidirectional formatting characters (U+202A–U+202E, U+2066–U+2069, and the marks U+200E, U+200F,
 *   U+061C): they make a name or a reason read differently from what it says ("Trojan Source"), and no
 *   Chinese or English business text needs them;
 * - line and paragraph separators (U+2028, U+2029), which split lines like a control character;
 * - lone surrogates: not Unicode, they cannot be encoded to UTF-8, so Kafka, PostgreSQL or a JSON
 *   parser elsewhere would mangle or refuse them later.
 *
 * Only multi-line free text (`freeText`: reasons, notes, descriptions) may contain a line feed: a written
 * objection or a compliance finding has paragraphs, and it stays in the workflow history, where it is
 * JSON-escaped; printers (the CLI) escape it too. A carriage return or tab is still refused.
 */
import { z } from 'zod';
import { containsPersonalData } from '../platform/personal-data';

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/u;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_BUT_LF = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/u;
const BIDI = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/u;
const SEPARATOR = /[\u2028\u2029]/u;
// With the u flag a well-formed pair is one code point above U+FFFF; only a lone half matches.
const LONE_SURROGATE = /[\ud800-\udfff]/u;

const codePoint = (ch: string) => `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/** The first rule the text breaks, phrased like the other field rules ("must …"), or undefined. */
export function textProblem(text: string, multiline = false): string | undefined {
  const rules: Array<[RegExp, string]> = [
    [multiline ? CONTROL_BUT_LF : CONTROL, 'must not contain control characters'],
    [BIDI, 'must not contain bidirectional formatting characters'],
    [SEPARATOR, 'must not contain line or paragraph separators'],
    [LONE_SURROGATE, 'must be well-formed Unicode (no lone surrogates)'],
  ];
  for (const [pattern, rule] of rules) {
    const match = pattern.exec(text);
    if (match) return `${rule} (${codePoint(match[0])} at position ${match.index})`;
  }
  return undefined;
}

/**
 * The same rules as JSON Schema patterns, for the OpenAPI document and the JSON Schemas: clients and
 * fuzzers then know what the refinement refuses. Lone surrogates are left out (a surrogate range makes
 * a pattern unusable to other tools); the refinement still refuses them.
 */
const REFUSED = '\\u007F-\\u009F\\u061C\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069\\u2028\\u2029';
const SINGLE_LINE_PATTERN = `^[^\\u0000-\\u001F${REFUSED}]*$`;
const MULTI_LINE_PATTERN = `^[^\\u0000-\\u0009\\u000B-\\u001F${REFUSED}]*$`;

function checked(schema: z.ZodString, multiline: boolean) {
  return schema
    .superRefine((s, ctx) => {
      const problem = textProblem(s, multiline);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .meta({ pattern: multiline ? MULTI_LINE_PATTERN : SINGLE_LINE_PATTERN });
}

/** One line of printable text, 1..max characters: names, ids, references. */
export function safeText(max: number, empty = 'must not be empty') {
  return checked(z.string().min(1, empty).max(max, `must be at most ${max} characters`), false);
}

/** Multi-line printable text, 1..max characters: reasons, notes, descriptions. */
export function freeText(max: number, empty = 'must not be empty') {
  return checked(z.string().min(1, empty).max(max, `must be at most ${max} characters`), true);
}

/**
 * Free text bound for the event log: additionally without phone, ID or bank numbers (also when written
 * in groups, "150 0908 3897"), because the log is kept for years and copied widely.
 */
export function publicText(max: number) {
  return safeText(max)
    .refine((s) => !containsPersonalData(s), {
      message: 'must not contain personal data (mobile, ID or bank numbers)',
    })
    .describe('Free text without personal data');
}

/** Limits shared by an action's input and the event that publishes it, so they can never disagree. */
export const TEXT_LIMITS = { actor: 100, reason: 2000, identifier: 100, clauseRef: 40 } as const;

/** Who performed an action: a person's or system's user name, never their phone number. */
export const ActorSchema = safeText(TEXT_LIMITS.actor, 'must name who acts');
/** A free-text reason, kept in the workflow history only; events carry a reason code instead. */
export const ReasonSchema = freeText(TEXT_LIMITS.reason, 'must give a reason');
/** An opaque id from another system (invoice, payment, filing, circuit, complaint). */
export const IdentifierSchema = safeText(TEXT_LIMITS.identifier);

/**
 * kebab-case code from a closed or growing vocabulary (document types, products, resource types);
 * dots separate a namespace, as in the catalogue's `ccc.seat`.
 */
export const CodeSchema = z
  .string()
  .max(60, 'must be at most 60 characters')
  .regex(/^[a-z0-9]+([.-][a-z0-9]+)*$/, 'must be a kebab-case code (dots separate a namespace)');

/** A document of the qualification checklist, e.g. business-licence, authorisation-letter. */
export const DocumentTypeSchema = CodeSchema.describe(
  'Document type, e.g. business-licence, authorisation-letter, number-approval',
);
