/** The workers section of the summary (several workers, one killed mid-run) and its chart. */
import { barChartSvg } from '../chart';
import type { WorkersFigures } from '../workers';
import { f, p, table } from './format';

export function workersSection(w: WorkersFigures): string {
  const t = w.takeover;
  return [
    '## 5. Several workers, one killed with SIGKILL mid-run',
    '',
    `${w.parameters.contracts} contracts driven to billing start (${w.parameters.concurrency} at once) on ${w.parameters.workers} worker processes sharing one task queue and ${w.parameters.inventory}; killed: ${w.parameters.killAt}, ${f(w.killedAfterSeconds)} s into the run of ${f(w.seconds)} s. **${w.completed} of ${w.parameters.contracts} reached billing start.**`,
    '',
    table(
      ['check', 'result', 'detail'],
      w.checks.map((c) => [c.check, c.ok ? 'ok' : '**FAILED**', c.detail.replace(/\|/g, '/')]),
    ),
    '',
    `Survivors' takeover: the last call in flight at the kill (or started within a second after) was answered **${f(t.takeoverMs / 1000)} s** after the kill (${t.slowest ?? 'none'}); the killed worker's sticky queues time out (the SDK's stickyQueueScheduleToStartTimeout, 10 s) and its running activities by their start-to-close timeouts (30 s) before another worker takes them. Left in the histories: ${w.workflowTaskTimeouts} workflow task timeouts, ${w.workflowTaskFailures} workflow task failures, ${w.activityRetries} activity retries. Calls answered 503 and retried by the client: ${w.retried503}; drivers that gave up once and went round again: ${w.driverRetries.length}${w.driverRetries[0] ? ` (first: ${w.driverRetries[0]})` : ''}. Lifecycle topic: ${w.events.delivered} deliveries, ${w.events.redelivered} of them a second delivery of the same event id (at-least-once; consumers drop them by id).`,
    '',
    table(
      ['API calls', 'answered', 'per second', 'ms p50 / p99'],
      [
        ['before the kill', String(t.before.calls), f(t.before.perSecond), p(t.before.ms)],
        ['after the kill', String(t.after.calls), f(t.after.perSecond), p(t.after.ms)],
      ],
    ),
  ].join('\n');
}

export function workersCharts(w: WorkersFigures): Record<string, string> {
  const t = w.takeover;
  return {
    'workers.svg': barChartSvg({
      title: `API calls answered per second, ${w.parameters.workers} workers, one killed`,
      unit: 'calls per second before and after the SIGKILL (all calls of the driver)',
      categories: ['calls/s'],
      series: [
        { name: 'before the kill', values: [t.before.perSecond] },
        { name: 'after the kill', values: [t.after.perSecond] },
      ],
    }),
  };
}
