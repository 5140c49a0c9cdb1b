import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { EOF_LINE, joinLabels, renderFamilyHeader, renderSample } from '../snapshot/openmetrics';
import type { SnapshotHistory } from './snapshot-history';

/** Text is handed to the stream in chunks of about this many characters. */
const CHUNK_CHARS = 1 << 20;

/**
 * A history as one OpenMetrics document for `promtool tsdb create-blocks-from openmetrics`,
 * in chunks: each family once, each series' samples in time order, every sample stamped with
 * its day's instant (unix seconds), then `# EOF`.
 *
 * @param extraLabels rendered label pairs added to every series (e.g. `job="dasmo"`), '' for none
 */
function* historyText(
  history: SnapshotHistory,
  stamps: readonly number[],
  extraLabels: string,
  onSeries: () => void = () => undefined,
): Generator<string> {
  let parts: string[] = [];
  let size = 0;
  for (const { family, series } of history.familyHistories()) {
    parts.push(renderFamilyHeader({ ...family, samples: [] }));
    for (const one of series) {
      const labels = joinLabels(one.labels, extraLabels);
      one.values.forEach((value, offset) => {
        if (Number.isNaN(value)) return;
        const line = renderSample({ name: one.name, labels, value }, stamps[one.firstDay + offset]);
        parts.push(line);
        size += line.length;
      });
      onSeries();
      if (size >= CHUNK_CHARS) {
        yield parts.join('');
        parts = [];
        size = 0;
      }
    }
  }
  parts.push(EOF_LINE);
  yield parts.join('');
}

/**
 * Streams the document to `out` with back-pressure, so the text (gigabytes for long ranges)
 * never sits in memory whole. `out` is left open.
 */
export async function writeHistory(
  history: SnapshotHistory,
  stamps: readonly number[],
  extraLabels: string,
  out: NodeJS.WritableStream,
  onSeries?: () => void,
): Promise<void> {
  await pipeline(Readable.from(historyText(history, stamps, extraLabels, onSeries)), out, { end: false });
}
