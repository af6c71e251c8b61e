/**
 * The Temporal side of tracing, from @temporalio/interceptors-opentelemetry: the client interceptor
 * (StartWorkflow / UpdateWithStartWorkflow / SignalWorkflow … spans, context passed in the `_tracer-data`
 * header), the activity interceptors (RunActivity spans, parented on the workflow's StartActivity) and
 * the `exporter` sink through which the workflow interceptors (workflows/tracing-interceptors.ts:
 * RunWorkflow, HandleUpdate, StartActivity spans, made inside the sandbox) hand their spans to the
 * process's span processor.
 *
 * Everything here is empty when tracing is off, so an untraced worker bundles, runs and replays exactly
 * as before. The interceptors add no command to a workflow's history (SDK flags keep the yields of older
 * interceptor versions on replay), so a history replays the same with tracing on or off
 * (test/workflows/replay-traced.workflow.test.ts).
 */
import {
  makeWorkflowExporter,
  OpenTelemetryActivityInboundInterceptor,
  OpenTelemetryActivityOutboundInterceptor,
  OpenTelemetryWorkflowClientInterceptor,
} from '@temporalio/interceptors-opentelemetry';
import type { WorkflowClientInterceptor } from '@temporalio/client';
import type { WorkerOptions } from '@temporalio/worker';
import { activeTracing, type Tracing } from './tracing';

/** Client interceptors for a Temporal Client: none when tracing is off. */
export function tracingClientInterceptors(
  tracing: Tracing | undefined = activeTracing(),
): WorkflowClientInterceptor[] {
  return tracing?.enabled ? [new OpenTelemetryWorkflowClientInterceptor({ tracer: tracing.tracer })] : [];
}

export interface WorkerTracing {
  /** Activity interceptors (the workflow's are bundled: workers/workflow-bundle.ts, TRACING_WORKFLOW_MODULES). */
  interceptors: NonNullable<WorkerOptions['interceptors']>;
  sinks: NonNullable<WorkerOptions['sinks']>;
}

/** What a worker adds when tracing is on; undefined when it is off. */
export function workerTracing(tracing: Tracing | undefined = activeTracing()): WorkerTracing | undefined {
  if (!tracing?.enabled || !tracing.spanProcessor || !tracing.resource) return undefined;
  const options = { tracer: tracing.tracer };
  return {
    interceptors: {
      activity: [
        (ctx) => ({
          inbound: new OpenTelemetryActivityInboundInterceptor(ctx, options),
          // Puts trace_id/span_id on the activity's log lines.
          outbound: new OpenTelemetryActivityOutboundInterceptor(ctx),
        }),
      ],
    },
    sinks: { exporter: makeWorkflowExporter(tracing.spanProcessor, tracing.resource) },
  };
}
