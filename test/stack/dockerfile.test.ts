/**
 * The exporter's image without a Docker engine: the Dockerfile's stages and instructions, the
 * build context .dockerignore lets through, the runtime modules the production dependencies
 * must provide, and the HEALTHCHECK script against real HTTP(S) servers.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, mkdtempSync, rmSync, writeFileSync, statSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { builtinModules } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { makeCertificate } from '../service/support/certificate';
import { readRepoFile, REPO_ROOT, repoPathExists } from './support/stack-files';
import { at } from '../../src/common/checked-index';

interface Instruction {
  readonly keyword: string;
  readonly args: string;
}

interface Stage {
  readonly from: string;
  readonly name: string | undefined;
  readonly instructions: Instruction[];
}

/** The Dockerfile as stages of instructions (continuation lines joined, comments dropped). */
function dockerfileStages(): { args: Map<string, string>; stages: Stage[] } {
  const lines = readRepoFile('Dockerfile').replace(/\\\n\s*/g, ' ').split('\n').map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('#'));
  const args = new Map<string, string>();
  const stages: Stage[] = [];
  for (const line of lines) {
    const [keyword, ...rest] = line.split(/\s+/);
    const instruction = { keyword: (keyword as string).toUpperCase(), args: rest.join(' ') };
    if (instruction.keyword === 'FROM') {
      const [image, as, name] = rest as [string, string?, string?];
      const from = image.replace(/^\$\{(\w+)\}$/, (_, arg: string) => args.get(arg) ?? image);
      stages.push({ from, name: as?.toUpperCase() === 'AS' ? name : undefined, instructions: [] });
    } else if (stages.length === 0 && instruction.keyword === 'ARG') {
      const [name, value] = instruction.args.split('=') as [string, string];
      args.set(name, value);
    } else {
      stages.at(-1)?.instructions.push(instruction);
    }
  }
  return { args, stages };
}

const { stages } = dockerfileStages();
const final = stages.at(-1) as Stage;
const finalOf = (keyword: string) => final.instructions.filter((i) => i.keyword === keyword).map((i) => i.args);

/** COPY sources taken from the build context (not from another stage). */
function contextCopies(): string[] {
  return stages.flatMap((stage) =>
    stage.instructions
      .filter((i) => i.keyword === 'COPY' && !i.args.startsWith('--from'))
      .flatMap((i) => i.args.split(/\s+/).slice(0, -1)),
  );
}

/** What .dockerignore lets into the build context: it must be `*` followed by `!path` lines. */
function dockerignoreAllowed(): string[] {
  const rules = readRepoFile('.dockerignore').split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
  expect(rules[0]).toBe('*');
  expect(rules.slice(1).every((rule) => rule.startsWith('!'))).toBe(true);
  return rules.slice(1).map((rule) => rule.slice(1).replace(/\/$/, ''));
}

function allowedByDockerignore(path: string, allowed: string[]): boolean {
  return allowed.some((entry) => path === entry || path.startsWith(`${entry}/`));
}

