import type { OfficeDirectory } from './office-directory';
import { codePointOrder } from '../common/code-point-order';

/**
 * At most this many office codes missing from dasmo_sedi get series of their own, per source
 * and snapshot: each would add a full set of series, so a source full of bad codes would
 * flood Prometheus. The others are folded into one office, `FOLDED_OFFICE`.
 */
export const UNKNOWN_OFFICE_CAP = 20;
export const FOLDED_OFFICE = 'other';

interface ReceivedAt {
  readonly office: string;
  readonly received: number;
}

/**
 * The unknown office codes of one source's groups that keep series of their own: those with
 * the most received rows, ties broken by code, so the choice depends only on the day's data.
 */
export function unknownOfficesWithSeries(groups: readonly ReceivedAt[], offices: OfficeDirectory): ReadonlySet<string> {
  const received = new Map<string, number>();
  for (const { office, received: rows } of groups) {
    if (rows > 0 && offices.regionOf(office) === null) received.set(office, (received.get(office) ?? 0) + rows);
  }
  if (received.size <= UNKNOWN_OFFICE_CAP) return new Set(received.keys());
  const ranked = [...received].sort(([a, rowsOfA], [b, rowsOfB]) => rowsOfB - rowsOfA || codePointOrder(a, b));
  return new Set(ranked.slice(0, UNKNOWN_OFFICE_CAP).map(([office]) => office));
}
