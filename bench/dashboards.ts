/**
 * `npm run bench:dashboards`: the dashboard benchmark of issue 12. Builds the history of a
 * demo dataset in Debian's VictoriaMetrics and Prometheus (bench/dashboard-history.ts, plus
 * live-scraped days for one office, bench/live-scrapes.ts), then opens every DASMO business
 * dashboard as Grafana does for All / one region / one office over each time range, cold and
 * warm, on each store (bench/dashboard-runs.ts). Merges a `dashboards` section into
 * bench/results.json and rewrites docs/benchmarks.md. Needs MariaDB (DASMO_BENCH_SERVER_URL),
 * `victoria-metrics`, `prometheus`, `promtool` and /usr/bin/time; the large dataset needs
 * about 15 GB of free disk in the temporary directory.
 *
 *   npm run bench:dashboards                                      # large, 180 days, 30 live days
 *   npm run bench:dashboards -- --size small --days 10 --live-days 2 --ranges 7,30
 *   npm run bench:dashboards -- --keep                            # keep the database (reused by the next run) and the temp dir
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { config } from '../monitoring/config';
import { committedDashboards, type DashboardFile } from '../test/monitoring/support/dashboard-model';
import { absoluteRange } from '../test/monitoring/support/grafana-requests';
import { busiestOffice, selectionsFor, type Selection } from '../test/monitoring/support/panel-runs';
import type { DemoSize } from '../src/demo/write-demo-data';
import { adminQuery, generate, rowCount } from './databases';
import { backfillIntoVictoriaMetrics, backfillToFile, BENCH_ZONE, createBlocks, SCRAPE_JOB, type BackfillRange } from './dashboard-history';
import type { DashboardBenchResults, OpeningFigures, StoreFigures } from './dashboard-report';
import { openDashboard, summarise } from './dashboard-runs';
import { directoryBytes, settleMerges, startPrometheus, startVictoriaMetrics, type Store } from './dashboard-stores';
import { writeLiveScrapes } from './live-scrapes';
import { machineFacts } from './machine';
import { renderReport, type BenchResults } from './report';
import { round } from './stats';
import { resolveStampTime, stampSeconds } from '../src/backfill/stamp-time';

const SIZES: readonly DemoSize[] = ['small', 'medium', 'large'];
const RESULTS_FILE = join(__dirname, '..', '..', 'bench', 'results.json');
const REPORT_FILE = join(__dirname, '..', '..', 'docs', 'benchmarks.md');

interface DashboardBenchArgs {
  readonly size: DemoSize;
  readonly days: number;
  readonly liveDays: number;
  readonly ranges: readonly number[];
  readonly keep: boolean;
}

function positive(flag: string, text: string | undefined): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${flag} takes a whole number of days, at least 1`);
  return value;
}

function parseArgs(argv: readonly string[]): DashboardBenchArgs {
  let size: DemoSize = 'large';
  let days = 180;
  let liveDays = 30;
  let ranges = [7, 30, 90, 180, 800];
  let keep = false;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const next = (): string | undefined => argv[++i];
    if (arg === '--keep') keep = true;
    else if (arg === '--size') {
      const value = next() ?? '';
      if (!SIZES.includes(value as DemoSize)) throw new Error(`--size takes one of ${SIZES.join(', ')}`);
      size = value as DemoSize;
    } else if (arg === '--days') days = positive(arg, next());
    else if (arg === '--live-days') liveDays = positive(arg, next());
    else if (arg === '--ranges') ranges = (next() ?? '').split(',').map((d) => positive(arg, d));
    else throw new Error(`unknown argument ${arg ?? ''}; see bench/dashboards.ts`);
  }
  if (liveDays > days) throw new Error('--live-days cannot exceed --days');
  return { size, days, liveDays, ranges, keep };
}

function log(message: string): void {
  process.stderr.write(`[bench:dashboards ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

/** Series the store holds over the backfilled days. */
async function seriesCount(store: Store, now: number, days: number): Promise<number> {
  const [sample] = await store.api.instant(`count(last_over_time({job="${SCRAPE_JOB}"}[${days + 1}d]))`, now);
  return Number(sample?.value?.[1] ?? 0);
}

