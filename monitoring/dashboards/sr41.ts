/** DASMO - Flussi di pagamento SR41: pending flows, workers awaiting payment, outcomes, euros. */
import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { config } from '../config';
import { euroGrowth, growth, rejectedShare, total, withRegionNames } from '../promql';
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
import { SR41_FLOWS } from './backlogs';
import { ZERO_IS_GOOD, barGaugePanel, noValueText, statPanel, steps, timeseriesPanel, UNITS } from './panels';
import { RANKED_BY } from './ranking-table';
import { filterMatchers } from './variables';

const backlog = SR41_FLOWS;
const f = filterMatchers(backlog.filters);
const critical = config.sr41CriticalAgeDays;
const pace = config.paceDays;
const nothingClosed = noValueText('nessun flusso chiuso');
const shareSteps = steps('green', [config.sr41RejectedShareWarning, 'orange'], [config.alerts.sr41RejectedShare, 'red']);

function summary() {
  return [
    statPanel({
      title: 'Flussi SR41 in giacenza',
      description: 'Flussi di pagamento diretto ricevuti e non ancora chiusi (pagati, scartati, annullati o decaduti).',
      unit: UNITS.count,
      ...LAYOUT.figure,
      targets: [{ expr: total(backlog.pending, f), instant: true }],
    }),
    statPanel({
      title: 'Lavoratori in attesa di pagamento',
      description: 'Lavoratori compresi nei flussi in giacenza: attendono il pagamento diretto da parte di INPS.',
      unit: UNITS.count,
      ...LAYOUT.figure,
      targets: [{ expr: total('dasmo_sr41_workers_pending', f), instant: true }],
    }),
    statPanel({
      title: `Flussi in alta criticità (oltre ${critical} giorni)`,
      description: `Flussi ricevuti da più di ${critical} giorni e non ancora chiusi: l'alta criticità.`,
      unit: UNITS.count,
      ...LAYOUT.figure,
      thresholds: ZERO_IS_GOOD,
      targets: [{ expr: total('dasmo_sr41_flows_pending_critical', f), instant: true }],
    }),
    oldestPendingFigure(backlog, f, {
      title: 'Flusso in giacenza più vecchio',
      description: 'Giorni trascorsi dalla ricezione del flusso non ancora chiuso più vecchio della selezione.',
    }),
    statPanel({
      title: `Quota di flussi scartati (ultimi ${pace} giorni)`,
      description:
        `Flussi scartati per errori (il datore di lavoro deve inviarli di nuovo) sul totale dei flussi chiusi negli ` +
        `ultimi ${pace} giorni. "nessun flusso chiuso" se nel periodo non se ne è chiuso nessuno.`,
      unit: UNITS.share,
      decimals: 1,
      ...LAYOUT.figure,
      thresholds: shareSteps,
      mappings: nothingClosed,
      targets: [{ expr: rejectedShare(f, [], pace), instant: true }],
    }),
    statPanel({
      title: 'Euro pagati nel giorno',
      description: 'Importi pagati direttamente ai lavoratori nel giorno di riferimento.',
      unit: UNITS.euros,
      ...LAYOUT.figure,
      targets: [{ expr: euroGrowth(f, 1), instant: true }],
    }),
  ];
}

function pending() {
  return [
    pendingByPhaseBars(backlog, f, {
      title: 'Flussi in giacenza per fase',
      description: 'Flussi in lavorazione presso la sede e flussi già liquidati in attesa del pagamento.',
    }),
    pendingByAgeBars(backlog, f, {
      title: 'Flussi in giacenza per anzianità',
      description: 'Flussi in giacenza per fascia di giorni trascorsi dalla ricezione. In rosso le fasce in alta criticità.',
    }),
    barGaugePanel({
      title: 'Flussi in alta criticità per direzione regionale',
      description: `Flussi non chiusi da oltre ${critical} giorni (alta criticità) per direzione regionale.`,
      unit: UNITS.count,
      ...LAYOUT.bars,
      thresholds: ZERO_IS_GOOD,
      targets: [
        {
          expr: withRegionNames(total('dasmo_sr41_flows_pending_critical', f, ['region'])),
          legend: '{{region}} {{region_name}}',
          instant: true,
        },
      ],
    }),
    pendingByPhaseTrend(backlog, f, {
      title: 'Andamento dei flussi in giacenza per fase',
      description: 'Flussi in lavorazione e liquidati in attesa di pagamento, giorno per giorno.',
    }),
    timeseriesPanel({
      title: 'Andamento dei lavoratori in attesa e dei flussi in alta criticità',
      description: `Lavoratori in attesa di pagamento e flussi non pagati da oltre ${critical} giorni, giorno per giorno.`,
      unit: UNITS.count,
      ...LAYOUT.trend,
      targets: [
        { expr: total('dasmo_sr41_workers_pending', f, [], 'trend'), legend: 'Lavoratori in attesa' },
        { expr: total('dasmo_sr41_flows_pending_critical', f, [], 'trend'), legend: `Flussi oltre ${critical} giorni` },
      ],
    }),
  ];
}

