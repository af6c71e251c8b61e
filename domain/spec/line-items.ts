/** What the customer pays for: catalogue item, quantity, unit price, and how it is charged. */
import { z } from 'zod';
import { CatalogueCodeSchema, catalogueItem, UsageUnitSchema } from '../catalogue';
import { FenSchema } from '../money';
import { ClauseRefSchema, nonNegativeInt, text } from './common';

/**
 * How a line item is charged. Recurring charges run from the term start (fees from the actual
 * activation date, 000 clause 3.5). Per-usage items are either a bundle bought up front
 * (`prepaid-quota`, quantity = units bought, 002's 1,380,000 voice notifications) or measured and
 * billed afterwards (`in-arrears`, quantity 0, 004's SMS at 0.03 per message).
 */
export const ChargeSchema = z.discriminatedUnion('basis', [
  z.object({ basis: z.literal('one-time') }).strict(),
  z.object({ basis: z.literal('monthly') }).strict(),
  z.object({ basis: z.literal('yearly') }).strict(),
  z
    .object({
      basis: z.literal('per-usage'),
      usageUnit: UsageUnitSchema,
      settlement: z.enum(['prepaid-quota', 'in-arrears']),
    })
    .strict(),
]);

const LineItemObject = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9._-]{1,40}$/, 'must be 1-40 letters, digits, dot, dash or underscore'),
    ref: ClauseRefSchema,
    catalogueCode: CatalogueCodeSchema,
    description: text(500),
    quantity: nonNegativeInt(),
    /** The agreed (possibly discounted, 优惠) unit price, tax-inclusive. */
    unitPriceFen: FenSchema,
    /** The standard tariff (标准资费) when the contract names one; else the catalogue list price applies. */
    standardUnitPriceFen: FenSchema.optional(),
    charge: ChargeSchema,
  })
  .strict();

/** Rules across an item's fields run once its fields are individually valid. */
export const LineItemSchema = LineItemObject.superRefine(
  (item, ctx) => {
    for (const issue of lineItemIssues(item)) ctx.addIssue({ code: 'custom', ...issue });
  },
  { when: (payload) => payload.issues.length === 0 },
);

function lineItemIssues(item: z.output<typeof LineItemObject>): { path: string[]; message: string }[] {
  const issues: { path: string[]; message: string }[] = [];
  const { charge } = item;
  const catalogue = catalogueItem(item.catalogueCode);
  if (catalogue.basis !== charge.basis) {
    issues.push({
      path: ['charge', 'basis'],
      message: `must be ${catalogue.basis} for ${item.catalogueCode}`,
    });
  }
  if (charge.basis === 'per-usage' && catalogue.usageUnit && catalogue.usageUnit !== charge.usageUnit) {
    issues.push({
      path: ['charge', 'usageUnit'],
      message: `must be ${catalogue.usageUnit} for ${item.catalogueCode}`,
    });
  }
  const measured = charge.basis === 'per-usage' && charge.settlement === 'in-arrears';
  if (measured && item.quantity !== 0) {
    issues.push({
      path: ['quantity'],
      message: 'must be 0 for usage billed in arrears (usage is measured, not bought)',
    });
  }
  if (!measured && item.quantity === 0) issues.push({ path: ['quantity'], message: 'must be > 0' });
  if (item.standardUnitPriceFen !== undefined && item.standardUnitPriceFen < item.unitPriceFen) {
    issues.push({
      path: ['standardUnitPriceFen'],
      message: 'must be ≥ unitPriceFen (a discount lowers the price)',
    });
  }
  return issues;
}

export type LineItem = z.output<typeof LineItemSchema>;
export type Charge = z.output<typeof ChargeSchema>;

/** The standard unit price for discount clawback: the contract's, else the catalogue list price, else the agreed one. */
export function standardUnitPrice(item: LineItem): number {
  return item.standardUnitPriceFen ?? catalogueItem(item.catalogueCode).listUnitPriceFen ?? item.unitPriceFen;
}
