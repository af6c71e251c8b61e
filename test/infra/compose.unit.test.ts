/**
 * docker-compose.yml cannot run on the development machines (no Docker engine), so what it says about
 * Temporal is checked against the local `cluster` profile it mirrors: the pinned server version, four
 * service containers reading the same infra/cluster/ files, more than one shard, the dev server's
 * search attributes, and the application pointed at the frontend.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const ROOT = join(__dirname, '..', '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

interface Service {
  image?: string;
  command?: string[];
  environment?: Record<string, string | number>;
  volumes?: string[];
  ports?: string[];
}
const compose = parse(read('docker-compose.yml'), { merge: true }) as {
  services: Record<string, Service>;
  'x-app-env': Record<string, string>;
};
const services = compose.services;
const shellValue = (file: string, name: string) =>
  new RegExp(`^${name}="(?:\\$\\{${name}:-)?([^"}]+)\\}?"`, 'm').exec(read(file))?.[1];

const SERVICES = ['frontend', 'history', 'matching', 'worker'];

test('four Temporal containers of the pinned server version, one service each, on the same config', () => {
  const version = shellValue('infra/lib.sh', 'TEMPORAL_SERVER_VERSION')!.replace(/^v/, '');
  expect(version).toMatch(/^\d+\.\d+\.\d+$/);
  for (const name of SERVICES) {
    const service = services[`temporal-${name}`]!;
    expect([name, service.image]).toEqual([name, `temporalio/server:${version}`]);
    expect(service.environment!.TEMPORAL_SERVICE).toBe(name);
    expect(service.command!.join(' ')).toContain(
      '--config /etc/temporal/cluster --env server --allow-no-auth start --service $$TEMPORAL_SERVICE',
    );
    expect(service.volumes).toContain('./infra/cluster:/etc/temporal/cluster:ro');
  }
  expect(services['temporal-schema']!.image).toBe(`temporalio/admin-tools:${version}`);
  expect(services['temporal-setup']!.image).toBe(`temporalio/admin-tools:${version}`);
  expect(existsSync(join(ROOT, 'infra/cluster/server.yaml'))).toBe(true);
  const dynamic = services['temporal-history']!.environment!.TEMPORAL_CLUSTER_DYNAMIC_CONFIG as string;
  expect(existsSync(join(ROOT, 'infra/cluster', dynamic.replace('/etc/temporal/cluster/', '')))).toBe(true);
});

test('the same shard count as the local profile (more than one), and the app on the frontend', () => {
  const shards = Number(shellValue('infra/services/cluster.sh', 'TEMPORAL_CLUSTER_SHARDS'));
  expect(shards).toBeGreaterThan(1);
  const env = services['temporal-frontend']!.environment!;
  expect(Number(env.TEMPORAL_CLUSTER_SHARDS)).toBe(shards);
  expect(compose['x-app-env'].TEMPORAL_ADDRESS).toBe(`temporal-frontend:${env.TEMPORAL_CLUSTER_PORT}`);
  expect(services['temporal-frontend']!.ports).toEqual([
    `${env.TEMPORAL_CLUSTER_PORT}:${env.TEMPORAL_CLUSTER_PORT}`,
  ]);
});

test('the search attributes registered are the dev server list', () => {
  const devServer = /TEMPORAL_SEARCH_ATTRIBUTES=\(([^)]*)\)/
    .exec(read('infra/services/temporal.sh'))![1]!
    .split(/\s+/)
    .filter(Boolean);
  const registered = /for sa in ([^;]*);/
    .exec(services['temporal-setup']!.command!.join(' '))![1]!
    .split(' ');
  expect(registered).toEqual(devServer);
  expect(devServer).toContain('NextDeadline=Datetime');
});