function outcomes() {
  return [
    receivedAndClosedBars(backlog, f, {
      title: 'Flussi ricevuti e chiusi al giorno per esito',
      description:
        'Flussi ricevuti e flussi chiusi per esito (pagati, scartati, annullati, decaduti) nel giorno di ' +
        'riferimento: differenza esatta tra i totali di due giorni consecutivi.',
    }),
    timeseriesPanel({
      title: `Quota di flussi scartati negli ultimi ${pace} giorni`,
      description: `Flussi scartati sul totale dei flussi chiusi nei ${pace} giorni precedenti, giorno per giorno.`,
      unit: UNITS.share,
      decimals: 1,
      ...LAYOUT.trend,
      thresholds: shareSteps,
      targets: [{ expr: rejectedShare(f, [], pace, 'trend'), legend: 'Quota scartati' }],
    }),
    timeseriesPanel(
      {
        title: 'Euro pagati al giorno',
        description: 'Importi pagati direttamente ai lavoratori nel giorno di riferimento.',
        unit: UNITS.euros,
        ...LAYOUT.trend,
        targets: [{ expr: euroGrowth(f, 1, 'trend'), legend: 'Euro pagati' }],
      },
      { bars: true },
    ),
    timeseriesPanel(
      {
        title: 'Lavoratori pagati al giorno',
        description: 'Lavoratori che hanno ricevuto il pagamento diretto nel giorno di riferimento.',
        unit: UNITS.count,
        ...LAYOUT.trend,
        targets: [{ expr: growth('dasmo_sr41_workers_paid_total', f, [], 1, 'trend'), legend: 'Lavoratori pagati' }],
      },
      { bars: true },
    ),
  ];
}

function offices() {
  const by = RANKED_BY.office;
  return [
    officeRanking(backlog, {
      description:
        `Sedi della selezione ordinate per flussi in alta criticità (oltre ${critical} giorni), con flussi e ` +
        `lavoratori in attesa, il flusso più vecchio e la quota di scartati degli ultimi ${pace} giorni.`,
      linkTitle: 'Apri i flussi della sede',
      columns: [
        { header: 'Flussi in giacenza', expr: total(backlog.pending, f, by) },
        { header: 'Lavoratori in attesa', expr: total('dasmo_sr41_workers_pending', f, by) },
        { header: `Oltre ${critical} giorni`, expr: total('dasmo_sr41_flows_pending_critical', f, by), thresholds: ZERO_IS_GOOD },
        oldestPendingColumn(backlog, f, 'office', 'Più vecchio (giorni)'),
        { header: 'Quota scartati', expr: rejectedShare(f, by, pace), unit: UNITS.share, decimals: 1, thresholds: shareSteps, mappings: nothingClosed },
      ],
      sortBy: `Oltre ${critical} giorni`,
    }),
  ];
}

export function sr41Dashboard(): dashboard.Dashboard {
  return backlogDashboard({
    backlog,
    title: 'DASMO - Flussi di pagamento SR41',
    description:
      'Flussi di pagamento diretto (SR41, SR43, UniEmens-Cig): giacenze, lavoratori in attesa, esiti e importi pagati.',
    summary: summary(),
    pending: pending(),
    flows: { row: 'Esiti e pagamenti', panels: outcomes() },
    offices: offices(),
  });
}
