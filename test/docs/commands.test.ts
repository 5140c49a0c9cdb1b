/**
 * Every shell command shown in README.md and docs/*.md is exercised, so the docs cannot rot.
 *
 * REGISTRY below lists each documented command (exactly as extracted: one line, continuations
 * joined, trailing comment dropped) and says how it is exercised:
 * - `run`: this test runs it, in a shell, against throwaway databases, with temporary files
 *   and ports standing in for the example paths and addresses (`replace`);
 * - `evidence`: CI (.ci/run) or another test runs or validates it; each evidence file must
 *   contain the given text, which the test checks;
 * - both, for compound commands whose parts are run in different places.
 * A documented command without an entry fails, and so does an entry no document shows.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import bcrypt from 'bcryptjs';
import mysql from 'mysql2/promise';
import { loadHandMadeDataset } from '../support/hand-made';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { freePort } from '../support/processes';
import { toolPath } from '../stack/support/stack-files';
import { documentationFiles, documentedCommands, fencedBlocks, REPO_ROOT } from './support/doc-commands';
import { HANG_CEILING_MS } from '../support/hang-ceiling';

/**
 * What the runs share: databases, a scratch directory, and a checkout: a built copy of the
 * repository where the commands that write files in the current directory run (`npx
 * dasmo-exporter` works in a checkout after `npm ci && npm run build`, and only there).
 */
interface Context {
  readonly handMade: TestDatabase;
  readonly scaling: TestDatabase;
  readonly demo: TestDatabase;
  /** Where docs/backfill.md's measurement commands write their (small) dataset. */
  readonly measure: TestDatabase;
  readonly dir: string;
  readonly checkout: string;
  readonly port: number;
  /** An empty web config: plain HTTP, no authentication (what /etc/dasmo/web.yml stands for). */
  readonly webConfig: string;
  /** A file holding the hand-made database's URL (what /etc/dasmo/database-url stands for). */
  readonly urlFile: string;
}

