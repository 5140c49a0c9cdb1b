/**
 * The two stores the dashboard benchmark queries, each a real process over its own data
 * directory: Debian's `victoria-metrics` and `prometheus`. `restartCold()` stops the process
 * and starts a fresh one with empty caches (VictoriaMetrics also loses the caches it saves
 * in `<storageDataPath>/cache`); the kernel's page cache is not dropped.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PrometheusApi } from '../test/support/prometheus-api';
import { freePort, start, waitUntil, type RunningProcess } from '../test/support/processes';

export type StoreName = 'victoriametrics' | 'prometheus';

export interface StoreMemory {
  /** Resident set size now. */
  readonly rssMiB: number;
  /** The process's peak resident set size (VmHWM). */
  readonly peakRssMiB: number;
}

export interface Store {
  readonly name: StoreName;
  readonly version: string;
  readonly baseUrl: string;
  readonly api: PrometheusApi;
  readonly dataDir: string;
  restartCold(): Promise<void>;
  memory(): StoreMemory;
  diskBytes(): number;
  stop(): Promise<void>;
}

const READY_CEILING_MS = 600_000;

function firstLine(command: string, args: readonly string[]): string {
  const result = spawnSync(command, [...args], { encoding: 'utf8' });
  if (result.error !== undefined) throw new Error(`${command} is not available: ${result.error.message}`);
  return `${result.stdout}${result.stderr}`.trim().split('\n')[0] ?? '';
}

function statusKiB(pid: number, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(match?.[1] ?? Number.NaN);
}

export function directoryBytes(dir: string): number {
  return Number(firstLine('du', ['-sb', dir]).split('\t')[0]);
}

interface Launch {
  readonly name: StoreName;
  readonly version: string;
  readonly dataDir: string;
  readonly command: string;
  args(port: number): string[];
  readonly readyPath: string;
  /** What to delete between a stop and a cold start. */
  readonly caches: readonly string[];
}

async function launch(spec: Launch): Promise<Store> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  let running: RunningProcess | undefined;
  const startProcess = async (): Promise<void> => {
    const child = start(spec.name, spec.command, spec.args(port), process.env);
    running = child;
    await waitUntil(`${spec.name} to be ready`, async () => (await fetch(`${baseUrl}${spec.readyPath}`)).ok, READY_CEILING_MS, child.output);
  };
  const pid = (): number => {
    const id = running?.child.pid;
    if (id === undefined) throw new Error(`${spec.name} is not running`);
    return id;
  };
  await startProcess();
  return {
    name: spec.name,
    version: spec.version,
    baseUrl,
    api: new PrometheusApi(baseUrl),
    dataDir: spec.dataDir,
    restartCold: async () => {
      await running?.stop();
      for (const cache of spec.caches) rmSync(cache, { recursive: true, force: true });
      await startProcess();
    },
    memory: () => ({ rssMiB: statusKiB(pid(), 'VmRSS') / 1024, peakRssMiB: statusKiB(pid(), 'VmHWM') / 1024 }),
    diskBytes: () => directoryBytes(spec.dataDir),
    stop: async () => {
      await running?.stop();
    },
  };
}

/** VictoriaMetrics over `dataDir`, as the brief of issue 12 starts it: no latency offset, a retention that keeps everything. */
export function startVictoriaMetrics(dataDir: string): Promise<Store> {
  return launch({
    name: 'victoriametrics',
    // Debian's build reports an empty version itself.
    version: `victoria-metrics ${firstLine('dpkg-query', ['-W', '-f=${Version}', 'victoria-metrics'])} (Debian)`,
    dataDir,
    command: 'victoria-metrics',
    args: (port) => [`-storageDataPath=${dataDir}`, '-retentionPeriod=100y', '-search.latencyOffset=0s', `-httpListenAddr=127.0.0.1:${port}`],
    readyPath: '/health',
    caches: [join(dataDir, 'cache')],
  });
}

/** Prometheus over `dataDir` (blocks made by promtool), scraping nothing, with its default query limits. */
export function startPrometheus(dataDir: string, workDir: string): Promise<Store> {
  const configFile = join(workDir, 'prometheus.yml');
  writeFileSync(configFile, 'global:\n  scrape_interval: 1m\n');
  return launch({
    name: 'prometheus',
    version: firstLine('prometheus', ['--version']),
    dataDir,
    command: 'prometheus',
    args: (port) => [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${dataDir}`,
      '--storage.tsdb.retention.time=100y',
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    readyPath: '/-/ready',
    caches: [],
  });
}

/**
 * Merges VictoriaMetrics' parts as it would in time, and waits until no merge runs, so that
 * its data directory has the size it keeps.
 */
export async function settleMerges(store: Store): Promise<void> {
  await forceFlush(store);
  const response = await fetch(`${store.baseUrl}/internal/force_merge`);
  if (!response.ok) throw new Error(`force_merge: ${response.status}`);
  let quiet = 0;
  await waitUntil(
    'VictoriaMetrics to finish its merges',
    async () => {
      const metrics = await (await fetch(`${store.baseUrl}/metrics`)).text();
      const active = [...metrics.matchAll(/^vm_active_merges\{[^}]*\} (\d+)$/gm)].reduce((sum, m) => sum + Number(m[1]), 0);
      quiet = active === 0 ? quiet + 1 : 0;
      return quiet >= 6;
    },
    READY_CEILING_MS,
  );
}

/** Makes samples VictoriaMetrics has just accepted searchable at once. */
export async function forceFlush(store: Store): Promise<void> {
  const response = await fetch(`${store.baseUrl}/internal/force_flush`);
  if (!response.ok) throw new Error(`force_flush: ${response.status}`);
}
