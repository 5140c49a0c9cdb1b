/** DASMO - Panoramica nazionale: the national picture, by region, trends, chronic offices. */
import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { config } from '../config';
import { current, euroGrowth, growth, maxBy, minBy, orRegionCopy, pendingOver, total, withRegionNames } from '../promql';
import { oldestPendingColumn, oldestPendingFigure } from './backlog-panels';
import { APPLICATIONS, SR41_FLOWS } from './backlogs';
import { buildDashboard } from './frame';
import { ZERO_IS_GOOD, barGaugePanel, statPanel, steps, timeseriesPanel, UNITS } from './panels';
import { RANKED_BY, drillDownLink, rankingTable } from './ranking-table';
import { datasourceVariable } from './variables';

const job = [config.jobSelector];
const pluri = [config.jobSelector, 'benefit="cigd_pluri"'];
const chronic = config.chronicAgeDays;
const critical = config.sr41CriticalAgeDays;
const wideFigure = { width: 6, height: 4 };

function freshness() {
  return [
    statPanel({
      title: 'Giorno di riferimento dei dati',
      description:
        'Il giorno a cui si riferiscono i dati mostrati: di norma ieri. I dati sono aggiornati una volta al giorno.',
      unit: UNITS.date,
      width: 6,
      height: 4,
      targets: [
        { expr: `${orRegionCopy('dasmo_snapshot_reference_date_seconds', (metric) => maxBy([], current(metric, job)))} * 1000`, instant: true },
      ],
    }),
    statPanel({
      title: "Ore dall'ultimo aggiornamento riuscito",
      description:
        "Ore trascorse dall'ultimo aggiornamento riuscito della sorgente meno recente. Oltre " +
        `${config.alerts.refreshMaxAgeHours} ore i dati sono da considerare non aggiornati.`,
      unit: UNITS.hours,
      decimals: 1,
      width: 6,
      height: 4,
      thresholds: steps('green', [config.alerts.refreshMaxAgeHours, 'red']),
      targets: [
        {
          expr: `(time() - ${orRegionCopy('dasmo_refresh_last_success_timestamp_seconds', (metric) => minBy([], current(metric, job)))}) / 3600`,
          instant: true,
        },
      ],
    }),
  ];
}

function applicationsSummary() {
  return [
    statPanel({
      title: 'Domande in giacenza',
      description: 'Domande di integrazione salariale presentate e non ancora definite, in tutta Italia.',
      unit: UNITS.count,
      width: 4,
      height: 4,
      targets: [{ expr: total('dasmo_applications_pending', job), instant: true }],
    }),
    statPanel({
      title: `di cui in giacenza da oltre ${chronic} giorni`,
      description: `Domande in giacenza presentate da più di ${chronic} giorni: le giacenze croniche.`,
      unit: UNITS.count,
      width: 4,
      height: 4,
      thresholds: ZERO_IS_GOOD,
      targets: [{ expr: pendingOver('dasmo_applications_pending_age_seconds', job, [], chronic), instant: true }],
    }),
    oldestPendingFigure(APPLICATIONS, job, {
      title: 'Domanda in giacenza più vecchia',
      description: 'Giorni trascorsi dalla presentazione della domanda in giacenza più vecchia.',
    }),
  ];
}

function sr41Summary() {
  return [
    statPanel({
      title: 'Flussi SR41 in giacenza',
      description: 'Flussi di pagamento diretto (SR41, SR43, UniEmens-Cig) ricevuti e non ancora chiusi.',
      unit: UNITS.count,
      width: 6,
      height: 4,
      targets: [{ expr: total('dasmo_sr41_flows_pending', job), instant: true }],
    }),
    statPanel({
      title: 'Lavoratori in attesa di pagamento',
      description: 'Lavoratori compresi nei flussi SR41 in giacenza, in attesa del pagamento diretto.',
      unit: UNITS.count,
      width: 6,
      height: 4,
      targets: [{ expr: total('dasmo_sr41_workers_pending', job), instant: true }],
    }),
    statPanel({
      title: `Flussi SR41 in alta criticità (oltre ${critical} giorni)`,
      description: `Flussi SR41 ricevuti da più di ${critical} giorni e non ancora chiusi: l'alta criticità.`,
      unit: UNITS.count,
      width: 6,
      height: 4,
      thresholds: ZERO_IS_GOOD,
      targets: [{ expr: total('dasmo_sr41_flows_pending_critical', job), instant: true }],
    }),
    oldestPendingFigure(
      SR41_FLOWS,
      job,
      {
        title: 'Flusso SR41 in giacenza più vecchio',
        description: 'Giorni trascorsi dalla ricezione del flusso SR41 non ancora chiuso più vecchio.',
      },
      wideFigure,
    ),
  ];
}

