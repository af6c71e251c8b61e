/**
 * Money as integer fen (分, 1/100 yuan) in a plain `number`, always a safe integer. Rates are integers
 * too (basis points: 1% = 100 bp, 0.3%/day = 30 bp/day, 3‰ = 30 bp) and every product of an amount and
 * a rate is computed exactly in bigint, then rounded once, half-up, back to fen. No float ever touches
 * an amount, so 78,620.00 at 6% VAT splits into exactly 74,169.81 + 4,450.19.
 */
import { z } from 'zod';

/** Integer fen. A type alias rather than a brand so arithmetic stays readable; values are checked at the edges. */
export type Fen = number;

export const BASIS_POINTS_PER_UNIT = 10_000;

/**
 * The largest amount any input may carry: 10^12 fen = 10 billion yuan, far above any B2B telecom
 * contract. Number.MAX_SAFE_INTEGER is about 9×10^15, so with the spec rule that a contract's charges
 * per month (and per year, and its one-time fees) stay within MAX_FEN, even a century of monthly bills
 * (1,200 × 10^12) adds up to a safe integer, and no sum the domain computes can overflow.
 */
export const MAX_FEN = 1_000_000_000_000;
/** Largest quantity of a line item and largest monthly usage count (10^9 messages, seats, minutes). */
export const MAX_COUNT = 1_000_000_000;
/** Largest rate: 100,000 bp = 1,000% — above any late fee or penalty rate a court would uphold. */
export const MAX_BASIS_POINTS = 100_000;

/** A non-negative amount in fen, as contract data carries it. */
export const FenSchema = z
  .number()
  .int('must be whole fen')
  .nonnegative('must not be negative')
  .max(MAX_FEN, `must be at most ${MAX_FEN} fen (10 billion yuan)`);
/** A rate in basis points (1/100 of a percent). */
export const BasisPointsSchema = z
  .number()
  .int('must be whole basis points')
  .nonnegative('must not be negative')
  .max(MAX_BASIS_POINTS, `must be at most ${MAX_BASIS_POINTS} basis points`);

export function assertFen(value: number, what = 'amount'): Fen {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${what} must be a safe integer of fen: ${value}`);
  return value;
}

/** Whole yuan to fen (a convenience for figures like "27,540 元"); fractions must go through parseMoney. */
export function yuan(wholeYuan: number): Fen {
  if (!Number.isSafeInteger(wholeYuan))
    throw new RangeError(`yuan(${wholeYuan}): use parseMoney for fractions`);
  return assertFen(wholeYuan * 100);
}

const MONEY_TEXT = /^(-)?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/;

/** Parses "78,620.00", "74169.81", "-1.5" into fen. Refuses more than two decimals rather than guess. */
export function parseMoney(text: string): Fen {
  const match = MONEY_TEXT.exec(text.trim());
  if (!match) throw new RangeError(`not an amount of money: ${JSON.stringify(text)}`);
  const [, sign, whole = '0', fraction = ''] = match;
  const fen = BigInt(whole.replaceAll(',', '')) * 100n + BigInt(fraction.padEnd(2, '0'));
  return toFen(sign ? -fen : fen);
}

/** 7862000 → "78,620.00" (thousands separators, always two decimals). */
export function formatMoney(amount: Fen): string {
  assertFen(amount);
  const abs = Math.abs(amount);
  const whole = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = String(abs % 100).padStart(2, '0');
  return `${amount < 0 ? '-' : ''}${whole}.${cents}`;
}

/** numerator / denominator rounded half-up (away from zero on a tie, the usual rule for money). */
export function divideHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('division by zero');
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const quotient = (2n * n + d) / (2n * d);
  return negative ? -quotient : quotient;
}

function toFen(value: bigint): Fen {
  const n = Number(value);
  return assertFen(n, 'result');
}

/** amount × numerator / denominator, rounded once to the fen. Exact for any safe-integer inputs. */
export function mulRatio(amount: Fen, numerator: number, denominator: number): Fen {
  assertFen(amount);
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator)) {
    throw new RangeError(`ratio must be integers: ${numerator}/${denominator}`);
  }
  return toFen(divideHalfUp(BigInt(amount) * BigInt(numerator), BigInt(denominator)));
}

/** amount × rate (basis points) × times — e.g. a daily late fee over `times` days, rounded once. */
export function applyBasisPoints(amount: Fen, basisPoints: number, times = 1): Fen {
  if (!Number.isSafeInteger(times)) throw new RangeError(`times must be an integer: ${times}`);
  return mulRatio(amount, basisPoints * times, BASIS_POINTS_PER_UNIT);
}

export interface TaxSplit {
  /** 不含税金额 */
  netFen: Fen;
  /** 增值税额 */
  taxFen: Fen;
}

/**
 * Splits a tax-inclusive amount (含税价): net = total / (1 + rate) rounded half-up, tax = the rest, so
 * net + tax is always exactly the total (the invoice must add up, 000 clause 4.5.1).
 */
export function splitInclusiveTax(totalFen: Fen, rateBasisPoints: number): TaxSplit {
  const netFen = mulRatio(totalFen, BASIS_POINTS_PER_UNIT, BASIS_POINTS_PER_UNIT + rateBasisPoints);
  return { netFen, taxFen: totalFen - netFen };
}

export function sumFen(amounts: readonly Fen[]): Fen {
  return toFen(amounts.reduce((total, a) => total + BigInt(assertFen(a)), 0n));
}

export function minFen(a: Fen, b: Fen): Fen {
  return Math.min(assertFen(a), assertFen(b));
}
