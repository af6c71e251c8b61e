/**
 * Move every date of a contract spec by whole years (or days). Simulation, demos and tests run the
 * real seed contracts "as if signed now": a whole-year shift keeps month ends, instalment days and
 * fixed terms (001's 1 January – 31 December) exactly as the contract wrote them.
 */
import { addDays, addMonths, daysBetween, IsoDateSchema, type IsoDate } from '../dates';
import type { ContractSpec } from '../contract-spec';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function shiftValue(value: unknown, shift: (d: IsoDate) => IsoDate): unknown {
  if (typeof value === 'string' && DATE.test(value)) {
    const parsed = IsoDateSchema.safeParse(value);
    return parsed.success ? shift(parsed.data) : value;
  }
  if (Array.isArray(value)) return value.map((v) => shiftValue(v, shift));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shiftValue(v, shift)]));
  }
  return value;
}

export function shiftContractYears(spec: ContractSpec, years: number): ContractSpec {
  return shiftValue(spec, (d) => addMonths(d, 12 * years)) as ContractSpec;
}

export function shiftContractDays(spec: ContractSpec, days: number): ContractSpec {
  return shiftValue(spec, (d) => addDays(d, days)) as ContractSpec;
}

/** The contract as if signed on `date`: every date moved by the same number of days. */
export function signedOn(spec: ContractSpec, date: IsoDate): ContractSpec {
  return shiftContractDays(spec, daysBetween(spec.signedDate, date));
}

/** The smallest whole-year shift that puts the signature on or after `notBefore`. */
export function yearsToSignOnOrAfter(spec: ContractSpec, notBefore: IsoDate): number {
  let years = 0;
  while (addMonths(spec.signedDate, 12 * years) < notBefore) years += 1;
  return years;
}
