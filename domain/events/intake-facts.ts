/**
 * The inbound side: which fact types arrive on which intake topic, and how one Kafka message value
 * becomes a checked fact or a dead-letter reason. Pure (the consumer hands in the value as a string).
 */
import type { z } from 'zod';
import { contractNo } from './fields';
import { CloudEventSchema, type CloudEvent } from './envelope';
import {
  ComplaintRecordedSchema,
  InvoiceIssuedSchema,
  InvoiceOverdueSchema,
  OnboardingRequestedSchema,
  PaymentReceivedSchema,
  UsageReportedSchema,
  ViolationRecordedSchema,
} from './intake';

export const INTAKE_FACTS = {
  'telecom.sales.onboarding-requested.v1': {
    topic: 'onboardingRequests',
    schema: OnboardingRequestedSchema,
    meaning: 'A sales system asks to onboard a signed contract; starts its lifecycle workflow.',
  },
  'telecom.billing.payment-received.v1': {
    topic: 'billingFacts',
    schema: PaymentReceivedSchema,
    meaning: 'Billing saw a payment arrive; signalled to the contract (paymentReceived).',
  },
  'telecom.billing.invoice-overdue.v1': {
    topic: 'billingFacts',
    schema: InvoiceOverdueSchema,
    meaning: 'An invoice is unpaid past its due date; signalled to the contract (invoiceOverdue).',
  },
  'telecom.billing.invoice-issued.v1': {
    topic: 'billingFacts',
    schema: InvoiceIssuedSchema,
    meaning:
      'Billing issued an invoice: it dates an instalment due after its invoice, or bills a post-paid month (invoiceIssued).',
  },
  'telecom.billing.usage-reported.v1': {
    topic: 'billingFacts',
    schema: UsageReportedSchema,
    meaning:
      'Messages attempted and delivered in a month for a per-usage item; the usage settlement bills them (usageReported).',
  },
  'telecom.compliance.complaint-recorded.v1': {
    topic: 'complianceFacts',
    schema: ComplaintRecordedSchema,
    meaning: "A complaint about the customer's use; signalled to the contract (complaintRecorded).",
  },
  'telecom.compliance.violation-recorded.v1': {
    topic: 'complianceFacts',
    schema: ViolationRecordedSchema,
    meaning: 'A compliance violation; signalled to the contract (violationRecorded).',
  },
} as const;

export type IntakeFactType = keyof typeof INTAKE_FACTS;
export type IntakeTopic = (typeof INTAKE_FACTS)[IntakeFactType]['topic'];
export const INTAKE_TOPICS: readonly IntakeTopic[] = [
  'onboardingRequests',
  'billingFacts',
  'complianceFacts',
];

export type IntakeFact = {
  [T in IntakeFactType]: {
    type: T;
    contractNo: string;
    data: z.infer<(typeof INTAKE_FACTS)[T]['schema']>;
    event: CloudEvent;
  };
}[IntakeFactType];

/** `reason` is `<code>: <detail>`; the code is stable for alerting, the detail names the field. */
export type IntakeDecoding = { ok: true; fact: IntakeFact } | { ok: false; reason: string };

const fail = (code: string, detail: string): IntakeDecoding => ({ ok: false, reason: `${code}: ${detail}` });

function firstIssue(error: z.ZodError, prefix: string): string {
  const issue = error.issues[0];
  const path = [prefix, ...(issue?.path ?? []).map(String)].filter(Boolean).join('.');
  return `${path || '(root)'}: ${issue?.message ?? 'invalid'}`;
}

function parseJson(value: string): { ok: true; json: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, json: JSON.parse(value) as unknown };
  } catch (err) {
    // V8 quotes the offending text in its message ("Unexpected token '刘', "刘强 1500…" is not valid
    // JSON"), and that text may be personal data bound for logs and headers: keep only the position.
    const position = /at position (\d+)/.exec(err instanceof Error ? err.message : '')?.[1];
    return { ok: false, error: `not valid JSON${position ? ` (at position ${position})` : ''}` };
  }
}

function isIntakeFactType(type: string): type is IntakeFactType {
  return Object.prototype.hasOwnProperty.call(INTAKE_FACTS, type);
}

export function decodeIntakeMessage(topic: IntakeTopic, value: string | null): IntakeDecoding {
  if (value === null || value === '') return fail('empty-message', 'the message has no value');
  const json = parseJson(value);
  if (!json.ok) return fail('invalid-json', json.error);
  const envelope = CloudEventSchema.safeParse(json.json);
  if (!envelope.success) return fail('invalid-envelope', firstIssue(envelope.error, ''));
  const event = envelope.data;
  if (!isIntakeFactType(event.type)) return fail('unknown-type', `${event.type} is not an intake fact type`);
  const spec = INTAKE_FACTS[event.type];
  if (spec.topic !== topic)
    return fail('wrong-topic', `${event.type} belongs on ${spec.topic}, not ${topic}`);
  const subject = contractNo.safeParse(event.subject);
  if (!subject.success) return fail('invalid-envelope', firstIssue(subject.error, 'subject'));
  const data = spec.schema.safeParse(event.data);
  if (!data.success) return fail('invalid-data', firstIssue(data.error, 'data'));
  if ('contractNo' in data.data && data.data.contractNo !== event.subject) {
    return fail('subject-mismatch', `subject ${event.subject} but data.contractNo ${data.data.contractNo}`);
  }
  return {
    ok: true,
    fact: { type: event.type, contractNo: event.subject, data: data.data, event } as IntakeFact,
  };
}