function byRegion() {
  const region = RANKED_BY.region;
  const linkTitle = 'Apri le domande della direzione regionale';
  return [
    rankingTable({
      title: 'Giacenze per direzione regionale',
      description:
        'Per ogni direzione regionale: domande in giacenza, quelle oltre la soglia di cronicità, la più vecchia, ' +
        'flussi SR41 e lavoratori in attesa di pagamento. Il codice della regione apre il dettaglio.',
      level: 'region',
      link: drillDownLink(linkTitle, 'region', APPLICATIONS, 'row'),
      width: 14,
      height: 12,
      columns: [
        { header: 'Domande in giacenza', expr: total('dasmo_applications_pending', job, region) },
        {
          header: `Oltre ${chronic} giorni`,
          expr: pendingOver('dasmo_applications_pending_age_seconds', job, region, chronic),
          thresholds: ZERO_IS_GOOD,
        },
        oldestPendingColumn(APPLICATIONS, job, 'region', 'Più vecchia (giorni)'),
        { header: 'Flussi SR41 in giacenza', expr: total('dasmo_sr41_flows_pending', job, region) },
        { header: 'Lavoratori in attesa', expr: total('dasmo_sr41_workers_pending', job, region) },
      ],
      sortBy: 'Domande in giacenza',
    }),
    barGaugePanel({
      title: 'Domande in giacenza per direzione regionale',
      description: 'Confronto tra direzioni regionali del numero di domande in giacenza.',
      unit: UNITS.count,
      width: 10,
      height: 12,
      links: [drillDownLink(linkTitle, 'region', APPLICATIONS, 'series')],
      targets: [
        {
          expr: withRegionNames(total('dasmo_applications_pending', job, region)),
          legend: '{{region}} {{region_name}}',
          instant: true,
        },
      ],
    }),
  ];
}

function trends() {
  return [
    timeseriesPanel({
      title: 'Andamento delle domande in giacenza',
      description: `Domande in giacenza e, tra queste, quelle da oltre ${chronic} giorni, giorno per giorno.`,
      unit: UNITS.count,
      width: 12,
      height: 9,
      targets: [
        { expr: total('dasmo_applications_pending', job, [], 'trend'), legend: 'In giacenza' },
        {
          expr: pendingOver('dasmo_applications_pending_age_seconds', job, [], chronic, 'trend'),
          legend: `Oltre ${chronic} giorni`,
        },
      ],
    }),
    timeseriesPanel(
      {
        title: 'Domande presentate e definite al giorno',
        description:
          'Domande presentate e domande definite (autorizzate, respinte, annullate) nel giorno di riferimento: ' +
          'differenza esatta tra i totali di due giorni consecutivi.',
        unit: UNITS.count,
        width: 12,
        height: 9,
        targets: [
          { expr: growth('dasmo_applications_received_total', job, [], 1, 'trend'), legend: 'Presentate' },
          { expr: growth('dasmo_applications_decided_total', job, [], 1, 'trend'), legend: 'Definite' },
        ],
      },
      { bars: true },
    ),
    timeseriesPanel({
      title: 'Andamento dei flussi SR41 e dei lavoratori in attesa',
      description: 'Flussi SR41 in giacenza e lavoratori in attesa di pagamento, giorno per giorno.',
      unit: UNITS.count,
      width: 12,
      height: 9,
      targets: [
        { expr: total('dasmo_sr41_flows_pending', job, [], 'trend'), legend: 'Flussi in giacenza' },
        { expr: total('dasmo_sr41_workers_pending', job, [], 'trend'), legend: 'Lavoratori in attesa' },
      ],
    }),
    timeseriesPanel(
      {
        title: 'Euro pagati al giorno',
        description: 'Importi pagati direttamente ai lavoratori nel giorno di riferimento (flussi SR41).',
        unit: UNITS.euros,
        width: 12,
        height: 9,
        targets: [{ expr: euroGrowth(job, 1, 'trend'), legend: 'Euro pagati' }],
      },
      { bars: true },
    ),
  ];
}

