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

/** Digits of each problem's count in the `date_problems` sum: no group has 10^12 rows. */
const SLOT_DIGITS = 12;

/**
 * The SELECT list item `date_problems`: one exact DECIMAL sum in which a row with problem i
 * adds 10^(12 i), so each problem's count is a 12-digit slice of it. One SUM evaluates the
 * CASE once per row, where one SUM per problem would evaluate it once per problem.
 */
export function dateProblemsColumn(problem: string): string {
  const weights = DATE_PROBLEMS.map((_, index) => `WHEN ${index + 1} THEN 1${'0'.repeat(SLOT_DIGITS * index)}`);
  return `SUM(CASE ${problem} ${weights.join(' ')} ELSE 0 END) AS date_problems`;
}

/** The counts in a `date_problems` sum (a DECIMAL string, or a number), in the order of DATE_PROBLEMS. */
export function dateProblemCounts(sum: string | number | null): number[] {
  const digits = String(sum ?? 0).split('.')[0] ?? '0';
  const padded = digits.padStart(SLOT_DIGITS * DATE_PROBLEMS.length, '0');
  return DATE_PROBLEMS.map((_, index) => {
    const end = padded.length - SLOT_DIGITS * index;
    return Number(padded.slice(end - SLOT_DIGITS, end));
  });
}
