/**
 * Conduct rules: call limits (002 4.1), complaint thresholds (001 annex 2 §17, 002 annex 1 §20, 004
 * annex 1 §14), violation tiers (004 7.3), termination penalties (000 7.2, 001 3.1.11 / 6.3) and the
 * quarantine of released numbers and addresses (001 3.2.10).
 */
import type { IsoDate } from '../calendar';
import type { ContractSpec } from '../contract-spec';
import type { ViolationTier } from '../events/intake';
import { applyBasisPoints, type Fen } from '../money';
import { assertNever } from '../never';
import { dayAfter, endOfMonthsPeriod, endOfPeriod, type DatedResult } from './periods';

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
        remediationEnds: endOfPeriod(noticeDate, rule.remediationDays, rule.remediationDayType).date,
        portBlocked: rule.portBlocked,
        newApplicationsPaused: rule.newApplicationsPaused,
        penaltyIfUnremediedFen: rule.penaltyIfUnremediedFen,
      };
    case 'terminate-business':
      return {
        kind: 'terminate-business',
        ref: tiers.ref,
        // "no new applications for 6 months": the months follow the notice; applications again after them.
        applicationsAcceptedAgainFrom: dayAfter(
          endOfMonthsPeriod(noticeDate, rule.newApplicationBanMonths, 'strict-calendar'),
        ).date,
        penaltyFen: rule.penaltyFen,
        contractTerminable: rule.contractTerminable,
      };
    default:
      return assertNever(rule, 'violation response');
  }
}

type TerminationPenalty = Compliance['terminationPenalties'][number];

/** The amount of one termination penalty, given the contract value and the fees of the unperformed rest. */
export function terminationPenaltyFen(
  penalty: TerminationPenalty,
  amounts: { contractValueFen: Fen; remainingFeesFen: Fen },
): Fen {
  const { amount } = penalty;
  switch (amount.kind) {
    case 'percent-of-contract-value':
      return applyBasisPoints(amounts.contractValueFen, amount.bp);
    case 'percent-of-remaining-fees':
      return applyBasisPoints(amounts.remainingFeesFen, amount.bp);
    case 'fixed':
      return amount.amountFen;
    default:
      return assertNever(amount, 'penalty amount');
  }
}

/**
 * First day a released number or IP address may go to another customer: "only after 90 days"
 * (在 90 日后分配给其他客户, 001 3.2.10) — the day after the period that follows the release.
 */
export function quarantineReleaseDate(
  spec: ContractSpec,
  releasedOn: IsoDate,
): DatedResult & { ref: string } {
  const { days, dayType, ref } = spec.clauses.quarantine;
  if (days === 0) return { date: releasedOn, calendarDataMissing: false, missingYears: [], ref };
  return { ...dayAfter(endOfPeriod(releasedOn, days, dayType)), ref };
}
