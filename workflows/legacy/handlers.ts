/**
 * Every message the contract workflow accepts. Updates are human actions: the validator refuses an
 * action in the wrong stage or with bad input (nothing enters history), the handler delegates to the
 * contract. Signals are facts from other systems, queued for the service loop.
 */
import type { UpdateDefinition } from '@temporalio/common';
import { log, setHandler } from '@temporalio/workflow';
import {
  ComplaintRecordedSchema,
  InvoiceOverdueSchema,
  PaymentReceivedSchema,
  ViolationRecordedSchema,
} from '../../domain/events/intake';
import {
  ACTION_NAMES,
  ACTION_STAGES,
  parseAction,
  type ActionInput,
  type ActionName,
} from '../../domain/lifecycle/actions';
import type { ContractStatus } from '../../domain/lifecycle/status';
import {
  actionUpdates,
  complaintRecordedSignal,
  invoiceOverdueSignal,
  onboardUpdate,
  type OnboardRequest,
  paymentReceivedSignal,
  statusQuery,
  violationRecordedSignal,
} from '../messages';
import { actionRules, performAction } from './actions';
import type { Contract } from './contract';
import type { Fact } from './facts';

export class ActionRefused extends Error {
  override name = 'ActionRefused';
}

/** Stage first (the common mistake), then input shape, then the action's own rule. */
export function validateAction<A extends ActionName>(c: Contract, action: A, input: unknown): ActionInput<A> {
  const allowed = ACTION_STAGES[action];
  if (!allowed.includes(c.state.stage)) {
    throw new ActionRefused(
      `${action} is refused: contract ${c.contractNo} is in stage '${c.state.stage}', and ${action} is only possible in ${allowed.map((s) => `'${s}'`).join(' or ')}`,
    );
  }
  const parsed = parseAction(action, input);
  const problem = actionRules[action](c, parsed as never);
  if (problem) throw new ActionRefused(`${action} is refused: ${problem}`);
  return parsed;
}

export function registerHandlers(c: Contract, inbox: Fact[], onboarding: OnboardingIdentity): void {
  for (const action of ACTION_NAMES) registerAction(c, action);
  registerOnboard(c, onboarding);

  const queue = (fact: Fact) => {
    inbox.push(fact);
    c.changes += 1;
  };
  const checked =
    <T>(
      name: string,
      schema: { safeParse(v: unknown): { success: boolean; data?: T } },
      wrap: (v: T) => Fact,
    ) =>
    (input: unknown) => {
      const parsed = schema.safeParse(input);
      if (parsed.success) queue(wrap(parsed.data as T));
      else log.warn(`ignored malformed ${name} signal`, { contractNo: c.contractNo });
    };
  setHandler(
    paymentReceivedSignal,
    checked('paymentReceived', PaymentReceivedSchema, (fact) => ({ kind: 'payment', fact })),
  );
  setHandler(
    invoiceOverdueSignal,
    checked('invoiceOverdue', InvoiceOverdueSchema, (fact) => ({ kind: 'overdue', fact })),
  );
  setHandler(
    complaintRecordedSignal,
    checked('complaintRecorded', ComplaintRecordedSchema, (fact) => ({ kind: 'complaint', fact })),
  );
  setHandler(
    violationRecordedSignal,
    checked('violationRecorded', ViolationRecordedSchema, (fact) => ({ kind: 'violation', fact })),
  );
  setHandler(statusQuery, (): ContractStatus => c.status());
}

/** What the contract was started with, to answer the onboarding handshake of a repeated request. */
export interface OnboardingIdentity {
  specHash?: string;
  requestId?: string;
}

function registerOnboard(c: Contract, started: OnboardingIdentity): void {
  setHandler(
    onboardUpdate,
    (request) => ({ created: request.requestId === started.requestId, status: c.status() }),
    {
      validator: (request: OnboardRequest) => {
        if (started.specHash !== undefined && request.specHash !== started.specHash) {
          throw new Error(
            `contract ${c.contractNo} already exists with a different specification; ` +
              'change the contract number or amend the running contract',
          );
        }
      },
      description: 'onboarding handshake (update-with-start): the status, or a refusal if the terms differ',
    },
  );
}

function registerAction<A extends ActionName>(c: Contract, action: A): void {
  const update = actionUpdates[action] as unknown as UpdateDefinition<ContractStatus, [ActionInput<A>]>;
  setHandler(
    update,
    async (input) => {
      await performAction(c, action, input);
      c.changes += 1;
      return c.status();
    },
    { validator: (input) => void validateAction(c, action, input), description: `human action: ${action}` },
  );
}
