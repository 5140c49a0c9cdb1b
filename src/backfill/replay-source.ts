/** A numeric value as mysql2 returns it: a number, a string for DECIMAL and BIGINT results, or NULL. */
export type SqlNumeric = number | string | null;

/**
 * A per-row number a source sums per group, over the rows received and over the rows closed.
 * Rows are read as units (exact integers where possible) and a group's sum is turned back
 * into the number the per-day SQL's SUM gives.
 */
export interface Measure {
  units(value: SqlNumeric): number;
  toNumber(units: number): number;
}

/** A count or an integer column: NULL counts as 0. DECIMAL columns are summed exactly by DecimalUnits. */
export const COUNT: Measure = { units: (value) => (value === null ? 0 : Number(value)), toNumber: (units) => units };

/** One group's figures on the current day of a replay, as a source turns them into its group shape. */
export interface GroupFigures {
  /** Rows without an arrival date: counted every day, never received. */
  readonly missingDate: number;
  /** Rows left out for each of DATE_PROBLEMS, in its order. */
  readonly dateProblems: readonly number[];
  readonly received: number;
  readonly closed: number;
  /** Pending rows in their second phase (review started, settled), and those before it. */
  readonly pendingInPhase: number;
  readonly pendingBeforePhase: number;
  /** Cumulative pending counts at each AGE_BUCKET_DAYS bound (without +Inf). */
  readonly ageBuckets: readonly number[];
  readonly ageSumDays: number;
  readonly oldestDays: number | null;
  /** Pending rows older than the source's critical age (0 for a source without one). */
  readonly pendingCritical: number;
  /** A measure's sum over the group's received rows, then over its closed rows. */
  receivedSum(measure: number): number;
  closedSum(measure: number): number;
}

/**
 * What tells one source's backfill from another's, as data: the history query, how a row's
 * leading columns name its group, the measures after the milestones, and the group shape
 * of the source's per-day collector.
 */
export interface ReplaySource<K, G> {
  /**
   * One pass over the source, no GROUP BY. Columns, in order: the `keyColumns` source codes
   * that identify a group, then the row's state (`rowStateSql`: no arrival date, usable, or
   * a date problem), the day offsets of arrival, of the second phase and of closing (see
   * MilestoneRows.add), then one column per measure. Parameters: `dayParameters`.
   */
  readonly sql: string;
  readonly keyColumns: number;
  /** The group key of a row, from its first `keyColumns` columns; called once per group. */
  key(row: readonly unknown[]): K;
  /** Fresh measures for one read (a decimal measure learns its scale from the first row). */
  measures(): Measure[];
  /** Age in days beyond which a pending row is critical, or null. */
  readonly criticalAgeDays: number | null;
  /**
   * The group as the source's per-day collector returns it. Spell the fields out: a spread
   * here makes slow dictionary-mode objects (a 27x slower replay).
   */
  group(key: K, figures: GroupFigures): G;
}