interface Result {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

interface RunSpec {
  /** The part of the command run here, when the rest is evidenced elsewhere (default: all of it). */
  readonly part?: string;
  /** Example paths, hosts and ports replaced by test ones. */
  readonly replace?: (ctx: Context) => Array<[string, string]>;
  readonly env?: (ctx: Context) => Record<string, string>;
  readonly cwd?: (ctx: Context) => string;
  /** A service: wait until this URL answers 200 (and `readyFile` exists), then SIGTERM its process group. */
  readonly readyUrl?: (ctx: Context) => string;
  /** A service the command talks to, started before it (and ready) and stopped after it. */
  readonly alongside?: (ctx: Context) => Alongside;
  /** The state file, written just after the snapshot is published. */
  readonly readyFile?: (ctx: Context) => string;
  readonly check: (result: Result, ctx: Context) => void | Promise<void>;
}

interface Alongside {
  readonly script: string;
  readonly env: Record<string, string>;
  readonly readyUrl: string;
}

interface Entry {
  readonly command: string;
  /** How the command is exercised, in words. */
  readonly how: string;
  readonly evidence?: ReadonlyArray<{ file: string; text: string }>;
  readonly run?: RunSpec;
}

const WEB_YML = '/etc/dasmo/web.yml';
const CI = '.ci/run';

/** The small-dataset figures of docs/scaling.md, re-measured by the scaling commands below. */
const SCALING_SMALL = { series: 142_664, applicationSets: 3_572, sr41Sets: 3_662, bytes: 17_062_973, gzipBytes: 572_826 };
const scalingFile = (ctx: Context): Array<[string, string]> => [['snapshot.txt', join(ctx.dir, 'snapshot.txt')]];
const scalingDb = (ctx: Context): Array<[string, string]> => [['mysql://root@127.0.0.1:3306/dasmo_scaling', ctx.scaling.url]];
const oneNumber = (expected: number) => (result: Result) => {
  expect(result.stderr).toBe('');
  expect(Number(result.stdout.trim())).toBe(expected);
};

const promtoolWroteBlocks = (result: Result, ctx: Context): void => {
  expect([result.status, result.stderr]).toEqual([0, expect.any(String)]);
  const blocks = spawnSync('find', [join(ctx.checkout, 'blocks'), '-name', 'meta.json'], { encoding: 'utf8' }).stdout.trim();
  expect(blocks).not.toBe('');
};

const dockerValidated = (command: string, file: string): Entry => ({
  command,
  how: `needs a Docker engine: ${file} validates what it acts on without one`,
  evidence: [{ file, text: command }],
});

export const REGISTRY: readonly Entry[] = [
  // README.md
  {
    command: 'npm ci && npm run demo',
    how: 'npm ci: CI; npm run demo: run here in a copy of the sources, on a fresh database, until the exporter is ready',
    evidence: [{ file: CI, text: 'npm ci' }],
    run: {
      part: 'npm run demo',
      cwd: (ctx) => ctx.checkout,
      env: (ctx) => ({ DASMO_DATABASE_URL: ctx.demo.url, DASMO_LISTEN_ADDRESS: `127.0.0.1:${ctx.port}`, DASMO_LOG_LEVEL: 'warn' }),
      readyUrl: (ctx) => `http://127.0.0.1:${ctx.port}/-/ready`,
      readyFile: (ctx) => join(ctx.checkout, 'state', 'snapshot.state'),
      check: async (result, ctx) => {
        expect(result.stderr).toContain(`DASMO demo: the exporter serves http://127.0.0.1:${ctx.port}/metrics`);
        const [rows] = await ctx.demo.admin.query<mysql.RowDataPacket[]>('SELECT COUNT(*) AS n FROM dasmo_domande');
        expect(Number(rows[0]?.n)).toBe(50_000);
        expect(existsSync(join(ctx.checkout, 'state', 'snapshot.state'))).toBe(true);
      },
    },
  },
  { command: 'npm ci && npm test', how: 'the CI script runs exactly this', evidence: [{ file: CI, text: 'npm ci && npm test' }] },
  dockerValidated('docker compose up', 'test/stack/compose.test.ts'),
  {
    command:
      'DASMO_DATABASE_URL_FILE=/etc/dasmo/database-url DASMO_STATE_DIR=/var/lib/dasmo-exporter npx dasmo-exporter serve --web.listen-address=:9713 --web.config.file=/etc/dasmo/web.yml',
    how: 'run here until ready, then SIGTERM: URL file, state directory, port and web config replaced by test ones',
    run: {
      replace: (ctx) => [
        ['/etc/dasmo/database-url', ctx.urlFile],
        ['/var/lib/dasmo-exporter', join(ctx.dir, 'serve-state')],
        ['--web.listen-address=:9713', `--web.listen-address=127.0.0.1:${ctx.port}`],
        [WEB_YML, ctx.webConfig],
      ],
      readyUrl: (ctx) => `http://127.0.0.1:${ctx.port}/-/ready`,
      readyFile: (ctx) => join(ctx.dir, 'serve-state', 'snapshot.state'),
      check: (result, ctx) => {
        expect(result.stdout).toContain('"event":"stopped"');
        expect(existsSync(join(ctx.dir, 'serve-state', 'snapshot.state'))).toBe(true);
      },
    },
  },
  {
    command: 'npx dasmo-exporter check-config --web.config.file=/etc/dasmo/web.yml',
    how: 'run here on the hand-made dataset with an empty web config',
    run: {
      replace: (ctx) => [[WEB_YML, ctx.webConfig]],
      env: (ctx) => ({ DASMO_DATABASE_URL: ctx.handMade.url }),
      check: checkConfigPasses,
    },
  },
  // docs/operations.md
  {
    command: `curl -s localhost:9713/metrics | /usr/bin/python3 -c 'import sys; from prometheus_client.openmetrics.parser import text_string_to_metric_families as parse; print(len(list(parse(sys.stdin.read()))), "metric families: valid OpenMetrics")'`,
    how:
      'run here against `npx dasmo-exporter serve` on the hand-made dataset (Debian python3-prometheus-client, which .ci/run installs); ' +
      'and `promtool check metrics`, which the page says cannot read the output, is seen refusing it',
    run: {
      replace: (ctx) => [['localhost:9713', `127.0.0.1:${ctx.port}`]],
      alongside: (ctx) => ({
        script: `npx dasmo-exporter serve --web.listen-address=127.0.0.1:${ctx.port}`,
        env: { DASMO_DATABASE_URL: ctx.handMade.url, DASMO_LOG_LEVEL: 'warn' },
        readyUrl: `http://127.0.0.1:${ctx.port}/-/ready`,
      }),
      check: (result, ctx) => {
        if (result.stderr.includes("No module named 'prometheus_client'")) {
          throw new Error("Debian's python3-prometheus-client is missing: apt-get install -y python3-prometheus-client (.ci/run installs it)");
        }
        expect([result.status, result.stderr]).toEqual([0, '']);
        // The 17 snapshot metrics of the README's table, then the exporter's own and the process metrics.
        const families = Number(/^(\d+) metric families: valid OpenMetrics\n$/.exec(result.stdout)?.[1]);
        expect(families).toBeGreaterThan(17);
        const promtool = spawnSync('sh', ['-c', 'npx dasmo-exporter snapshot --reference-date 2021-03-28 | promtool check metrics'], {
          encoding: 'utf8',
          cwd: REPO_ROOT,
          env: commandEnv({ DASMO_DATABASE_URL: ctx.handMade.url }),
        });
        expect([promtool.status, promtool.stderr]).toEqual([1, expect.stringContaining('unknown metric type "info"')]);
      },
    },
  },
  // docs/alerting.md, docs/dashboards.md
  {
    command: 'npx tsc -p monitoring/tsconfig.json && node dist/monitoring/generate-main.js',
    how: 'test/monitoring/generated-files.test.ts fails, naming this command, unless running it would leave every generated file as committed',
    evidence: [{ file: 'test/monitoring/generated-files.test.ts', text: 'npx tsc -p monitoring/tsconfig.json && node dist/monitoring/generate-main.js' }],
  },
  {
    command: 'npx jest test/monitoring',
    how: 'CI runs npm test, i.e. jest over every test including test/monitoring',
    evidence: [
      { file: CI, text: 'npm ci && npm test' },
      { file: 'package.json', text: '"test": "jest"' },
    ],
  },
  {
    command: 'promtool check rules monitoring/prometheus/dasmo-rules.yml',
    how: 'run here',
    run: { check: (result) => expect([result.status, result.stdout]).toEqual([0, expect.stringMatching(/SUCCESS: \d+ rules found/)]) },
  },
  {
    command: 'cd monitoring/prometheus && promtool test rules dasmo-rules.test.yml dasmo-rules-weekly.test.yml',
    how: 'test/monitoring/promtool.test.ts runs promtool test rules on every *.test.yml of monitoring/prometheus, from that directory (running them twice would only double the heaviest promtool work of the suite)',
    evidence: [{ file: 'test/monitoring/promtool.test.ts', text: 'cd monitoring/prometheus && promtool test rules dasmo-rules.test.yml dasmo-rules-weekly.test.yml' }],
  },
  // docs/configuration.md
  {
    command: 'npx dasmo-exporter check-config --web.config.file /etc/dasmo/web.yml',
    how: 'run here on the hand-made dataset with an empty web config',
    run: { replace: (ctx) => [[WEB_YML, ctx.webConfig]], env: (ctx) => ({ DASMO_DATABASE_URL: ctx.handMade.url }), check: checkConfigPasses },
  },
  {
    command: 'npx dasmo-exporter --help',
    how: 'run here',
    run: {
      check: (result) => {
        expect(result.status).toBe(0);
        for (const word of ['serve', 'snapshot', 'check-config', 'demo-data', 'backfill', 'DASMO_DATABASE_URL']) expect(result.stdout).toContain(word);
      },
    },
  },
  {
    command: `htpasswd -nbBC 10 "" 'the password' | tr -d ':\\n'; echo`,
    how: 'run here (apache2-utils, installed by .ci/run); the hash must match the password',
    run: {
      check: (result) => {
        expect(result.status).toBe(0);
        expect(bcrypt.compareSync('the password', result.stdout.trim())).toBe(true);
      },
    },
  },
  {
    command: `node -e "console.log(require('bcryptjs').hashSync(process.argv[1], 10))" 'the password'`,
    how: 'run here; the hash must match the password',
    run: {
      check: (result) => {
        expect(result.status).toBe(0);
        expect(bcrypt.compareSync('the password', result.stdout.trim())).toBe(true);
      },
    },
  },
  // docs/backfill.md: run on the hand-made dataset (and the measurement at size small), in the checkout
  {
    command: 'npx dasmo-exporter backfill --from 2020-03-01 --to 2021-12-31 --out dasmo-history.om --job dasmo --instance dasmo-exporter:9713',
    how: 'run here on the hand-made dataset',
    run: {
      cwd: (ctx) => ctx.checkout,
      env: (ctx) => ({ DASMO_DATABASE_URL: ctx.handMade.url }),
      check: (result, ctx) => {
        expect([result.status, result.stderr]).toEqual([0, expect.stringContaining('671 days')]);
        const history = readFileSync(join(ctx.checkout, 'dasmo-history.om'), 'utf8');
        expect(history.endsWith('# EOF\n')).toBe(true);
        expect(history).toContain('job="dasmo",instance="dasmo-exporter:9713"');
      },
    },
  },
  {
    command: 'promtool tsdb create-blocks-from openmetrics --max-block-duration=43800h dasmo-history.om blocks/',
    how: 'run here on the file the command above wrote',
    run: { cwd: (ctx) => ctx.checkout, check: promtoolWroteBlocks },
  },
  {
    command: 'npx dasmo-exporter backfill --from 2020-03-01 --to 2020-06-30 --out part.om --instance dasmo-exporter:9713',
    how: 'run here on the hand-made dataset',
    run: { cwd: (ctx) => ctx.checkout, env: (ctx) => ({ DASMO_DATABASE_URL: ctx.handMade.url }), check: (result) => expect(result.status).toBe(0) },
  },
  {
    command: 'promtool tsdb create-blocks-from openmetrics --max-block-duration=4374h part.om blocks/',
    how: 'run here on the file the command above wrote',
    run: { cwd: (ctx) => ctx.checkout, check: promtoolWroteBlocks },
  },
  {
    command: 'npx dasmo-exporter backfill --from 2020-03-01 --to 2021-12-31 --import-url http://victoriametrics:8428/api/v1/import/prometheus --instance exporter:9713',
    how: 'needs a VictoriaMetrics at victoriametrics:8428: test/backfill/victoria-import.test.ts runs the same options against a real one',
    evidence: [{ file: 'test/backfill/victoria-import.test.ts', text: '--import-url http://victoriametrics:8428/api/v1/import/prometheus --instance exporter:9713' }],
  },
  {
    command: 'DASMO_DATABASE_URL=mysql://root@127.0.0.1:3306/dasmo_large npx dasmo-exporter demo-data --size large --until 2021-12-31',
    how: 'run here at size small on a throwaway database (large takes minutes; the figures in the doc come from the large run)',
    run: {
      replace: (ctx) => [['mysql://root@127.0.0.1:3306/dasmo_large', ctx.measure.url], ['--size large', '--size small']],
      check: (result) => expect([result.status, result.stdout]).toEqual([0, expect.stringContaining('50000 applications')]),
    },
  },
  {
    command: 'DASMO_DATABASE_URL=mysql://root@127.0.0.1:3306/dasmo_large /usr/bin/time -v npx dasmo-exporter backfill --from 2020-03-01 --to 2021-12-31 --out covid.om',
    how: 'run here on the small dataset above, over its last week only (the whole period takes minutes)',
    run: {
      cwd: (ctx) => ctx.checkout,
      replace: (ctx) => [['mysql://root@127.0.0.1:3306/dasmo_large', ctx.measure.url], ['--from 2020-03-01', '--from 2021-12-25']],
      check: (result) => expect([result.status, result.stderr]).toEqual([0, expect.stringContaining('Maximum resident set size')]),
    },
  },
  {
    command: '/usr/bin/time -v promtool tsdb create-blocks-from openmetrics --max-block-duration=43800h covid.om blocks/',
    how: 'run here on the file the command above wrote',
    run: { cwd: (ctx) => ctx.checkout, check: promtoolWroteBlocks },
  },
  // docs/scaling.md: the small-dataset figures of its table
  {
    command: 'npm run build',
    how: 'CI: npm test runs it first (pretest)',
    evidence: [{ file: 'package.json', text: '"pretest": "npm run build' }, { file: CI, text: 'npm test' }],
  },
  {
    command: 'DASMO_DATABASE_URL=mysql://root@127.0.0.1:3306/dasmo_scaling npx dasmo-exporter demo-data --size small --until 2026-11-21',
    how: 'run here on a throwaway database',
    run: {
      replace: scalingDb,
      check: (result) => {
        expect(result.status).toBe(0);
        expect(result.stdout).toMatch(/^demo data written: 450 offices, 50000 applications, /);
      },
    },
  },
  {
    command: 'DASMO_DATABASE_URL=mysql://root@127.0.0.1:3306/dasmo_scaling npx dasmo-exporter snapshot --reference-date 2026-11-21 > snapshot.txt',
    how: 'run here on that database',
    run: { replace: (ctx) => [...scalingDb(ctx), ...scalingFile(ctx)], check: (result) => expect([result.status, result.stderr]).toEqual([0, '']) },
  },
  { command: "grep -vc '^#' snapshot.txt", how: 'run here', run: { replace: scalingFile, check: oneNumber(SCALING_SMALL.series) } },
  {
    command: "grep -c '^dasmo_applications_received_total{' snapshot.txt",
    how: 'run here',
    run: { replace: scalingFile, check: oneNumber(SCALING_SMALL.applicationSets) },
  },
  {
    command: "grep -c '^dasmo_sr41_flows_received_total{' snapshot.txt",
    how: 'run here',
    run: { replace: scalingFile, check: oneNumber(SCALING_SMALL.sr41Sets) },
  },
  { command: 'wc -c < snapshot.txt', how: 'run here', run: { replace: scalingFile, check: oneNumber(SCALING_SMALL.bytes) } },
  {
    command: 'gzip -c snapshot.txt | wc -c',
    how: 'run here (within 2 %: the compressed size depends on the gzip build)',
    run: {
      replace: scalingFile,
      check: (result) => expect(Math.abs(Number(result.stdout.trim()) / SCALING_SMALL.gzipBytes - 1)).toBeLessThan(0.02),
    },
  },
  // docs/stack.md
  dockerValidated('docker compose up -d', 'test/stack/compose.test.ts'),
  dockerValidated('docker compose ps', 'test/stack/compose.test.ts'),
  dockerValidated('docker compose logs -f exporter', 'test/stack/compose.test.ts'),
  dockerValidated('docker compose down', 'test/stack/compose.test.ts'),
  dockerValidated('docker compose down -v', 'test/stack/compose.test.ts'),
  dockerValidated('DASMO_DEMO_SIZE=medium docker compose up', 'test/stack/compose.test.ts'),
  dockerValidated('docker compose -f docker-compose.prometheus.yml up', 'test/stack/compose.test.ts'),
  dockerValidated('docker build -t dasmo-exporter:0.1.0 .', 'test/stack/dockerfile.test.ts'),
  dockerValidated(
    'docker run --rm -e DASMO_DATABASE_URL_FILE=/run/secrets/url -v /etc/dasmo/database-url:/run/secrets/url:ro dasmo-exporter:0.1.0 check-config',
    'test/stack/dockerfile.test.ts',
  ),
];

function checkConfigPasses(result: Result): void {
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  expect(result.stdout).toMatch(/^applications: .* OK$/m);
}

/** A checkout in a scratch directory: the sources, build files and the build (node_modules linked), as after `npm ci && npm run build`. */
function makeCheckout(dir: string): string {
  const copy = join(dir, 'checkout');
  mkdirSync(copy);
  for (const path of ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'src', 'bin', 'schema', 'dist']) {
    cpSync(join(REPO_ROOT, path), join(copy, path), { recursive: true });
  }
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(copy, 'node_modules'));
  return copy;
}

