import type { Sr41Group } from '../collectors/sr41';
import { SR41_CRITICAL_AGE_DAYS } from '../contract/ages';
import { DecimalUnits } from './decimal-units';
import { COUNT, type ReplaySource } from './replay-source';
import { SR41_DATES, USABLE_WORKERS } from '../collectors/sr41';
import { HISTORY_PARAMETERS, historyRowsSql, milestoneDay, rowStateSql } from './sql-days';

/** The source codes that identify a group, exactly as the snapshot's collector groups them. */
type Sr41Key = Pick<Sr41Group, 'office' | 'benefitCode' | 'multiRegion' | 'causeCode' | 'channelCode' | 'outcomeCode'>;

type Code = string | null;

/** The measures, in the order of their columns. */
const WORKERS = 0;
const EUROS = 1;
const NEGATIVE_AMOUNT = 2;
const NEGATIVE_WORKERS = 3;
const MISSING_WORKERS = 4;

/**
 * SR41 payment flows (dasmo_sr41): arrival is the receipt, the second phase the settlement,
 * closing the outcome. Each row also brings its workers (non-negative counts only), the euros
 * it counts when closed (non-negative amounts only), whether its amount is negative and
 * whether its workers are negative or missing.
 */
export const SR41_SOURCE: ReplaySource<Sr41Key, Sr41Group> = {
  sql: `
SELECT t.codice_sede, t.prestazione, t.plurilocalizzata, t.causale, t.canale, t.esito,
  ${rowStateSql(SR41_DATES)} AS state,
  DATEDIFF(t.data_ricezione, p.f) AS received,
  ${milestoneDay('t.data_liquidazione')} AS settled,
  ${milestoneDay('t.data_esito')} AS closed,
  ${USABLE_WORKERS} AS workers,
  IF(t.importo >= 0, t.importo, 0) AS euros,
  t.importo < 0 AS negative_amount,
  t.lavoratori < 0 AS negative_workers,
  t.lavoratori IS NULL AS missing_workers
FROM dasmo_sr41 t
${HISTORY_PARAMETERS}
WHERE ${historyRowsSql('t.data_ricezione')}`,
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
  measures: () => [COUNT, new DecimalUnits(), COUNT, COUNT, COUNT],
  criticalAgeDays: SR41_CRITICAL_AGE_DAYS,
  group: (key, figures) => ({
    office: key.office,
    benefitCode: key.benefitCode,
    multiRegion: key.multiRegion,
    causeCode: key.causeCode,
    channelCode: key.channelCode,
    outcomeCode: key.outcomeCode,
    missingDate: figures.missingDate,
    dateProblems: figures.dateProblems,
    received: figures.received,
    closed: figures.closed,
    workersClosed: figures.closedSum(WORKERS),
    eurosClosed: figures.closedSum(EUROS),
    negativeAmount: figures.receivedSum(NEGATIVE_AMOUNT),
    negativeWorkers: figures.receivedSum(NEGATIVE_WORKERS),
    missingWorkers: figures.receivedSum(MISSING_WORKERS),
    pendingSettled: figures.pendingInPhase,
    pendingProcessing: figures.pendingBeforePhase,
    workersPending: figures.receivedSum(WORKERS) - figures.closedSum(WORKERS),
    ageBuckets: figures.ageBuckets,
    pendingCritical: figures.pendingCritical,
    ageSumDays: figures.ageSumDays,
    oldestDays: figures.oldestDays,
  }),
};
