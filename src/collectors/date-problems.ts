/*
 * Date checks shared by the daily collectors and the backfill's history queries, so that both
 * leave out and count the very same rows (docs/source-contract.md, "Dates"). A row whose
 * arrival date is set is classified by the first check it fails; a row with a date problem is
 * left out of every figure and counted under its problem instead.
 */

/** Dates before this day are not believed: no DASMO benefit was handled before it. */
export const EARLIEST_SOURCE_DAY = '2000-01-01';

/** In the order they are checked: a row has at most one of them. */
export const DATE_PROBLEMS = ['zero_date', 'future_date', 'ancient_date', 'outcome_before_arrival'] as const;
export type DateProblem = (typeof DATE_PROBLEMS)[number];

/** The date columns of a source row, as SQL expressions. */
export interface RowDates {
  /** Presentation or receipt. */
  readonly arrival: string;
  /** Review started or settled. */
  readonly phase: string;
  /** Decision or outcome. */
  readonly close: string;
}

/**
 * SQL giving NULL when the arrival date is unset (missing_date), 0 when the row's dates are
 * usable, else 1 + the index of its problem in DATE_PROBLEMS. `futureFrom` is an SQL
 * expression: the start of the day after the day the snapshot is built (wall clock).
 */
export function dateProblemSql({ arrival, phase, close }: RowDates, futureFrom: string): string {
  const dates = [arrival, phase, close];
  const any = (test: (date: string) => string): string => dates.map(test).join(' OR ');
  return (
    `CASE WHEN ${arrival} IS NULL THEN NULL` +
    ` WHEN ${any((date) => `(${date} IS NOT NULL AND TO_DAYS(${date}) IS NULL)`)} THEN 1` +
    ` WHEN ${any((date) => `${date} >= ${futureFrom}`)} THEN 2` +
    ` WHEN ${any((date) => `${date} < '${EARLIEST_SOURCE_DAY}'`)} THEN 3` +
    ` WHEN ${close} < ${arrival} THEN 4 ELSE 0 END`
  );
}

/** The SELECT list items `SUM(<problem> = i) AS <name>`, one per date problem. */
export function dateProblemColumns(problem: string): string {
  return DATE_PROBLEMS.map((name, index) => `SUM((${problem}) = ${index + 1}) AS ${name}`).join(',\n  ');
}