describe('Dockerfile', () => {
  it('should build on a pinned official Node 20 slim image in every stage', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) expect(stage.from).toMatch(/^node:20\.\d+\.\d+-[a-z]+-slim$/);
  });

  it('should install only the production dependencies into the final image', () => {
    const copiedModules = finalOf('COPY').find((args) => args.endsWith('./node_modules'));
    const source = /--from=(\S+)/.exec(copiedModules ?? '')?.[1];
    const stage = stages.find((s) => s.name === source);
    expect(stage?.instructions.filter((i) => i.keyword === 'RUN').map((i) => i.args)).toEqual([
      expect.stringMatching(/^npm ci --omit=dev\b/),
    ]);
    expect(finalOf('RUN').join(' ')).not.toMatch(/npm (ci|install)/);
  });

  it('should copy what the CLI reads at run time: dist, bin, schema, package.json', () => {
    const copies = finalOf('COPY').join('\n');
    for (const target of ['./dist', './bin', './schema', './node_modules']) expect(copies).toContain(target);
    expect(copies).toMatch(/^package\.json \.\/$/m);
    expect(readRepoFile('bin/dasmo-exporter.js')).toContain("require('../dist/cli/main.js')");
  });

  it('should run as a non-root user with the CLI as entrypoint and serve as default command', () => {
    expect(finalOf('USER')).toEqual(['node']);
    expect(finalOf('ENTRYPOINT')).toEqual(['["node", "/app/bin/dasmo-exporter.js"]']);
    expect(finalOf('CMD')).toEqual(['["serve"]']);
    expect(finalOf('WORKDIR')).toEqual(['/app']);
  });

  it('should check health on /-/ready with the script it copies', () => {
    const [healthcheck] = finalOf('HEALTHCHECK');
    expect(healthcheck).toMatch(/CMD \["node", "\/app\/healthcheck\.js"\]$/);
    expect(finalOf('COPY')).toContain('deploy/exporter/healthcheck.js ./healthcheck.js');
    expect(readRepoFile('deploy/exporter/healthcheck.js')).toContain("path: '/-/ready'");
  });

  it('should copy from the context only paths that exist and that .dockerignore lets through', () => {
    const allowed = dockerignoreAllowed();
    const sources = contextCopies();
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) expect([source, repoPathExists(source), allowedByDockerignore(source, allowed)]).toEqual([source, true, true]);
    for (const entry of allowed) expect([entry, sources.some((source) => source === entry || entry.startsWith(`${source}/`) || source.startsWith(`${entry}/`))]).toEqual([entry, true]);
    for (const secret of ['node_modules', 'dist', 'state', '.git', 'deploy/secrets', '.env']) expect(allowedByDockerignore(secret, allowed)).toBe(false);
  });
});

describe('production dependencies', () => {
  const pkg = JSON.parse(readRepoFile('package.json')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };

  /** The compiled files of src/ (dist/ may also hold what other tsconfigs compile). */
  function compiledSources(dir: string): string[] {
    return readdirSync(join(REPO_ROOT, 'src', dir), { withFileTypes: true }).flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return compiledSources(path);
      return entry.name.endsWith('.ts') ? [join(REPO_ROOT, 'dist', path.replace(/\.ts$/, '.js'))] : [];
    });
  }

  it('should provide every package that dist/, bin/ and the healthcheck require', () => {
    const files = [...compiledSources(''), join(REPO_ROOT, 'bin', 'dasmo-exporter.js'), join(REPO_ROOT, 'deploy', 'exporter', 'healthcheck.js')];
    for (const file of files) if (statSync(file, { throwIfNoEntry: false }) === undefined) throw new Error(`${file} is missing: run \`npm run build\` (npm test does it)`);
    expect(files.length).toBeGreaterThan(20);
    const missing = new Set<string>();
    for (const file of files) {
      for (const match of readFileSync(file, 'utf8').matchAll(/require\("([^".][^"]*)"\)|require\('([^'.][^']*)'\)/g)) {
        const request = (match[1] ?? match[2]) as string;
        const name = request.startsWith('@') ? request.split('/').slice(0, 2).join('/') : at(request.split('/'), 0);
        if (request.startsWith('node:') || builtinModules.includes(name)) continue;
        if (pkg.dependencies[name] === undefined) missing.add(`${name} (${relative(REPO_ROOT, file)})`);
      }
    }
    expect([...missing]).toEqual([]);
  });
});

