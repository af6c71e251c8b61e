/**
 * Counting the book: from what visibility says of each running contract (Stage, Product and Health
 * search attributes, the memo's open obligations) to the numbers the book's gauges show. Pure, so the
 * rules — bounded labels, overdue by the Asia/Shanghai date — are tested without a server.
 */
import type { IsoDate } from '../domain/calendar';
import { PRODUCT_CODES } from '../domain/catalogue';
import { PARTIES, type Party } from '../domain/lifecycle/status';
import { STAGES } from '../domain/lifecycle/stages';
import type { OwedGroup } from '../workflows/book-memo';

/** One running contract as visibility lists it. */
export interface ListedContract {
  stage?: string;
  /** The Product search attribute: the contract's products joined by `,`. */
  product?: string;
  stuck: boolean;
  /** The memo's open obligations (`OwedGroup[]`); absent until the contract has written them. */
  owed?: unknown;
}

export interface BookCount {
  /** Running contracts by `${stage}\u0000${product}` (see `contractLabels`). */
  contracts: Map<string, number>;
  stuck: number;
  open: Record<Party, number>;
  overdue: Record<Party, number>;
  /** Contracts whose memo holds no obligations yet (started before the patch and idle since). */
  unreported: number;
}

/** Label values outside the known sets, so a bad value cannot grow the label set. */
export const UNKNOWN = 'unknown';
export const OTHER = 'other';

const stages: ReadonlySet<string> = new Set(STAGES);
const products: ReadonlySet<string> = new Set(PRODUCT_CODES);
const parties: ReadonlySet<string> = new Set(PARTIES);

export const contractKey = (stage: string, product: string): string => `${stage}\u0000${product}`;
export function contractLabels(key: string): { stage: string; product: string } {
  const [stage = UNKNOWN, product = UNKNOWN] = key.split('\u0000');
  return { stage, product };
}

/** The stage as a label: a known stage, else `unknown`. */
export const stageLabel = (stage: string | undefined): string =>
  stage !== undefined && stages.has(stage) ? stage : UNKNOWN;

/** The Product attribute as a label: products of the catalogue joined by `,`, else `other` (`unknown` if absent). */
export function productLabel(product: string | undefined): string {
  if (!product) return UNKNOWN;
  return product.split(',').every((p) => products.has(p)) ? product : OTHER;
}

/** The memo's groups that are well formed; anything else in a memo is ignored, never labelled. */
export function owedOf(memo: unknown): OwedGroup[] | undefined {
  if (!Array.isArray(memo)) return undefined;
  return memo.filter(
    (g): g is OwedGroup =>
      typeof g === 'object' &&
      g !== null &&
      parties.has((g as OwedGroup).party) &&
      ((g as OwedGroup).due === null || /^\d{4}-\d{2}-\d{2}$/.test(String((g as OwedGroup).due))) &&
      Number.isSafeInteger((g as OwedGroup).count) &&
      (g as OwedGroup).count > 0,
  );
}

const perParty = (): Record<Party, number> =>
  Object.fromEntries(PARTIES.map((p) => [p, 0])) as Record<Party, number>;

/**
 * The book on `today` (local date, Asia/Shanghai): an obligation is overdue when its due date is
 * before today, as the decider's `obligations()` says; undated ones are never overdue.
 */
export function countBook(listed: Iterable<ListedContract>, today: IsoDate): BookCount {
  const count: BookCount = {
    contracts: new Map(),
    stuck: 0,
    open: perParty(),
    overdue: perParty(),
    unreported: 0,
  };
  for (const c of listed) {
    const key = contractKey(stageLabel(c.stage), productLabel(c.product));
    count.contracts.set(key, (count.contracts.get(key) ?? 0) + 1);
    if (c.stuck) count.stuck += 1;
    const owed = owedOf(c.owed);
    if (!owed) {
      count.unreported += 1;
      continue;
    }
    for (const g of owed) {
      count.open[g.party] += g.count;
      if (g.due !== null && g.due < today) count.overdue[g.party] += g.count;
    }
  }
  return count;
}
