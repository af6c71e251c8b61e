/**
 * docker-compose.yml cannot run on the development machines (no Docker engine), so what it says about
 * Temporal is checked against the local `cluster` profile it mirrors: the pinned server version, four
 * service containers reading the same infra/cluster/ files, more than one shard, the dev server's
 * search attributes, and the application pointed at the frontend. Prometheus and Grafana run the local
 * Prometheus's version, on the rules and dashboard of infra/observability, scraping compose services.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { parse } from 'yaml';

const ROOT = join(__dirname, '..', '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

interface Service {
  image?: string;
  command?: string[];
  environment?: Record<string, string | number>;
  volumes?: string[];
  ports?: string[];
  expose?: string[];
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

describe('Prometheus and Grafana', () => {
  const OBS = 'infra/observability';
  const promConfig = parse(read(`${OBS}/prometheus.yml`)) as {
    rule_files: string[];
    scrape_configs: Array<{ job_name: string; dns_sd_configs: Array<{ names: string[]; port: number }> }>;
  };
  const prometheus = services.prometheus!;
  const grafana = services.grafana!;
  /** The container path a `./host:container[:ro]` volume mounts `host` at. */
  const mountOf = (service: Service, host: string) =>
    service.volumes!.map((v) => v.split(':')).find(([from]) => from === `./${host}`)?.[1];

  test('Prometheus is the 2.x version infra runs locally, on the config and rules of infra/observability', () => {
    const debian = shellValue('infra/lib.sh', 'PROMETHEUS_DEB_VERSION')!;
    expect(prometheus.image).toBe(`prom/prometheus:v${debian.split('+')[0]}`);
    expect(prometheus.image).toMatch(/^prom\/prometheus:v2\.\d+\.\d+$/);
    const configPath = mountOf(prometheus, `${OBS}/prometheus.yml`)!;
    expect(prometheus.command).toContain(`--config.file=${configPath}`);
    // The rule file the config loads (relative to the config's directory) is the one mounted from the repo.
    expect(promConfig.rule_files).toEqual(['alerts.yml']);
    expect(mountOf(prometheus, `${OBS}/alerts.yml`)).toBe(
      posix.join(posix.dirname(configPath), 'alerts.yml'),
    );
  });

  test('every scrape target is a compose service on its METRICS_PORT, and the worker and API are scraped', () => {
    const jobs = promConfig.scrape_configs.map((job) => job.job_name);
    expect(jobs).toEqual(expect.arrayContaining(['worker', 'api']));
    for (const job of promConfig.scrape_configs) {
      for (const sd of job.dns_sd_configs) {
        for (const name of sd.names) {
          const service = services[name];
          expect({ job: job.job_name, service: name, exists: Boolean(service) }).toEqual({
            job: job.job_name,
            service: name,
            exists: true,
          });
          expect({ name, port: Number(service!.environment!.METRICS_PORT) }).toEqual({ name, port: sd.port });
          expect(service!.expose).toContain(String(sd.port));
        }
      }
    }
  });

  test('Grafana is pinned, provisioned with the Prometheus service and the dashboard directory', () => {
    expect(grafana.image).toMatch(/^grafana\/grafana:\d+\.\d+\.\d+$/);
    expect(mountOf(grafana, `${OBS}/grafana/provisioning`)).toBe('/etc/grafana/provisioning');
    const provider = parse(read(`${OBS}/grafana/provisioning/dashboards/contract-orchestrator.yml`)) as {
      providers: Array<{ options: { path: string } }>;
    };
    expect(mountOf(grafana, `${OBS}/grafana/dashboards`)).toBe(provider.providers[0]!.options.path);
    const datasource = parse(read(`${OBS}/grafana/provisioning/datasources/prometheus.yml`)) as {
      datasources: Array<{ url: string }>;
    };
    const url = new URL(datasource.datasources[0]!.url);
    expect(services[url.hostname]).toBe(prometheus);
    expect(prometheus.ports).toEqual([`${url.port}:${url.port}`]);
  });
});
