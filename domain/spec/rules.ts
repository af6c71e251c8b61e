/**
 * Rules that read several parts of a spec at once. They run once every field is valid on its own, and
 * each names the path to fix. They catch data-entry slips the field rules cannot see: a product not
 * declared, instalments that do not add up to the term's charges, an agent-mode SMS port for a customer
 * who is not an SP.
 */
import { catalogueItem } from '../catalogue';
import { isMeasured, oneTimeFeesFen, termScheduledFen } from '../clauses/charges';
import { termMonths } from '../clauses/term';
import type { ContractSpec } from '../contract-spec';
import { MAX_MONTHS } from './common';
import { formatMoney, MAX_COUNT, MAX_FEN, sumFen } from '../money';

export interface RuleIssue {
  path: (string | number)[];
  message: string;
}

type Rule = (spec: ContractSpec) => RuleIssue[];

const duplicates = (values: string[]) => values.filter((v, i) => values.indexOf(v) !== i);

const productsDeclared: Rule = (spec) => [
  ...duplicates(spec.products).map((p) => ({ path: ['products'], message: `lists ${p} twice` })),
  ...spec.lineItems.flatMap((item, i) => {
    const { product } = catalogueItem(item.catalogueCode);
    return spec.products.includes(product)
      ? []
      : [
          {
            path: ['lineItems', i, 'catalogueCode'],
            message: `belongs to product ${product}, which is not in products`,
          },
        ];
  }),
];

const uniqueIds: Rule = (spec) => [
  ...duplicates(spec.lineItems.map((i) => i.id)).map((id) => ({
    path: ['lineItems'],
    message: `item id ${id} is used twice`,
  })),
  ...duplicates(spec.resources.dedicatedLines.map((l) => l.id)).map((id) => ({
    path: ['resources', 'dedicatedLines'],
    message: `line id ${id} is used twice`,
  })),
];

const termDatesOrdered: Rule = ({ clauses: { term } }) =>
  term.start.kind === 'fixed' && term.end.kind === 'fixed' && term.end.date < term.start.date
    ? [{ path: ['clauses', 'term', 'end', 'date'], message: 'must not be before the start date' }]
    : [];

/**
 * Instalments pay for the first term (or its first year, when they repeat every term year): they must
 * add up to its scheduled charges, to the fen. Billed again, they pay the same period without the
 * one-time fees.
 */
const instalmentsAddUp: Rule = (spec) => {
  const months = termMonths(spec.clauses.term);
  if (months === null) return [];
  return spec.clauses.payment.plans.flatMap((plan, i) => {
    if (plan.kind !== 'instalments') return [];
    const period = plan.repeat === 'every-term-year' ? Math.min(12, months) : months;
    const expected = termScheduledFen(spec.lineItems, period);
    const paid = sumFen(plan.instalments.map((x) => x.amountFen));
    const path = ['clauses', 'payment', 'plans', i, 'instalments'];
    const what = plan.repeat === 'every-term-year' ? 'first term year' : 'first term';
    const first =
      paid === expected
        ? []
        : [
            {
              path,
              message: `add up to ${formatMoney(paid)} but the ${what}'s charges are ${formatMoney(expected)}`,
            },
          ];
    if (plan.repeat === 'once') {
      const repeated = plan.instalments.findIndex((x) => x.repeatAmountFen !== undefined);
      return repeated < 0
        ? first
        : [...first, { path: [...path, repeated, 'repeatAmountFen'], message: 'needs a plan that repeats' }];
    }
    const again = sumFen(plan.instalments.map((x) => x.repeatAmountFen ?? x.amountFen));
    const expectedAgain = expected - oneTimeFeesFen(spec.lineItems);
    return again === expectedAgain
      ? first
      : [
          ...first,
          {
            path,
            message: `billed again add up to ${formatMoney(again)} but the charges without one-time fees are ${formatMoney(expectedAgain)}`,
          },
        ];
  });
};

const somethingPaysTheCharges: Rule = (spec) => {
  const months = termMonths(spec.clauses.term) ?? 12;
  const charged = termScheduledFen(spec.lineItems, months) > 0;
  return charged && spec.clauses.payment.plans.length === 0
    ? [{ path: ['clauses', 'payment', 'plans'], message: 'must say how the line items are paid' }]
    : [];
};

const usageSettlementHasUsage: Rule = (spec) => {
  const measured = spec.lineItems.some(isMeasured);
  return spec.clauses.payment.plans.flatMap((plan, i) =>
    plan.kind === 'usage-settlement' && !measured
      ? [
          {
            path: ['clauses', 'payment', 'plans', i],
            message: 'needs a per-usage line item billed in arrears',
          },
        ]
      : [],
  );
};

const smsPortsFitCustomer: Rule = (spec) =>
  spec.resources.smsPorts.flatMap((port, i) => {
    const path = ['resources', 'smsPorts', i];
    const issues: RuleIssue[] = [];
    if (port.mode === 'agent' && spec.parties.customer.type !== 'sp') {
      issues.push({ path: [...path, 'mode'], message: 'agent mode (代理型) needs a customer of type sp' });
    }
    if (port.accessNumber.source === 'miit-issued' && !port.accessNumber.preferred) {
      issues.push({
        path: [...path, 'accessNumber', 'preferred'],
        message: 'must give the MIIT-issued number',
      });
    }
    if (!spec.products.includes('industry-sms')) {
      issues.push({ path, message: 'SMS ports need the industry-sms product' });
    }
    return issues;
  });

