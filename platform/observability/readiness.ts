/**
 * Readiness: is this process connected to what it needs (Temporal, Kafka, its store)? Each dependency
 * has a check that resolves when it answers and throws saying why not. A check is registered once the
 * process has a connection to check; until then it answers "not connected yet", so an ops server
 * started first can already say what it is waiting for. Checks run with a deadline and never throw
 * out of `evaluate`, and their failure text is scrubbed of credentials.
 */
import { withTimeout } from './metrics';

/** Resolves when the dependency answers; throws (or rejects) with the reason when it does not. */
export type ReadinessCheck = () => Promise<void>;

export interface ReadinessReport {
  ready: boolean;
  /** `ok`, or why not, per dependency. */
  checks: Record<string, string>;
  /** Dependencies that are not ok, in declaration order. */
  missing: string[];
}

const MAX_REASON = 200;

/** Why a check failed, without credentials (user:password@ in URLs, key=value secrets) and clipped. */
export function describeFailure(err: unknown): string {
  const raw =
    err instanceof Error ? `${err.name === 'Error' ? '' : `${err.name}: `}${err.message}` : String(err);
  const scrubbed = raw
    .replace(/\/\/[^/@\s]+@/g, '//***@')
    .replace(/\b(password|passwd|secret|token|apikey|api_key|key)=\S+/gi, '$1=***')
    .replace(/[\p{Cc}]+/gu, ' ')
    .trim();
  return scrubbed.length > MAX_REASON ? `${scrubbed.slice(0, MAX_REASON - 1)}…` : scrubbed || 'failed';
}

export class Readiness {
  private readonly checks = new Map<string, ReadinessCheck | undefined>();

  /** `dependencies`: the names this process reports, in order (e.g. temporal, kafka, inventory). */
  constructor(
    dependencies: readonly string[],
    private readonly timeoutMs = 2_000,
  ) {
    for (const name of dependencies) this.checks.set(name, undefined);
  }

  /** Register (or replace) the check of a declared dependency. */
  set(name: string, check: ReadinessCheck): void {
    if (!this.checks.has(name)) throw new Error(`readiness: unknown dependency ${name}`);
    this.checks.set(name, check);
  }

  async evaluate(): Promise<ReadinessReport> {
    const entries = await Promise.all(
      [...this.checks].map(async ([name, check]): Promise<[string, string]> => {
        if (!check) return [name, 'not connected yet'];
        try {
          await withTimeout(Promise.resolve().then(check), this.timeoutMs, `${name} check`);
          return [name, 'ok'];
        } catch (err) {
          return [name, describeFailure(err)];
        }
      }),
    );
    const missing = entries.filter(([, v]) => v !== 'ok').map(([k]) => k);
    return { ready: missing.length === 0, checks: Object.fromEntries(entries), missing };
  }
}

/** Temporal answers a cheap call (the frontend's system info) on this connection's workflow service. */
export function temporalAnswers(service: {
  getSystemInfo(request: object): Promise<unknown>;
}): ReadinessCheck {
  return async () => {
    await service.getSystemInfo({});
  };
}
