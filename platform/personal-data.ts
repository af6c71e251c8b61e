/**
 * Personal data (contact names, phone numbers, e-mails, addresses, resident ID and bank numbers) must
 * never reach a log line. pino's path redaction only catches fields at known depths, so every log call
 * also goes through `scrubPersonalData`: fields named like personal data are censored at any depth
 * (a whole `contacts` list, wherever a contract spec is nested), and free text is masked for the shapes
 * that leak most — mainland mobile numbers and runs of 15+ digits (ID and bank card numbers), also when
 * they are written in groups with spaces or dashes ("150 0908 3897", "110101 19900307 1234"), as people
 * type them. The event schemas refuse free text that `containsPersonalData` flags.
 */
export const CENSOR = '[personal data]';

const PERSONAL_KEYS: ReadonlySet<string> = new Set([
  'contacts',
  'contact',
  'phone',
  'mobile',
  'fax',
  'email',
  'idNumber',
  'bankAccount',
  'password',
  'apiKey',
  'authorization',
]);
/**
 * Digits, possibly in groups of 3+ joined by one space or dash: how numbers are written by hand. Groups
 * of two do not join, so dates ("2024-03-01 2024-04-01") do not add up to an ID number.
 */
const DIGIT_RUN = /\+?\d+(?:[ -]\d{3,})*/g;
/** Within a run: a mainland mobile (optionally +86/0086), or 15+ digits (resident ID, bank card). */
const MOBILE = /^(?:0{0,2}86)?1[3-9]\d{9}$/;
const MOBILE_INSIDE = /(?<!\d)1[3-9]\d{9}(?!\d)/;
const LONG_DIGITS = /\d{15,}/;
const MAX_DEPTH = 10;

function isPersonalRun(run: string): boolean {
  const digits = run.replace(/[^\d]/g, '');
  return MOBILE.test(digits) || LONG_DIGITS.test(digits) || MOBILE_INSIDE.test(run);
}

/** True when free text holds a phone, ID or bank number, however it is grouped. */
export function containsPersonalData(text: string): boolean {
  for (const [run] of text.matchAll(DIGIT_RUN)) if (isPersonalRun(run)) return true;
  return false;
}

export function maskPersonalText(text: string): string {
  return text.replace(DIGIT_RUN, (run) => (isPersonalRun(run) ? CENSOR : run));
}

const isPlainObject = (v: object) => {
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
};

function scrubError(err: Error): Error {
  const message = maskPersonalText(err.message);
  const stack = err.stack && maskPersonalText(err.stack);
  if (message === err.message && stack === err.stack) return err;
  const copy = Object.assign(Object.create(Object.getPrototypeOf(err) as object) as Error, err);
  Object.defineProperty(copy, 'message', { value: message, enumerable: false, writable: true });
  Object.defineProperty(copy, 'stack', { value: stack, enumerable: false, writable: true });
  return copy;
}

/** A copy of `value` safe to log; values that need no change are returned as they are. */
export function scrubPersonalData(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskPersonalText(value);
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return value;
  if (value instanceof Error) return scrubError(value);
  if (Array.isArray(value)) return value.map((v) => scrubPersonalData(v, depth + 1));
  // Class instances (buffers, keyrings with their own toJSON, SDK objects) are left to serialise themselves.
  if (!isPlainObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k,
      PERSONAL_KEYS.has(k) ? CENSOR : scrubPersonalData(v, depth + 1),
    ]),
  );
}
