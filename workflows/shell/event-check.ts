/**
 * The events a decision would publish, checked against the catalogue before an action is accepted, so
 * an action whose event the publisher would refuse is refused at the door instead of sticking the
 * contract. The catalogue (33 zod schemas) is loaded on the first check, not on import: the SDK
 * evaluates workflow modules once per cached workflow, and a contract that never receives an action
 * should not pay for the schemas (docs/benchmarks.md, memory per cached workflow).
 */
import type * as Catalogue from '../../domain/events/catalogue';
import { buildEvent } from '../../domain/events/build-event';
import { isPublished, type DomainEvent } from '../../domain/decider/events';

let catalogue: typeof Catalogue | undefined;

function loadCatalogue(): typeof Catalogue {
  // A synchronous require (Update validators cannot await): the bundler still includes the module,
  // but evaluates it only when this line runs.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  catalogue ??= require('../../domain/events/catalogue') as typeof Catalogue;
  return catalogue;
}

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
  const { checkContractEvent } = loadCatalogue();
  for (const event of published) {
    const cloudEvent = buildEvent(event.type, { ...event.data, contractNo }, {
      id: PLACEHOLDER_ID,
      time,
      contractNo,
    });
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
