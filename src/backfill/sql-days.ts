import type { BackfillRange } from './backfill-range';

/** A day offset as mysql2 returns it: a number, a string for BIGINT results, or NULL. */
export type SqlDay = number | string | null;

export function toDay(value: SqlDay): number | null {
  return value === null ? null : Number(value);
}

/**
 * The day offset from F of a milestone column, clamped to the range: -1 before F (the
 * milestone counts on every day), NULL when unset or on/after E (it counts on none).
 */
export function milestoneDay(column: string): string {
  return `CASE WHEN ${column} IS NULL OR ${column} >= p.e THEN NULL WHEN ${column} < p.fs THEN -1 ELSE DATEDIFF(${column}, p.f) END`;
}

/** F, F as a wall-clock DATETIME, and E: the parameters of the history queries. */
export function dayParameters(range: BackfillRange): [string, string, string] {
  const last = range.windows[range.windows.length - 1];
  if (last === undefined) throw new Error('empty backfill range');
  return [range.from, `${range.from} 00:00:00`, last.endExclusive];
}
