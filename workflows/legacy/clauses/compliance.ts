/** FROZEN with workflows/legacy (see its lifecycle.ts): the calculators as they were before the decider. */
/**
 * Conduct rules: call limits (002 4.1), complaint thresholds (001 annex 2 §17, 002 annex 1 §20, 004
 * annex 1 §14), violation tiers (004 7.3), termination penalties (000 7.2, 001 3.1.11 / 6.3) and the
 * quarantine of released numbers and addresses (001 3.2.10).
 */
import { addMonths, type IsoDate } from '../../../domain/calendar';
import type { ContractSpec } from '../../../domain/contract-spec';
import type { ViolationTier } from '../../../domain/events/intake';
import type { Fen } from '../../../domain/money';
import { assertNever } from '../../../domain/never';
import { endOfPeriod } from './days';

type Compliance = ContractSpec['clauses']['compliance'];

/** The thresholds a month's complaint count reaches ("达到或超过" = at or above). */
export function complaintThresholdsReached(
  spec: ContractSpec,
  complaintsInMonth: number,
): Compliance['complaintThresholds'] {
  return spec.clauses.compliance.complaintThresholds.filter((t) => complaintsInMonth >= t.perMonth);
}

export type ViolationOutcome =
  | { kind: 'no-tier-rules' }
  | {
      kind: 'remediate';
      ref: string;
      /** Last day of the remediation period counted from the violation notice. */
      remediationEnds: IsoDate;
      portBlocked: boolean;
      newApplicationsPaused: boolean;
      penaltyIfUnremediedFen: Fen;
    }
  | {
      kind: 'terminate-business';
      ref: string;
      /** New applications are refused until the day before this one. */
      applicationsAcceptedAgainFrom: IsoDate;
      penaltyFen: Fen;
      contractTerminable: boolean;
    };

/** What follows a violation of `tier` notified on `noticeDate` (004 7.3.1–7.3.3). */
export function violationOutcome(
  spec: ContractSpec,
  tier: ViolationTier,
  noticeDate: IsoDate,
): ViolationOutcome {
  const tiers = spec.clauses.compliance.violationTiers;
  if (!tiers) return { kind: 'no-tier-rules' };
  const rule = tiers[tier];
  switch (rule.response) {
    case 'remediate':
      return {
        kind: 'remediate',
        ref: tiers.ref,
        remediationEnds: endOfPeriod(noticeDate, rule.remediationDays, 'calendar').date,
        portBlocked: rule.portBlocked,
        newApplicationsPaused: rule.newApplicationsPaused,
        penaltyIfUnremediedFen: rule.penaltyIfUnremediedFen,
      };
    case 'terminate-business':
      return {
        kind: 'terminate-business',
        ref: tiers.ref,
        applicationsAcceptedAgainFrom: addMonths(noticeDate, rule.newApplicationBanMonths),
        penaltyFen: rule.penaltyFen,
        contractTerminable: rule.contractTerminable,
      };
    default:
      return assertNever(rule, 'violation response');
  }
}
