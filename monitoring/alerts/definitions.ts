/**
 * The DASMO alerts, defined once. Each measures a value per series (`value`) and fires when
 * it crosses `threshold`: Prometheus gets `(value) op threshold`, Grafana gets the query ->
 * reduce -> threshold chain on the same value.
 */
import { config } from '../config';
import {
  current,
  daysAgo,
  growth,
  oldestDays,
  pendingOver,
  rejectedShare,
  selector,
  sumBy,
  withOfficeNames,
} from '../promql';

type Severity = 'critical' | 'warning' | 'info';
type ValueFormat = 'integer' | 'percentage';

interface AlertGroup {
  /** Prometheus group name and Grafana rule group title. */
  readonly name: string;
}

const EXPORTER_GROUP: AlertGroup = { name: 'DASMO - esportatore' };
const DATA_GROUP: AlertGroup = { name: 'DASMO - dati' };

/** Placeholder for the measured value inside `description`, rendered per target. */
const VALUE = '%VALUE%';

export interface AlertDefinition {
  /** CamelCase, prefixed Dasmo; also the heading of its runbook section. */
  readonly name: string;
  readonly group: AlertGroup;
  readonly severity: Severity;
  /** PromQL of the measured value, one series per alert instance. */
  readonly value: string;
  readonly op: '>' | '<';
  readonly threshold: number;
  readonly for: string;
  /** PromQL `absent(...)`: the alert also fires when nothing is measured at all. */
  readonly absent?: string;
  /** Static Italian summary. */
  readonly summary: string;
  /** Italian description with `{{ $labels.x }}` and `%VALUE%`. */
  readonly description: string;
  readonly valueFormat: ValueFormat;
}

const job = [config.jobSelector];
const office = ['region', 'office'];
const t = config.alerts;
const where = 'La sede {{ $labels.office_name }} ({{ $labels.office }}), direzione regionale {{ $labels.region_name }} ({{ $labels.region }}),';

