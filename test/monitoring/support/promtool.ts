import { spawnSync } from 'node:child_process';
import { HANG_CEILING_MS } from '../../support/hang-ceiling';

export interface CommandResult {
  readonly status: number | null;
  readonly output: string;
}

const INSTALL_HINT = 'promtool is missing: install it with `apt-get install -y prometheus` (Debian ships promtool with it)';

/** Path of promtool, or a thrown error with the install hint: these tests are never skipped. */
export function promtoolPath(): string {
  const found = spawnSync('sh', ['-c', 'command -v promtool'], { encoding: 'utf8' });
  const path = found.stdout.trim();
  if (found.status !== 0 || path === '') throw new Error(INSTALL_HINT);
  return path;
}

export function promtool(args: readonly string[], cwd?: string): CommandResult {
  const result = spawnSync(promtoolPath(), [...args], { encoding: 'utf8', cwd, timeout: HANG_CEILING_MS });
  if (result.error !== undefined) throw result.error;
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}
