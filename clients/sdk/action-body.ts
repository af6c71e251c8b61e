/**
 * An action's body as the HTTP API takes it: the action's own schema (ActionSchemas) with its actor
 * field (ACTOR_FIELDS) optional, because the API sets it from the caller's API key. Derived once from
 * the domain schema, so the OpenAPI document, the typed client and the console agree with what the
 * workflow validates; the workflow still receives the full input, actor included.
 */
import { z } from 'zod';
import { ActorSchema } from '../../domain/text';
import {
  ACTOR_FIELDS,
  ActionSchemas,
  type ActionInput,
  type ActionName,
} from '../../domain/lifecycle/actions';

export const ACTOR_FIELD_DESCRIPTION = 'set from your API key (a value sent is replaced)';

type WithoutActor<I, F extends PropertyKey> = I extends unknown
  ? Omit<I, F> & Partial<Pick<I, Extract<F, keyof I>>>
  : never;

/** ActionInput<A> with the actor field optional: what a caller of the HTTP API sends. */
export type HttpActionInput<A extends ActionName> =
  ActionInput<A> | WithoutActor<ActionInput<A>, (typeof ACTOR_FIELDS)[A]>;

const optionalActor = () => ActorSchema.optional().describe(ACTOR_FIELD_DESCRIPTION);

function withOptionalActor(schema: z.ZodObject, field: string): z.ZodObject {
  return schema.extend({ [field]: optionalActor() });
}

const cache = new Map<ActionName, z.ZodType>();

/** The HTTP body schema of an action (documentation and the console's forms; `act` validates). */
export function httpActionSchema(action: ActionName): z.ZodType {
  const known = cache.get(action);
  if (known) return known;
  const schema = ActionSchemas[action] as z.ZodType;
  const field = ACTOR_FIELDS[action];
  let body: z.ZodType;
  if (schema instanceof z.ZodDiscriminatedUnion) {
    const options = (schema.options as z.ZodObject[]).map((o) => withOptionalActor(o, field));
    body = z.discriminatedUnion('type', options as [z.ZodObject, ...z.ZodObject[]]);
  } else if (schema instanceof z.ZodObject) {
    body = withOptionalActor(schema, field);
  } else {
    throw new Error(`action ${action}: its schema is neither an object nor a discriminated union`);
  }
  if (schema.description) body = body.describe(schema.description);
  cache.set(action, body);
  return body;
}

/**
 * The body with its actor field set to the caller's key id, replacing a name sent. A body that is not
 * a JSON object, or whose actor field breaks its documented rule (a control character, not a string),
 * is left as it is, for the action's validation to refuse with every invalid field: what the OpenAPI
 * document says is invalid is refused, never silently repaired.
 */
export function stampActor(action: ActionName, body: unknown, keyId: string): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return body;
  const field = ACTOR_FIELDS[action];
  const sent = (body as Record<string, unknown>)[field];
  if (sent !== undefined && !ActorSchema.safeParse(sent).success) return body;
  return { ...(body as Record<string, unknown>), [field]: keyId };
}