export function alertDefinitions(): AlertDefinition[] {
  const pending = sumBy(office, current('dasmo_applications_pending', job));
  const pendingWeekAgo = sumBy(office, daysAgo('dasmo_applications_pending', job, 7));
  const closed = growth('dasmo_sr41_flows_closed_total', job, office, config.paceDays);
  return [
    {
      name: 'DasmoExporterDown',
      group: EXPORTER_GROUP,
      severity: 'critical',
      value: selector('up', job),
      op: '<',
      threshold: 1,
      for: t.exporterDownFor,
      absent: `absent(${selector('up', job)})`,
      summary: "L'esportatore DASMO non risponde a Prometheus.",
      description:
        "Prometheus non riesce a leggere le metriche dell'esportatore DASMO {{ $labels.instance }}: " +
        'cruscotti e allarmi sui dati non si aggiornano.',
      valueFormat: 'integer',
    },
    {
      name: 'DasmoSourceDown',
      group: EXPORTER_GROUP,
      severity: 'critical',
      value: selector('dasmo_source_up', job),
      op: '<',
      threshold: 1,
      for: t.sourceDownFor,
      summary: "L'esportatore DASMO non riesce a leggere una sorgente dati.",
      description:
        "L'esportatore {{ $labels.instance }} non riesce a leggere la sorgente {{ $labels.source }}: i suoi dati " +
        "restano quelli dell'ultimo aggiornamento riuscito.",
      valueFormat: 'integer',
    },
    {
      name: 'DasmoSourceRefused',
      group: EXPORTER_GROUP,
      severity: 'critical',
      value: selector('dasmo_source_refused', job),
      op: '>',
      threshold: 0,
      for: t.sourceRefusedFor,
      summary: "L'esportatore DASMO ha rifiutato i nuovi dati di una sorgente, che sembrano crollati.",
      description:
        "L'esportatore {{ $labels.instance }} ha rifiutato i nuovi dati della sorgente {{ $labels.source }} " +
        '(totale nazionale dei ricevuti in forte calo, o nessuna sede): espone ancora l\'ultimo snapshot valido.',
      valueFormat: 'integer',
    },
    {
      name: 'DasmoSnapshotStale',
      group: EXPORTER_GROUP,
      severity: 'warning',
      value: `(time() - ${selector('dasmo_snapshot_reference_date_seconds', job)}) / 3600`,
      op: '>',
      threshold: t.referenceDateMaxAgeHours,
      for: t.dailyDataFor,
      summary: 'I dati DASMO non si riferiscono a ieri.',
      description:
        `Il giorno di riferimento dei dati esposti da {{ $labels.instance }} è iniziato ${VALUE} ore fa ` +
        `(soglia ${t.referenceDateMaxAgeHours} ore): i cruscotti mostrano dati più vecchi di ieri.`,
      valueFormat: 'integer',
    },
    {
      name: 'DasmoRefreshOverdue',
      group: EXPORTER_GROUP,
      severity: 'warning',
      value: `(time() - ${selector('dasmo_refresh_last_success_timestamp_seconds', job)}) / 3600`,
      op: '>',
      threshold: t.refreshMaxAgeHours,
      for: t.dailyDataFor,
      summary: 'Nessun aggiornamento riuscito di una sorgente DASMO da oltre un giorno.',
      description:
        `L'ultimo aggiornamento riuscito della sorgente {{ $labels.source }} su {{ $labels.instance }} risale a ` +
        `${VALUE} ore fa (soglia ${t.refreshMaxAgeHours} ore).`,
      valueFormat: 'integer',
    },
    {
      name: 'DasmoChronicBacklog',
      group: DATA_GROUP,
      severity: 'warning',
      value: withOfficeNames(pendingOver('dasmo_applications_pending_age_seconds', job, office, config.chronicAgeDays)),
      op: '>',
      threshold: t.chronicBacklogMaxApplications,
      for: t.dailyDataFor,
      summary: 'Una sede ha troppe domande in giacenza da oltre 90 giorni.',
      description:
        `${where} ha ${VALUE} domande in giacenza da oltre ${config.chronicAgeDays} giorni ` +
        `(soglia ${t.chronicBacklogMaxApplications}).`,
      valueFormat: 'integer',
    },
    {
      name: 'DasmoBacklogGrowing',
      group: DATA_GROUP,
      severity: 'warning',
      value: withOfficeNames(`${pending} / ${pendingWeekAgo} and on (region, office) (${pending} >= ${t.backlogGrowthMinPending})`),
      op: '>',
      threshold: t.backlogGrowthRatio,
      for: t.dailyDataFor,
      summary: 'Le giacenze di una sede crescono di settimana in settimana.',
      description:
        `${where} ha in giacenza il ${VALUE} delle domande che aveva 7 giorni fa ` +
        `(soglia ${Math.round(t.backlogGrowthRatio * 100)}%).`,
      valueFormat: 'percentage',
    },
    {
      name: 'DasmoSr41PaymentsOverdue',
      group: DATA_GROUP,
      severity: 'critical',
      value: withOfficeNames(oldestDays('dasmo_sr41_oldest_pending_age_seconds', job, office)),
      op: '>',
      threshold: config.sr41CriticalAgeDays,
      for: t.dailyDataFor,
      summary: 'Una sede ha flussi SR41 non pagati in alta criticità.',
      description:
        `${where} ha un flusso SR41 ricevuto ${VALUE} giorni fa e non ancora pagato ` +
        `(alta criticità oltre ${config.sr41CriticalAgeDays} giorni).`,
      valueFormat: 'integer',
    },
    {
      name: 'DasmoSr41RejectionShareHigh',
      group: DATA_GROUP,
      severity: 'warning',
      value: withOfficeNames(
        `${rejectedShare(job, office, config.paceDays)} and on (region, office) (${closed} >= ${t.sr41RejectedMinClosed})`,
      ),
      op: '>',
      threshold: t.sr41RejectedShare,
      for: t.dailyDataFor,
      summary: 'Una sede scarta una quota alta di flussi SR41.',
      description:
        `${where} ha scartato il ${VALUE} dei flussi SR41 chiusi negli ultimi ${config.paceDays} giorni ` +
        `(soglia ${Math.round(t.sr41RejectedShare * 100)}%).`,
      valueFormat: 'percentage',
    },
    {
      name: 'DasmoDataQualityRows',
      group: DATA_GROUP,
      severity: 'info',
      value: current('dasmo_data_quality_rows', job),
      op: '>',
      threshold: 0,
      for: t.dataQualityFor,
      summary: 'Le sorgenti DASMO contengono righe con problemi di qualità.',
      description:
        `L'ultimo aggiornamento ha trovato ${VALUE} righe della sorgente {{ $labels.source }} con il problema ` +
        '{{ $labels.problem }}: non sono conteggiate correttamente nei cruscotti.',
      valueFormat: 'integer',
    },
  ];
}

/** Stable Grafana rule uid: `dasmo-` and the name in kebab case. */
export function ruleUid(alert: AlertDefinition): string {
  return alert.name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}

export function runbookUrl(alert: AlertDefinition): string {
  return `${config.runbookBaseUrl}#${alert.name.toLowerCase()}`;
}

/** The description with the measured value rendered by `valueTemplate` (a template expression). */
export function renderDescription(alert: AlertDefinition, value: string): string {
  const formatted = alert.valueFormat === 'percentage' ? `{{ humanizePercentage ${value} }}` : `{{ printf "%.0f" ${value} }}`;
  return alert.description.split(VALUE).join(formatted);
}
