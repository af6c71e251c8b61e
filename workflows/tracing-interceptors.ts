/**
 * Workflow interceptors for tracing, bundled only when tracing is on (workers/workflow-bundle.ts,
 * TRACING_WORKFLOW_MODULES). They speak @temporalio/interceptors-opentelemetry's wire formats — the
 * `_tracer-data` header the client and activity interceptors read and write, and the span exporter sink
 * (`exporter`, makeWorkflowExporter) — but make their spans themselves, for three reasons the package's
 * workflow module fails here:
 * - **No yield.** It wraps the run, each activity and each handler in async layers gated by SDK flags
 *   that are only recorded once tracing has run; three of the seven recorded legacy histories failed to
 *   replay with it (an Update completing after an activity it used to precede). Here a span is opened
 *   synchronously and ended when the promise the workflow awaits settles; that promise is handed back
 *   untouched.
 * - **No draw on the workflow's randomness.** Its span ids come from the sandbox's seeded Math.random,
 *   which also makes the contract's event ids (uuid4): with tracing on, every event after the first span
 *   would get another id than untraced, and a replay with tracing toggled would hold other ids than
 *   those published. Ids here are hashes of the run id and a per-run counter: as deterministic, drawing
 *   nothing.
 * - **No OpenTelemetry SDK in the sandbox.** It loads the SDK into every cached workflow (the module
 *   cannot be preloaded: its tracer is module state): about 280 KiB more heap per cached contract
 *   (78 → 362 KiB; this module: 77; test/workflows/tracing-determinism.workflow.test.ts).
 *
 * Spans: `RunWorkflow:<type>` (parent: the starter's context from the start headers; ends with the
 * run), `StartActivity:<type>` (parent: the run; its context goes to the activity, whose RunActivity span
 * is its child). A continue-as-new or child workflow carries the run's context on. Signal and Update
 * handlers get no span of their own (the caller's client span shows them). The worker adds the
 * workflow's ids to each span (platform/observability/temporal-tracing.ts).
 */
import type {
  SerializableSpan,
  OpenTelemetrySinks,
} from '@temporalio/interceptors-opentelemetry/lib/workflow/definitions';
import {
  ContinueAsNew,
  defaultPayloadConverter,
  proxySinks,
  workflowInfo,
  type ActivityInput,
  type ContinueAsNewInput,
  type Headers,
  type LocalActivityInput,
  type Next,
  type StartChildWorkflowExecutionInput,
  type WorkflowExecuteInput,
  type WorkflowInboundCallsInterceptor,
  type WorkflowInterceptors,
  type WorkflowOutboundCallsInterceptor,
} from '@temporalio/workflow';

/** The header the package's client and activity interceptors use. */
const TRACE_HEADER = '_tracer-data';
const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
const SPAN_KIND_INTERNAL = 0;
const STATUS = { OK: 1, ERROR: 2 } as const;

interface SpanContext {
  traceId: string;
  spanId: string;
  traceFlags: number;
  traceState?: string;
}

/** FNV-1a, 32 bits, from a seed: hex words of a deterministic id that draws no randomness. */
function hashWord(text: string, seed: number): string {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}

function hashId(text: string, words: number): string {
  let id = '';
  for (let w = 0; w < words; w++) id += hashWord(text, Math.imul(w + 1, 0x9e3779b9));
  return /^0+$/.test(id) ? `${id.slice(0, -1)}1` : id; // all zeros is the invalid id
}

function parentOf(headers: Headers): SpanContext | undefined {
  const payload = headers[TRACE_HEADER];
  if (!payload) return undefined;
  const carrier = defaultPayloadConverter.fromPayload<Record<string, string> | undefined>(payload);
  const m = TRACEPARENT.exec(carrier?.traceparent ?? '');
  if (!m) return undefined;
  return { traceId: m[1]!, spanId: m[2]!, traceFlags: parseInt(m[3]!, 16), traceState: carrier?.tracestate };
}

function withContext(headers: Headers, span: SpanContext): Headers {
  const flags = span.traceFlags.toString(16).padStart(2, '0');
  const carrier: Record<string, string> = { traceparent: `00-${span.traceId}-${span.spanId}-${flags}` };
  if (span.traceState) carrier.tracestate = span.traceState;
  return { ...headers, [TRACE_HEADER]: defaultPayloadConverter.toPayload(carrier) };
}

