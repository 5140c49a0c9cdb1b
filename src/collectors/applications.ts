import type { ReferenceWindow } from '../time/reference-day';
import type { SqlClient } from '../sources/sql-client';
import { AGE_BUCKET_DAYS } from '../contract/ages';
import { dateProblemCounts, dateProblemSql, dateProblemsColumn } from './date-problems';
import { bucketColumns, bucketValues, receivedRows, type SqlNumber, toNullableNumber, toNumber, toText } from './sql-values';

/*
 * Applications (dasmo_domande): one pass, grouped by the raw source codes so that all label
 * mapping happens in one place (snapshot/labels.ts). Parameters: E (exclusive end, wall clock),
 * R (the reference day) and the start of the day after today. Rows without a presentation
 * date, or with a date problem (date-problems.ts), are kept only to be counted.
 */
export const APPLICATION_DATES = {
  arrival: 't.data_presentazione',
  phase: 't.data_istruttoria',
  close: 't.data_definizione',
};
const DATE_PROBLEM = dateProblemSql(APPLICATION_DATES, 'p.future');
/** Checked last, so that the CASE runs only for rows the cheaper conditions let through. */
const USABLE = `(${DATE_PROBLEM}) = 0`;
const PENDING = `((t.data_definizione IS NULL OR t.data_definizione >= p.e) AND ${USABLE})`;
const AGE_DAYS = 'DATEDIFF(p.r, t.data_presentazione)';

export const APPLICATIONS_SQL = `
SELECT t.codice_sede AS office, t.prestazione AS benefit, t.plurilocalizzata AS multi_region,
  t.causale AS cause, t.esito AS outcome,
  COUNT(*) AS row_count,
  SUM(t.data_presentazione IS NULL) AS missing_date,
  ${dateProblemsColumn(DATE_PROBLEM)},
  SUM(t.data_definizione < p.e AND ${USABLE}) AS decided,
  SUM(${PENDING} AND t.data_istruttoria < p.e) AS pending_under_review,
  SUM(${PENDING} AND (t.data_istruttoria IS NULL OR t.data_istruttoria >= p.e)) AS pending_awaiting_review,
  ${bucketColumns(PENDING, AGE_DAYS, AGE_BUCKET_DAYS)},
  SUM(IF(${PENDING}, ${AGE_DAYS}, 0)) AS age_sum_days,
  MAX(IF(${PENDING}, ${AGE_DAYS}, NULL)) AS oldest_days
FROM dasmo_domande t
CROSS JOIN (SELECT CAST(? AS DATETIME) AS e, CAST(? AS DATE) AS r, CAST(? AS DATETIME) AS future) p
WHERE t.data_presentazione < p.e OR t.data_presentazione IS NULL OR t.data_presentazione >= p.future
GROUP BY t.codice_sede, t.prestazione, t.plurilocalizzata, t.causale, t.esito`;

/** One group of applications sharing office, benefit, plurilocalizzata, cause and outcome codes. */
export interface ApplicationGroup {
  readonly office: string;
  readonly benefitCode: string | null;
  readonly multiRegion: boolean;
  readonly causeCode: string | null;
  readonly outcomeCode: string | null;
  readonly missingDate: number;
  /** Rows left out for each of DATE_PROBLEMS, in its order. */
  readonly dateProblems: readonly number[];
  readonly received: number;
  readonly decided: number;
  readonly pendingUnderReview: number;
  readonly pendingAwaitingReview: number;
  /** Cumulative pending counts at each AGE_BUCKET_DAYS bound (without +Inf). */
  readonly ageBuckets: readonly number[];
  readonly ageSumDays: number;
  readonly oldestDays: number | null;
}

interface ApplicationRow extends Record<string, unknown> {
  office: unknown;
  benefit: unknown;
  multi_region: SqlNumber;
  cause: unknown;
  outcome: unknown;
  row_count: SqlNumber;
  missing_date: SqlNumber;
  date_problems: SqlNumber;
  decided: SqlNumber;
  pending_under_review: SqlNumber;
  pending_awaiting_review: SqlNumber;
  age_sum_days: SqlNumber;
  oldest_days: SqlNumber;
}

const RELATION = 'dasmo_domande';

export async function collectApplications(client: SqlClient, window: ReferenceWindow): Promise<ApplicationGroup[]> {
  const rows = await client.query<ApplicationRow>(APPLICATIONS_SQL, [window.endExclusive, window.day, window.futureFrom]);
  return rows.map((row) => {
    const missingDate = toNumber(row.missing_date);
    const dateProblems = dateProblemCounts(row.date_problems);
    return {
      office: (toText(row.office, RELATION, 'codice_sede') ?? '').trim(),
      benefitCode: toText(row.benefit, RELATION, 'prestazione'),
      multiRegion: toNumber(row.multi_region) !== 0,
      causeCode: toText(row.cause, RELATION, 'causale'),
      outcomeCode: toText(row.outcome, RELATION, 'esito'),
      missingDate,
      dateProblems,
      received: receivedRows(toNumber(row.row_count), missingDate, dateProblems),
      decided: toNumber(row.decided),
      pendingUnderReview: toNumber(row.pending_under_review),
      pendingAwaitingReview: toNumber(row.pending_awaiting_review),
      ageBuckets: bucketValues(row, AGE_BUCKET_DAYS),
      ageSumDays: toNumber(row.age_sum_days),
      oldestDays: toNullableNumber(row.oldest_days),
    };
  });
}
