/**
 * decide(spec, state, input, today) → the events, the effects, or a refusal. Pure: the same arguments
 * give the same decision, nothing is read from a clock or the world. After the input itself, the
 * contract's dates are brought up to `today` (escalation, deemed acceptance, dunning, renewal…), so a
 * wake-up is simply an input with nothing else in it.
 */
import { addDays, type IsoDate } from '../calendar';
import type { ContractSpec } from '../contract-spec';
import { assertNever } from '../never';
import { deemAcceptance } from './acceptance';
import { act } from './actions';
import { pruneClaims } from './claims';
import { Draft, type Decision } from './draft';
import type { Effect, EffectResult } from './effects';
import { onTerminationStep, termCheckpoints, termWakes } from './ending';
import { onFact } from './facts';
import type { Input } from './inputs';
import { activationMilestones, activationWakes, onCompensation, onProvisioningStep } from './provisioning';
import { escalateLateReview, start } from './qualification';
import {
  complaintWakes,
  dun,
  dunningWakes,
  expireRemediations,
  onServiceEffect,
  remediationWakes,
  resumeAfterComplaints,
} from './service';
import { settleUsage, usageWakes } from './usage';
import type { ContractState } from './state';

export type { Decision, Refusal } from './draft';

export function decide(spec: ContractSpec, state: ContractState, input: Input, today: IsoDate): Decision {
  const d = new Draft(spec, state, today, input.at);
  switch (input.kind) {
    case 'start':
      if (!state.review.openedOn) start(d, input);
      break;
    case 'action': {
      const refusal = act(d, input.action, input.payload);
      if (refusal) return { events: [], effects: [], refusal };
      break;
    }
    case 'fact':
      onFact(d, input);
      break;
    case 'tick':
      break;
    case 'effect-result': {
      const { kind: _k, effectId, at: _a, ...result } = input;
      answer(d, effectId, result);
      break;
    }
    default:
      return assertNever(input, 'input');
  }
  catchUp(d);
  return d.decision();
}

/** Route an effect's answer to the rule that asked for it. */
function answer(d: Draft, effectId: string, result: EffectResult): void {
  const effect = d.state.pending.find((e) => e.id === effectId);
  if (!effect) return; // answered before (a replayed or duplicated result)
  d.emit({ type: 'effect-answered', effectId, ok: result.ok, ...(result.ok ? {} : { error: result.error }) });
  route(d, effect, result);
}

function route(d: Draft, effect: Effect, result: EffectResult): void {
  switch (effect.purpose.kind) {
    case 'provision':
      return onProvisioningStep(d, effect, result);
    case 'compensate':
      return onCompensation(d, effect, result);
    case 'terminate':
      return onTerminationStep(d, effect, result);
    case 'suspend':
    case 'resume':
    case 'service-request':
    case 'violation':
    case 'icp-filing':
      return onServiceEffect(d, effect, result);
    default:
      return assertNever(effect.purpose, 'effect purpose');
  }
}

/** Every rule that depends on the date, in the order the contract applies them. */
function catchUp(d: Draft): void {
  escalateLateReview(d);
  activationMilestones(d);
  deemAcceptance(d);
  dun(d);
  resumeAfterComplaints(d);
  expireRemediations(d);
  settleUsage(d);
  termCheckpoints(d);
  pruneClaims(d); // last: whatever the rules above discharged takes its claim with it
}

/** The next day a rule needs to look at the contract (strictly after `today`), if any. */
export function nextWake(spec: ContractSpec, state: ContractState, today: IsoDate): IsoDate | undefined {
  const d = new Draft(spec, state, today, '');
  const { review, qualification, stage, acceptanceWindow, acceptance, objection } = state;
  const dates: IsoDate[] = [
    ...activationWakes(d),
    ...dunningWakes(d),
    ...(stage === 'active' || stage === 'suspended'
      ? [...remediationWakes(d), ...complaintWakes(d), ...usageWakes(d)]
      : []),
    ...termWakes(d),
  ] as IsoDate[];
  if (stage === 'qualification' && !qualification && review.dueDate && !review.escalatedOn) {
    dates.push(addDays(review.dueDate, 1));
  }
  if (stage === 'acceptance' && !acceptance && !objection && acceptanceWindow?.deemedAcceptedOn) {
    dates.push(acceptanceWindow.deemedAcceptedOn);
  }
  return dates.filter((date) => date > today).sort()[0];
}
