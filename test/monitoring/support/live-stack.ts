/**
 * The stack the dashboards run on, for real: `dasmo-exporter serve` over a seeded MariaDB,
 * scraped by Debian's Prometheus with the committed rule file and by Debian's VictoriaMetrics
 * (the stack's store), both on top of the same ten days of
 * one-sample-per-day history built from the exporter's own `snapshot --reference-date` (as a
 * backfill would). Started once per test file; every wait is for an event, with a ceiling
 * that only catches a hang.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import type { RowDataPacket } from 'mysql2/promise';
import { parse, stringify } from 'yaml';
import { config } from '../../../monitoring/config';
import { PrometheusApi, type RuleHealth } from '../../support/prometheus-api';
import { freePort, run, start, waitUntil, type RunningProcess } from '../../support/processes';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';
import { REPO_ROOT } from './dashboard-model';
import { inMilliseconds, mergeHistory, type DaySnapshot } from './openmetrics-history';
import { promtoolPath } from './promtool';
import { HANG_CEILING_MS } from '../../support/hang-ceiling';
import { DEFAULT_STAMP_TIME, stampSeconds } from '../../../src/backfill/stamp-time';

const EXPORTER = join(REPO_ROOT, 'bin', 'dasmo-exporter.js');
export const LIVE_ZONE = 'Europe/Rome';
/** Days of backfilled history before the live reference day: a 7-day pace needs 7 days + 26 h + a trend step. */
export const HISTORY_DAYS = 10;
/** Every 10 s: a scrape of the small demo is 17 MB, which a busy machine may take seconds to read. */
const SCRAPE_SECONDS = 10;
const RULES_FIRST_INTERVAL_SECONDS = 5;
/** The office renamed between the backfilled history and the live snapshot. */
export const RENAMED_OFFICE = { code: '4900', name: 'Milano (sede rinominata)' } as const;

export interface LiveStack {
  /** Debian's Prometheus. */
  readonly api: PrometheusApi;
  /** Debian's VictoriaMetrics, scraping the same exporter and holding the same history. */
  readonly victoria: PrometheusApi;
  readonly db: TestDatabase;
  /** The day the live snapshot refers to (yesterday in LIVE_ZONE). */
  readonly referenceDay: DateTime;
  /** Unix seconds at which every query is evaluated: after the rules ran on live data. */
  readonly now: number;
  /**
   * A `now` for queries whose range Grafana aligns down to `stepSeconds`: waits until the
   * aligned end already holds three live scrapes (the exporter's self-metrics exist only live).
   */
  liveNow(stepSeconds: number): Promise<number>;
  /** Every rule with its health after its first evaluations on the live data. */
  readonly ruleHealth: readonly RuleHealth[];
  /** The first number a plain SQL query returns, for independent expected values. */
  sql(query: string): Promise<number>;
  stop(): Promise<void>;
}

/** The path of an installed command, or an error naming the Debian package that ships it. */
function installedBinary(command: string, debianPackage: string): string {
  const found = run('sh', ['-c', `command -v ${command} || true`]).trim();
  if (found === '') throw new Error(`${command} is missing: install it with \`apt-get install -y ${debianPackage}\``);
  return found;
}

/** Runs a command without blocking the event loop; resolves with its stdout. */
function runAsync(command: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => {
      err = (err + chunk.toString('utf8')).slice(-4000);
    });
    child.once('error', reject);
    child.once('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out).toString('utf8'));
      else reject(new Error(`${command} ${args.join(' ')} exited ${String(code)}: ${err}`));
    });
  });
}

/**
 * When the history of `referenceDay - k` is stamped: as a backfill stamps it, at 06:30 local
 * on the next day, unless that is later than the same time of day as `now` k days ago (the
 * harness' live snapshot is refreshed at `now`, so that is its refresh time then); one of the
 * two is always in the window `offset k d` reads at `now` and, from 02:00 local on, in the
 * window the trend point of that day reads (docs/dashboards.md, "Trends").
 */
