import type { ReferenceWindow } from '../time/reference-day';
import type { SqlClient } from '../sources/sql-client';
import { AGE_BUCKET_DAYS, SR41_CRITICAL_AGE_DAYS } from '../contract/ages';
import { dateProblemSql, dateProblemsColumn } from './date-problems';
import { type GroupCodesAndRows, type GroupCodesAndRowsColumns, groupCodesAndRows } from './group-codes';
import { bucketColumns, bucketValues, type SqlNumber, toNullableNumber, toNumber, toText } from './sql-values';

/*
 * SR41 payment flows (dasmo_sr41): one pass, grouped by the raw source codes. Parameters: E
 * (exclusive end, wall clock), R (the reference day) and the start of the day after today.
 * Rows without a receipt date, or with a date problem (date-problems.ts), are only counted.
 * Euros are summed only over closed flows with a non-negative amount, workers only over
 * flows with a non-negative count; negative amounts and negative or missing counts are counted.
 */
export const SR41_DATES = {
  arrival: 't.data_ricezione',
  phase: 't.data_liquidazione',
  close: 't.data_esito',
};
const DATE_PROBLEM = dateProblemSql(SR41_DATES, 'p.future');
/** Checked last, so that the CASE runs only for rows the cheaper conditions let through. */
const USABLE = `(${DATE_PROBLEM}) = 0`;
/** A flow's workers where the count is usable, else 0 (NULL >= 0 is not true). */
export const USABLE_WORKERS = 'IF(t.lavoratori >= 0, t.lavoratori, 0)';
const CLOSED = `(t.data_esito < p.e AND ${USABLE})`;
const PENDING = `((t.data_esito IS NULL OR t.data_esito >= p.e) AND ${USABLE})`;
const AGE_DAYS = 'DATEDIFF(p.r, t.data_ricezione)';

export const SR41_SQL = `
SELECT t.codice_sede AS office, t.prestazione AS benefit, t.plurilocalizzata AS multi_region,
  t.causale AS cause, t.canale AS channel, t.esito AS outcome,
  COUNT(*) AS row_count,
  SUM(t.data_ricezione IS NULL) AS missing_date,
  ${dateProblemsColumn(DATE_PROBLEM)},
  SUM(${CLOSED}) AS closed,
  SUM(IF(${CLOSED}, ${USABLE_WORKERS}, 0)) AS workers_closed,
  SUM(IF(t.importo >= 0 AND ${CLOSED}, t.importo, 0)) AS euros_closed,
  SUM(t.importo < 0 AND ${USABLE}) AS negative_amount,
  SUM(t.lavoratori < 0 AND ${USABLE}) AS negative_workers,
  SUM(t.lavoratori IS NULL AND ${USABLE}) AS missing_workers,
  SUM(${PENDING} AND t.data_liquidazione < p.e) AS pending_settled,
  SUM(${PENDING} AND (t.data_liquidazione IS NULL OR t.data_liquidazione >= p.e)) AS pending_processing,
  SUM(IF(${PENDING}, ${USABLE_WORKERS}, 0)) AS workers_pending,
  ${bucketColumns(PENDING, AGE_DAYS, AGE_BUCKET_DAYS)},
  SUM(${PENDING} AND ${AGE_DAYS} > ${SR41_CRITICAL_AGE_DAYS}) AS pending_critical,
  SUM(IF(${PENDING}, ${AGE_DAYS}, 0)) AS age_sum_days,
  MAX(IF(${PENDING}, ${AGE_DAYS}, NULL)) AS oldest_days
FROM dasmo_sr41 t
CROSS JOIN (SELECT CAST(? AS DATETIME) AS e, CAST(? AS DATE) AS r, CAST(? AS DATETIME) AS future) p
WHERE t.data_ricezione < p.e OR t.data_ricezione IS NULL OR t.data_ricezione >= p.future
GROUP BY t.codice_sede, t.prestazione, t.plurilocalizzata, t.causale, t.canale, t.esito`;

/** One group of flows sharing office, benefit, plurilocalizzata, cause, channel and outcome codes. */
export interface Sr41Group extends GroupCodesAndRows {
  readonly channelCode: string | null;
  readonly closed: number;
  readonly workersClosed: number;
  readonly eurosClosed: number;
  readonly negativeAmount: number;
  /** Received rows whose lavoratori is negative, or NULL: their workers count as 0. */
  readonly negativeWorkers: number;
  readonly missingWorkers: number;
  readonly pendingSettled: number;
  readonly pendingProcessing: number;
  readonly workersPending: number;
  readonly ageBuckets: readonly number[];
  readonly pendingCritical: number;
  readonly ageSumDays: number;
  readonly oldestDays: number | null;
}

interface Sr41Row extends GroupCodesAndRowsColumns, Record<string, unknown> {
  channel: unknown;
  closed: SqlNumber;
  workers_closed: SqlNumber;
  euros_closed: SqlNumber;
  negative_amount: SqlNumber;
  negative_workers: SqlNumber;
  missing_workers: SqlNumber;
  pending_settled: SqlNumber;
  pending_processing: SqlNumber;
  workers_pending: SqlNumber;
  pending_critical: SqlNumber;
  age_sum_days: SqlNumber;
  oldest_days: SqlNumber;
}

const RELATION = 'dasmo_sr41';

export async function collectSr41(client: SqlClient, window: ReferenceWindow): Promise<Sr41Group[]> {
  const rows = await client.query<Sr41Row>(SR41_SQL, [window.endExclusive, window.day, window.futureFrom]);
  return rows.map((row) => ({
    ...groupCodesAndRows(row, RELATION),
    channelCode: toText(row.channel, RELATION, 'canale'),
    closed: toNumber(row.closed),
    workersClosed: toNumber(row.workers_closed),
    eurosClosed: toNumber(row.euros_closed),
    negativeAmount: toNumber(row.negative_amount),
    negativeWorkers: toNumber(row.negative_workers),
    missingWorkers: toNumber(row.missing_workers),
    pendingSettled: toNumber(row.pending_settled),
    pendingProcessing: toNumber(row.pending_processing),
    workersPending: toNumber(row.workers_pending),
    ageBuckets: bucketValues(row, AGE_BUCKET_DAYS),
    pendingCritical: toNumber(row.pending_critical),
    ageSumDays: toNumber(row.age_sum_days),
    oldestDays: toNullableNumber(row.oldest_days),
  }));
}
