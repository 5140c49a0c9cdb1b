import { dateProblemCounts } from './date-problems';
import { type SqlNumber, toNumber, toText } from './sql-values';

/** What a group of applications or flows holds besides its own figures: its codes and its received rows. */
export interface GroupCodesAndRows {
  readonly office: string;
  readonly benefitCode: string | null;
  readonly multiRegion: boolean;
  readonly causeCode: string | null;
  readonly outcomeCode: string | null;
  readonly missingDate: number;
  /** Rows left out for each of DATE_PROBLEMS, in its order. */
  readonly dateProblems: readonly number[];
  readonly received: number;
}

/** The columns of a collector's row behind GroupCodesAndRows. */
export interface GroupCodesAndRowsColumns {
  office: unknown;
  benefit: unknown;
  multi_region: SqlNumber;
  cause: unknown;
  outcome: unknown;
  row_count: SqlNumber;
  missing_date: SqlNumber;
  date_problems: SqlNumber;
}

export function groupCodesAndRows(row: GroupCodesAndRowsColumns, relation: string): GroupCodesAndRows {
  const missingDate = toNumber(row.missing_date);
  const dateProblems = dateProblemCounts(row.date_problems);
  return {
    office: (toText(row.office, relation, 'codice_sede') ?? '').trim(),
    benefitCode: toText(row.benefit, relation, 'prestazione'),
    multiRegion: toNumber(row.multi_region) !== 0,
    causeCode: toText(row.cause, relation, 'causale'),
    outcomeCode: toText(row.outcome, relation, 'esito'),
    missingDate,
    dateProblems,
    received: receivedRows(toNumber(row.row_count), missingDate, dateProblems),
  };
}

/** The rows of a group that are received: those with an arrival date and no date problem. */
function receivedRows(rowCount: number, missingDate: number, dateProblems: readonly number[]): number {
  return dateProblems.reduce((rows, problem) => rows - problem, rowCount - missingDate);
}
