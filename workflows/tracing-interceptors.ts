/**
 * Workflow interceptors for tracing, bundled only when tracing is on (workers/workflow-bundle.ts,
 * TRACING_WORKFLOW_MODULES). Built on @temporalio/interceptors-opentelemetry (its tracer, context
 * manager, header format and span exporter sink), with one rule of our own: **tracing adds no yield**.
 *
 * Why: the package wraps the run, each activity and each Signal/Update handler in extra async layers,
 * gated by SDK flags that are only recorded once tracing has run. A history recorded without tracing
 * (every running contract when tracing is first turned on) then replays with the run, activity results
 * and handlers settling some microtasks later than when recorded, and the pre-decider code
 * (workflows/legacy) orders an Update's completion after an activity it used to precede: three of the
 * seven recorded legacy histories failed to replay with the package's module as it is
 * (test/workflows/replay-traced.workflow.test.ts). So here:
 * - `RunWorkflow:<type>` and `StartActivity:<type>` spans are opened and made active synchronously and
 *   ended when the returned promise settles, which is handed back untouched: the workflow awaits exactly
 *   what it awaits untraced, with or without tracing, recorded either way;
 * - Signal and Update handlers are not wrapped (the caller's SignalWorkflow / StartWorkflowUpdate /
 *   UpdateWithStartWorkflow client span shows them); validators and queries are, synchronously or
 *   outside any command, by the package;
 * - continue-as-new, child workflows and external signals keep the package's spans (they end the run or
 *   are not used by the contract workflow).
 */
import { context, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import {
  extractContextFromHeaders,
  headersWithContext,
} from '@temporalio/interceptors-opentelemetry/lib/instrumentation';
import {
  OpenTelemetryInboundInterceptor,
  OpenTelemetryInternalsInterceptor,
  OpenTelemetryOutboundInterceptor,
  SpanName,
  SPAN_DELIMITER,
} from '@temporalio/interceptors-opentelemetry/lib/workflow';
import {
  ContinueAsNew,
  workflowInfo,
  type ActivityInput,
  type LocalActivityInput,
  type Next,
  type SignalInput,
  type UpdateInput,
  type WorkflowExecuteInput,
  type WorkflowInboundCallsInterceptor,
  type WorkflowInterceptors,
  type WorkflowOutboundCallsInterceptor,
} from '@temporalio/workflow';

/** Ends `span` when `promise` settles (status from the outcome) and returns `promise` itself. */
function endWhenSettled<T>(span: Span, promise: Promise<T>): Promise<T> {
  promise.then(
    () => {
      span.setStatus({ code: SpanStatusCode.OK });
      span.end();
    },
    (err: unknown) => {
      if (err instanceof ContinueAsNew) span.setStatus({ code: SpanStatusCode.OK });
      else {
        span.recordException(err as Error);
        span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error)?.message });
      }
      span.end();
    },
  );
  return promise;
}

class Inbound extends OpenTelemetryInboundInterceptor {
  override execute(
    input: WorkflowExecuteInput,
    next: Next<WorkflowInboundCallsInterceptor, 'execute'>,
  ): Promise<unknown> {
    const parent = extractContextFromHeaders(input.headers) ?? context.active();
    const name = `${SpanName.WORKFLOW_EXECUTE}${SPAN_DELIMITER}${workflowInfo().workflowType}`;
    const span = this.tracer.startSpan(name, {}, parent);
    return endWhenSettled(
      span,
      context.with(trace.setSpan(parent, span), () => next(input)),
    );
  }

  override handleSignal(input: SignalInput, next: Next<WorkflowInboundCallsInterceptor, 'handleSignal'>) {
    return next(input);
  }

  override handleUpdate(input: UpdateInput, next: Next<WorkflowInboundCallsInterceptor, 'handleUpdate'>) {
    return next(input);
  }
}

class Outbound extends OpenTelemetryOutboundInterceptor {
  /** `StartActivity:<type>`, active while the command is made, so the activity's headers name it. */
  private started<I extends ActivityInput | LocalActivityInput>(
    input: I,
    schedule: (input: I) => Promise<unknown>,
  ) {
    const name = `${SpanName.ACTIVITY_START}${SPAN_DELIMITER}${input.activityType}`;
    const span = this.tracer.startSpan(name, {}, context.active());
    return endWhenSettled(
      span,
      context.with(trace.setSpan(context.active(), span), () =>
        schedule({ ...input, headers: headersWithContext(input.headers) }),
      ),
    );
  }

  override scheduleActivity(
    input: ActivityInput,
    next: Next<WorkflowOutboundCallsInterceptor, 'scheduleActivity'>,
  ) {
    return this.started(input, next);
  }

  override scheduleLocalActivity(
    input: LocalActivityInput,
    next: Next<WorkflowOutboundCallsInterceptor, 'scheduleLocalActivity'>,
  ) {
    return this.started(input, next);
  }
}

export const interceptors = (): WorkflowInterceptors => ({
  inbound: [new Inbound()],
  outbound: [new Outbound()],
  internals: [new OpenTelemetryInternalsInterceptor()],
});