function chronicOffices() {
  const by = RANKED_BY.office;
  const over = pendingOver('dasmo_applications_pending_age_seconds', job, by, chronic);
  return [
    rankingTable({
      title: `Sedi con più domande in giacenza da oltre ${chronic} giorni`,
      description:
        `Le ${config.rankingSize} sedi con più giacenze croniche (oltre ${chronic} giorni), con la domanda più ` +
        'vecchia. Il codice della sede apre il dettaglio della sede.',
      level: 'office',
      link: drillDownLink('Apri le domande della sede', 'office', APPLICATIONS, 'row'),
      width: 24,
      height: 10,
      rowLimit: config.rankingSize,
      columns: [
        { header: `Oltre ${chronic} giorni`, expr: over, thresholds: ZERO_IS_GOOD },
        oldestPendingColumn(APPLICATIONS, job, 'office', 'Più vecchia (giorni)'),
        { header: 'In giacenza', expr: total('dasmo_applications_pending', job, by) },
      ],
      sortBy: `Oltre ${chronic} giorni`,
    }),
  ];
}

function plurilocalizzate() {
  return [
    statPanel({
      title: 'CIGD plurilocalizzate in giacenza',
      description:
        'Domande di CIGD per datori di lavoro con unità produttive in più regioni, autorizzate prima dal Ministero, ' +
        'non ancora definite.',
      unit: UNITS.count,
      width: 6,
      height: 4,
      targets: [{ expr: total('dasmo_applications_pending', pluri), instant: true }],
    }),
    statPanel({
      title: `CIGD plurilocalizzate oltre ${chronic} giorni`,
      description: `Domande di CIGD plurilocalizzata in giacenza da più di ${chronic} giorni.`,
      unit: UNITS.count,
      width: 6,
      height: 4,
      thresholds: ZERO_IS_GOOD,
      targets: [{ expr: pendingOver('dasmo_applications_pending_age_seconds', pluri, [], chronic), instant: true }],
    }),
    oldestPendingFigure(
      APPLICATIONS,
      pluri,
      {
        title: 'CIGD plurilocalizzata più vecchia',
        description: 'Giorni trascorsi dalla presentazione della CIGD plurilocalizzata in giacenza più vecchia.',
      },
      wideFigure,
    ),
    statPanel({
      title: 'Flussi SR41 di CIGD plurilocalizzate in giacenza',
      description: 'Flussi di pagamento diretto per CIGD plurilocalizzate ricevuti e non ancora chiusi.',
      unit: UNITS.count,
      width: 6,
      height: 4,
      targets: [{ expr: total('dasmo_sr41_flows_pending', pluri), instant: true }],
    }),
    timeseriesPanel({
      title: 'Andamento delle CIGD plurilocalizzate in giacenza',
      description: 'Domande di CIGD plurilocalizzata in giacenza, giorno per giorno, per direzione regionale.',
      unit: UNITS.count,
      width: 24,
      height: 8,
      targets: [{ expr: withRegionNames(total('dasmo_applications_pending', pluri, ['region'], 'trend'), 'trend'), legend: '{{region_name}}' }],
    }),
  ];
}

export function overviewDashboard(): dashboard.Dashboard {
  return buildDashboard({
    uid: config.dashboardUids.overview,
    title: 'DASMO - Panoramica nazionale',
    description: 'Giacenze delle domande di integrazione salariale e dei flussi di pagamento SR41 in tutta Italia.',
    from: config.trendRange,
    variables: [datasourceVariable()],
    sections: [
      { row: 'Domande di integrazione salariale', panels: [...freshness(), ...applicationsSummary()] },
      { row: 'Flussi di pagamento SR41', panels: sr41Summary() },
      { row: 'Per direzione regionale', panels: byRegion() },
      { row: 'Andamento negli ultimi 90 giorni', panels: trends() },
      { row: 'Sedi con giacenze croniche', panels: chronicOffices() },
      { row: 'CIGD plurilocalizzate', panels: plurilocalizzate() },
    ],
  });
}