const hrTime = (ms: number): [number, number] => [Math.floor(ms / 1000), (ms % 1000) * 1_000_000];

/** One run's spans: ids from the run id and a counter, so a replay makes the same ones. */
class RunTrace {
  private count = 0;
  run?: SpanContext;

  open(name: string, parent: SpanContext | undefined) {
    const { runId, workflowId } = workflowInfo();
    const context: SpanContext = {
      traceId: parent?.traceId ?? hashId(`${workflowId}/${runId}/trace`, 4),
      spanId: hashId(`${runId}/${this.count++}`, 2),
      traceFlags: parent?.traceFlags ?? 1,
      traceState: parent?.traceState,
    };
    const startMs = Date.now(); // workflow time: the activation's, replayed identically
    const end = (status: (typeof STATUS)[keyof typeof STATUS], message?: string) => {
      if ((context.traceFlags & 1) === 0) return; // the caller did not sample this trace
      const endMs = Math.max(Date.now(), startMs);
      const span: SerializableSpan = {
        name,
        kind: SPAN_KIND_INTERNAL,
        spanContext: context,
        parentSpanId: parent?.spanId,
        startTime: hrTime(startMs),
        endTime: hrTime(endMs),
        duration: hrTime(endMs - startMs),
        status: message === undefined ? { code: status } : { code: status, message },
        attributes: {},
        links: [],
        events: [],
        ended: true,
        droppedAttributesCount: 0,
        droppedLinksCount: 0,
        droppedEventsCount: 0,
        instrumentationLibrary: { name: 'telecom-contract-orchestrator/workflow' },
      };
      // A sink call: made only when not replaying, after the activation (no command, no yield).
      proxySinks<OpenTelemetrySinks>().exporter.export([span]);
    };
    return { context, end };
  }
}

/** Ends the span when `promise` settles and returns `promise` itself, so the workflow awaits the same. */
function endWhenSettled<T>(span: ReturnType<RunTrace['open']>, promise: Promise<T>): Promise<T> {
  promise.then(
    () => span.end(STATUS.OK),
    (err: unknown) =>
      err instanceof ContinueAsNew
        ? span.end(STATUS.OK)
        : span.end(STATUS.ERROR, err instanceof Error ? err.message : String(err)),
  );
  return promise;
}

class Inbound implements WorkflowInboundCallsInterceptor {
  constructor(private readonly trace: RunTrace) {}

  execute(input: WorkflowExecuteInput, next: Next<WorkflowInboundCallsInterceptor, 'execute'>) {
    const span = this.trace.open(`RunWorkflow:${workflowInfo().workflowType}`, parentOf(input.headers));
    this.trace.run = span.context;
    return endWhenSettled(span, next(input));
  }
}

class Outbound implements WorkflowOutboundCallsInterceptor {
  constructor(private readonly trace: RunTrace) {}

  private started<I extends ActivityInput | LocalActivityInput>(
    input: I,
    schedule: (input: I) => Promise<unknown>,
  ) {
    const span = this.trace.open(`StartActivity:${input.activityType}`, this.trace.run);
    return endWhenSettled(span, schedule({ ...input, headers: withContext(input.headers, span.context) }));
  }

  scheduleActivity(input: ActivityInput, next: Next<WorkflowOutboundCallsInterceptor, 'scheduleActivity'>) {
    return this.started(input, next);
  }

  scheduleLocalActivity(
    input: LocalActivityInput,
    next: Next<WorkflowOutboundCallsInterceptor, 'scheduleLocalActivity'>,
  ) {
    return this.started(input, next);
  }

  continueAsNew(input: ContinueAsNewInput, next: Next<WorkflowOutboundCallsInterceptor, 'continueAsNew'>) {
    return next(this.trace.run ? { ...input, headers: withContext(input.headers, this.trace.run) } : input);
  }

  startChildWorkflowExecution(
    input: StartChildWorkflowExecutionInput,
    next: Next<WorkflowOutboundCallsInterceptor, 'startChildWorkflowExecution'>,
  ) {
    return next(this.trace.run ? { ...input, headers: withContext(input.headers, this.trace.run) } : input);
  }
}

export const interceptors = (): WorkflowInterceptors => {
  const trace = new RunTrace();
  return { inbound: [new Inbound(trace)], outbound: [new Outbound(trace)] };
};