describe('deploy/exporter/healthcheck.js', () => {
  const SCRIPT = join(REPO_ROOT, 'deploy', 'exporter', 'healthcheck.js');
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'dasmo-healthcheck-'));
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  function runProbe(env: Record<string, string>): Promise<{ code: number | null; stdout: string }> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [SCRIPT], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout }));
    });
  }

  async function withServer(server: Server, status: number, body: (port: number) => Promise<void>): Promise<string[]> {
    const paths: string[] = [];
    server.on('request', (request: IncomingMessage, response: ServerResponse) => {
      paths.push(request.url ?? '');
      response.statusCode = status;
      response.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      await body((server.address() as AddressInfo).port);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    return paths;
  }

  it.each([
    [200, 0],
    [503, 1],
    [401, 1],
  ])('should exit %i -> %i over plain HTTP, asking /-/ready', async (status, expected) => {
    const paths = await withServer(createHttpServer(), status, async (port) => {
      const result = await runProbe({ DASMO_LISTEN_ADDRESS: `:${port}` });
      expect(result.code).toBe(expected);
      expect(result.stdout).toBe(`dasmo-exporter /-/ready: HTTP ${status}\n`);
    });
    expect(paths).toEqual(['/-/ready']);
  });

  it('should count a 401 as healthy when the web config sets basic auth', async () => {
    const webConfig = join(dir, 'basic-auth.yml');
    writeFileSync(webConfig, 'basic_auth_users:\n  prometheus: $2y$10$uwA.qABb6/QOkp04gy0n1.1o8ZuL6sSVOgea3n6I9u1BZMmbYYwWi\n');
    await withServer(createHttpServer(), 401, async (port) => {
      expect((await runProbe({ DASMO_LISTEN_ADDRESS: `127.0.0.1:${port}`, DASMO_WEB_CONFIG_FILE: webConfig })).code).toBe(0);
    });
  });

  it('should use https when the web config sets TLS', async () => {
    const certificate = makeCertificate(dir);
    const webConfig = join(dir, 'tls.yml');
    writeFileSync(webConfig, `tls_server_config:\n  cert_file: ${certificate.certFile}\n  key_file: ${certificate.keyFile}\n`);
    await withServer(createHttpsServer({ cert: certificate.cert, key: certificate.key }), 200, async (port) => {
      expect((await runProbe({ DASMO_LISTEN_ADDRESS: `:${port}`, DASMO_WEB_CONFIG_FILE: webConfig })).code).toBe(0);
      expect((await runProbe({ DASMO_LISTEN_ADDRESS: `:${port}` })).code).toBe(1);
    });
  });

  it('should fail when nothing listens', async () => {
    const server = createHttpServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    const result = await runProbe({ DASMO_LISTEN_ADDRESS: `:${port}` });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('ECONNREFUSED');
  });
});

/**
 * The docker commands of docs/stack.md (test/docs/commands.test.ts points here for them). They
 * need a Docker engine, so they are not run: the tag is the one docker-compose.yml builds, and
 * what the container runs is a command and a variable of the CLI.
 */
export const DOCUMENTED_DOCKER_COMMANDS = [
  'docker build -t dasmo-exporter:0.1.0 .',
  'docker run --rm -e DASMO_DATABASE_URL_FILE=/run/secrets/url -v /etc/dasmo/database-url:/run/secrets/url:ro dasmo-exporter:0.1.0 check-config',
];

describe('documented docker commands', () => {
  const composeImage = /image: (dasmo-exporter:\S+)/.exec(readRepoFile('docker-compose.yml'))?.[1];
  const version = (JSON.parse(readRepoFile('package.json')) as { version: string }).version;

  it.each(DOCUMENTED_DOCKER_COMMANDS)('%s should use the image docker-compose.yml builds, tagged with the package version', (command) => {
    expect(composeImage).toBe(`dasmo-exporter:${version}`);
    expect(command).toContain(` ${composeImage} `.trimEnd());
  });

  it('should run a command of the CLI, reading the URL from the mounted file', () => {
    const run = at(DOCUMENTED_DOCKER_COMMANDS, 1);
    const [mountedFile] = /-v \S+:(\S+):ro/.exec(run)?.slice(1) ?? [];
    expect(run).toContain(`-e DASMO_DATABASE_URL_FILE=${mountedFile} `);
    expect(readRepoFile('src/cli/main.ts')).toContain(".command('check-config')");
    expect(run.endsWith(' check-config')).toBe(true);
  });
});
