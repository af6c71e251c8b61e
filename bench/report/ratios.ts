/**
 * One chart of every ratio the run measured side by side, ours over the floor or the raw operation
 * (1 = no overhead): throughput ratios above 1 are impossible, memory ratios are "times the floor".
 */
import { barChartSvg } from '../chart';
import type { BenchResults } from '../report';

const inverse = (x: number | undefined) => (x ? 1 / x : undefined);

export function ratiosChart(r: BenchResults): Record<string, string> {
  const rows: Array<[string, number | undefined]> = [
    ['onboarding, ours / floor', r.onboarding?.throughput.ratio.median],
    ['publish 32-way, activity / raw', r.publish?.ratio.concurrent.median],
    ['publish sequential, activity / raw', r.publish?.ratio.sequential.median],
    ...(r.inventory?.rows ?? []).map(
      (row) => [`reserve / INSERT, ${row.engine} × ${row.clients}`, row.ratio.median] as [string, number],
    ),
    ['memory per cached, floor / ours', r.scale ? 1 / r.scale.memoryRatio : undefined],
    // Inverted like memory: the worker with metrics + tracing off over on (1 = they cost nothing).
    [
      'worker CPU per contract, observability off / on',
      inverse(r.observability?.ratios.cpuPerContract.median),
    ],
    ['worker peak RSS, observability off / on', inverse(r.observability?.ratios.peakRss.median)],
  ];
  const present = rows.filter(([, v]) => v !== undefined && Number.isFinite(v));
  if (present.length === 0) return {};
  return {
    'ratios.svg': barChartSvg({
      title: 'Ours against the floor or the raw operation, same run',
      unit: 'ratio (median of repeats); 1 = no overhead, higher is better',
      categories: present.map(([name]) => name),
      series: [{ name: 'ratio', values: present.map(([, v]) => v) }],
    }),
  };
}
