/**
 * `backfill --import-url` runs with a bounded heap. It holds one source's rows (typed arrays,
 * outside the heap) and one day's series at a time, but under V8's default limit (a quarter of
 * the machine's memory) garbage piles up between collections: on the large demo dataset the
 * peak RSS was 756 MB over 671 days and 628 MB over 61 days; with the old generation capped at
 * 192 MB, 495 MB over 61 days in the same time. The command relaunches itself with that cap.
 */
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { integerSetting, type Environment } from '../config/settings';
import { UserError } from '../common/user-error';

export const IMPORT_HEAP_SETTING = 'DASMO_BACKFILL_HEAP_MB';
const IMPORT_HEAP_DEFAULT_MB = 192;
/** Set in the relaunched process, which must not relaunch again. */
const RELAUNCHED = 'DASMO_BACKFILL_HEAP_BOUNDED';

/** The heap limit to relaunch `argv` with, in MB, or undefined when it runs as it is. */
export function importHeapLimitMb(argv: readonly string[], env: Environment): number | undefined {
  if (argv[0] !== 'backfill' || env[RELAUNCHED] !== undefined) return undefined;
  if (!argv.some((arg) => arg === '--import-url' || arg.startsWith('--import-url='))) return undefined;
  return integerSetting(env, IMPORT_HEAP_SETTING, IMPORT_HEAP_DEFAULT_MB, 64, 65_536);
}

/** The node arguments of the relaunched process. */
export function relaunchArguments(bin: string, argv: readonly string[], limitMb: number, execArgv: readonly string[]): string[] {
  return [...execArgv, `--max-old-space-size=${limitMb}`, bin, ...argv];
}

/**
 * Runs `bin argv` again in a child with the heap limit, on the same terminal; signals are passed
 * on. Resolves with the exit code to leave with.
 */
export function relaunchWithHeapLimit(bin: string, argv: readonly string[], limitMb: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, relaunchArguments(bin, argv, limitMb, process.execArgv), {
      stdio: 'inherit',
      env: { ...process.env, [RELAUNCHED]: '1' },
    });
    const forward = (signal: NodeJS.Signals): void => void child.kill(signal);
    const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
    for (const signal of signals) process.on(signal, forward);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      for (const s of signals) process.off(s, forward);
      if (code !== null) resolve(code);
      else if (signal === 'SIGABRT') {
        // V8 aborts when the heap is exhausted, after its own report.
        reject(new UserError(`backfill ran out of its ${limitMb} MB heap; raise ${IMPORT_HEAP_SETTING}`, 1));
      } else resolve(128 + (signal === null ? 0 : constants.signals[signal]));
    });
  });
}
