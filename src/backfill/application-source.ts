import type { ApplicationGroup } from '../collectors/applications';
import type { ReplaySource } from './replay-source';
import { APPLICATION_DATES } from '../collectors/applications';
import { HISTORY_PARAMETERS, historyRowsSql, milestoneDay, rowStateSql } from './sql-days';

/** The source codes that identify a group, exactly as the snapshot's collector groups them. */
type ApplicationKey = Pick<ApplicationGroup, 'office' | 'benefitCode' | 'multiRegion' | 'causeCode' | 'outcomeCode'>;

type Code = string | null;

/**
 * Applications (dasmo_domande): arrival is the presentation, the second phase the review,
 * closing the decision. The covering index of the per-day query is read in order.
 */
export const APPLICATION_SOURCE: ReplaySource<ApplicationKey, ApplicationGroup> = {
  sql: `
SELECT t.codice_sede, t.prestazione, t.plurilocalizzata, t.causale, t.esito,
  ${rowStateSql(APPLICATION_DATES)} AS state,
  DATEDIFF(t.data_presentazione, p.f) AS presented,
  ${milestoneDay('t.data_istruttoria')} AS reviewed,
  ${milestoneDay('t.data_definizione')} AS decided
FROM dasmo_domande t
${HISTORY_PARAMETERS}
WHERE ${historyRowsSql('t.data_presentazione')}`,
  keyColumns: 5,
  key: (row) => {
    const [office, benefit, multi, cause, outcome] = row as [Code, Code, number, Code, Code];
    return {
      office: (office ?? '').trim(),
      benefitCode: benefit,
      multiRegion: Number(multi) !== 0,
      causeCode: cause,
      outcomeCode: outcome,
    };
  },
  measures: () => [],
  criticalAgeDays: null,
  group: (key, figures) => ({
    office: key.office,
    benefitCode: key.benefitCode,
    multiRegion: key.multiRegion,
    causeCode: key.causeCode,
    outcomeCode: key.outcomeCode,
    missingDate: figures.missingDate,
    dateProblems: figures.dateProblems,
    received: figures.received,
    decided: figures.closed,
    pendingUnderReview: figures.pendingInPhase,
    pendingAwaitingReview: figures.pendingBeforePhase,
    ageBuckets: figures.ageBuckets,
    ageSumDays: figures.ageSumDays,
    oldestDays: figures.oldestDays,
  }),
};
