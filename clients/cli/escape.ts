/**
 * Text from contract data is printed to a person's terminal: an ESC sequence in a customer name could
 * recolour, hide or rewrite what the engineer sees, a bidi override could make a name read backwards,
 * and a carriage return could overwrite a line. The CLI shows every such character as a visible
 * `\uXXXX` escape instead. The API refuses them on input (domain/text.ts); this covers data that
 * predates that rule or comes from elsewhere.
 */

// C0 (minus the line feed when lines are kept), DEL and C1, bidi formatting, line/paragraph
// separators, and lone surrogates (with the u flag a valid pair never matches the range).
/* eslint-disable no-control-regex -- finding control characters is the point */
const UNSAFE =
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]/gu;
const UNSAFE_WITH_LF =
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]/gu;
/* eslint-enable no-control-regex */

const escape = (ch: string) => `\\u${(ch.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`;

/** Text safe to print: unsafe characters as `\uXXXX`; line feeds kept unless `oneLine`. */
export function escapeForTerminal(text: string, oneLine = false): string {
  return text.replace(oneLine ? UNSAFE_WITH_LF : UNSAFE, escape);
}
