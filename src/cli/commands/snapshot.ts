import { sourceSettingsFromEnv, type Environment } from '../../config/settings';
import { UserError } from '../../common/user-error';
import { buildSnapshot } from '../../snapshot/build-snapshot';
import { collectSources, requireAll } from '../../snapshot/collect-sources';
import { EOF_LINE } from '../../snapshot/openmetrics';
import { openSourceClients } from '../../sources/source-clients';
import { stdoutClosedError } from '../stdout-closed';
import { defaultReferenceDay, parseIsoDay, referenceWindow } from '../../time/reference-day';

interface SnapshotOptions {
  readonly referenceDate?: string;
}

/**
 * The reference day asked for, at most yesterday in the time zone: as for backfill, a day that
 * has not ended yet would give figures that are not that day's.
 */
function referenceDay(asked: string | undefined, timezone: string, now: Date): string {
  const yesterday = defaultReferenceDay(now, timezone);
  if (asked === undefined) return yesterday;
  const day = parseIsoDay(asked);
  if (day > yesterday) {
    throw new UserError(`--reference-date ${day} is after yesterday (${yesterday} in ${timezone}): only complete days have a snapshot`);
  }
  return day;
}

/** Computes one snapshot and writes it to `out` as an OpenMetrics document ending with `# EOF`. */
export async function runSnapshot(options: SnapshotOptions, env: Environment, out: NodeJS.WritableStream, now: Date = new Date()): Promise<void> {
  const settings = sourceSettingsFromEnv(env);
  const day = referenceDay(options.referenceDate, settings.timezone, now);
  const window = referenceWindow(day, settings.timezone);
  const sources = openSourceClients(settings);
  try {
    const snapshot = buildSnapshot(window, requireAll(await collectSources(sources.clients, window)));
    await writeAll(out, snapshot.text + EOF_LINE).catch((error: unknown) => {
      throw stdoutClosedError(error, 'the whole snapshot');
    });
  } finally {
    await sources.close();
  }
}

function writeAll(out: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    out.write(text, (error) => (error ? reject(error) : resolve()));
  });
}
