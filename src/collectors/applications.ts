import type { ReferenceWindow } from '../time/reference-day';
import type { SqlClient } from '../sources/sql-client';
import { AGE_BUCKET_DAYS } from '../contract/ages';
import { dateProblemSql, dateProblemsColumn } from './date-problems';
import { type GroupCodesAndRows, type GroupCodesAndRowsColumns, groupCodesAndRows } from './group-codes';
import { bucketColumns, bucketValues, type SqlNumber, toNullableNumber, toNumber } from './sql-values';

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
export interface ApplicationGroup extends GroupCodesAndRows {
  readonly decided: number;
  readonly pendingUnderReview: number;
  readonly pendingAwaitingReview: number;
  /** Cumulative pending counts at each AGE_BUCKET_DAYS bound (without +Inf). */
  readonly ageBuckets: readonly number[];
  readonly ageSumDays: number;
  readonly oldestDays: number | null;
}

interface ApplicationRow extends GroupCodesAndRowsColumns, Record<string, unknown> {
  decided: SqlNumber;
  pending_under_review: SqlNumber;
  pending_awaiting_review: SqlNumber;
  age_sum_days: SqlNumber;
  oldest_days: SqlNumber;
}

const RELATION = 'dasmo_domande';

export async function collectApplications(client: SqlClient, window: ReferenceWindow): Promise<ApplicationGroup[]> {
  const rows = await client.query<ApplicationRow>(APPLICATIONS_SQL, [window.endExclusive, window.day, window.futureFrom]);
  return rows.map((row) => ({
    ...groupCodesAndRows(row, RELATION),
    decided: toNumber(row.decided),
    pendingUnderReview: toNumber(row.pending_under_review),
    pendingAwaitingReview: toNumber(row.pending_awaiting_review),
    ageBuckets: bucketValues(row, AGE_BUCKET_DAYS),
    ageSumDays: toNumber(row.age_sum_days),
    oldestDays: toNullableNumber(row.oldest_days),
  }));
}
