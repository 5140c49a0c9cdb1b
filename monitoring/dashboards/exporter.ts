/**
 * DASMO - Esportatore: is the exporter up, are its sources reachable, are the data sound.
 * Provisioned in every organization: a regional organization sees the sources' state and last
 * success through the exporter's per-region copies, and every other panel, which reads series
 * of the whole exporter (no `region` label), says where it can be seen instead of "No data".
 */
import * as common from '@grafana/grafana-foundation-sdk/common';
import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { config } from '../config';
import { current, orRegionCopy, selector, sumBy } from '../promql';
import { buildDashboard } from './frame';
import { ZERO_IS_GOOD, statPanel, steps, tablePanel, timeseriesPanel, upDownMappings, UNITS, type PanelSpec } from './panels';
import { datasourceVariable } from './variables';

const job = [config.jobSelector];
const staleHours = config.alerts.refreshMaxAgeHours;

/**
 * A panel over series of the whole exporter, which have no `region` label and no per-region
 * copy: empty in a regional organization, it says so.
 */
function wholeExporter<S extends Pick<PanelSpec, 'description'>>(spec: S): S & { readonly noValue: string } {
  return {
    ...spec,
    description: `${spec.description} Riguarda l'intero esportatore: è visibile solo nell'organizzazione nazionale.`,
    noValue: "Nessun dato: visibile solo nell'organizzazione nazionale",
  };
}

function health() {
  return [
    statPanel(wholeExporter({
      title: 'Esportatore raggiungibile',
      description: "Prometheus riesce a leggere le metriche dell'esportatore (metrica up dello scrape).",
      unit: UNITS.none,
      width: 6,
      height: 4,
      thresholds: steps('red', [1, 'green']),
      mappings: upDownMappings(),
      targets: [{ expr: `min(${selector('up', job)})`, instant: true }],
    })),
    statPanel({
      title: 'Sorgenti raggiungibili',
      description: "Per ogni relazione sorgente (domande, SR41, sedi), se l'ultimo aggiornamento l'ha potuta leggere.",
      unit: UNITS.none,
      width: 6,
      height: 4,
      thresholds: steps('red', [1, 'green']),
      mappings: upDownMappings(),
      targets: [
        {
          expr: orRegionCopy('dasmo_source_up', (metric) => `min by (source) (${selector(metric, job)})`),
          legend: '{{source}}',
          instant: true,
        },
      ],
    }),
    statPanel({
      title: "Ore dall'ultimo aggiornamento riuscito",
      description: `Per ogni sorgente, ore trascorse dall'ultimo aggiornamento riuscito. Oltre ${staleHours} ore scatta l'allarme.`,
      unit: UNITS.hours,
      decimals: 1,
      width: 6,
      height: 4,
      thresholds: steps('green', [staleHours, 'red']),
      targets: [
        {
          expr: `(time() - ${orRegionCopy('dasmo_refresh_last_success_timestamp_seconds', (metric) => `max by (source) (${selector(metric, job)})`)}) / 3600`,
          legend: '{{source}}',
          instant: true,
        },
      ],
    }),
    statPanel(wholeExporter({
      title: "Versione dell'esportatore",
      description: "Versione dell'esportatore in esecuzione (dasmo_build_info).",
      unit: UNITS.none,
      width: 6,
      height: 4,
      targets: [{ expr: `max by (version) (${selector('dasmo_build_info', job)})`, legend: '{{version}}', instant: true }],
    })).textMode(common.BigValueTextMode.Name),
  ];
}

function refresh() {
  return [
    timeseriesPanel(wholeExporter({
      title: "Durata dell'aggiornamento",
      description: "Secondi impiegati dall'ultimo aggiornamento di ogni sorgente (lettura e aggregazione).",
      unit: UNITS.seconds,
      width: 12,
      height: 8,
      targets: [{ expr: `max by (source) (${selector('dasmo_refresh_duration_seconds', job)})`, legend: '{{source}}' }],
    }), { scrapedLive: true }),
    timeseriesPanel(wholeExporter({
      title: 'Aggiornamenti falliti',
      description: 'Aggiornamenti non riusciti per sorgente nell\'intervallo di ogni punto del grafico.',
      unit: UNITS.count,
      width: 12,
      height: 8,
      thresholds: ZERO_IS_GOOD,
      targets: [
        {
          expr: `sum by (source) (increase(${selector('dasmo_refresh_failures_total', job)}[$__rate_interval]))`,
          legend: '{{source}}',
        },
      ],
    }), { scrapedLive: true }),
  ];
}