/**
 * The test's environment without DASMO_ settings. Nothing puts `dasmo-exporter` on PATH: the
 * documents must run it as `npx dasmo-exporter`, which finds it in the checkout; and npx may
 * never fetch a package of that name from the registry instead (offline, no install).
 */
function commandEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('DASMO_')) env[key] = value;
  return { ...env, npm_config_yes: 'false', npm_config_offline: 'true', ...extra };
}

/** How each simple command of a shell line runs the exporter, if it does: `npx dasmo-exporter`, `dasmo-exporter`, `node bin/dasmo-exporter.js`... */
function exporterInvocations(command: string): string[] {
  const found: string[] = [];
  for (const part of command.split(/&&|\|\||[|;]/)) {
    const words = part.trim().split(/\s+/).filter((word) => !/^[A-Z_][A-Z0-9_]*=/.test(word));
    if (words[0] === '/usr/bin/time' || words[0] === 'time') words.splice(0, words[1] === '-v' ? 2 : 1);
    const launcher = words[0] === 'npx' || words[0] === 'node' ? `${words[0]} ` : '';
    const program = launcher === '' ? words[0] : words[1];
    if (program !== undefined && /(^|\/)dasmo-exporter(\.js)?$/.test(program)) found.push(`${launcher}${program}`);
  }
  return found;
}

