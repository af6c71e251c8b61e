/**
 * The alert rules and the Grafana dashboard of infra/observability: promtool (from Debian's prometheus
 * package, `bash infra/install.sh prometheus`) accepts the rules and the compose config and runs the
 * rules' unit tests; every alert is tested, carries a severity and a runbook that is a section of
 * docs/operations.md; the dashboard is a well-formed Grafana dashboard on the provisioned datasource,
 * shows every metric the issue asks for, and every metric the rules or the dashboard read is documented.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const ROOT = join(__dirname, '..', '..');
const OBS = join(ROOT, 'infra/observability');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const PROMTOOL = process.env.PROMTOOL_BIN ?? '/usr/bin/promtool';

interface Rule {
  alert: string;
  expr: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}
const rules = (
  parse(read('infra/observability/alerts.yml')) as { groups: Array<{ rules: Rule[] }> }
).groups.flatMap((g) => g.rules);
const operations = read('docs/operations.md');

interface Panel {
  id: number;
  type: string;
  title: string;
  gridPos: { x: number; y: number; w: number; h: number };
  datasource?: { type: string; uid: string };
  targets?: Array<{ refId: string; expr: string; datasource?: { uid: string } }>;
}
const dashboard = JSON.parse(read('infra/observability/grafana/dashboards/contract-orchestrator.json')) as {
  uid: string;
  title: string;
  schemaVersion: number;
  panels: Panel[];
};
const exprs = dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => t.expr));

/** GitHub's anchor of a markdown heading. */
const anchor = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\w\- ]/g, '')
    .replace(/ /g, '-');
const anchors = new Set([...operations.matchAll(/^#{1,6} (.+)$/gm)].map((m) => anchor(m[1]!)));

/** Metric names an expression reads, histogram series folded into their metric. */
const metricsIn = (expr: string) =>
  [...expr.matchAll(/\b(?:tco|temporal)_[a-z_]+/g)].map((m) => m[0].replace(/_(bucket|count|sum)$/, ''));

function promtool(...args: string[]): string {
  if (!existsSync(PROMTOOL)) throw new Error(`${PROMTOOL} not found: run 'bash infra/install.sh prometheus'`);
  return execFileSync(PROMTOOL, args, { cwd: OBS, encoding: 'utf8' });
}

test('promtool accepts the rules and the compose config, and the rules pass their unit tests', () => {
  expect(promtool('check', 'rules', 'alerts.yml')).toContain(`SUCCESS: ${rules.length} rules found`);
  expect(promtool('check', 'config', 'prometheus.yml')).toContain('is valid prometheus config file syntax');
  expect(promtool('test', 'rules', 'alerts.test.yml')).toContain('SUCCESS');
});

test('the issue’s alerts exist, each is tested, has a severity and a runbook section in docs/operations.md', () => {
  const names = rules.map((r) => r.alert);
  expect(names).toEqual(
    expect.arrayContaining([
      'WorkflowTaskFailing',
      'ObligationsOverdue',
      'DeadLettersGrowing',
      'ConsumerLagHigh',
      'ApiServerErrors',
    ]),
  );
  // The failure-rate alert fires at once: a stuck contract is not something to wait on.
  expect(rules.find((r) => r.alert === 'WorkflowTaskFailing')).not.toHaveProperty('for');
  const tested = new Set(
    (
      parse(read('infra/observability/alerts.test.yml')) as {
        tests: Array<{ alert_rule_test: Array<{ alertname: string; exp_alerts: unknown[] }> }>;
      }
    ).tests.flatMap((t) => t.alert_rule_test.filter((a) => a.exp_alerts.length > 0).map((a) => a.alertname)),
  );
  for (const rule of rules) {
    expect({ alert: rule.alert, tested: tested.has(rule.alert) }).toEqual({
      alert: rule.alert,
      tested: true,
    });
    expect(['critical', 'warning']).toContain(rule.labels.severity);
    expect(rule.annotations.summary).toBeTruthy();
    expect(rule.annotations.description).toBeTruthy();
    const [path, section] = rule.annotations.runbook_url!.split('#');
    expect({ alert: rule.alert, path, section: anchors.has(section!) }).toEqual({
      alert: rule.alert,
      path: 'docs/operations.md',
      section: true,
    });
  }
});

test('the dashboard is a well-formed Grafana dashboard on the provisioned Prometheus datasource', () => {
  const provisioned = parse(read('infra/observability/grafana/provisioning/datasources/prometheus.yml')) as {
    datasources: Array<{ uid: string; type: string }>;
  };
  const datasource = provisioned.datasources[0]!;
  expect(dashboard.uid).toMatch(/^[\w-]{1,40}$/);
  expect(dashboard.title).toBeTruthy();
  expect(dashboard.schemaVersion).toBeGreaterThanOrEqual(36);
  const ids = dashboard.panels.map((p) => p.id);
  expect(new Set(ids).size).toBe(ids.length);
  const cells = new Set<string>();
  for (const panel of dashboard.panels) {
    const { x, y, w, h } = panel.gridPos;
    expect({ panel: panel.title, fits: x >= 0 && w > 0 && h > 0 && x + w <= 24 }).toEqual({
      panel: panel.title,
      fits: true,
    });
    // No two panels share a grid cell.
    for (let i = x; i < x + w; i++) {
      for (let j = y; j < y + h; j++) {
        expect({ panel: panel.title, overlaps: cells.has(`${i},${j}`) }).toEqual({
          panel: panel.title,
          overlaps: false,
        });
        cells.add(`${i},${j}`);
      }
    }
    if (panel.type === 'row') continue;
    expect(['timeseries', 'stat', 'gauge', 'table', 'bargauge']).toContain(panel.type);
    expect(panel.datasource).toEqual({ type: datasource.type, uid: datasource.uid });
    expect(panel.targets!.length).toBeGreaterThan(0);
    for (const t of panel.targets!) {
      expect(t.refId).toMatch(/^[A-Z]$/);
      expect(t.expr.length).toBeGreaterThan(0);
      expect(t.datasource?.uid).toBe(datasource.uid);
    }
  }
});

test('the dashboard shows every metric the issue asks for, and every metric read is documented', () => {
  const shown = new Set(exprs.flatMap(metricsIn));
  for (const metric of [
    'tco_contracts',
    'tco_obligations_open',
    'tco_obligations_overdue',
    'tco_actions_total',
    'tco_events_published_total',
    'tco_dead_letters_total',
    'tco_consumer_lag',
    'tco_http_request_duration_seconds',
    'temporal_workflow_task_execution_failed_total',
    'temporal_workflow_task_schedule_to_start_latency_seconds',
    'temporal_worker_task_slots_available',
    'temporal_sticky_cache_size',
    'temporal_sticky_cache_hit_total',
  ]) {
    expect({ metric, shown: shown.has(metric) }).toEqual({ metric, shown: true });
  }
  for (const metric of new Set([...shown, ...rules.flatMap((r) => metricsIn(r.expr))])) {
    expect({ metric, documented: operations.includes(`\`${metric}\``) }).toEqual({
      metric,
      documented: true,
    });
  }
});
