import { type ChildProcess, execFile, spawn, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { databaseUrl } from './databases';
import { round, timeSeconds } from './stats';

/** DASMO_BENCH_EXPORTER: another build's bin/dasmo-exporter.js, to measure a "before". */
export const EXPORTER_BIN = process.env.DASMO_BENCH_EXPORTER ?? join(__dirname, '..', '..', 'bin', 'dasmo-exporter.js');
/** The load, then one connection scraping back to back (what Prometheus does). */
const CONNECTIONS = [50, 1] as const;
export const DURATION_SECONDS = 20;

const execFileAsync = promisify(execFile);

export interface LoadFigures {
  /** autocannon (the tool, JavaScript) or wrk (C, lighter on the shared CPU). */
  readonly tool: 'autocannon' | 'wrk';
  readonly connections: number;
  /** CPU time the exporter used over the run, as a share of one core. */
  readonly exporterCpuPercent: number;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly errors: number;
  readonly non2xx: number;
  readonly megabytesPerSecond: number;
}

/** The longest event-loop delay of the serving thread, sampled by scrapes every 200 ms. */
interface EventLoopFigures {
  /** Over 20 s with nothing running. */
  readonly quietMaxMs: number;
  /** Over refreshes run back to back, for as long. */
  readonly refreshingMaxMs: number;
  readonly refreshes: number;
}

export interface ScrapeFigures {
  readonly startupRefreshSeconds: number;
  readonly rssAfterRefreshMiB: number;
  readonly peakRssMiB: number;
  readonly bodyBytes: number;
  readonly gzipBytes: number;
  readonly series: number;
  readonly loads: ReadonlyArray<LoadFigures & { readonly load: string }>;
  readonly eventLoop: EventLoopFigures;
  readonly durationSeconds: number;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function memoryMiB(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(status);
  return match === null ? NaN : round(Number(match[1]) / 1024, 1);
}

export async function waitReady(base: string, child: ChildProcess, headers: Record<string, string> = {}): Promise<void> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the exporter exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/-/ready`, { headers })).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** utime + stime of a process, in seconds. */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

export function figures(result: autocannon.Result, connections: number, cpu: number): LoadFigures {
  return {
    tool: 'autocannon',
    connections,
    exporterCpuPercent: round((cpu / DURATION_SECONDS) * 100, 0),
    requestsPerSecond: round(result.requests.average, 1),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    megabytesPerSecond: round(result.throughput.average / 2 ** 20, 1),
  };
}

/** Milliseconds from wrk's units (us, ms, s). */
function wrkMs(text: string): number {
  const match = /([\d.]+)(us|ms|s)/.exec(text);
  if (match === null) return NaN;
  const value = Number(match[1]);
  return round(match[2] === 'us' ? value / 1000 : match[2] === 's' ? value * 1000 : value, 2);
}

function wrkMiB(text: string): number {
  const match = /([\d.]+)(B|KB|MB|GB)/.exec(text);
  if (match === null) return NaN;
  const scale: Record<string, number> = { B: 1 / 2 ** 20, KB: 1 / 1024, MB: 1, GB: 1024 };
  const factor = match[2] === undefined ? undefined : scale[match[2]];
  return factor === undefined ? NaN : round(Number(match[1]) * factor, 1);
}

export function requireWrk(): void {
  if (spawnSync('wrk', ['--version']).error !== undefined) {
    throw new Error("wrk is missing: install Debian's package with apt-get install -y wrk");
  }
}

export async function runWrk(url: string, connections: number, headers: Record<string, string>, pid: number): Promise<LoadFigures> {
  const before = cpuSeconds(pid);
  const args = ['-t', String(Math.min(2, connections)), '-c', String(connections), '-d', `${DURATION_SECONDS}s`, '--latency'];
  for (const [name, value] of Object.entries(headers)) args.push('-H', `${name}: ${value}`);
  const { stdout } = await execFileAsync('wrk', [...args, url]);
  const cpu = cpuSeconds(pid) - before;
  const line = (prefix: RegExp): string => stdout.split('\n').find((l) => prefix.test(l)) ?? '';
  const latency = line(/^\s+Latency\s/).trim().split(/\s+/);
  const errors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(stdout);
  return {
    tool: 'wrk',
    connections,
    exporterCpuPercent: round((cpu / DURATION_SECONDS) * 100, 0),
    requestsPerSecond: round(Number(line(/^Requests\/sec:/).split(':')[1]), 1),
    p50Ms: wrkMs(line(/^\s+50%/)),
    p99Ms: wrkMs(line(/^\s+99%/)),
    maxMs: wrkMs(latency[3] ?? ''),
    errors: errors === null ? 0 : errors.slice(1).reduce((total, n) => total + Number(n), 0),
    non2xx: Number(/Non-2xx or 3xx responses: (\d+)/.exec(stdout)?.[1] ?? 0),
    megabytesPerSecond: wrkMiB(line(/^Transfer\/sec:/).split(':')[1] ?? ''),
  };
}

const ACCEPT = { accept: 'application/openmetrics-text; version=1.0.0' };
export const GZIP_HEADERS = { ...ACCEPT, 'accept-encoding': 'gzip' };

/** Runs `POST /-/refresh` back to back until `loading()` turns false; returns how many ran. */
async function refreshWhile(base: string, loading: () => boolean): Promise<number> {
  let refreshes = 0;
  while (loading()) {
    const response = await fetch(`${base}/-/refresh`, { method: 'POST' });
    if (response.status >= 300) throw new Error(`POST /-/refresh answered ${response.status}`);
    refreshes += 1;
  }
  return refreshes;
}

/**
 * The largest `nodejs_eventloop_lag_max_seconds` (prom-client resets it at each scrape) over
 * `seconds`, scraping every 200 ms, in milliseconds.
 */
async function maxEventLoopLagMs(base: string, seconds: number): Promise<number> {
  let max = 0;
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const text = await (await fetch(`${base}/metrics`, { headers: GZIP_HEADERS })).text();
    const match = /^nodejs_eventloop_lag_max_seconds ([\d.e+-]+)$/m.exec(text);
    if (match === null) throw new Error('no nodejs_eventloop_lag_max_seconds in /metrics');
    max = Math.max(max, Number(match[1]) * 1000);
  }
  return round(max, 1);
}

async function measureEventLoop(base: string): Promise<EventLoopFigures> {
  const quietMaxMs = await maxEventLoopLagMs(base, DURATION_SECONDS);
  let loading = true;
  const refreshing = refreshWhile(base, () => loading);
  const refreshingMaxMs = await maxEventLoopLagMs(base, DURATION_SECONDS);
  loading = false;
  return { quietMaxMs, refreshingMaxMs, refreshes: await refreshing };
}

/** Starts `serve` on `database`, waits for the first snapshot, then loads /metrics with autocannon. */
export async function measureScrapes(database: string): Promise<ScrapeFigures> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [EXPORTER_BIN, 'serve', `--web.listen-address=127.0.0.1:${port}`, '--web.enable-unauthenticated-refresh'], {
    env: { ...process.env, DASMO_DATABASE_URL: databaseUrl(database), DASMO_LOG_LEVEL: 'warn', DASMO_REFRESH_MIN_INTERVAL_SECONDS: '0' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    const startupRefreshSeconds = await timeSeconds(() => waitReady(base, child));
    const pid = child.pid as number;
    const rssAfterRefreshMiB = memoryMiB(pid, 'VmRSS');
    const body = Buffer.from(await (await fetch(`${base}/metrics`, { headers: ACCEPT })).arrayBuffer());
    const gzipResponse = await fetch(`${base}/metrics`, { headers: { ...ACCEPT, 'accept-encoding': 'gzip' }, decompress: false } as RequestInit);
    const gzipBytes = Number(gzipResponse.headers.get('content-length') ?? (await gzipResponse.arrayBuffer()).byteLength);
    const series = body.toString('utf8').split('\n').filter((line) => line !== '' && !line.startsWith('#')).length;

    const runAutocannon = async (connections: number, headers: Record<string, string>): Promise<LoadFigures> => {
      const before = cpuSeconds(pid);
      const result = await autocannon({ url: `${base}/metrics`, connections, duration: DURATION_SECONDS, headers });
      return figures(result, connections, cpuSeconds(pid) - before);
    };
    const eventLoop = await measureEventLoop(base);
    const loads: Array<LoadFigures & { load: string }> = [];
    for (const connections of CONNECTIONS) {
      for (const run of [runAutocannon, (c: number, h: Record<string, string>) => runWrk(`${base}/metrics`, c, h, pid)]) {
        loads.push({ load: 'plain', ...(await run(connections, ACCEPT)) });
        loads.push({ load: 'gzip', ...(await run(connections, GZIP_HEADERS)) });
        let loading = true;
        const refreshing = refreshWhile(base, () => loading);
        const during = await run(connections, GZIP_HEADERS);
        loading = false;
        loads.push({ load: `gzip, during ${await refreshing} refresh(es)`, ...during });
      }
    }
    return {
      startupRefreshSeconds: round(startupRefreshSeconds, 2),
      rssAfterRefreshMiB,
      peakRssMiB: memoryMiB(pid, 'VmHWM'),
      bodyBytes: body.length,
      gzipBytes,
      series,
      loads,
      eventLoop,
      durationSeconds: DURATION_SECONDS,
    };
  } finally {
    child.kill('SIGTERM');
  }
}
