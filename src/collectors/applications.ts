import type { ReferenceWindow } from '../time/reference-day';
import type { SqlClient } from '../sources/sql-client';
import { AGE_BUCKET_DAYS } from '../contract/ages';
import { bucketColumns, bucketValues, type SqlNumber, toNullableNumber, toNumber, toText } from './sql-values';

/*
 * Applications (dasmo_domande): one pass, grouped by the raw source codes so that all label
 * mapping happens in one place (snapshot/labels.ts). Parameters: E (exclusive end, wall clock)
 * and R (the reference day). Rows without a presentation date are kept only to be counted.
 */
const PENDING = '(t.data_presentazione IS NOT NULL AND (t.data_definizione IS NULL OR t.data_definizione >= p.e))';
const AGE_DAYS = 'DATEDIFF(p.r, t.data_presentazione)';

export const APPLICATIONS_SQL = `
SELECT t.codice_sede AS office, t.prestazione AS benefit, t.plurilocalizzata AS multi_region,
  t.causale AS cause, t.esito AS outcome,
  SUM(t.data_presentazione IS NULL) AS missing_date,
  SUM(t.data_presentazione IS NOT NULL) AS received,
  SUM(t.data_presentazione IS NOT NULL AND t.data_definizione < p.e) AS decided,
  SUM(${PENDING} AND t.data_istruttoria < p.e) AS pending_under_review,
  SUM(${PENDING} AND (t.data_istruttoria IS NULL OR t.data_istruttoria >= p.e)) AS pending_awaiting_review,
  ${bucketColumns(PENDING, AGE_DAYS, AGE_BUCKET_DAYS)},
  SUM(IF(${PENDING}, ${AGE_DAYS}, 0)) AS age_sum_days,
  MAX(IF(${PENDING}, ${AGE_DAYS}, NULL)) AS oldest_days
FROM dasmo_domande t
CROSS JOIN (SELECT CAST(? AS DATETIME) AS e, CAST(? AS DATE) AS r) p
WHERE t.data_presentazione < p.e OR t.data_presentazione IS NULL
GROUP BY t.codice_sede, t.prestazione, t.plurilocalizzata, t.causale, t.esito`;

/** One group of applications sharing office, benefit, plurilocalizzata, cause and outcome codes. */
export interface ApplicationGroup {
  readonly office: string;
  readonly benefitCode: string | null;
  readonly multiRegion: boolean;
  readonly causeCode: string | null;
  readonly outcomeCode: string | null;
  readonly missingDate: number;
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
  missing_date: SqlNumber;
  received: SqlNumber;
  decided: SqlNumber;
  pending_under_review: SqlNumber;
  pending_awaiting_review: SqlNumber;
  age_sum_days: SqlNumber;
  oldest_days: SqlNumber;
}

const RELATION = 'dasmo_domande';

export async function collectApplications(client: SqlClient, window: ReferenceWindow): Promise<ApplicationGroup[]> {
  const rows = await client.query<ApplicationRow>(APPLICATIONS_SQL, [window.endExclusive, window.day]);
  return rows.map((row) => ({
    office: (toText(row.office, RELATION, 'codice_sede') ?? '').trim(),
    benefitCode: toText(row.benefit, RELATION, 'prestazione'),
    multiRegion: toNumber(row.multi_region) !== 0,
    causeCode: toText(row.cause, RELATION, 'causale'),
    outcomeCode: toText(row.outcome, RELATION, 'esito'),
    missingDate: toNumber(row.missing_date),
    received: toNumber(row.received),
    decided: toNumber(row.decided),
    pendingUnderReview: toNumber(row.pending_under_review),
    pendingAwaitingReview: toNumber(row.pending_awaiting_review),
    ageBuckets: bucketValues(row, AGE_BUCKET_DAYS),
    ageSumDays: toNumber(row.age_sum_days),
    oldestDays: toNullableNumber(row.oldest_days),
  }));
}
