/**
 * The events a decision would publish, checked against the catalogue before an action is accepted, so
 * an action whose event the publisher would refuse is refused at the door instead of sticking the
 * contract. The catalogue (33 zod schemas) is built once per worker thread, not per contract: it is
 * among the preloaded modules (workers/workflow-bundle.ts).
 */
import { checkContractEvent } from '../../domain/events/catalogue';
import { buildEvent } from '../../domain/events/build-event';
import { isPublished, type DomainEvent } from '../../domain/decider/events';

/** Stand-ins for what the shell generates at publish time: a validator must not draw from uuid4(). */
const PLACEHOLDER_ID = '00000000-0000-4000-8000-000000000000';

/**
 * The first event of `events` that would fail its schema, as "<field>: <rule>" entries (paths inside
 * the event's data), or undefined when all pass. Rules only, never the offending values.
 */
export function invalidEventFields(
  contractNo: string,
  events: readonly DomainEvent[],
  time: string,
): { type: string; fields: string[] } | undefined {
  const published = events.filter(isPublished);
  if (published.length === 0) return undefined;
  for (const event of published) {
    const cloudEvent = buildEvent(
      event.type,
      { ...event.data, contractNo },
      {
        id: PLACEHOLDER_ID,
        time,
        contractNo,
      },
    );
    const check = checkContractEvent(cloudEvent);
    if (!check.ok) {
      return {
        type: event.type,
        fields: check.problems.map((p) => `${p.path.replace(/^data\./, '')}: ${p.message}`),
      };
    }
  }
  return undefined;
}