function dataQuality() {
  return [
    tablePanel(wholeExporter({
      title: 'Righe con problemi di qualità dei dati',
      description:
        "Righe delle sorgenti che l'ultimo aggiornamento non ha potuto classificare (data mancante, sede, " +
        'prestazione, canale o esito sconosciuti, importo negativo). Devono essere zero.',
      width: 12,
      height: 8,
      targets: [
        {
          expr: sumBy(['source', 'problem'], current('dasmo_data_quality_rows', job)),
          instant: true,
          format: 'table',
        },
      ],
      columns: [
        { field: 'source', header: 'Sorgente' },
        { field: 'problem', header: 'Problema' },
        { field: 'Value', header: 'Righe', unit: UNITS.count, thresholds: ZERO_IS_GOOD },
      ],
      sortBy: 'Righe',
    })),
    timeseriesPanel(wholeExporter({
      title: 'Andamento delle righe con problemi di qualità',
      description: 'Righe con problemi di qualità per sorgente e problema, giorno per giorno.',
      unit: UNITS.count,
      width: 12,
      height: 8,
      thresholds: ZERO_IS_GOOD,
      targets: [
        { expr: sumBy(['source', 'problem'], current('dasmo_data_quality_rows', job)), legend: '{{source}} {{problem}}' },
      ],
    }), { scrapedLive: true }),
  ];
}

function scrape() {
  return [
    timeseriesPanel(wholeExporter({
      title: 'Serie nello snapshot',
      description: 'Numero di serie esposte dallo snapshot corrente: cresce con sedi, prestazioni e canali.',
      unit: UNITS.count,
      width: 6,
      height: 8,
      targets: [{ expr: `max(${selector('dasmo_snapshot_series', job)})`, legend: 'Serie' }],
    }), { scrapedLive: true }),
    timeseriesPanel(wholeExporter({
      title: 'Durata dello scrape',
      description: 'Secondi impiegati da Prometheus per leggere le metriche dell\'esportatore.',
      unit: UNITS.seconds,
      width: 6,
      height: 8,
      targets: [{ expr: `max(${selector('scrape_duration_seconds', job)})`, legend: 'Durata' }],
    }), { scrapedLive: true }),
    timeseriesPanel(wholeExporter({
      title: 'Campioni per scrape',
      description: 'Campioni letti da Prometheus a ogni scrape dell\'esportatore.',
      unit: UNITS.count,
      width: 6,
      height: 8,
      targets: [{ expr: `max(${selector('scrape_samples_scraped', job)})`, legend: 'Campioni' }],
    }), { scrapedLive: true }),
    timeseriesPanel(wholeExporter({
      title: "Memoria dell'esportatore",
      description: 'Memoria residente del processo esportatore.',
      unit: UNITS.bytes,
      width: 6,
      height: 8,
      targets: [{ expr: `max(${selector('process_resident_memory_bytes', job)})`, legend: 'Memoria' }],
    }), { scrapedLive: true }),
  ];
}

export function exporterDashboard(): dashboard.Dashboard {
  return buildDashboard({
    uid: config.dashboardUids.exporter,
    title: 'DASMO - Esportatore',
    description: "Salute dell'esportatore DASMO: raggiungibilità, aggiornamenti, qualità dei dati, scrape.",
    from: 'now-24h',
    variables: [datasourceVariable()],
    sections: [
      { row: 'Stato', panels: health() },
      { row: 'Aggiornamenti', panels: refresh() },
      { row: 'Qualità dei dati', panels: dataQuality() },
      { row: 'Scrape e processo', panels: scrape() },
    ],
  });
}
