/**
 * The workflow loop: take the mail, then sleep until the next contract date or the next message;
 * at the end of a term (or when the history grows long) continue as new once every handler is done.
 */
import { allHandlersFinished, condition, continueAsNew, workflowInfo } from '@temporalio/workflow';
import { nextWake } from '../../domain/decider/decide';
import { wakeSummary } from '../../domain/decider/explain';
import { initialState, revivedState, type ContractState } from '../../domain/decider/state';
import type { Outcome } from '../../domain/lifecycle/stages';
import type { Carried, LifecycleInput } from '../contractLifecycle';
import { fromLegacyFacts, fromLegacyState } from '../legacy/migrate';
import { msUntilStartOf, nowIso, today } from './clock';
import { ContractShell } from './contract';
import { registerHandlers } from './handlers';

export async function runContract(input: LifecycleInput): Promise<Outcome> {
  const options = input.options ?? {};
  const { state, facts } = carriedOver(input.carried);
  const c = new ContractShell(input.spec, state ?? initialState());
  registerHandlers(c, options);
  c.publishIdentity();
  if (!state) {
    c.post({
      kind: 'start',
      at: nowIso(),
      requestedBy: options.requestedBy ?? 'api',
      requestId: options.requestId ?? input.spec.contractNo,
      reviewWorkingDays: options.reviewWorkingDays ?? 5,
    });
  } else {
    for (const fact of facts) c.post({ kind: 'fact', at: nowIso(), ...fact });
    c.post({ kind: 'tick', at: nowIso() }); // catch up with the days the run boundary spanned
  }
  const term = c.state.term.number;
  for (;;) {
    await c.processMail();
    if (c.state.stage === 'closed') {
      await condition(() => c.hasMail || allHandlersFinished());
      if (c.hasMail) continue;
      return c.state.outcome!;
    }
    if (c.state.term.number !== term || workflowInfo().continueAsNewSuggested) {
      // Let in-flight human actions finish so none is lost across the run boundary.
      await condition(() => c.hasMail || allHandlersFinished());
      if (c.hasMail) continue;
      return continueAsNew<(i: LifecycleInput) => Promise<Outcome>>({
        spec: input.spec,
        options: input.options,
        carried: { version: 2, state: c.state },
      });
    }
    const wake = nextWake(c.spec, c.state, today());
    // The timer's summary says what the wake-up is for (timer metadata: replay does not compare it).
    const woken = wake
      ? await condition(() => c.hasMail, msUntilStartOf(wake), {
          summary: wakeSummary(c.spec, c.state, today(), wake),
        })
      : await condition(() => c.hasMail).then(() => true);
    if (!woken) c.post({ kind: 'tick', at: nowIso() });
  }
}

function carriedOver(carried: Carried | undefined): {
  state?: ContractState;
  facts: ReturnType<typeof fromLegacyFacts>;
} {
  if (!carried) return { facts: [] };
  if ('version' in carried) return { state: revivedState(carried.state), facts: [] };
  return { state: fromLegacyState(carried.state), facts: fromLegacyFacts(carried.pendingFacts) };
}
