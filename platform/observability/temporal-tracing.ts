/**
 * The Temporal side of tracing, from @temporalio/interceptors-opentelemetry: the client interceptor
 * (UpdateWithStartWorkflow / StartWorkflowUpdate / SignalWorkflow / QueryWorkflow / DescribeWorkflow
 * spans, context passed in the `_tracer-data` header), the activity interceptors (RunActivity spans,
 * parented on the workflow's StartActivity; trace ids on the activity's log lines) and the `exporter`
 * sink through which the workflow interceptors (workflows/tracing-interceptors.ts: RunWorkflow,
 * StartActivity spans, made inside the sandbox) hand their spans to the process's
 * span processor.
 *
 * Everything here is empty when tracing is off, so an untraced worker bundles, runs and replays exactly
 * as before. Traced, the workflow interceptors add no command and no yield, so every recorded history
 * replays with tracing on (test/workflows/replay-traced.workflow.test.ts) and a traced history replays
 * with it off (test/integration/trace.int.test.ts).
 */
import {
  makeWorkflowExporter,
  OpenTelemetryActivityInboundInterceptor,
  OpenTelemetryActivityOutboundInterceptor,
  OpenTelemetryWorkflowClientInterceptor,
  type SerializableSpan,
} from '@temporalio/interceptors-opentelemetry';
import type { WorkflowClientInterceptor } from '@temporalio/client';
import type { WorkerOptions } from '@temporalio/worker';
import type { WorkflowInfo } from '@temporalio/workflow';
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

/**
 * What a workflow span says about its workflow. The package's sink copies the whole WorkflowInfo onto
 * every workflow span: search attributes (the customer's name among them), memo, the last failure and
 * result of a previous run — nested objects that are not even valid span attributes. Only these go.
 */
export function workflowSpanAttributes(info: WorkflowInfo) {
  return {
    workflowId: info.workflowId,
    runId: info.runId,
    workflowType: info.workflowType,
    taskQueue: info.taskQueue,
    namespace: info.namespace,
  };
}

/** What a worker adds when tracing is on; undefined when it is off. */
export function workerTracing(tracing: Tracing | undefined = activeTracing()): WorkerTracing | undefined {
  if (!tracing?.enabled || !tracing.spanProcessor || !tracing.resource) return undefined;
  const options = { tracer: tracing.tracer };
  const exporter = makeWorkflowExporter(tracing.spanProcessor, tracing.resource);
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
    sinks: {
      exporter: {
        export: {
          fn: (info: WorkflowInfo, spans: SerializableSpan[]) =>
            exporter.export.fn(workflowSpanAttributes(info) as WorkflowInfo, spans),
        },
      },
    },
  };
}