function historyStamp(referenceDay: DateTime, k: number, now: number): number {
  const backfill = stampSeconds(referenceDay.minus({ days: k }).toISODate() ?? '', DEFAULT_STAMP_TIME, LIVE_ZONE);
  return Math.min(backfill, now - k * 86_400 - 60);
}

/** Each day's snapshot, two processes at a time (the machine has two cores). */
async function historySnapshots(referenceDay: DateTime, now: number, env: NodeJS.ProcessEnv): Promise<DaySnapshot[]> {
  const offsets = Array.from({ length: HISTORY_DAYS }, (_, i) => HISTORY_DAYS - i);
  const days: DaySnapshot[] = [];
  for (let i = 0; i < offsets.length; i += 2) {
    const batch = offsets.slice(i, i + 2);
    const texts = await Promise.all(
      batch.map((k) => runAsync('node', [EXPORTER, 'snapshot', '--reference-date', referenceDay.minus({ days: k }).toISODate() ?? ''], env)),
    );
    batch.forEach((k, j) => days.push({ text: texts[j] ?? '', timestamp: historyStamp(referenceDay, k, now) }));
  }
  return days;
}

/** Writes the committed rule file with every group evaluated every `interval`. */
function writeRules(rulesFile: string, interval: string): void {
  const rules = parse(readFileSync(join(REPO_ROOT, 'monitoring', 'prometheus', 'dasmo-rules.yml'), 'utf8')) as {
    groups: { interval?: string }[];
  };
  for (const group of rules.groups) group.interval = interval;
  writeFileSync(rulesFile, stringify(rules));
}

/** The job of deploy/victoriametrics/scrape.yml and deploy/prometheus/prometheus.yml, every few seconds, on the test's exporter. */
function scrapeConfig(instance: string): { global: Record<string, string>; scrape_configs: unknown[] } {
  return {
    global: { scrape_interval: `${SCRAPE_SECONDS}s`, scrape_timeout: `${SCRAPE_SECONDS}s` },
    scrape_configs: [{ job_name: config.job, static_configs: [{ targets: [instance] }] }],
  };
}

/** Prometheus scraping the exporter, with the rule file when one is given. */
function writePrometheusConfig(configFile: string, instance: string, rulesFile: string | undefined): void {
  const scrape = scrapeConfig(instance);
  writeFileSync(
    configFile,
    stringify({ ...scrape, global: { ...scrape.global, evaluation_interval: '5s' }, rule_files: rulesFile === undefined ? [] : [rulesFile] }),
  );
}

/** Imports the merged history into VictoriaMetrics, whose /api/v1/import/prometheus takes milliseconds. */
async function importHistory(victoria: string, history: string, file: string): Promise<void> {
  writeFileSync(file, inMilliseconds(history));
  await runAsync('curl', ['-sSf', '--data-binary', `@${file}`, `${victoria}/api/v1/import/prometheus`], process.env);
  rmSync(file);
}

/** Moves the blocks promtool wrote into Prometheus' data directory (Prometheus must be stopped). */
function moveBlocks(blocksDir: string, dataDir: string): void {
  mkdirSync(dataDir, { recursive: true });
  for (const block of readdirSync(blocksDir)) renameSync(join(blocksDir, block), join(dataDir, block));
}

