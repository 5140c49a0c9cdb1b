/**
 * The same hand-made samples in both stores the dashboards support: Debian's Prometheus (on
 * TSDB blocks written by promtool) and Debian's victoria-metrics (through its import API).
 * Samples are stamped at past instants (all at one, or each at its own), so that queries at a
 * fixed later time see the same data on both, whatever the wall clock.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HANG_CEILING_MS } from '../../support/hang-ceiling';
import { PrometheusApi } from '../../support/prometheus-api';
import { freePort, requireTool, run, start, waitUntil, type RunningProcess } from '../../support/processes';

const INSTALL = 'install them with `apt-get install -y prometheus victoria-metrics`';

/** `name{labels} value`, without a timestamp. */
export type SampleLine = string;

/** A sample line and its stamp in Unix seconds (whole). */
export interface StampedSample {
  readonly line: SampleLine;
  readonly seconds: number;
}

export interface HandMadeStore {
  readonly name: 'prometheus' | 'victoria-metrics';
  readonly api: PrometheusApi;
}

export interface HandMadeStores {
  readonly stores: readonly HandMadeStore[];
  stop(): Promise<void>;
}

/** Keeps a started process, so that it is stopped even when a later step fails. */
type Track = (started: RunningProcess) => RunningProcess;

/** The series of a sample line: everything before its value. */
function seriesOf(line: SampleLine): string {
  return line.slice(0, line.lastIndexOf(' '));
}

/**
 * promtool takes each series' samples in time order, and a metric's series together: sorted by
 * series (its name first), then by time.
 */
function inSeriesOrder(samples: readonly StampedSample[]): StampedSample[] {
  return [...samples].sort((a, b) => {
    const [x, y] = [seriesOf(a.line), seriesOf(b.line)];
    return x < y ? -1 : x > y ? 1 : a.seconds - b.seconds;
  });
}

async function startPrometheus(dir: string, samples: readonly StampedSample[], track: Track): Promise<HandMadeStore> {
  const file = join(dir, 'samples.om');
  writeFileSync(file, `${inSeriesOrder(samples).map((s) => `${s.line} ${s.seconds}`).join('\n')}\n# EOF\n`);
  const tsdb = join(dir, 'tsdb');
  // One block for all of it: promtool's default of 2-hour blocks writes one per 2 hours that
  // hold a sample (hundreds for months of daily samples), slow to write and for Prometheus to open.
  run('promtool', ['tsdb', 'create-blocks-from', 'openmetrics', '--max-block-duration=43800h', file, tsdb]);
  const config = join(dir, 'prometheus.yml');
  writeFileSync(config, 'scrape_configs: []\n');
  const port = await freePort();
  const prometheus = track(start('prometheus', 'prometheus', [
    `--config.file=${config}`,
    `--storage.tsdb.path=${tsdb}`,
    // The samples are years old: the default retention of 15 days would delete them at start.
    '--storage.tsdb.retention.time=50y',
    `--web.listen-address=127.0.0.1:${port}`,
  ], { PATH: process.env.PATH ?? '' }));
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitUntil('prometheus to be ready', async () => (await fetch(`${baseUrl}/-/ready`)).ok, HANG_CEILING_MS, () => prometheus.output());
  return { name: 'prometheus', api: new PrometheusApi(baseUrl) };
}

async function startVictoriaMetrics(dir: string, samples: readonly StampedSample[], track: Track): Promise<HandMadeStore> {
  const port = await freePort();
  const victoria = track(start('victoria-metrics', 'victoria-metrics', [
    `-storageDataPath=${join(dir, 'vm-data')}`,
    `-httpListenAddr=127.0.0.1:${port}`,
    // The samples are years old: the default retention of one month would drop them.
    '-retentionPeriod=100y',
    '-search.disableCache',
    '-loggerLevel=ERROR',
  ], { PATH: process.env.PATH ?? '' }));
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitUntil('victoria-metrics to answer', async () => (await fetch(`${baseUrl}/health`)).ok, HANG_CEILING_MS, () => victoria.output());
  const imported = await fetch(`${baseUrl}/api/v1/import/prometheus`, {
    method: 'POST',
    body: `${samples.map((s) => `${s.line} ${s.seconds * 1000}`).join('\n')}\n`,
  });
  if (imported.status !== 204) throw new Error(`victoria-metrics refused the import: ${imported.status} ${await imported.text()}`);
  await fetch(`${baseUrl}/internal/force_flush`);
  const api = new PrometheusApi(baseUrl);
  // A loop, not Math.min(...): a spread of ~100,000 arguments overflows the stack.
  const first = samples.reduce((min, s) => Math.min(min, s.seconds), Infinity);
  const last = samples.reduce((max, s) => Math.max(max, s.seconds), -Infinity);
  const expected = String(samples.length);
  await waitUntil(
    'the imported samples to be searchable',
    async () => (await api.instant(`sum(count_over_time({__name__=~".+"}[${last - first + 1}s]))`, last))[0]?.value?.[1] === expected,
    HANG_CEILING_MS,
    () => victoria.output(),
  );
  return { name: 'victoria-metrics', api };
}

/** Both stores holding `lines`, each sample stamped at `stampSeconds` (Unix seconds). */
export function startHandMadeStores(lines: readonly SampleLine[], stampSeconds: number): Promise<HandMadeStores> {
  return startStampedStores(lines.map((line) => ({ line, seconds: stampSeconds })));
}

/** Both stores holding `samples`, each at its own stamp. */
export async function startStampedStores(samples: readonly StampedSample[]): Promise<HandMadeStores> {
  requireTool('promtool', INSTALL);
  requireTool('prometheus', INSTALL);
  requireTool('victoria-metrics', INSTALL);
  const dir = mkdtempSync(join(tmpdir(), 'dasmo-hand-made-stores-'));
  const started: RunningProcess[] = [];
  const stop = async (): Promise<void> => {
    await Promise.all(started.map((p) => p.stop()));
    rmSync(dir, { recursive: true, force: true });
  };
  const track: Track = (running) => {
    started.push(running);
    return running;
  };
  try {
    const stores = await Promise.all([startPrometheus(dir, samples, track), startVictoriaMetrics(dir, samples, track)]);
    return { stores, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