async function runStore(
  store: Store,
  dashboards: readonly { file: DashboardFile; selections: readonly Selection[] }[],
  ranges: readonly number[],
  nowMs: number,
): Promise<OpeningFigures[]> {
  const openings: OpeningFigures[] = [];
  for (const { file, selections } of dashboards) {
    for (const days of ranges) {
      const range = absoluteRange({ from: `now-${days}d`, to: 'now' }, file.model.timezone ?? BENCH_ZONE, nowMs);
      for (const selection of selections) {
        await store.restartCold();
        const cold = summarise(await openDashboard(store.baseUrl, file.model, selection.values, range));
        const warm = summarise(await openDashboard(store.baseUrl, file.model, selection.values, range));
        openings.push({ store: store.name, dashboard: file.model.title, selection: selection.name, days, cold, warm });
        log(`${store.name} ${file.model.title} ${days} d ${selection.name}: cold ${cold.sequentialSeconds} s, warm ${warm.sequentialSeconds} s, ${cold.errors.length} errors`);
      }
    }
  }
  return openings;
}

function storeFigures(store: Store, historyDiskBytes: number, peakRssMiB: number): StoreFigures {
  const memory = store.memory();
  return { name: store.name, version: store.version, historyDiskBytes, diskBytes: store.diskBytes(), rssMiB: memory.rssMiB, peakRssMiB: Math.max(peakRssMiB, memory.peakRssMiB) };
}

/** Runs the openings while tracking the largest peak RSS over the store's cold restarts. */
async function measureStore(store: Store, historyDiskBytes: number, work: (store: Store) => Promise<OpeningFigures[]>): Promise<{ figures: StoreFigures; openings: OpeningFigures[] }> {
  let peak = 0;
  const restartCold = store.restartCold;
  const tracked: Store = {
    ...store,
    restartCold: async () => {
      peak = Math.max(peak, store.memory().peakRssMiB);
      await restartCold();
    },
  };
  const openings = await work(tracked);
  return { figures: storeFigures(store, historyDiskBytes, peak), openings };
}

function mergeResults(section: DashboardBenchResults): void {
  const previous = JSON.parse(readFileSync(RESULTS_FILE, 'utf8')) as BenchResults;
  const results: BenchResults = { ...previous, dashboards: section };
  writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(REPORT_FILE, renderReport(results));
  log(`merged the dashboards section (${section.stores.map((s) => s.name).join(', ')}) into bench/results.json and docs/benchmarks.md`);
}

/** The demo dataset, unless a kept run (`--keep`) left it in the database: demo-data's wall time, or null. */
async function demoDataset(size: DemoSize, database: string, until: string): Promise<number | null> {
  if ((await rowCount(database, 'dasmo_domande')) > 0) {
    log(`reusing the dataset kept in ${database}`);
    return null;
  }
  log(`demo-data --size ${size} into ${database}`);
  return round((await generate(size, database, until)).seconds, 1);
}

/**
 * The last reference day a backfill may write now: yesterday, or the day before when this
 * morning's stamp (the refresh time the backfill stamps with, 06:30 by default) is still in
 * the future.
 */
