/**
 * What the world must do for the contract: inventory and network steps. The decider asks for them as
 * data; the workflow runs each as an activity and feeds the answer back as an `effect-result` input.
 * Request ids are chosen here so a retried or replayed step is the same request to the other system.
 */
import type { IsoDate } from '../calendar';
import type { ActionInput } from '../lifecycle/actions';
import type { HeldResource, ResourceKind } from '../lifecycle/resources';

type ServiceRequestType = ActionInput<'service-request'>['type'];

/** One line of an inventory reservation: by kind and quantity, or by exact value. */
export interface ReservationItem {
  kind: ResourceKind;
  quantity?: number;
  preferred?: string[];
  bandwidthMbps?: number;
  prefixLength?: number;
}

/** Why an effect was asked for: the decider reads it back when the answer comes. */
export type Purpose =
  | { kind: 'provision' }
  | { kind: 'compensate' }
  | { kind: 'terminate' }
  | { kind: 'suspend'; reason: 'arrears' | 'customer-request' | 'violation' | 'complaints'; clause?: string }
  | { kind: 'resume' }
  | { kind: 'service-request'; requestId: string; type: ServiceRequestType; destinationCount?: number }
  | { kind: 'violation'; violationId: string }
  | { kind: 'icp-filing' };

type Step =
  | { kind: 'reserve-resources'; items: ReservationItem[]; reason: string }
  | { kind: 'commit-reservation'; reservationId: string }
  | { kind: 'release-resources'; quarantineDays: number; availableFrom?: IsoDate; reason: string }
  | { kind: 'suspend-numbers'; values: string[]; reason: string }
  | { kind: 'resume-numbers'; values: string[]; reason: string }
  | {
      kind: 'change-number';
      oldValue: string;
      newValue?: string;
      quarantineDays: number;
      availableFrom?: IsoDate;
      reason: string;
    }
  | { kind: 'activate-network'; resources: HeldResource[]; closedPorts: number[] }
  | { kind: 'deactivate-network'; resources: HeldResource[] }
  | { kind: 'set-service-active'; resources: HeldResource[]; active: boolean }
  | { kind: 'block-sms-ports'; resources: HeldResource[]; blocked: boolean }
  | { kind: 'open-circuit-ports'; resources: HeldResource[]; ports: number[] };

export type EffectKind = Step['kind'];

/** An effect as the decider asks for it. */
export type EffectRequest = Step & { requestId: string; purpose: Purpose };
/** An effect with its id within the contract (assigned when it is requested). */
export type Effect = EffectRequest & { id: string };

/** What came back. `value` is the activity's answer (a reservation, a number change). */
export type EffectResult = { ok: true; value?: unknown } | { ok: false; error: string };

/** Resources the inventory handed out, as the decider keeps them. */
export interface ReservedResource {
  kind: ResourceKind;
  value: string;
  attributes?: Record<string, string | number | boolean>;
  assignment?: Record<string, string | number | boolean> | null;
}

/** Words for a person reading what the contract is busy with. */
export const EFFECT_LABELS: Record<EffectKind, string> = {
  'reserve-resources': 'inventory reservation',
  'commit-reservation': 'inventory commit',
  'release-resources': 'release of resources',
  'suspend-numbers': 'number suspension in inventory',
  'resume-numbers': 'number resumption in inventory',
  'change-number': 'number change in inventory',
  'activate-network': 'network activation',
  'deactivate-network': 'network deactivation',
  'set-service-active': 'a service state change on the network',
  'block-sms-ports': 'an SMS port change',
  'open-circuit-ports': 'opening circuit ports',
};
