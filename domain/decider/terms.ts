/** The signed terms at a glance for the status (the console's contract page): read from the spec only. */
import type { ContractSpec } from '../contract-spec';
import type { ContractTerms } from '../lifecycle/status';

export function termsOf(spec: ContractSpec): ContractTerms {
  const { term, renewal, acceptance } = spec.clauses;
  return {
    products: [...spec.products],
    region: { ...spec.region },
    signedDate: spec.signedDate,
    start: term.start.kind === 'fixed' ? { kind: 'fixed', date: term.start.date } : { kind: term.start.kind },
    end:
      term.end.kind === 'fixed'
        ? { kind: 'fixed', date: term.end.date }
        : { kind: 'months', months: term.end.months },
    termClause: term.ref,
    renewal: {
      mode: renewal.mode,
      ...(renewal.mode === 'auto' ? { months: renewal.renewalMonths } : {}),
      clause: renewal.ref,
    },
    dedicatedLines: spec.resources.dedicatedLines.reduce((sum, line) => sum + line.count, 0),
    ...(acceptance
      ? {
          acceptanceWindow: {
            days: acceptance.windowDays,
            dayType: acceptance.dayType,
            clause: acceptance.ref,
          },
        }
      : {}),
  };
}
