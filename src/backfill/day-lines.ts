import type { MetricFamily } from '../snapshot/openmetrics';
import { joinLabels, renderSample } from '../snapshot/openmetrics';

/** Text is handed to the request in chunks of about this many characters. */
const CHUNK_CHARS = 1 << 18;

/**
 * One day's snapshot as Prometheus text lines for VictoriaMetrics' /api/v1/import/prometheus:
 * every sample stamped with the day's instant in milliseconds, no metadata lines (the import
 * ignores them), in chunks of about 256 kB so that only one chunk is ever rendered ahead of
 * the socket.
 *
 * @param extraLabels rendered label pairs added to every series (e.g. `job="dasmo"`), '' for none
 */
export function* dayLines(families: readonly MetricFamily[], stampSeconds: number, extraLabels: string): Generator<string> {
  const stampMs = stampSeconds * 1000;
  let parts: string[] = [];
  let size = 0;
  for (const family of families) {
    for (const sample of family.samples) {
      const line = renderSample({ name: sample.name, labels: joinLabels(sample.labels, extraLabels), value: sample.value }, stampMs);
      parts.push(line);
      size += line.length;
      if (size >= CHUNK_CHARS) {
        yield parts.join('');
        parts = [];
        size = 0;
      }
    }
  }
  if (parts.length > 0) yield parts.join('');
}
