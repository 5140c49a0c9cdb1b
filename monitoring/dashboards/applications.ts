/** DASMO - Domande di integrazione salariale: backlog, ages, daily flows, office ranking. */
import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { config } from '../config';
import { clearanceDays, growth, oldestDays, pendingOver, total, withRegionNames } from '../promql';
import { LAYOUT, backlogDashboard } from './backlog-dashboard';
import {
  officeRanking,
  oldestPendingColumn,
  oldestPendingFigure,
  pendingByAgeBars,
  pendingByPhaseBars,
  pendingByPhaseTrend,
  receivedAndClosedBars,
} from './backlog-panels';
import { APPLICATIONS } from './backlogs';
import { ZERO_IS_GOOD, barGaugePanel, noValueText, statPanel, steps, timeseriesPanel, UNITS } from './panels';
import { RANKED_BY } from './ranking-table';
import { filterMatchers } from './variables';

const backlog = APPLICATIONS;
const f = filterMatchers(backlog.filters);
const chronic = config.chronicAgeDays;
const pace = config.paceDays;
const clearanceSteps = steps('green', [config.clearanceWarningDays, 'orange'], [config.clearanceCriticalDays, 'red']);
/** Days to clear are undefined when nothing was decided in the period: said in words. */
const nothingDecided = noValueText('nessuna definizione');

function summary() {
  return [
    statPanel({
      title: 'Domande in giacenza',
      description: 'Domande presentate e non ancora definite, per la selezione (regione, sede, prestazione, causale).',
      unit: UNITS.count,
      ...LAYOUT.figure,
      targets: [{ expr: total(backlog.pending, f), instant: true }],
    }),
    statPanel({
      title: `di cui oltre ${chronic} giorni`,
      description: `Domande in giacenza presentate da più di ${chronic} giorni (giacenze croniche).`,
      unit: UNITS.count,
      ...LAYOUT.figure,
      thresholds: ZERO_IS_GOOD,
      targets: [{ expr: pendingOver(backlog.ageHistogram, f, [], chronic), instant: true }],
    }),
    oldestPendingFigure(backlog, f, {
      title: 'Domanda in giacenza più vecchia',
      description: 'Giorni trascorsi dalla presentazione della domanda in giacenza più vecchia della selezione.',
    }),
    statPanel({
      title: 'Domande presentate nel giorno',
      description: 'Domande presentate nel giorno di riferimento (differenza esatta tra i totali di due giorni).',
      unit: UNITS.count,
      ...LAYOUT.figure,
      targets: [{ expr: growth(backlog.received, f, [], 1), instant: true }],
    }),
    statPanel({
      title: 'Domande definite nel giorno',
      description: 'Domande autorizzate, respinte o annullate nel giorno di riferimento.',
      unit: UNITS.count,
      ...LAYOUT.figure,
      targets: [{ expr: growth(backlog.closed, f, [], 1), instant: true }],
    }),
    statPanel({
      title: `Giorni per smaltire le giacenze al ritmo degli ultimi ${pace} giorni`,
      description:
        `Giacenze attuali divise per le domande definite in media al giorno negli ultimi ${pace} giorni: quanti ` +
        'giorni servirebbero per definirle tutte se non ne arrivassero di nuove. "nessuna definizione" se nel ' +
        'periodo non è stata definita alcuna domanda.',
      unit: UNITS.days,
      decimals: 0,
      ...LAYOUT.figure,
      thresholds: clearanceSteps,
      mappings: nothingDecided,
      targets: [{ expr: clearanceDays(f, [], pace), instant: true }],
    }),
  ];
}

