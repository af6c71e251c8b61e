/**
 * The contract inside its workflow: the spec, the state the decider's events built, and a mailbox of
 * inputs taken one at a time. Processing an input is: decide, publish and apply the events, run each
 * effect and decide on its answer, then tell Temporal's search attributes and UI what changed.
 */
import {
  ActivityFailure,
  ApplicationFailure,
  log,
  patched,
  setCurrentDetails,
  sleep,
  upsertMemo,
  upsertSearchAttributes,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import { startOfLocalDay } from '../../domain/calendar';
import type { ContractSpec } from '../../domain/contract-spec';
import { decide, type Decision, type Refusal } from '../../domain/decider/decide';
import { isPublished, type DomainEvent, type PublishedEvent } from '../../domain/decider/events';
import { detailsMarkdown, fallbackDeadline } from '../../domain/decider/explain';
import { evolve } from '../../domain/decider/evolve';
import type { Input } from '../../domain/decider/inputs';
import { nextDeadline } from '../../domain/decider/obligations';
import type { ContractState } from '../../domain/decider/state';
import { statusOf } from '../../domain/decider/status';
import { buildEvent } from '../../domain/events/build-event';
import type { ContractEventData } from '../../domain/events/catalogue';
import type { ContractStatus } from '../../domain/lifecycle/status';
import { BOOK_MEMO_KEY, BOOK_MEMO_PATCH, owedGroups } from '../book-memo';
import {
  ContractNoKey,
  CustomerNameKey,
  HealthKey,
  NextDeadlineKey,
  ProductKey,
  RegionKey,
  StageKey,
} from '../search-attributes';
import { events } from './activities';
import { nowIso, today } from './clock';
import { runEffect } from './effects';
import { invalidEventFields } from './event-check';

/**
 * Marks histories in which a publish the publisher refuses (a bug) sticks the contract — timers retry
 * it, queries keep answering — instead of failing the workflow task forever.
 */
export const STUCK_PATCH = 'stuck-not-failed';

/**
 * Marks histories in which NextDeadline falls back to the next checkpoint or the term's end when no
 * obligation has a due date (before, it was cleared): the extra upserts are new commands.
 */
export const NEXT_DEADLINE_PATCH = 'next-deadline-always';

/** Why and since when the contract cannot go on; the failed step is retried with backoff meanwhile. */
export interface Stuck {
  reason: string;
  since: string;
  attempts: number;
  nextAttempt: string;
}

/** 1 minute, doubling, at most an hour: a deploy that fixes the bug is picked up within the hour. */
export function stuckRetryDelayMs(attempt: number): number {
  return Math.min(60_000 * 2 ** Math.min(attempt - 1, 10), 3_600_000);
}

interface Letter {
  input: Input;
  /** Resolved once the input is processed: with the refusal when the decider refused it. */
  done?: (refusal?: Refusal) => void;
}

export class ContractShell {
  private readonly mailbox: Letter[] = [];
  private shown: { stage?: string; nextDeadline?: string | null; details?: string; owed?: string } = {};
  /** Set while a step fails for a reason retrying cannot fix without a deploy. */
  stuck?: Stuck;

  constructor(
    readonly spec: ContractSpec,
    public state: ContractState,
  ) {}

  get contractNo(): string {
    return this.spec.contractNo;
  }

  get hasMail(): boolean {
    return this.mailbox.length > 0;
  }

  post(input: Input): void {
    this.mailbox.push({ input });
  }

  /** Post an input and wait until it is processed; a refusal at that point fails the caller's Update. */
  submit(input: Input): Promise<void> {
    return new Promise((resolve, reject) => {
      this.mailbox.push({
        input,
        done: (refusal) =>
          refusal
            ? reject(
                ApplicationFailure.create({
                  type: 'ActionRefused',
                  message: refusal.message,
                  nonRetryable: true,
                }),
              )
            : resolve(),
      });
    });
  }

  /** The decision an input would get now, without recording anything (Update validators). */
  dryRun(input: Input): Decision {
    return decide(this.spec, this.state, input, today());
  }

  async processMail(): Promise<void> {
    while (this.mailbox.length > 0) {
      const letter = this.mailbox.shift()!;
      const decision = this.decideLetter(letter);
      if (!decision.refusal) await this.carryOut(decision);
      letter.done?.(decision.refusal);
      this.show();
    }
  }

  /**
   * An action is checked again when its turn comes (the state may have moved since its validator ran):
   * one whose events would fail their schemas is refused like any other, and nothing is recorded.
   */
  private decideLetter(letter: Letter): Decision {
    const decision = decide(this.spec, this.state, letter.input, today());
    if (decision.refusal || letter.input.kind !== 'action') return decision;
    const refusal = this.eventRefusal(letter.input.action, decision);
    return refusal ? { ...decision, events: [], effects: [], refusal } : decision;
  }

  /** A refusal in parseAction's words ("<action>: invalid input: <field>: <rule>") if an event would fail. */
  eventRefusal(action: string, decision: Decision): Refusal | undefined {
    const invalid = invalidEventFields(this.contractNo, decision.events, nowIso());
    if (!invalid) return undefined;
    return { kind: 'invalid-input', message: `${action}: invalid input: ${invalid.fields.join('; ')}` };
  }

  /** Events first, then each effect in order; an effect's answer may ask for more effects. */
  private async carryOut(decision: Decision): Promise<void> {
    await this.record(decision.events);
    const queue = [...decision.effects];
    for (let effect = queue.shift(); effect; effect = queue.shift()) {
      this.show();
      const result = await runEffect(this.contractNo, effect);
      const next = decide(
        this.spec,
        this.state,
        { kind: 'effect-result', effectId: effect.id, at: nowIso(), ...result },
        today(),
      );
      await this.record(next.events);
      queue.push(...next.effects);
    }
  }

  /**
   * Apply the decision's events at once — validators and queries see the decided state, never a half
   * applied one — then publish the catalogue events in order. Ids are generated here, so a retried or
   * replayed publish carries the same id.
   */
  private async record(list: readonly DomainEvent[]): Promise<void> {
    const outbox: Array<{ event: PublishedEvent; id: string }> = [];
    for (const event of list) {
      if (!isPublished(event)) {
        this.state = evolve(this.state, event);
        continue;
      }
      const id = uuid4();
      this.state = evolve(this.state, { ...event, published: { id, on: today() } });
      outbox.push({ event, id });
    }
    for (const { event, id } of outbox) await this.publish(event, id);
  }

  private async publish(event: PublishedEvent, id: string): Promise<void> {
    const data = { ...event.data, contractNo: this.contractNo } as ContractEventData<typeof event.type>;
    const cloudEvent = buildEvent(event.type, data, { id, time: nowIso(), contractNo: this.contractNo });
    for (let attempt = 1; ; attempt++) {
      try {
        await events.publishContractEvent.executeWithOptions({ summary: `publish ${event.type}` }, [
          cloudEvent,
        ]);
        break;
      } catch (err) {
        // An event that fails its schema is a bug in this code, not a business outcome: the contract
        // neither fails nor skips the event; it waits, stuck, until a deploy fixes the bug.
        const fields = invalidEventProblems(err);
        if (fields === undefined) throw err;
        const reason = `publishing ${event.type} is refused as InvalidEvent at ${fields}`;
        if (!patched(STUCK_PATCH)) throw new Error(`bug: ${reason}`);
        await this.waitStuck(reason, attempt);
      }
    }
    if (this.stuck) this.recover();
  }

  private async waitStuck(reason: string, attempt: number): Promise<void> {
    const delay = stuckRetryDelayMs(attempt);
    const nextAttempt = new Date(Date.parse(nowIso()) + delay).toISOString();
    this.stuck = { reason, since: this.stuck?.since ?? nowIso(), attempts: attempt, nextAttempt };
    if (attempt === 1) {
      upsertSearchAttributes([{ key: HealthKey, value: 'stuck' }]);
      log.error('contract stuck', { contractNo: this.contractNo, reason });
    }
    this.shown.details = `**stuck** — ${reason}; attempt ${attempt + 1} at ${nextAttempt}`;
    setCurrentDetails(this.shown.details);
    await sleep(delay);
  }

  private recover(): void {
    log.info('contract recovered', { contractNo: this.contractNo, attempts: this.stuck?.attempts });
    this.stuck = undefined;
    upsertSearchAttributes([{ key: HealthKey, value: null }]);
  }

  status(): ContractStatus {
    const status = statusOf(this.spec, this.state, today(), workflowInfo().workflowId);
    return this.stuck ? { ...status, health: 'stuck', stuck: { ...this.stuck } } : status;
  }

  /** Search attributes that do not change over the contract's life. */
  publishIdentity(): void {
    upsertSearchAttributes([
      { key: ContractNoKey, value: this.contractNo },
      { key: CustomerNameKey, value: this.spec.parties.customer.name },
      { key: ProductKey, value: this.spec.products.join(',') },
      { key: RegionKey, value: this.spec.region.province },
      { key: StageKey, value: this.state.stage },
    ]);
    this.shown.stage = this.state.stage;
  }

  /**
   * Stage and NextDeadline for lists and filters, the open obligations for the Web UI's Details panel
   * and (grouped, in the memo) for the book's metrics; only on change. NextDeadline is the earliest
   * obligation's due date, else (since the patch) the next checkpoint, else the term's end, so a
   * running contract always has one.
   */
  private show(): void {
    const status = this.status();
    const owed = nextDeadline(status.obligations);
    const fallback = owed ? undefined : fallbackDeadline(this.spec, status);
    const deadline = owed ?? (fallback && patched(NEXT_DEADLINE_PATCH) ? fallback : undefined) ?? null;
    const changes = [];
    if (status.stage !== this.shown.stage) changes.push({ key: StageKey, value: status.stage });
    if (deadline !== this.shown.nextDeadline) {
      changes.push({ key: NextDeadlineKey, value: deadline ? new Date(startOfLocalDay(deadline)) : null });
    }
    if (changes.length > 0) upsertSearchAttributes(changes);
    this.shown = { ...this.shown, stage: status.stage, nextDeadline: deadline };
    // A new command: a history from before the patch replays without it, and a contract started
    // before it writes the memo at the first step it takes on new code (nothing tells it to wake).
    const book = owedGroups(status.obligations);
    const bookText = JSON.stringify(book);
    if (bookText !== this.shown.owed && patched(BOOK_MEMO_PATCH)) {
      upsertMemo({ [BOOK_MEMO_KEY]: book });
      this.shown.owed = bookText;
    }
    const details = detailsMarkdown(status);
    if (details !== this.shown.details) setCurrentDetails(details);
    this.shown.details = details;
  }
}

/**
 * "<field>: <rule>" of an InvalidEvent from the publisher (its details, never the values), or undefined
 * for any other failure.
 */
function invalidEventProblems(err: unknown): string | undefined {
  if (!(err instanceof ActivityFailure) || !(err.cause instanceof ApplicationFailure)) return undefined;
  if (err.cause.type !== 'InvalidEvent') return undefined;
  // The publisher's details are its EventProblems ({ path, message }), one per detail.
  const problems = (err.cause.details ?? []) as Array<{ path?: unknown; message?: unknown } | null>;
  const list = problems
    .filter((p) => typeof p?.path === 'string' && typeof p.message === 'string')
    .map((p) => `${String(p!.path)}: ${String(p!.message)}`)
    .join('; ');
  return list || '(no details)';
}
