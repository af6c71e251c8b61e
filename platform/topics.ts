/**
 * Every Kafka topic the system owns, in one list: infra/create-topics.ts creates them, producers and
 * consumers take their names from here, docs/ describe them. Partition count bounds consumer
 * parallelism; the key is always the contract number, so one contract's events stay in order.
 */
export interface TopicSpec {
  name: string;
  partitions: number;
  /** Milliseconds; -1 keeps forever. */
  retentionMs: number;
  cleanupPolicy: 'delete' | 'compact';
  description: string;
}

const DAY = 24 * 60 * 60 * 1000;

export const TOPICS = {
  /** Everything that happens to a contract, for CRM, network teams, audit. */
  lifecycle: {
    name: 'contract.lifecycle.v1',
    partitions: 6,
    retentionMs: 365 * DAY,
    cleanupPolicy: 'delete',
    description: 'All contract lifecycle events (CloudEvents, structured JSON), key = contract number',
  },
  /** The subset billing acts on: billing start, charges, credits, suspensions, termination. */
  billing: {
    name: 'contract.billing.v1',
    partitions: 6,
    retentionMs: 3 * 365 * DAY,
    cleanupPolicy: 'delete',
    description: 'Billing-relevant contract events (CloudEvents, structured JSON), key = contract number',
  },
  /** Inbound: sales systems asking to onboard a signed contract. */
  onboardingRequests: {
    name: 'contract.onboarding-requests.v1',
    partitions: 3,
    retentionMs: 30 * DAY,
    cleanupPolicy: 'delete',
    description: 'Onboarding requests from sales systems, key = contract number',
  },
  /** Inbound: payment facts from billing (payment received, invoice overdue). */
  billingFacts: {
    name: 'contract.billing-facts.v1',
    partitions: 3,
    retentionMs: 90 * DAY,
    cleanupPolicy: 'delete',
    description: 'Payment facts from billing systems, key = contract number',
  },
  /** Inbound: compliance facts (complaints, violations). */
  complianceFacts: {
    name: 'contract.compliance-facts.v1',
    partitions: 3,
    retentionMs: 90 * DAY,
    cleanupPolicy: 'delete',
    description: 'Complaints and violations from compliance systems, key = contract number',
  },
  /** Inbound messages that could not be processed, with the reason in headers. */
  deadLetter: {
    name: 'contract.dead-letter.v1',
    partitions: 1,
    retentionMs: 90 * DAY,
    cleanupPolicy: 'delete',
    description: 'Malformed or unknown inbound messages with the reason',
  },
  /** Wiring check used by the smoke test and `npm run demo`. */
  system: {
    name: 'system.wiring-check.v1',
    partitions: 1,
    retentionMs: 7 * DAY,
    cleanupPolicy: 'delete',
    description: 'Wiring-check events proving worker → Kafka delivery',
  },
} as const satisfies Record<string, TopicSpec>;

export type TopicKey = keyof typeof TOPICS;

export function topicName(key: TopicKey, prefix = ''): string {
  return `${prefix}${TOPICS[key].name}`;
}
