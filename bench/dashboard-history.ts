/**
 * The backfilled history of the dashboard benchmark, written as a user would: `dasmo-exporter
 * backfill --out` then `promtool tsdb create-blocks-from openmetrics` for Prometheus, and
 * `backfill --import-url` for VictoriaMetrics. Every step runs under `/usr/bin/time -v`, which
 * gives its wall time and peak RSS.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { databaseUrl } from './databases';
import { round } from './stats';

/** The labels the stack's scrape job gives the exporter's series (deploy/victoriametrics/scrape.yml). */
export const SCRAPE_JOB = 'dasmo';
export const SCRAPE_INSTANCE = 'exporter:9713';
export const BENCH_ZONE = 'Europe/Rome';

export interface StepCost {
  readonly wallSeconds: number;
  readonly peakRssMiB: number;
}

const BIN = join(__dirname, '..', '..', 'bin', 'dasmo-exporter.js');

/** `m:ss.ss` or `h:mm:ss` as /usr/bin/time prints the elapsed time. */
function clockSeconds(text: string): number {
  return text.split(':').reduce((total, part) => total * 60 + Number(part), 0);
}

/** Runs `command` under /usr/bin/time -v; its own stderr goes to ours, except time's report. */
export function timed(command: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<StepCost> {
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/time', ['-v', command, ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1];
      const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)/.exec(stderr)?.[1];
      if (code !== 0 || rss === undefined || wall === undefined) {
        reject(new Error(`${command} ${args.join(' ')} exited ${String(code)}: ${stderr.slice(-2000)}`));
        return;
      }
      resolve({ wallSeconds: round(clockSeconds(wall), 1), peakRssMiB: round(Number(rss) / 1024, 1) });
    });
  });
}

export interface BackfillRange {
  readonly database: string;
  readonly from: string;
  readonly to: string;
}

function backfillArgs(range: BackfillRange, target: readonly string[]): string[] {
  return [BIN, 'backfill', '--from', range.from, '--to', range.to, ...target, '--job', SCRAPE_JOB, '--instance', SCRAPE_INSTANCE];
}

function backfillEnv(range: BackfillRange): NodeJS.ProcessEnv {
  return { ...process.env, DASMO_DATABASE_URL: databaseUrl(range.database), DASMO_TIMEZONE: BENCH_ZONE };
}

export function backfillToFile(range: BackfillRange, file: string): Promise<StepCost> {
  return timed(process.execPath, backfillArgs(range, ['--out', file]), backfillEnv(range));
}

export function backfillIntoVictoriaMetrics(range: BackfillRange, baseUrl: string): Promise<StepCost> {
  return timed(process.execPath, backfillArgs(range, ['--import-url', `${baseUrl}/api/v1/import/prometheus`]), backfillEnv(range));
}

/** One block for the whole file, as docs/backfill.md recommends. */
export function createBlocks(file: string, dataDir: string): Promise<StepCost> {
  return timed('promtool', ['tsdb', 'create-blocks-from', 'openmetrics', '--max-block-duration=43800h', file, dataDir]);
}