const ownedNumbersNamed: Rule = (spec) =>
  spec.resources.numbers.flatMap((n, i) =>
    n.ownership === 'customer-owned' && !n.preferred
      ? [
          {
            path: ['resources', 'numbers', i, 'preferred'],
            message: 'must give the number the customer owns',
          },
        ]
      : [],
  );

const complaintTiersOrdered: Rule = (spec) => {
  const tiers = spec.clauses.compliance.violationTiers?.unconsentedComplaints;
  return tiers && tiers.majorAbove <= tiers.seriousAbove
    ? [
        {
          path: ['clauses', 'compliance', 'violationTiers', 'unconsentedComplaints', 'majorAbove'],
          message: 'must be greater than seriousAbove',
        },
      ]
    : [];
};

/** A notice period is given in days or in months: exactly one of the two. */
const oneNoticeLength: Rule = ({ clauses }) => {
  const issues: RuleIssue[] = [];
  const check = (path: string[], days: unknown, months: unknown, what: string) => {
    if ((days === undefined) === (months === undefined))
      issues.push({ path, message: `must give ${what}Days or ${what}Months, not both or neither` });
  };
  if (clauses.renewal.mode === 'auto') {
    const r = clauses.renewal;
    check(['clauses', 'renewal'], r.nonRenewalNoticeDays, r.nonRenewalNoticeMonths, 'nonRenewalNotice');
  }
  const u = clauses.unsubscribe;
  if (u) check(['clauses', 'unsubscribe'], u.minNoticeDays, u.minNoticeMonths, 'minNotice');
  return issues;
};

/** What one settlement of measured usage may reach at the most: 10^15 fen, a safe integer with room. */
const MAX_USAGE_FEN = BigInt(MAX_FEN) * 1000n;

/**
 * Every amount the domain computes stays a safe integer (domain/money.ts): a contract's line items
 * together cost at most MAX_FEN per unit of their basis (month, year, once). Counted in bigint, because
 * quantity × unit price of two fields that are each within their own maximum can already overflow.
 */
const chargesWithinMax: Rule = (spec) => {
  const totals = spec.lineItems.map((item) => BigInt(item.quantity) * BigInt(item.unitPriceFen));
  const rule = `must be at most ${formatMoney(MAX_FEN)} yuan (${MAX_FEN} fen)`;
  const single = totals.flatMap((total, i) =>
    total > BigInt(MAX_FEN)
      ? [{ path: ['lineItems', i, 'unitPriceFen'], message: `× quantity ${rule}` }]
      : [],
  );
  if (single.length > 0) return single;
  const sum = totals.reduce((a, b) => a + b, 0n);
  const lines =
    sum > BigInt(MAX_FEN)
      ? [{ path: ['lineItems'], message: `together (quantity × unit price) ${rule}` }]
      : [];
  // Instalments pay at most a century of charges; beyond that their sum is no longer a safe integer.
  const plans = spec.clauses.payment.plans.flatMap((plan, i) => {
    if (plan.kind !== 'instalments') return [];
    const paid = plan.instalments.reduce(
      (a, x) => a + BigInt(x.amountFen) + BigInt(x.repeatAmountFen ?? 0),
      0n,
    );
    return paid > BigInt(MAX_FEN) * BigInt(MAX_MONTHS)
      ? [
          {
            path: ['clauses', 'payment', 'plans', i, 'instalments'],
            message: `together ${rule} per month of the term`,
          },
        ]
      : [];
  });
  // Measured items are billed on reported usage (at most MAX_COUNT a month) over a settlement period.
  const settlement = spec.clauses.payment.plans.find((p) => p.kind === 'usage-settlement');
  const months = BigInt(settlement?.kind === 'usage-settlement' ? settlement.periodMonths : 12);
  const measured = spec.lineItems.reduce(
    (a, item) => (isMeasured(item) ? a + BigInt(item.unitPriceFen) * BigInt(MAX_COUNT) * months : a),
    0n,
  );
  const usage =
    measured > MAX_USAGE_FEN
      ? [
          {
            path: ['lineItems'],
            message: `per-usage unit prices × ${MAX_COUNT} units a month × ${months} months must be at most ${MAX_USAGE_FEN} fen`,
          },
        ]
      : [];
  return [...lines, ...plans, ...usage];
};

const RULES: Rule[] = [
  productsDeclared,
  uniqueIds,
  termDatesOrdered,
  instalmentsAddUp,
  somethingPaysTheCharges,
  usageSettlementHasUsage,
  smsPortsFitCustomer,
  ownedNumbersNamed,
  complaintTiersOrdered,
  oneNoticeLength,
];

export function crossFieldIssues(spec: ContractSpec): RuleIssue[] {
  // The other rules add up charges: with amounts beyond the maximum they would throw, not report.
  const overflow = chargesWithinMax(spec);
  if (overflow.length > 0) return overflow;
  return RULES.flatMap((rule) => rule(spec));
}
