/**
 * Signals, updates and queries of the contract lifecycle, defined once and shared by the workflow,
 * the intake consumers, the API and the CLI.
 */
import type { UpdateDefinition } from '@temporalio/common';
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { ActionInput, ActionName } from '../domain/lifecycle/actions';
import type { ContractStatus } from '../domain/lifecycle/status';
import type {
  ComplaintRecorded,
  InvoiceIssued,
  InvoiceOverdue,
  PaymentReceived,
  UsageReported,
  ViolationRecorded,
} from '../domain/events/intake';

/** The workflow type and id every contract runs under. */
export const CONTRACT_WORKFLOW_TYPE = 'contractLifecycle';
export const contractWorkflowId = (contractNo: string): string => `contract-${contractNo}`;

// Facts from billing and compliance systems (fire-and-forget: the sender does not wait).
export const paymentReceivedSignal = defineSignal<[PaymentReceived]>('paymentReceived');
export const invoiceOverdueSignal = defineSignal<[InvoiceOverdue]>('invoiceOverdue');
export const invoiceIssuedSignal = defineSignal<[InvoiceIssued]>('invoiceIssued');
export const usageReportedSignal = defineSignal<[UsageReported]>('usageReported');
export const complaintRecordedSignal = defineSignal<[ComplaintRecorded]>('complaintRecorded');
export const violationRecordedSignal = defineSignal<[ViolationRecorded]>('violationRecorded');

// Human actions: one Update per action, validated (stage + input) before it is accepted into history.
export const actionUpdates = {
  'submit-document': defineUpdate<ContractStatus, [ActionInput<'submit-document'>]>('submitDocument'),
  'request-documents': defineUpdate<ContractStatus, [ActionInput<'request-documents'>]>('requestDocuments'),
  approve: defineUpdate<ContractStatus, [ActionInput<'approve'>]>('approveQualification'),
  reject: defineUpdate<ContractStatus, [ActionInput<'reject'>]>('rejectQualification'),
  'confirm-installation': defineUpdate<ContractStatus, [ActionInput<'confirm-installation'>]>(
    'confirmInstallation',
  ),
  'confirm-installations': defineUpdate<ContractStatus, [ActionInput<'confirm-installations'>]>(
    'confirmInstallations',
  ),
  claim: defineUpdate<ContractStatus, [ActionInput<'claim'>]>('claimObligation'),
  unclaim: defineUpdate<ContractStatus, [ActionInput<'unclaim'>]>('unclaimObligation'),
  'record-icp-filing': defineUpdate<ContractStatus, [ActionInput<'record-icp-filing'>]>('recordIcpFiling'),
  'approve-campaign-script': defineUpdate<ContractStatus, [ActionInput<'approve-campaign-script'>]>(
    'approveCampaignScript',
  ),
  'issue-completion-notice': defineUpdate<ContractStatus, [ActionInput<'issue-completion-notice'>]>(
    'issueCompletionNotice',
  ),
  'sign-off': defineUpdate<ContractStatus, [ActionInput<'sign-off'>]>('signOff'),
  object: defineUpdate<ContractStatus, [ActionInput<'object'>]>('objectToAcceptance'),
  'non-renewal-notice': defineUpdate<ContractStatus, [ActionInput<'non-renewal-notice'>]>('noticeNonRenewal'),
  unsubscribe: defineUpdate<ContractStatus, [ActionInput<'unsubscribe'>]>('unsubscribe'),
  'choose-free-month': defineUpdate<ContractStatus, [ActionInput<'choose-free-month'>]>('chooseFreeMonth'),
  'record-remediation': defineUpdate<ContractStatus, [ActionInput<'record-remediation'>]>(
    'recordRemediation',
  ),
  'service-request': defineUpdate<ContractStatus, [ActionInput<'service-request'>]>('serviceRequest'),
} as const satisfies { [A in ActionName]: UpdateDefinition<ContractStatus, [ActionInput<A>]> };

/**
 * Onboarding handshake, sent with update-with-start by the API and the typed client: it returns the
 * status as soon as the workflow runs, and refuses a request whose specification differs from the one
 * the contract was started with (same contract number, different terms).
 */
export interface OnboardRequest {
  /** sha256 of the canonical JSON of the parsed ContractSpec (clients/sdk/spec-hash.ts). */
  specHash: string;
  /** The caller's request id; equal to the start's requestId when this request started the workflow. */
  requestId: string;
}
export interface OnboardResult {
  /** True when this request started the contract, false when it found it already running. */
  created: boolean;
  status: ContractStatus;
}
export const onboardUpdate = defineUpdate<OnboardResult, [OnboardRequest]>('onboard');

/** Everything an engineer needs to see: stage, deadlines, checklist, resources, balances, decisions. */
export const statusQuery = defineQuery<ContractStatus>('status');
