/**
 * Signals, updates and queries of the contract lifecycle, defined once and shared by the workflow,
 * the intake consumers, the API and the CLI.
 */
import { defineSignal } from '@temporalio/workflow';
import type {
  ComplaintRecorded,
  InvoiceOverdue,
  PaymentReceived,
  ViolationRecorded,
} from '../domain/events/intake';

/** The workflow type and id every contract runs under. */
export const CONTRACT_WORKFLOW_TYPE = 'contractLifecycle';
export const contractWorkflowId = (contractNo: string): string => `contract-${contractNo}`;

// Facts from billing and compliance systems (fire-and-forget: the sender does not wait).
export const paymentReceivedSignal = defineSignal<[PaymentReceived]>('paymentReceived');
export const invoiceOverdueSignal = defineSignal<[InvoiceOverdue]>('invoiceOverdue');
export const complaintRecordedSignal = defineSignal<[ComplaintRecorded]>('complaintRecorded');
export const violationRecordedSignal = defineSignal<[ViolationRecorded]>('violationRecorded');
