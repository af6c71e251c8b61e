/** Ends every switch over a discriminated union: adding a variant becomes a compile error here. */
export function assertNever(value: never, what = 'variant'): never {
  throw new Error(`unhandled ${what}: ${JSON.stringify(value)}`);
}