function lastStampedDay(): DateTime {
  const yesterday = DateTime.now().setZone(BENCH_ZONE).startOf('day').minus({ days: 1 });
  const stamp = resolveStampTime(undefined, process.env.DASMO_REFRESH_SCHEDULE);
  const stamped = stampSeconds(yesterday.toISODate() ?? '', stamp, BENCH_ZONE) <= Date.now() / 1000;
  return stamped ? yesterday : yesterday.minus({ days: 1 });
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const command = `npm run bench:dashboards -- ${process.argv.slice(2).join(' ')}`.trim().replace(/ --$/, '');
  const machine = machineFacts();
  const to = lastStampedDay();
  const backfill: BackfillRange = {
    database: `dasmo_bench_dashboards_${args.size}`,
    from: to.minus({ days: args.days - 1 }).toISODate() ?? '',
    to: to.toISODate() ?? '',
  };
  const work = mkdtempSync(join(tmpdir(), 'dasmo-bench-dashboards-'));
  const stores: Store[] = [];
  try {
    const demoDataSeconds = await demoDataset(args.size, backfill.database, backfill.to);
    const applications = await rowCount(backfill.database, 'dasmo_domande');
    const flows = await rowCount(backfill.database, 'dasmo_sr41');

    const historyFile = join(work, 'history.om');
    log(`backfill --out, ${backfill.from} to ${backfill.to}`);
    const backfillOut = await backfillToFile(backfill, historyFile);
    const vmDir = join(work, 'victoriametrics');
    const victoriaMetrics = await startVictoriaMetrics(vmDir);
    stores.push(victoriaMetrics);
    log('backfill --import-url into VictoriaMetrics');
    const backfillImportVictoriaMetrics = await backfillIntoVictoriaMetrics(backfill, victoriaMetrics.baseUrl);
    await settleMerges(victoriaMetrics);
    const vmHistoryDisk = victoriaMetrics.diskBytes();
    const promDir = join(work, 'prometheus');
    mkdirSync(promDir);
    log('promtool: the backfilled history');
    const promtoolHistory = await createBlocks(historyFile, promDir);
    const promHistoryDisk = directoryBytes(promDir);

    const nowMs = Math.floor(Date.now() / 60_000) * 60_000;
    const now = nowMs / 1000;
    const series = await seriesCount(victoriaMetrics, now, args.days);
    const { region, office } = await busiestOffice(victoriaMetrics.api, now);
    const liveFile = join(work, 'live.om');
    log(`live scrapes of office ${office}, the last ${args.liveDays} days`);
    const liveFigures = await writeLiveScrapes({
      historyFile,
      office,
      fromSeconds: now - args.liveDays * 86_400,
      untilSeconds: now,
      openMetricsFile: liveFile,
      importUrl: `${victoriaMetrics.baseUrl}/api/v1/import/prometheus`,
    });
    await settleMerges(victoriaMetrics);
    if (!args.keep) rmSync(historyFile);
    log(`promtool: ${liveFigures.samples} live samples`);
    const promtoolLive = await createBlocks(liveFile, promDir);
    if (!args.keep) rmSync(liveFile);

    const dashboards = await Promise.all(
      committedDashboards()
        .filter((file) => file.model.uid !== config.dashboardUids.exporter)
        .map(async (file) => ({ file, selections: await selectionsFor(victoriaMetrics.api, file, now) })),
    );
    const section = (stores: readonly StoreFigures[], openings: readonly OpeningFigures[]): DashboardBenchResults => ({
      machine,
      command,
      size: args.size,
      applications,
      flows,
      backfill: { ...backfill, days: args.days, series },
      live: { days: args.liveDays, office, region, series: liveFigures.series, samples: liveFigures.samples },
      now,
      costs: { demoDataSeconds, backfillOut, backfillImportVictoriaMetrics, promtoolHistory, promtoolLive },
      stores,
      openings,
    });
    const vm = await measureStore(victoriaMetrics, vmHistoryDisk, (store) => runStore(store, dashboards, args.ranges, nowMs));
    await victoriaMetrics.stop();
    // Written after each store, so that a run stopped during the second store keeps the first.
    mergeResults(section([vm.figures], vm.openings));
    const prometheus = await startPrometheus(promDir, work);
    stores.push(prometheus);
    const prom = await measureStore(prometheus, promHistoryDisk, (store) => runStore(store, dashboards, args.ranges, nowMs));
    await prometheus.stop();
    mergeResults(section([vm.figures, prom.figures], [...vm.openings, ...prom.openings]));
  } finally {
    for (const store of stores) await store.stop();
    if (!args.keep) {
      rmSync(work, { recursive: true, force: true });
      await adminQuery(`DROP DATABASE IF EXISTS ${backfill.database}`);
    } else log(`kept ${work} and ${backfill.database}`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:dashboards: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
