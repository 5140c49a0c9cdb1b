/**
 * `npm run bench`: the benchmarks of docs/benchmarks.md. Writes bench/results.json and
 * regenerates docs/benchmarks.md from it. Needs MariaDB (DASMO_BENCH_SERVER_URL, default
 * mysql://root@127.0.0.1:3306), tens of GB of free disk for the large dataset, and a quiet
 * machine: anything else running skews the figures.
 *
 *   npm run bench                       # small, medium and large
 *   npm run bench -- --sizes small      # a quick run
 *   npm run bench -- --keep             # keep the dasmo_bench_* databases afterwards
 *   npm run bench -- --report-only      # rewrite docs/benchmarks.md from bench/results.json
 *   npm run bench -- --auth-flood-only  # only the basic-auth flood, on small; merged into bench/results.json
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DemoSize } from '../src/demo/write-demo-data';
import { measureAuthFlood } from './auth-flood';
import { adminQuery, doubleHistory, generate, REFERENCE_DAY, rowCount, UNTIL } from './databases';
import { machineFacts } from './machine';
import { explain, measureRefresh } from './refresh';
import { type BenchResults, renderReport, type SizeResult } from './report';
import { measureScrapes, requireWrk } from './scrape-load';
import { round } from './stats';
import { at } from '../src/common/checked-index';

const SIZES: readonly DemoSize[] = ['small', 'medium', 'large'];
const RESULTS_FILE = join(__dirname, '..', '..', 'bench', 'results.json');
const REPORT_FILE = join(__dirname, '..', '..', 'docs', 'benchmarks.md');

interface BenchArgs {
  readonly sizes: DemoSize[];
  readonly keep: boolean;
  readonly reportOnly: boolean;
  readonly authFloodOnly: boolean;
}

function parseArgs(argv: readonly string[]): BenchArgs {
  let sizes: DemoSize[] = [...SIZES];
  let keep = false;
  let reportOnly = false;
  let authFloodOnly = false;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--keep') keep = true;
    else if (arg === '--report-only') reportOnly = true;
    else if (arg === '--auth-flood-only') authFloodOnly = true;
    else if (arg === '--sizes') {
      const list = (argv[++i] ?? '').split(',');
      const unknown = list.filter((size) => !SIZES.includes(size as DemoSize));
      if (unknown.length > 0 || list.length === 0) throw new Error(`--sizes takes a list of ${SIZES.join(', ')}`);
      sizes = list as DemoSize[];
    } else throw new Error(`unknown argument ${arg ?? ''}; see bench/run.ts`);
  }
  return { sizes, keep, reportOnly, authFloodOnly };
}

function log(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

async function main(): Promise<void> {
  const { sizes, keep, reportOnly, authFloodOnly } = parseArgs(process.argv.slice(2));
  if (reportOnly) {
    writeFileSync(REPORT_FILE, renderReport(JSON.parse(readFileSync(RESULTS_FILE, 'utf8')) as BenchResults));
    log('rewrote docs/benchmarks.md from bench/results.json');
    return;
  }
  requireWrk();
  if (authFloodOnly) {
    await authFloodOnSmall(keep);
    return;
  }
  const machine = machineFacts();
  const bySize: Record<string, SizeResult> = {};
  const databases: string[] = [];
  for (const size of sizes) {
    log(`generating ${size}`);
    const { database, seconds } = await generate(size);
    databases.push(database);
    const applications = await rowCount(database, 'dasmo_domande');
    const flows = await rowCount(database, 'dasmo_sr41');
    log(`${size}: ${applications} applications, ${flows} flows in ${seconds.toFixed(1)}s; measuring the refresh`);
    const refresh = await measureRefresh(database, size === 'large' ? 3 : 5);
    bySize[size] = { applications, flows, generationSeconds: round(seconds, 1), refresh: roundAll(refresh) };
    if (size === 'medium' || (size === 'small' && !sizes.includes('medium'))) {
      const doubled = `${database}_history_x2`;
      log(`${size}: doubling the history`);
      await doubleHistory(database, doubled);
      databases.push(doubled);
      bySize[`${size}_history_x2`] = {
        applications: await rowCount(doubled, 'dasmo_domande'),
        flows: await rowCount(doubled, 'dasmo_sr41'),
        refresh: roundAll(await measureRefresh(doubled, 5)),
      };
    }
  }
  const largest = at(sizes, sizes.length - 1);
  const largestDb = `dasmo_bench_${largest}`;
  const plans = await explain(largestDb);
  log(`${largest}: serving and loading /metrics`);
  let results: BenchResults = {
    machine,
    referenceDay: REFERENCE_DAY,
    until: UNTIL,
    command: `npm run bench -- --sizes ${sizes.join(',')}`,
    sizes: bySize,
    explain: plans,
    scrapes: { size: largest, ...(await measureScrapes(largestDb)) },
  };
  log(`${largest}: valid scrapes during a flood of wrong credentials`);
  results = { ...results, authFlood: { size: largest, command: results.command, date: machine.date, ...(await measureAuthFlood(largestDb)) } };
  results = { ...results, dashboards: previousDashboards() };
  writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(REPORT_FILE, renderReport(results));
  log(`wrote bench/results.json and docs/benchmarks.md`);
  if (!keep) for (const database of databases) await adminQuery(`DROP DATABASE IF EXISTS ${database}`);
}

/** Measures the auth flood on a fresh small dataset and merges it into bench/results.json. */
async function authFloodOnSmall(keep: boolean): Promise<void> {
  log('generating small');
  const { database } = await generate('small');
  log('small: valid scrapes during a flood of wrong credentials');
  const flood = await measureAuthFlood(database);
  const previous = JSON.parse(readFileSync(RESULTS_FILE, 'utf8')) as BenchResults;
  const results: BenchResults = {
    ...previous,
    authFlood: { size: 'small', command: 'npm run bench -- --auth-flood-only', date: new Date().toISOString(), ...flood },
  };
  writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(REPORT_FILE, renderReport(results));
  log('merged the auth flood into bench/results.json and docs/benchmarks.md');
  if (!keep) await adminQuery(`DROP DATABASE IF EXISTS ${database}`);
}

/** The section `npm run bench:dashboards` wrote, which this benchmark does not measure. */
function previousDashboards(): BenchResults['dashboards'] {
  return existsSync(RESULTS_FILE) ? (JSON.parse(readFileSync(RESULTS_FILE, 'utf8')) as BenchResults).dashboards : undefined;
}

function roundAll<T extends object>(figures: T): T {
  return Object.fromEntries(Object.entries(figures).map(([key, value]) => [key, typeof value === 'number' ? round(value) : value])) as T;
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
