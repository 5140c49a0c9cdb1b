import { Writable } from 'node:stream';
import { backfillRange } from '../../../src/backfill/backfill-range';
import { writeBackfill } from '../../../src/backfill/run-backfill';
import { DEFAULT_STAMP_TIME, type StampTime } from '../../../src/backfill/stamp-time';
import { sourceSettingsFromEnv } from '../../../src/config/settings';
import { buildSnapshot } from '../../../src/snapshot/build-snapshot';
import { collectSources, requireAll } from '../../../src/snapshot/collect-sources';
import { EOF_LINE } from '../../../src/snapshot/openmetrics';
import { openSourceClients } from '../../../src/sources/source-clients';
import { referenceWindow } from '../../../src/time/reference-day';
import { parseOpenMetrics } from '../../support/parse-openmetrics';

/** Collects what is written to it. */
export class TextSink extends Writable {
  private readonly chunks: string[] = [];

  override _write(chunk: Buffer | string, _encoding: BufferEncoding, callback: () => void): void {
    this.chunks.push(chunk.toString());
    callback();
  }

  text(): string {
    return this.chunks.join('');
  }
}

/** The backfill's OpenMetrics text for [from, to] of the database at `url`, with its day stamps. */
export async function backfillText(
  url: string,
  from: string,
  to: string,
  options: { labels?: string; stamp?: StampTime } = {},
): Promise<{ text: string; stamps: readonly number[] }> {
  const settings = sourceSettingsFromEnv({ DASMO_DATABASE_URL: url });
  const range = backfillRange(from, to, settings.timezone, options.stamp ?? DEFAULT_STAMP_TIME, new Date());
  const sink = new TextSink();
  await writeBackfill(settings, range, options.labels ?? '', sink);
  return { text: sink.text(), stamps: range.stamps };
}

/** `snapshot --reference-date day` of the database at `url`, parsed. */
export async function snapshotSamples(url: string, day: string): Promise<Map<string, number>> {
  const settings = sourceSettingsFromEnv({ DASMO_DATABASE_URL: url });
  const window = referenceWindow(day, settings.timezone);
  const sources = openSourceClients(settings);
  try {
    const snapshot = buildSnapshot(window, requireAll(await collectSources(sources.clients, window)));
    return parseOpenMetrics(snapshot.text + EOF_LINE).samples;
  } finally {
    await sources.close();
  }
}
