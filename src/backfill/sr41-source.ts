import type { Sr41Group } from '../collectors/sr41';
import { SR41_CRITICAL_AGE_DAYS } from '../contract/ages';
import { DecimalUnits } from './decimal-units';
import { COUNT, type ReplaySource } from './replay-source';
import { milestoneDay } from './sql-days';

/** The source codes that identify a group, exactly as the snapshot's collector groups them. */
type Sr41Key = Pick<Sr41Group, 'office' | 'benefitCode' | 'multiRegion' | 'causeCode' | 'channelCode' | 'outcomeCode'>;

type Code = string | null;

/** The measures, in the order of their columns. */
const WORKERS = 0;
const EUROS = 1;
const NEGATIVE_AMOUNT = 2;

/**
 * SR41 payment flows (dasmo_sr41): arrival is the receipt, the second phase the settlement,
 * closing the outcome. Each row also brings its workers, the euros it counts when closed
 * (non-negative amounts only) and whether its amount is negative.
 */
export const SR41_SOURCE: ReplaySource<Sr41Key, Sr41Group> = {
  sql: `
SELECT t.codice_sede, t.prestazione, t.plurilocalizzata, t.causale, t.canale, t.esito,
  t.data_ricezione IS NULL AS missing_date,
  DATEDIFF(t.data_ricezione, p.f) AS received,
  ${milestoneDay('t.data_liquidazione')} AS settled,
  ${milestoneDay('t.data_esito')} AS closed,
  t.lavoratori AS workers,
  IF(t.importo >= 0, t.importo, 0) AS euros,
  t.importo < 0 AS negative_amount
FROM dasmo_sr41 t
CROSS JOIN (SELECT CAST(? AS DATE) AS f, CAST(? AS DATETIME) AS fs, CAST(? AS DATETIME) AS e) p
WHERE t.data_ricezione < p.e OR t.data_ricezione IS NULL`,
  keyColumns: 6,
  key: (row) => {
    const [office, benefit, multi, cause, channel, outcome] = row as [Code, Code, number, Code, Code, Code];
    return {
      office: (office ?? '').trim(),
      benefitCode: benefit,
      multiRegion: Number(multi) !== 0,
      causeCode: cause,
      channelCode: channel,
      outcomeCode: outcome,
    };
  },
  measures: () => [COUNT, new DecimalUnits(), COUNT],
  criticalAgeDays: SR41_CRITICAL_AGE_DAYS,
  group: (key, figures) => ({
    office: key.office,
    benefitCode: key.benefitCode,
    multiRegion: key.multiRegion,
    causeCode: key.causeCode,
    channelCode: key.channelCode,
    outcomeCode: key.outcomeCode,
    missingDate: figures.missingDate,
    received: figures.received,
    closed: figures.closed,
    workersClosed: figures.closedSum(WORKERS),
    eurosClosed: figures.closedSum(EUROS),
    negativeAmount: figures.receivedSum(NEGATIVE_AMOUNT),
    pendingSettled: figures.pendingInPhase,
    pendingProcessing: figures.pendingBeforePhase,
    workersPending: figures.receivedSum(WORKERS) - figures.closedSum(WORKERS),
    ageBuckets: figures.ageBuckets,
    pendingCritical: figures.pendingCritical,
    ageSumDays: figures.ageSumDays,
    oldestDays: figures.oldestDays,
  }),
};
