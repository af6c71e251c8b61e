/**
 * ContractSpec: one signed contract as data — parties, line items, requested resources and the clause
 * set the workflow executes. This zod schema is the single source: the TS types are inferred from it and
 * docs/schemas/contract-spec.schema.json is generated from it (scripts/gen-schemas.ts).
 *
 * Objects are strict (an unknown field is an error, never silently dropped), defaults fill clauses a
 * contract is silent on (their `ref` is "default"), and parseContractSpec() either returns the whole spec
 * or every problem with its path — a spec is never partly accepted.
 */
import { z } from 'zod';
import { ProductCodeSchema } from './catalogue';
import { PlausibleDateSchema } from './dates';
import {
  AcceptanceSchema,
  ActivationSchema,
  DunningSchema,
  EarlyTerminationSchema,
  PaymentSchema,
  RenewalSchema,
  TermSchema,
  UnsubscribeSchema,
} from './spec/clauses-commercial';
import {
  ComplianceSchema,
  GatesSchema,
  QuarantineSchema,
  SlaCreditSchema,
  VatSchema,
} from './spec/clauses-conduct';
import { ContractNoSchema, text } from './spec/common';
import { LineItemSchema } from './spec/line-items';
import { ContactsSchema, PartiesSchema, RegionSchema, UsageSchema } from './spec/parties';
import { ResourcesSchema } from './spec/resources';
import { crossFieldIssues } from './spec/rules';

export { DEFAULT_REF } from './spec/common';

export const ClausesSchema = z
  .object({
    term: TermSchema,
    renewal: RenewalSchema,
    acceptance: AcceptanceSchema.optional(),
    activation: ActivationSchema.optional(),
    payment: PaymentSchema,
    dunning: DunningSchema,
    unsubscribe: UnsubscribeSchema.optional(),
    earlyTermination: EarlyTerminationSchema.optional(),
    compliance: ComplianceSchema,
    slaCredit: SlaCreditSchema.optional(),
    quarantine: QuarantineSchema,
    vat: VatSchema.optional(),
    gates: GatesSchema,
  })
  .strict();

/** A value this data set invented or interpreted, with the reason: read before trusting the figure. */
export const AssumptionSchema = z.object({ path: text(200), note: text(2000) }).strict();

const ContractSpecObject = z
  .object({
    specVersion: z.literal(1),
    contractNo: ContractNoSchema,
    title: text(300),
    signedDate: PlausibleDateSchema,
    region: RegionSchema,
    parties: PartiesSchema,
    contacts: ContactsSchema,
    products: z.array(ProductCodeSchema).min(1, 'must list at least one product'),
    usage: UsageSchema,
    lineItems: z.array(LineItemSchema).default([]),
    resources: ResourcesSchema.default({ numbers: [], dedicatedLines: [], smsPorts: [], ipv4Blocks: [] }),
    clauses: ClausesSchema,
    assumptions: z.array(AssumptionSchema).default([]),
  })
  .strict()
  .meta({ title: 'ContractSpec', description: 'A signed telecom B2B contract as executable data' });

export const ContractSpecSchema = ContractSpecObject.superRefine(
  (spec, ctx) => {
    for (const issue of crossFieldIssues(spec)) ctx.addIssue({ code: 'custom', ...issue });
  },
  { when: (payload) => payload.issues.length === 0 },
);

export type ContractSpec = z.output<typeof ContractSpecObject>;
/** What an author writes (defaults may be left out). */
export type ContractSpecInput = z.input<typeof ContractSpecObject>;
export type Clauses = ContractSpec['clauses'];
export type Term = Clauses['term'];

export interface SpecIssue {
  /** Dotted path into the input, e.g. "clauses.term.end.months" or "lineItems.3.quantity". */
  path: string;
  message: string;
}

export type ParseContractSpecResult = { ok: true; spec: ContractSpec } | { ok: false; issues: SpecIssue[] };

export class ContractSpecError extends Error {
  constructor(readonly issues: SpecIssue[]) {
    super(`invalid contract spec:\n${issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}`);
    this.name = 'ContractSpecError';
  }
}

const joinPath = (path: readonly PropertyKey[]) =>
  path.length === 0 ? '(root)' : path.map(String).join('.');

function toSpecIssues(issues: readonly z.core.$ZodIssue[]): SpecIssue[] {
  return issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: joinPath([...issue.path, key]), message: 'is not a known field' }))
      : [{ path: joinPath(issue.path), message: issue.message }],
  );
}

/** Messages for the generic failures, phrased like the field rules ("must …"). */
const errorMap: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === 'invalid_type') {
    return issue.input === undefined ? 'is required' : `must be ${issue.expected}`;
  }
  if (issue.code === 'invalid_value') {
    return `must be one of: ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  }
  if (issue.code === 'invalid_union' && issue.note === 'No matching discriminator') {
    return `must have a known ${String(issue.discriminator)}`;
  }
  return undefined;
};

/** Validates a whole spec. Either every part is valid and you get the spec, or you get every problem. */
export function parseContractSpec(input: unknown): ParseContractSpecResult {
  const result = ContractSpecSchema.safeParse(input, { error: errorMap });
  return result.success
    ? { ok: true, spec: result.data }
    : { ok: false, issues: toSpecIssues(result.error.issues) };
}

export function assertContractSpec(input: unknown): ContractSpec {
  const result = parseContractSpec(input);
  if (!result.ok) throw new ContractSpecError(result.issues);
  return result.spec;
}

/**
 * A spec recorded by an earlier version (in a running contract's history) with the defaults of the
 * fields added since. A spec this version would refuse is kept as it is: it was accepted when signed.
 */
export function withCurrentDefaults(spec: ContractSpec): ContractSpec {
  const parsed = ContractSpecSchema.safeParse(spec);
  return parsed.success ? parsed.data : spec;
}
