import type { BackfillRange } from './backfill-range';
import { dateProblemSql, type RowDates } from '../collectors/date-problems';

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

/**
 * A row's state: -1 without an arrival date (missing_date), 0 when its dates are usable, else
 * 1 + the index of its date problem, exactly as the per-day collectors classify it.
 */
export function rowStateSql(dates: RowDates): string {
  return `COALESCE(${dateProblemSql(dates, 'p.future')}, -1)`;
}

/** The rows a history query reads: arrived before E, without an arrival date, or arriving in the future. */
export function historyRowsSql(arrival: string): string {
  return `${arrival} < p.e OR ${arrival} IS NULL OR ${arrival} >= p.future`;
}

/** The parameters of the history queries' `p`: F, F as a wall-clock DATETIME, E, and the start of tomorrow. */
export const HISTORY_PARAMETERS =
  'CROSS JOIN (SELECT CAST(? AS DATE) AS f, CAST(? AS DATETIME) AS fs, CAST(? AS DATETIME) AS e, CAST(? AS DATETIME) AS future) p';

export function dayParameters(range: BackfillRange): [string, string, string, string] {
  const last = range.windows[range.windows.length - 1];
  if (last === undefined) throw new Error('empty backfill range');
  return [range.from, `${range.from} 00:00:00`, last.endExclusive, last.futureFrom];
}
