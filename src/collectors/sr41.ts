import type { ReferenceWindow } from '../time/reference-day';
import type { SqlClient } from '../sources/sql-client';
import { AGE_BUCKET_DAYS, SR41_CRITICAL_AGE_DAYS } from '../contract/ages';
import { bucketColumns, bucketValues, type SqlNumber, toNullableNumber, toNumber, toText } from './sql-values';

/*
 * SR41 payment flows (dasmo_sr41): one pass, grouped by the raw source codes. Parameters: E
 * (exclusive end, wall clock) and R (the reference day). Euros are summed only over closed
 * flows with a non-negative amount; negative amounts are counted instead.
 */
const RECEIVED = 't.data_ricezione IS NOT NULL';
const CLOSED = `(${RECEIVED} AND t.data_esito < p.e)`;
const PENDING = `(${RECEIVED} AND (t.data_esito IS NULL OR t.data_esito >= p.e))`;
const AGE_DAYS = 'DATEDIFF(p.r, t.data_ricezione)';

export const SR41_SQL = `
SELECT t.codice_sede AS office, t.prestazione AS benefit, t.plurilocalizzata AS multi_region,
  t.causale AS cause, t.canale AS channel, t.esito AS outcome,
  SUM(t.data_ricezione IS NULL) AS missing_date,
  SUM(${RECEIVED}) AS received,
  SUM(${CLOSED}) AS closed,
  SUM(IF(${CLOSED}, t.lavoratori, 0)) AS workers_closed,
  SUM(IF(${CLOSED} AND t.importo >= 0, t.importo, 0)) AS euros_closed,
  SUM(${RECEIVED} AND t.importo < 0) AS negative_amount,
  SUM(${PENDING} AND t.data_liquidazione < p.e) AS pending_settled,
  SUM(${PENDING} AND (t.data_liquidazione IS NULL OR t.data_liquidazione >= p.e)) AS pending_processing,
  SUM(IF(${PENDING}, t.lavoratori, 0)) AS workers_pending,
  ${bucketColumns(PENDING, AGE_DAYS, AGE_BUCKET_DAYS)},
  SUM(${PENDING} AND ${AGE_DAYS} > ${SR41_CRITICAL_AGE_DAYS}) AS pending_critical,
  SUM(IF(${PENDING}, ${AGE_DAYS}, 0)) AS age_sum_days,
  MAX(IF(${PENDING}, ${AGE_DAYS}, NULL)) AS oldest_days
FROM dasmo_sr41 t
CROSS JOIN (SELECT CAST(? AS DATETIME) AS e, CAST(? AS DATE) AS r) p
WHERE t.data_ricezione < p.e OR t.data_ricezione IS NULL
GROUP BY t.codice_sede, t.prestazione, t.plurilocalizzata, t.causale, t.canale, t.esito`;

/** One group of flows sharing office, benefit, plurilocalizzata, cause, channel and outcome codes. */
export interface Sr41Group {
  readonly office: string;
  readonly benefitCode: string | null;
  readonly multiRegion: boolean;
  readonly causeCode: string | null;
  readonly channelCode: string | null;
  readonly outcomeCode: string | null;
  readonly missingDate: number;
  readonly received: number;
  readonly closed: number;
  readonly workersClosed: number;
  readonly eurosClosed: number;
  readonly negativeAmount: number;
  readonly pendingSettled: number;
  readonly pendingProcessing: number;
  readonly workersPending: number;
  readonly ageBuckets: readonly number[];
  readonly pendingCritical: number;
  readonly ageSumDays: number;
  readonly oldestDays: number | null;
}

interface Sr41Row extends Record<string, unknown> {
  office: unknown;
  benefit: unknown;
  multi_region: SqlNumber;
  cause: unknown;
  channel: unknown;
  outcome: unknown;
  missing_date: SqlNumber;
  received: SqlNumber;
  closed: SqlNumber;
  workers_closed: SqlNumber;
  euros_closed: SqlNumber;
  negative_amount: SqlNumber;
  pending_settled: SqlNumber;
  pending_processing: SqlNumber;
  workers_pending: SqlNumber;
  pending_critical: SqlNumber;
  age_sum_days: SqlNumber;
  oldest_days: SqlNumber;
}

const RELATION = 'dasmo_sr41';

export async function collectSr41(client: SqlClient, window: ReferenceWindow): Promise<Sr41Group[]> {
  const rows = await client.query<Sr41Row>(SR41_SQL, [window.endExclusive, window.day]);
  return rows.map((row) => ({
    office: (toText(row.office, RELATION, 'codice_sede') ?? '').trim(),
    benefitCode: toText(row.benefit, RELATION, 'prestazione'),
    multiRegion: toNumber(row.multi_region) !== 0,
    causeCode: toText(row.cause, RELATION, 'causale'),
    channelCode: toText(row.channel, RELATION, 'canale'),
    outcomeCode: toText(row.outcome, RELATION, 'esito'),
    missingDate: toNumber(row.missing_date),
    received: toNumber(row.received),
    closed: toNumber(row.closed),
    workersClosed: toNumber(row.workers_closed),
    eurosClosed: toNumber(row.euros_closed),
    negativeAmount: toNumber(row.negative_amount),
    pendingSettled: toNumber(row.pending_settled),
    pendingProcessing: toNumber(row.pending_processing),
    workersPending: toNumber(row.workers_pending),
    ageBuckets: bucketValues(row, AGE_BUCKET_DAYS),
    pendingCritical: toNumber(row.pending_critical),
    ageSumDays: toNumber(row.age_sum_days),
    oldestDays: toNullableNumber(row.oldest_days),
  }));
}
