import {
  assertContractSpec,
  ContractSpecError,
  DEFAULT_REF,
  parseContractSpec,
} from '../../domain/contract-spec';
import { rawSeed } from './seed-fixtures';

function issuesOf(input: unknown) {
  const result = parseContractSpec(input);
  if (result.ok) throw new Error('expected the spec to be rejected');
  return result.issues;
}

describe('ContractSpec', () => {
  test('given a seed contract, it parses and the silent clauses get defaults marked "default"', () => {
    const result = parseContractSpec(rawSeed('002'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.spec.clauses.renewal).toEqual({ mode: 'none', ref: DEFAULT_REF });
    expect(result.spec.clauses.quarantine).toEqual({ ref: DEFAULT_REF, days: 90, dayType: 'calendar' });
    expect(result.spec.parties.customer.signatory).toBe('authorised-agent');
    expect(result.spec.resources.numbers[0]).toMatchObject({ ownership: 'provider-assigned' });
  });

  test('given several broken fields, every path and rule is listed and no spec is returned', () => {
    const input = rawSeed('000');
    input.contractNo = 'xj-1';
    input.clauses.term.end.months = 0;
    input.lineItems[0].quantity = -1;
    input.lineItems[1].unitPriceFen = 12.5;
    input.clauses.vat.rateBp = -600;
    delete input.usage;
    input.clauses.renewal.mode = 'sometimes';
    const result = parseContractSpec(input);
    expect(result).toEqual({
      ok: false,
      issues: [
        { path: 'contractNo', message: 'must be 4-40 upper-case letters, digits or dashes' },
        { path: 'usage', message: 'is required' },
        { path: 'lineItems.0.quantity', message: 'must be ≥ 0' },
        { path: 'lineItems.1.unitPriceFen', message: 'must be whole fen' },
        { path: 'clauses.term.end.months', message: 'must be > 0' },
        { path: 'clauses.renewal.mode', message: 'must have a known mode' },
        { path: 'clauses.vat.rateBp', message: 'must not be negative' },
      ],
    });
  });

  test('unknown fields are refused at any depth, each by name', () => {
    const input = rawSeed('001');
    input.discount = 'big';
    input.clauses.dunning.lateFee.cap = 1;
    input.resources.dedicatedLines[0].colour = 'blue';
    expect(issuesOf(input)).toEqual([
      { path: 'resources.dedicatedLines.0.colour', message: 'is not a known field' },
      { path: 'clauses.dunning.lateFee.cap', message: 'is not a known field' },
      { path: 'discount', message: 'is not a known field' },
    ]);
  });

  test('an enum value outside the list names the allowed values', () => {
    const input = rawSeed('004');
    input.parties.customer.type = 'person';
    expect(issuesOf(input)).toEqual([
      { path: 'parties.customer.type', message: 'must be one of: "government", "enterprise", "sp"' },
    ]);
  });

  test('a line item must agree with its catalogue entry and its own charge basis', () => {
    const input = rawSeed('000');
    input.lineItems[0].charge = { basis: 'yearly' }; // ccc.seat is monthly
    input.lineItems[1].standardUnitPriceFen = 100; // below the agreed 2,000
    input.lineItems[2].quantity = 0;
    expect(issuesOf(input)).toEqual([
      { path: 'lineItems.0.charge.basis', message: 'must be monthly for ccc.seat' },
      {
        path: 'lineItems.1.standardUnitPriceFen',
        message: 'must be ≥ unitPriceFen (a discount lowers the price)',
      },
      { path: 'lineItems.2.quantity', message: 'must be > 0' },
    ]);
  });

  test('given instalments that do not add up to the term charges, the rule names both sums', () => {
    const input = rawSeed('000');
    input.clauses.payment.plans[0].instalments[2].amountFen = 2_500_000;
    expect(issuesOf(input)).toEqual([
      {
        path: 'clauses.payment.plans.0.instalments',
        message: "add up to 78,080.00 but the first term's charges are 78,620.00",
      },
      {
        path: 'clauses.payment.plans.0.instalments',
        message: 'billed again add up to 76,080.00 but the charges without one-time fees are 76,620.00',
      },
    ]);
  });

  test('given 000 renewed every term (10) with the annex 2 #2 opening fee billed again, the rule refuses it', () => {
    const input = rawSeed('000');
    delete input.clauses.payment.plans[0].instalments[0].repeatAmountFen;
    expect(issuesOf(input)).toEqual([
      {
        path: 'clauses.payment.plans.0.instalments',
        message: 'billed again add up to 78,620.00 but the charges without one-time fees are 76,620.00',
      },
    ]);
  });

  test('given an amount for a repeat on a plan billed once, the rule names the field', () => {
    const input = rawSeed('000');
    input.clauses.payment.plans[0].repeat = 'once';
    expect(issuesOf(input)).toEqual([
      { path: 'clauses.payment.plans.0.instalments.0.repeatAmountFen', message: 'needs a plan that repeats' },
    ]);
  });

  test('cross-field rules: undeclared product, agent mode for a non-SP, owned number without the number', () => {
    const sms = rawSeed('004');
    sms.resources.smsPorts[0].mode = 'agent';
    sms.resources.smsPorts[0].accessNumber = { source: 'miit-issued' };
    sms.lineItems[0].catalogueCode = 'ccp.voice-notification';
    sms.lineItems[0].charge.usageUnit = 'voice-notification';
    expect(issuesOf(sms)).toEqual([
      {
        path: 'lineItems.0.catalogueCode',
        message: 'belongs to product cloud-call-plus, which is not in products',
      },
      { path: 'resources.smsPorts.0.mode', message: 'agent mode (代理型) needs a customer of type sp' },
      { path: 'resources.smsPorts.0.accessNumber.preferred', message: 'must give the MIIT-issued number' },
    ]);
    const ccc = rawSeed('000');
    delete ccc.resources.numbers[0].preferred;
    expect(issuesOf(ccc)).toEqual([
      { path: 'resources.numbers.0.preferred', message: 'must give the number the customer owns' },
    ]);
  });

  test('measured usage cannot carry a bought quantity, and a usage settlement needs measured usage', () => {
    const input = rawSeed('004');
    input.lineItems[0].quantity = 1000;
    expect(issuesOf(input)).toEqual([
      {
        path: 'lineItems.0.quantity',
        message: 'must be 0 for usage billed in arrears (usage is measured, not bought)',
      },
    ]);
    const noUsage = rawSeed('004');
    noUsage.lineItems = [];
    expect(issuesOf(noUsage)).toEqual([
      { path: 'clauses.payment.plans.0', message: 'needs a per-usage line item billed in arrears' },
    ]);
  });

  test('a fixed term may not end before it starts', () => {
    const input = rawSeed('001');
    input.clauses.term.end.date = '2021-12-31';
    expect(issuesOf(input)).toContainEqual({
      path: 'clauses.term.end.date',
      message: 'must not be before the start date',
    });
  });

  test('assertContractSpec throws one error carrying every issue', () => {
    const input = rawSeed('003');
    input.signedDate = '2025-02-30';
    input.products = [];
    expect(() => assertContractSpec(input)).toThrow(ContractSpecError);
    expect(() => assertContractSpec(input)).toThrow(
      /signedDate: must be a date YYYY-MM-DD\n {2}products: must list at least one product/,
    );
  });
});
