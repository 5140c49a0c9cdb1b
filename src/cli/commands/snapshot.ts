import { type PublishingGuardSettings, publishingGuardSettingsFromEnv } from '../../config/publishing-guard-settings';
import { sourceSettingsFromEnv, type Environment } from '../../config/settings';
import { UserError } from '../../common/user-error';
import { buildSnapshot } from '../../snapshot/build-snapshot';
import { collectSources, requireAll } from '../../snapshot/collect-sources';
import { EOF_LINE } from '../../snapshot/openmetrics';
import { refusals } from '../../snapshot/publishing-guard';
import type { SourceData } from '../../snapshot/source-table';
import { sourceTotals } from '../../snapshot/source-totals';
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

/**
 * A one-shot snapshot has no last published one to compare with: of the publishing guard's
 * checks only the empty office list applies (docs/operations.md).
 */
function refuseCollapsed(data: SourceData, day: string, guard: PublishingGuardSettings): void {
  const refused = refusals(undefined, sourceTotals(data), guard.maxReceivedDrop);
  if (refused.length === 0 || guard.acceptedDay === day) return;
  const reasons = refused.map(({ source, reason }) => `${source} source: ${reason}`).join('; ');
  throw new UserError(`${reasons} (DASMO_ACCEPT_REFUSED_REFERENCE_DATE=${day} accepts it)`, 1);
}

/** Computes one snapshot and writes it to `out` as an OpenMetrics document ending with `# EOF`. */
export async function runSnapshot(options: SnapshotOptions, env: Environment, out: NodeJS.WritableStream, now: Date = new Date()): Promise<void> {
  const settings = sourceSettingsFromEnv(env);
  const guard = publishingGuardSettingsFromEnv(env);
  const day = referenceDay(options.referenceDate, settings.timezone, now);
  const window = referenceWindow(day, settings.timezone);
  const sources = openSourceClients(settings);
  try {
    const data = requireAll(await collectSources(sources.clients, window));
    refuseCollapsed(data, day, guard);
    const snapshot = buildSnapshot(window, data);
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
