/**
 * Reads the Docker Compose stack as Docker would see it, with no Docker engine: the file
 * resolved by Debian's `docker-compose config` (interpolation, YAML merge keys, relative paths
 * made absolute), plus the mounts, images and variables of each service.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { parse } from 'yaml';
import { at } from '../../../src/common/checked-index';
import { HANG_CEILING_MS } from '../../support/hang-ceiling';

export const REPO_ROOT = join(__dirname, '..', '..', '..');

const HINTS: Readonly<Record<string, string>> = {
  'docker-compose': 'docker-compose is missing: install it with `apt-get install -y docker-compose` (Debian\'s package; it validates compose files without a Docker engine)',
  promtool: 'promtool is missing: install it with `apt-get install -y prometheus` (Debian ships promtool with it)',
};

/** Path of a tool, or a thrown error with its install hint: these tests are never skipped. */
export function toolPath(name: keyof typeof HINTS & string): string {
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  const path = found.stdout.trim();
  if (found.status !== 0 || path === '') throw new Error(HINTS[name]);
  return path;
}

export interface RunResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function run(command: string, args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): RunResult {
  const result = spawnSync(command, [...args], { encoding: 'utf8', cwd: options.cwd ?? REPO_ROOT, env: options.env ?? process.env, timeout: HANG_CEILING_MS });
  if (result.error !== undefined) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The environment without the stack's own variables, so that the defaults are what is tested. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('DASMO_') && !key.startsWith('COMPOSE_')) env[key] = value;
  return { ...env, ...extra };
}

export interface ComposeService {
  readonly image?: string;
  readonly build?: { context: string; dockerfile?: string };
  readonly entrypoint?: string[];
  readonly command?: string[];
  readonly environment?: Record<string, string>;
  readonly secrets?: Array<{ source: string; target?: string }>;
  readonly volumes?: string[];
  readonly ports?: string[];
  readonly depends_on?: Record<string, { condition: string }>;
  readonly healthcheck?: { test: string[] };
  readonly restart?: string;
  readonly user?: string;
  readonly networks?: Record<string, unknown>;
}

export interface ComposeFile {
  readonly services: Record<string, ComposeService>;
  readonly networks?: Record<string, { internal?: boolean } | null>;
  readonly secrets: Record<string, { file: string }>;
  readonly volumes: Record<string, unknown>;
}

/** The stack on VictoriaMetrics behind vmauth (the default), and the single-tenant one on Prometheus. */
export const COMPOSE_FILES = ['docker-compose.yml', 'docker-compose.prometheus.yml'] as const;
export type ComposeFileName = (typeof COMPOSE_FILES)[number];

/** `docker-compose config` of one of the repository's compose files, parsed; throws with its message when it refuses the file. */
export function resolvedCompose(env: NodeJS.ProcessEnv = cleanEnv(), file: ComposeFileName = 'docker-compose.yml'): ComposeFile {
  const result = run(toolPath('docker-compose'), ['--project-directory', REPO_ROOT, '-f', join(REPO_ROOT, file), 'config'], { env });
  if (result.status !== 0) throw new Error(`docker-compose config refused ${file}:\n${result.stderr}`);
  return parse(result.stdout) as ComposeFile;
}

export function service(compose: ComposeFile, name: string): ComposeService {
  const found = compose.services[name];
  if (found === undefined) throw new Error(`docker-compose.yml has no service ${name}`);
  return found;
}

export interface Mount {
  readonly kind: 'bind' | 'volume';
  readonly source: string;
  readonly target: string;
  readonly readOnly: boolean;
}

/** The short volume syntax as docker-compose config prints it: `source:target[:mode]`. */
export function mounts(svc: ComposeService): Mount[] {
  return (svc.volumes ?? []).map((text) => {
    const [source, target, mode] = text.split(':') as [string, string, string | undefined];
    return { kind: isAbsolute(source) ? 'bind' : 'volume', source, target, readOnly: mode === 'ro' };
  });
}

export function mountAt(svc: ComposeService, target: string): Mount {
  const found = mounts(svc).find((mount) => mount.target === target);
  if (found === undefined) throw new Error(`nothing is mounted at ${target}`);
  return found;
}

export function readRepoFile(path: string): string {
  return readFileSync(join(REPO_ROOT, path), 'utf8');
}

export function readYaml<T>(path: string): T {
  return parse(readRepoFile(path)) as T;
}

export function repoPathExists(path: string): boolean {
  return existsSync(join(REPO_ROOT, path));
}

/** `400d`, `2y`, `57w`, `9600h` in days (Prometheus duration units). */
export function durationDays(text: string): number {
  const units: Record<string, number> = { y: 365, w: 7, d: 1, h: 1 / 24, m: 1 / 1440, s: 1 / 86_400 };
  const parts = [...text.matchAll(/(\d+)([ywdhms])/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text) throw new Error(`not a Prometheus duration: ${text}`);
  return parts.reduce((days, part) => {
    const unitDays = units[at(part, 2)];
    if (unitDays === undefined) throw new Error(`not a Prometheus duration: ${text}`);
    return days + Number(part[1]) * unitDays;
  }, 0);
}