function pending() {
  return [
    pendingByPhaseBars(backlog, f, {
      title: 'Giacenze per fase',
      description: 'Domande in giacenza in attesa di istruttoria e in istruttoria presso la sede.',
    }),
    pendingByAgeBars(backlog, f, {
      title: 'Giacenze per anzianità',
      description:
        'Domande in giacenza per fascia di giorni trascorsi dalla presentazione. In rosso le fasce oltre ' +
        `${chronic} giorni.`,
    }),
    barGaugePanel({
      title: 'Domanda più vecchia per prestazione',
      description: 'Per ogni prestazione, i giorni trascorsi dalla presentazione della domanda in giacenza più vecchia.',
      unit: UNITS.days,
      decimals: 0,
      ...LAYOUT.bars,
      thresholds: backlog.oldestAgeSteps,
      targets: [{ expr: oldestDays(backlog.oldestAge, f, ['benefit']), legend: '{{benefit}}', instant: true }],
    }),
    pendingByPhaseTrend(backlog, f, {
      title: 'Andamento delle giacenze per fase',
      description: 'Domande in giacenza per fase, giorno per giorno.',
    }),
    timeseriesPanel({
      title: `Andamento delle giacenze oltre ${chronic} giorni`,
      description: `Domande in giacenza da più di ${chronic} giorni, giorno per giorno, per direzione regionale.`,
      unit: UNITS.count,
      ...LAYOUT.trend,
      targets: [
        {
          expr: withRegionNames(pendingOver(backlog.ageHistogram, f, ['region'], chronic, 'trend'), 'trend'),
          legend: '{{region_name}}',
        },
      ],
    }),
  ];
}

function dailyFlows() {
  return [
    receivedAndClosedBars(backlog, f, {
      title: 'Domande presentate e definite al giorno',
      description:
        'Domande presentate e domande definite per esito nel giorno di riferimento: differenza esatta tra i ' +
        'totali di due giorni consecutivi (x - x offset 1d), non una stima.',
    }),
    timeseriesPanel({
      title: `Giorni per smaltire le giacenze al ritmo degli ultimi ${pace} giorni`,
      description:
        `Giacenze divise per le definizioni medie giornaliere degli ${pace} giorni precedenti, giorno per giorno. ` +
        'Se cresce, le sedi definiscono meno domande di quante ne restano in giacenza. Nei giorni senza alcuna ' +
        'definizione nel periodo la linea si interrompe.',
      unit: UNITS.days,
      decimals: 0,
      ...LAYOUT.trend,
      thresholds: clearanceSteps,
      targets: [{ expr: clearanceDays(f, [], pace, 'trend'), legend: 'Giorni per smaltire' }],
    }),
  ];
}

function offices() {
  const by = RANKED_BY.office;
  return [
    officeRanking(backlog, {
      description:
        `Sedi della selezione ordinate per domande in giacenza da oltre ${chronic} giorni, con la più vecchia, ` +
        `le definizioni degli ultimi ${pace} giorni e i giorni per smaltire. Il codice della sede apre la sede.`,
      linkTitle: 'Apri la sede',
      columns: [
        { header: 'In giacenza', expr: total(backlog.pending, f, by) },
        { header: `Oltre ${chronic} giorni`, expr: pendingOver(backlog.ageHistogram, f, by, chronic), thresholds: ZERO_IS_GOOD },
        oldestPendingColumn(backlog, f, 'office', 'Più vecchia (giorni)'),
        { header: `Definite in ${pace} giorni`, expr: growth(backlog.closed, f, by, pace) },
        {
          header: 'Giorni per smaltire',
          expr: clearanceDays(f, by, pace),
          unit: UNITS.days,
          decimals: 0,
          thresholds: clearanceSteps,
          mappings: nothingDecided,
        },
      ],
      sortBy: `Oltre ${chronic} giorni`,
    }),
  ];
}

export function applicationsDashboard(): dashboard.Dashboard {
  return backlogDashboard({
    backlog,
    title: 'DASMO - Domande di integrazione salariale',
    description:
      'Giacenze delle domande di integrazione salariale per direzione regionale, sede, prestazione e causale.',
    summary: summary(),
    pending: pending(),
    flows: { row: 'Domande presentate e definite', panels: dailyFlows() },
    offices: offices(),
  });
}