export async function startLiveStack(): Promise<LiveStack> {
  if (!existsSync(join(REPO_ROOT, 'dist', 'cli', 'main.js'))) {
    throw new Error('the exporter is not built: run `npm run build` first (npm test does it)');
  }
  promtoolPath();
  const prometheusPath = installedBinary('prometheus', 'prometheus');
  const victoriaPath = installedBinary('victoria-metrics', 'victoria-metrics');
  const workdir = mkdtempSync(join(tmpdir(), 'dasmo-harness-'));
  const db = await createTestDatabase({ withSchema: false });
  let exporter: RunningProcess | undefined;
  let prometheus: RunningProcess | undefined;
  let victoriaMetrics: RunningProcess | undefined;
  const stop = async (): Promise<void> => {
    await prometheus?.stop();
    await victoriaMetrics?.stop();
    await exporter?.stop();
    await db.drop();
    rmSync(workdir, { recursive: true, force: true });
  };
  try {
    const env = { ...process.env, DASMO_DATABASE_URL: db.url, DASMO_TIMEZONE: LIVE_ZONE };
    await runAsync('node', [EXPORTER, 'demo-data', '--size', 'small', '--seed', '11'], env);
    // Milano is renamed before the exporter starts, and the history below carries its old
    // name: within the 26-hour window the store then holds both, as after a real rename, and
    // every join must still work.
    const [registered] = await db.admin.query<RowDataPacket[]>('SELECT denominazione FROM dasmo_sedi WHERE codice_sede = ?', [RENAMED_OFFICE.code]);
    const oldName = String(registered[0]?.denominazione ?? '');
    if (oldName === '') throw new Error(`the demo data have no office ${RENAMED_OFFICE.code} to rename`);
    await db.admin.query('UPDATE dasmo_sedi SET denominazione = ? WHERE codice_sede = ?', [RENAMED_OFFICE.name, RENAMED_OFFICE.code]);

    const [exporterPort, prometheusPort, victoriaPort] = [await freePort(), await freePort(), await freePort()];
    const instance = `127.0.0.1:${exporterPort}`;
    const historyStart = Math.floor(Date.now() / 1000);
    const referenceDay = DateTime.fromSeconds(historyStart, { zone: LIVE_ZONE }).startOf('day').minus({ days: 1 });
    const api = new PrometheusApi(`http://127.0.0.1:${prometheusPort}`);
    const victoriaUrl = `http://127.0.0.1:${victoriaPort}`;
    const victoria = new PrometheusApi(victoriaUrl);
    const dataDir = join(workdir, 'tsdb');
    const configFile = join(workdir, 'prometheus.yml');
    const rulesFile = join(workdir, 'dasmo-rules.yml');
    const startPrometheus = (): RunningProcess =>
      start(
        'prometheus',
        prometheusPath,
        [`--config.file=${configFile}`, `--storage.tsdb.path=${dataDir}`, '--storage.tsdb.retention.time=30d', `--web.listen-address=127.0.0.1:${prometheusPort}`],
        process.env,
      );

    // The exporter and Prometheus start first and the history is built while they run: the
    // exporter's self-metrics exist only live, and the exporter's dashboard needs minutes of
    // them. Prometheus reads history blocks only when it starts, so it restarts once they exist.
    exporter = start('exporter', 'node', [EXPORTER, 'serve', '--web.listen-address', instance], env);
    const exporterOutput = exporter.output;
    // Ready first: a failed scrape would keep `up` below 1 in the window the waits below read.
    await waitUntil('the exporter to serve a snapshot', async () => (await fetch(`http://${instance}/-/ready`).catch(() => undefined))?.ok === true, HANG_CEILING_MS, exporterOutput);
    writePrometheusConfig(configFile, instance, undefined);
    prometheus = startPrometheus();
    const victoriaConfig = join(workdir, 'victoria-scrape.yml');
    writeFileSync(victoriaConfig, stringify(scrapeConfig(instance)));
    victoriaMetrics = start(
      'victoria-metrics',
      victoriaPath,
      [
        `-storageDataPath=${join(workdir, 'victoria')}`,
        `-httpListenAddr=127.0.0.1:${victoriaPort}`,
        `-promscrape.config=${victoriaConfig}`,
        // As in docker-compose.yml: a snapshot is 17 MB on the small demo.
        '-promscrape.maxScrapeSize=1GiB',
        // The queries run seconds after the scrapes; by default the last 30 s are not searched.
        '-search.latencyOffset=0s',
        '-loggerLevel=ERROR',
      ],
      process.env,
    );
    const victoriaOutput = victoriaMetrics.output;

    const historyFile = join(workdir, 'history.om');
    const blocksDir = join(workdir, 'blocks');
    const days = await historySnapshots(referenceDay, historyStart, env);
    const labels = `job="${config.job}",instance="${instance}"`;
    const history = mergeHistory(days, labels).split(`office_name="${RENAMED_OFFICE.name}"`).join(`office_name="${oldName}"`);
    writeFileSync(historyFile, history);
    await waitUntil('victoria-metrics to answer', async () => (await fetch(`${victoriaUrl}/health`).catch(() => undefined))?.ok === true, HANG_CEILING_MS, victoriaOutput);
    // One block for the whole history: promtool's default of 2-hour blocks makes one per sample
    // day, five times slower to write and for Prometheus to read. Both stores' copies are
    // written at once: VictoriaMetrics indexes while promtool writes.
    await Promise.all([
      importHistory(victoriaUrl, history, join(workdir, 'history-victoria.txt')),
      runAsync(promtoolPath(), ['tsdb', 'create-blocks-from', 'openmetrics', '--max-block-duration=720h', historyFile, blocksDir], process.env),
    ]);

    // The committed groups evaluate every minute; here every 5 s at first, so that each rule has
    // run on live data by the time the queries do.
    writeRules(rulesFile, `${RULES_FIRST_INTERVAL_SECONDS}s`);
    writePrometheusConfig(configFile, instance, rulesFile);
    await prometheus.stop();
    moveBlocks(blocksDir, dataDir);
    prometheus = startPrometheus();
    const referenceDate = `dasmo_snapshot_reference_date_seconds{job="${config.job}"}`;
    const holdsHistoryAndLive = async (store: PrometheusApi, at: number): Promise<boolean> =>
      (await store.instant(referenceDate, historyStart - 86_400)).length === 1 && (await store.instant(referenceDate, at)).length === 1;
    const prometheusLog = prometheus.output;
    const prometheusOutput = (): string => `${prometheusLog()}\n${exporterOutput()}`;
    await waitUntil(
      'Prometheus to hold the history and three scrapes',
      async () => {
        const at = Math.floor(Date.now() / 1000);
        // Three scrapes at least, so that increase() over $__rate_interval has two points.
        const up = await api.instant(`min_over_time(up{job="${config.job}"}[5m]) == 1 and count_over_time(up{job="${config.job}"}[5m]) >= 3`, at);
        return (await holdsHistoryAndLive(api, at)) && up.length === 1;
      },
      HANG_CEILING_MS,
      prometheusOutput,
    );
    await waitUntil(
      'victoria-metrics to hold the history and the live scrapes',
      () => holdsHistoryAndLive(victoria, Math.floor(Date.now() / 1000)),
      HANG_CEILING_MS,
      victoriaOutput,
    );
    await waitUntil('every alert rule to be evaluated', async () => (await api.rules()).every((rule) => rule.health !== 'unknown'), HANG_CEILING_MS, prometheusOutput);
    const ruleHealth = await api.rules();
    // Evaluated every 5 s, the alert rules would keep about a core busy for the rest of the
    // run; their health is taken, so they now evaluate once an hour.
    writeRules(rulesFile, '1h');
    prometheus.child.kill('SIGHUP');
    await waitUntil('Prometheus to reload its rules', async () => (await api.ruleGroupIntervals()).every((seconds) => seconds === 3600), HANG_CEILING_MS, prometheusOutput);
    const now = Math.floor(Date.now() / 1000);
    const liveNow = async (stepSeconds: number): Promise<number> => {
      await waitUntil(
        `three live scrapes before a ${stepSeconds}s step boundary`,
        async () => {
          const aligned = Math.floor(Date.now() / 1000 / stepSeconds) * stepSeconds;
          return (await api.instant(`count_over_time(up{job="${config.job}"}[5m]) >= 3`, aligned)).length === 1;
        },
        HANG_CEILING_MS,
        prometheusOutput,
      );
      return Math.floor(Date.now() / 1000);
    };
    const sql = async (query: string): Promise<number> => {
      const [rows] = await db.admin.query<RowDataPacket[]>(query);
      return Number(Object.values(rows[0] ?? {})[0] ?? Number.NaN);
    };
    return { api, victoria, db, referenceDay, now, liveNow, ruleHealth, sql, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
