/** The shape of one catalogue entry: its data schema plus what the docs and the router need. */
import type { z } from 'zod';

export interface EventSpec<S extends z.ZodType = z.ZodType> {
  /** Schema of the CloudEvent `data`; strict, so unknown (possibly personal) fields are refused. */
  schema: S;
  /** One sentence for the catalogue page: what happened, in business terms. */
  meaning: string;
  /** Billing acts on it (it changes what the customer owes or when charges run): also on the billing topic. */
  billing: boolean;
  /** The fields a reader looks at first; the docs list them. */
  keyFields: readonly string[];
}

export const defineEvents = <const T extends Record<string, EventSpec>>(specs: T): T => specs;