function prepared(entry: Entry, ctx: Context): { script: string; env: NodeJS.ProcessEnv; cwd: string } {
  const spec = entry.run as RunSpec;
  let script = spec.part ?? entry.command;
  for (const [from, to] of spec.replace?.(ctx) ?? []) {
    if (!script.includes(from)) throw new Error(`registry: ${JSON.stringify(from)} is not in ${script}`);
    script = script.split(from).join(to);
  }
  return { script, env: commandEnv(spec.env?.(ctx) ?? {}), cwd: spec.cwd?.(ctx) ?? REPO_ROOT };
}

function runOnce(entry: Entry, ctx: Context): Result {
  const { script, env, cwd } = prepared(entry, ctx);
  const result = spawnSync('sh', ['-c', script], { encoding: 'utf8', env, cwd, timeout: HANG_CEILING_MS });
  if (result.error !== undefined) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A shell command in its own process group, its output collected. */
function spawnShell(script: string, env: NodeJS.ProcessEnv, cwd: string): { stop(): void; exited(): boolean; result: Promise<Result>; stderr(): string } {
  const child = spawn('sh', ['-c', script], { env, cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let exited = false;
  const result = new Promise<Result>((resolve) =>
    child.on('close', (status) => {
      exited = true;
      resolve({ status, stdout, stderr });
    }),
  );
  return {
    stop: () => {
      if (!exited && child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
    },
    exited: () => exited,
    result,
    stderr: () => stderr,
  };
}

/** Starts a service command, waits for its ready URL (and file); stops it with SIGTERM on failure. */
async function startReady(script: string, env: NodeJS.ProcessEnv, cwd: string, readyUrl: string, readyFile?: string): Promise<ReturnType<typeof spawnShell>> {
  const service = spawnShell(script, env, cwd);
  const deadline = Date.now() + HANG_CEILING_MS;
  try {
    for (;;) {
      if (service.exited()) throw new Error(`exited before being ready:\n${service.stderr()}`);
      if (Date.now() > deadline) throw new Error(`not ready within ${HANG_CEILING_MS / 1000} s:\n${service.stderr()}`);
      const status = await fetch(readyUrl).then((response) => response.status, () => 0);
      if (status === 200 && (readyFile === undefined || existsSync(readyFile))) return service;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } catch (error) {
    service.stop();
    await service.result;
    throw error;
  }
}

/** Starts a service command in its own process group, waits for its ready URL, then stops it with SIGTERM. */
async function runService(entry: Entry, ctx: Context): Promise<Result> {
  const { script, env, cwd } = prepared(entry, ctx);
  const spec = entry.run as RunSpec;
  const service = await startReady(script, env, cwd, spec.readyUrl?.(ctx) as string, spec.readyFile?.(ctx));
  service.stop();
  return service.result;
}

/** Runs a command while the service it talks to runs, then stops that service. */
async function runAlongside(entry: Entry, ctx: Context): Promise<Result> {
  const { script, env, cwd } = prepared(entry, ctx);
  const other = (entry.run as RunSpec).alongside?.(ctx) as Alongside;
  const service = await startReady(other.script, commandEnv(other.env), REPO_ROOT, other.readyUrl);
  try {
    return await spawnShell(script, env, cwd).result;
  } finally {
    service.stop();
    await service.result;
  }
}

describe('documented commands', () => {
  const documented = documentedCommands();

  it('should find commands in the README and the docs', () => {
    expect(documented.length).toBeGreaterThan(10);
  });

  it('should put every fenced block under a language, so that no command hides in an untagged one', () => {
    const untagged = documentationFiles().flatMap((file) => fencedBlocks(file).filter((block) => block.language === '').map((block) => block.file));
    expect(untagged).toEqual([]);
  });

  it.each(documented.map((d) => [d.command, d.files.join(', ')]))('%s (%s) should be in the registry', (command) => {
    if (!REGISTRY.some((entry) => entry.command === command)) {
      throw new Error(`unregistered documented command: ${command}\nadd it to REGISTRY in test/docs/commands.test.ts with the test or CI step that runs it`);
    }
  });

  it('should have no registry entry that no document shows, and no duplicate', () => {
    const shown = documented.map((d) => d.command);
    expect(REGISTRY.map((entry) => entry.command).filter((command) => !shown.includes(command))).toEqual([]);
    expect(new Set(REGISTRY.map((entry) => entry.command)).size).toBe(REGISTRY.length);
  });

  it.each(REGISTRY.filter((entry) => entry.evidence !== undefined).map((entry) => [entry.command, entry]))(
    '%s: its evidence files should contain it',
    (_command, entry) => {
      for (const { file, text } of entry.evidence ?? []) {
        const path = join(REPO_ROOT, file);
        expect([file, existsSync(path)]).toEqual([file, true]);
        expect([file, readFileSync(path, 'utf8').includes(text)]).toEqual([file, true]);
      }
    },
  );

  it.each(REGISTRY.filter((entry) => entry.command.startsWith('npx jest ')).map((entry) => [entry.command]))(
    '%s should name folders of jest tests that npm test runs',
    (command) => {
      for (const path of command.split(/\s+/).slice(2)) {
        const found = spawnSync('find', [join(REPO_ROOT, path), '-name', '*.test.ts'], { encoding: 'utf8' }).stdout.trim();
        expect([path, path.startsWith('test/'), found !== '']).toEqual([path, true, true]);
      }
    },
  );

  it('should run the exporter only as `npx dasmo-exporter`, the form that works in a checkout after npm ci', () => {
    const invocations = documented.flatMap((d) => exporterInvocations(d.command).map((form) => [form, d.command]));
    expect(invocations.length).toBeGreaterThan(8);
    expect(invocations.filter(([form]) => form !== 'npx dasmo-exporter')).toEqual([]);
  });

  it.each([
    ['dasmo-exporter --help', ['dasmo-exporter']],
    ['A=1 /usr/bin/time -v node bin/dasmo-exporter.js snapshot > s.txt', ['node bin/dasmo-exporter.js']],
    ['npx dasmo-exporter backfill --instance dasmo-exporter:9713 && dasmo-exporter check-config', ['npx dasmo-exporter', 'dasmo-exporter']],
    ['DASMO_STATE_DIR=/var/lib/dasmo-exporter docker run dasmo-exporter:0.1.0 check-config', []],
  ])('should see how %s runs the exporter', (command, expected) => {
    expect(exporterInvocations(command)).toEqual(expected);
  });

  it('should run or evidence every entry', () => {
    const neither = REGISTRY.filter((entry) => entry.run === undefined && entry.evidence === undefined);
    expect(neither.map((entry) => entry.command)).toEqual([]);
    for (const entry of REGISTRY) if (entry.run?.part !== undefined) expect(entry.command).toContain(entry.run.part);
  });
});

describe('documented commands, run', () => {
  let ctx: Context;
  // What beforeAll made, so that a set-up failing halfway still cleans up after itself.
  const databases: TestDatabase[] = [];
  let dir: string | undefined;

  beforeAll(async () => {
    toolPath('promtool');
    dir = mkdtempSync(join(tmpdir(), 'dasmo-doc-commands-'));
    const checkout = makeCheckout(dir);
    const database = async (options: { withSchema?: boolean } = {}): Promise<TestDatabase> => {
      const created = await createTestDatabase(options);
      databases.push(created);
      return created;
    };
    const handMade = await database();
    await loadHandMadeDataset(handMade);
    const scaling = await database({ withSchema: false });
    const demo = await database({ withSchema: false });
    const measure = await database({ withSchema: false });
    const webConfig = join(dir, 'web.yml');
    writeFileSync(webConfig, '');
    const urlFile = join(dir, 'database-url');
    writeFileSync(urlFile, `${handMade.url}\n`);
    ctx = { handMade, scaling, demo, measure, dir, checkout, port: await freePort(), webConfig, urlFile };
  });

  afterAll(async () => {
    for (const database of databases) await database.drop();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  // In registry order: the scaling commands build on one another.
  it.each(REGISTRY.filter((entry) => entry.run !== undefined).map((entry) => [entry.command, entry]))('%s', async (_command, entry) => {
    const spec = entry.run as RunSpec;
    const result =
      spec.readyUrl !== undefined ? await runService(entry, ctx) : spec.alongside !== undefined ? await runAlongside(entry, ctx) : runOnce(entry, ctx);
    await spec.check(result, ctx);
  });

  it('should find the re-measured small figures in docs/scaling.md', () => {
    const doc = readFileSync(join(REPO_ROOT, 'docs', 'scaling.md'), 'utf8');
    const row = `| small | 50,000 | ${SCALING_SMALL.applicationSets.toLocaleString('en-US')} / ${SCALING_SMALL.sr41Sets.toLocaleString('en-US')} | ${SCALING_SMALL.series.toLocaleString('en-US')} | ${SCALING_SMALL.bytes.toLocaleString('en-US')} bytes | ${SCALING_SMALL.gzipBytes.toLocaleString('en-US')} bytes |`;
    expect(doc).toContain(row);
  });
});
