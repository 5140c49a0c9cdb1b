import { createWriteStream } from 'node:fs';
import { rename, unlink } from 'node:fs/promises';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { basename, dirname, join } from 'node:path';
import { backfillRange } from '../../backfill/backfill-range';
import { importBackfill, writeBackfill, type BackfillSummary } from '../../backfill/run-backfill';
import { importTarget, type ImportTarget } from '../../backfill/import-target';
import { resolveStampTime } from '../../backfill/stamp-time';
import { sourceSettingsFromEnv, type Environment, type SourceSettings } from '../../config/settings';
import { UserError } from '../../common/user-error';
import { renderLabels } from '../../snapshot/openmetrics';
import type { BackfillRange } from '../../backfill/backfill-range';
import type { OnProgress } from '../../common/progress';
import { drawProgress } from '../progress';
import { stdoutClosedError } from '../stdout-closed';

export interface BackfillCliOptions {
  readonly from: string;
  readonly to: string;
  readonly out?: string;
  readonly importUrl?: string;
  readonly stampTime?: string;
  readonly job: string;
  readonly instance?: string;
}

/** `job` and `instance` as the scrape adds them, so backfilled and scraped samples are the same series. */
function scrapeLabels(job: string, instance: string | undefined): string {
  const pairs: Array<[string, string]> = [];
  if (job !== '') pairs.push(['job', job]);
  if (instance !== undefined && instance !== '') pairs.push(['instance', instance]);
  return renderLabels(pairs);
}

type Destination =
  | { readonly kind: 'import'; readonly target: ImportTarget }
  | { readonly kind: 'stdout' }
  | { readonly kind: 'file'; readonly path: string };

/** Exactly one of --out and --import-url, checked before anything is read. */
function chooseDestination(options: BackfillCliOptions, env: Environment): Destination {
  const { out, importUrl } = options;
  if (importUrl !== undefined && out === undefined) return { kind: 'import', target: importTarget(importUrl, env) };
  if (out !== undefined && importUrl === undefined) return out === '-' ? { kind: 'stdout' } : { kind: 'file', path: out };
  throw new UserError('give either --out FILE (OpenMetrics for promtool) or --import-url URL (VictoriaMetrics), not both or neither');
}

/**
 * Writes the range's daily snapshots as timestamped OpenMetrics to --out (or stdout for `-`),
 * or sends them day by day to VictoriaMetrics' import API at --import-url; then one summary
 * line on stderr, only once everything is written or imported. A file is written beside its
 * final name and renamed when complete, so a failed run never leaves a truncated file under
 * that name.
 */
export async function runBackfill(
  options: BackfillCliOptions,
  env: Environment,
  stdout: NodeJS.WritableStream,
  stderr: NodeJS.WritableStream = process.stderr,
  now: Date = new Date(),
): Promise<void> {
  const destination = chooseDestination(options, env);
  const settings = sourceSettingsFromEnv(env);
  const stamp = resolveStampTime(options.stampTime, env.DASMO_REFRESH_SCHEDULE);
  const range = backfillRange(options.from, options.to, settings.timezone, stamp, now);
  const labels = scrapeLabels(options.job, options.instance);
  const onProgress = (stderr as NodeJS.WriteStream).isTTY === true ? drawProgress : undefined;
  const startedAt = Date.now();
  let summary: BackfillSummary;
  let done: string;
  switch (destination.kind) {
    case 'import':
      summary = await importBackfill(settings, range, labels, destination.target, onProgress);
      done = `imported into ${destination.target.description}`;
      break;
    case 'stdout':
      summary = await writeStdout(stdout, settings, range, labels, onProgress);
      done = 'written to stdout';
      break;
    case 'file':
      summary = await writeFile(destination.path, settings, range, labels, onProgress);
      done = `written to ${destination.path}`;
      break;
  }
  const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
  const series = summary.series === undefined ? '' : `${summary.series} series, `;
  stderr.write(
    `backfill: ${summary.days} days (${range.from} to ${range.to}), ${series}${summary.samples} samples ` +
      `from ${summary.applicationRows} applications and ${summary.flowRows} payment flows ` +
      `${done} in ${seconds}s\n`,
  );
}

async function writeStdout(
  stdout: NodeJS.WritableStream,
  settings: SourceSettings,
  range: BackfillRange,
  labels: string,
  onProgress: OnProgress | undefined,
): Promise<BackfillSummary> {
  try {
    return await writeBackfill(settings, range, labels, stdout, onProgress);
  } catch (error) {
    throw stdoutClosedError(error, 'the whole history');
  }
}

async function writeFile(
  path: string,
  settings: SourceSettings,
  range: BackfillRange,
  labels: string,
  onProgress: OnProgress | undefined,
): Promise<BackfillSummary> {
  const partial = join(dirname(path), `.${basename(path)}.partial-${process.pid}`);
  const out = createWriteStream(partial, { flags: 'wx' });
  // Errors while writing are reported by the pipeline or by finished() below.
  out.on('error', () => undefined);
  try {
    await once(out, 'open');
  } catch (error) {
    throw new UserError(`cannot write --out ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  try {
    const summary = await writeBackfill(settings, range, labels, out, onProgress);
    out.end();
    await finished(out);
    await rename(partial, path);
    return summary;
  } catch (error) {
    out.destroy();
    await unlink(partial).catch(() => undefined);
    throw error;
  }
}
