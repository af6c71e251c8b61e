/**
 * Every message the contract accepts. An Update is a person's action: its validator asks the decider
 * in a dry run and checks the events it would publish, so a refused action never enters history; the
 * handler posts it and answers with the status once the contract has carried it out. A Signal is
 * another system's fact, posted in order.
 */
import type { UpdateDefinition } from '@temporalio/common';
import { log, setHandler } from '@temporalio/workflow';
import type { Fact } from '../../domain/decider/inputs';
import {
  ComplaintRecordedSchema,
  InvoiceIssuedSchema,
  InvoiceOverdueSchema,
  PaymentReceivedSchema,
  UsageReportedSchema,
  ViolationRecordedSchema,
} from '../../domain/events/intake';
import { ACTION_NAMES, type ActionInput, type ActionName } from '../../domain/lifecycle/actions';
import type { ContractStatus } from '../../domain/lifecycle/status';
import {
  actionUpdates,
  complaintRecordedSignal,
  invoiceIssuedSignal,
  invoiceOverdueSignal,
  usageReportedSignal,
  onboardUpdate,
  type OnboardRequest,
  paymentReceivedSignal,
  statusQuery,
  violationRecordedSignal,
} from '../messages';
import { nowIso } from './clock';
import type { ContractShell } from './contract';

export class ActionRefused extends Error {
  override name = 'ActionRefused';
}

/** What the contract was started with, to answer the onboarding handshake of a repeated request. */
export interface OnboardingIdentity {
  specHash?: string;
  requestId?: string;
}

export function registerHandlers(c: ContractShell, started: OnboardingIdentity): void {
  for (const action of ACTION_NAMES) registerAction(c, action);
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
  const fact =
    <T>(name: Fact['fact'], schema: { safeParse(v: unknown): { success: boolean; data?: T } }) =>
    (input: unknown) => {
      const parsed = schema.safeParse(input);
      if (parsed.success) c.post({ kind: 'fact', fact: name, data: parsed.data, at: nowIso() } as never);
      else log.warn(`ignored malformed ${name} signal`, { contractNo: c.contractNo });
    };
  setHandler(paymentReceivedSignal, fact('payment-received', PaymentReceivedSchema));
  setHandler(invoiceOverdueSignal, fact('invoice-overdue', InvoiceOverdueSchema));
  setHandler(invoiceIssuedSignal, fact('invoice-issued', InvoiceIssuedSchema));
  setHandler(usageReportedSignal, fact('usage-reported', UsageReportedSchema));
  setHandler(complaintRecordedSignal, fact('complaint-recorded', ComplaintRecordedSchema));
  setHandler(violationRecordedSignal, fact('violation-recorded', ViolationRecordedSchema));
  setHandler(statusQuery, (): ContractStatus => c.status());
}

function registerAction<A extends ActionName>(c: ContractShell, action: A): void {
  const update = actionUpdates[action] as unknown as UpdateDefinition<ContractStatus, [ActionInput<A>]>;
  setHandler(
    update,
    async (payload) => {
      await c.submit({ kind: 'action', action, payload, at: nowIso() });
      return c.status();
    },
    {
      validator: (payload) => {
        if (c.stuck) {
          throw new ActionRefused(
            `${action} is refused: contract ${c.contractNo} is stuck (${c.stuck.reason}); ` +
              'actions wait until it recovers',
          );
        }
        const decision = c.dryRun({ kind: 'action', action, payload, at: nowIso() });
        // The events it would publish are checked too: one the publisher would refuse must not enter history.
        const refusal = decision.refusal ?? c.eventRefusal(action, decision);
        if (refusal) throw new ActionRefused(refusal.message);
      },
      description: `human action: ${action}`,
    },
  );
}
