/**
 * promtool unit tests of the Prometheus rules: for every alert a case that fires and one that
 * does not, and the joins on the office register when an office or a region is renamed.
 * Expected labels and annotations are written out by hand, not derived from the definitions,
 * so a wrong template, threshold or join shows up as a failing test.
 */
import { stringify } from 'yaml';
import { config } from '../config';
import { latestRegister, total, withOfficeNames, withRegionNames } from '../promql';

interface Series {
  readonly series: string;
  readonly values: string;
}

interface ExpectedAlert {
  readonly exp_labels: Readonly<Record<string, string>>;
  readonly exp_annotations: Readonly<Record<string, string>>;
}

interface AlertCheck {
  readonly eval_time: string;
  readonly alertname: string;
  readonly exp_alerts: readonly ExpectedAlert[];
}

interface ExpectedSample {
  readonly labels: string;
  readonly value: number;
}

/** A PromQL expression (here: a dashboard's) evaluated at one instant. */
interface ExpressionCheck {
  readonly expr: string;
  readonly eval_time: string;
  readonly exp_samples: readonly ExpectedSample[];
}

interface TestGroup {
  readonly name: string;
  readonly interval: string;
  readonly input_series: readonly Series[];
  readonly alert_rule_test?: readonly AlertCheck[];
  readonly promql_expr_test?: readonly ExpressionCheck[];
}

const SELF = 'job="dasmo", instance="exporter:9464"';
const JOB = { job: 'dasmo', instance: 'exporter:9464' } as const;

const MILANO = 'office="4900", office_name="Milano", office_type="Direzione metropolitana", region="03", region_name="Lombardia"';
const ROMA = 'office="7000", office_name="Roma", office_type="Direzione metropolitana", region="12", region_name="Lazio"';
const FIRENZE = 'office="5000", office_name="Firenze", office_type="Direzione provinciale", region="09", region_name="Toscana"';

function info(officeLabels: string): Series {
  return { series: `dasmo_office_info{${SELF}, ${officeLabels}}`, values: '1x300' };
}

const OFFICE_INFO: readonly Series[] = [info(MILANO), info(ROMA), info(FIRENZE)];

const MILANO_LABELS = { region: '03', office: '4900', office_name: 'Milano', region_name: 'Lombardia' } as const;

/** DasmoChronicBacklog as it fires for Milano's 35 applications over 90 days (a fresh object: no YAML alias). */
const milanoChronicAlert = () => ({
  exp_labels: { severity: 'warning', ...MILANO_LABELS },
  exp_annotations: {
    summary: 'Una sede ha troppe domande in giacenza da oltre 90 giorni.',
    description: 'La sede Milano (4900), direzione regionale Lombardia (03), ha 35 domande in giacenza da oltre 90 giorni (soglia 20).',
    runbook_url: runbook('DasmoChronicBacklog'),
  },
});

/** The runbook URL is a site setting (config.runbookBaseUrl); the anchor rule is checked here. */
function runbook(name: string): string {
  return `${config.runbookBaseUrl}#${name.toLowerCase()}`;
}

function never(alertname: string, evalTime: string): AlertCheck {
  return { eval_time: evalTime, alertname, exp_alerts: [] };
}

const exporterDown: TestGroup[] = [
  {
    name: 'DasmoExporterDown: fires after 5 minutes of failed scrapes',
    interval: '1m',
    input_series: [{ series: `up{${SELF}}`, values: '1x10 0x20' }],
    alert_rule_test: [
      never('DasmoExporterDown', '5m'),
      never('DasmoExporterDown', '14m'),
      {
        eval_time: '20m',
        alertname: 'DasmoExporterDown',
        exp_alerts: [
          {
            exp_labels: { severity: 'critical', ...JOB },
            exp_annotations: {
              summary: "L'esportatore DASMO non risponde a Prometheus.",
              description:
                "Prometheus non riesce a leggere le metriche dell'esportatore DASMO exporter:9464: cruscotti e " +
                'allarmi sui dati non si aggiornano.',
              runbook_url: runbook('DasmoExporterDown'),
            },
          },
        ],
      },
    ],
  },
  {
    name: 'DasmoExporterDown: fires when the target is missing altogether',
    interval: '1m',
    input_series: [{ series: `dasmo_snapshot_series{${SELF}}`, values: '100x20' }],
    alert_rule_test: [
      never('DasmoExporterDown', '3m'),
      {
        eval_time: '10m',
        alertname: 'DasmoExporterDown',
        exp_alerts: [
          {
            exp_labels: { severity: 'critical', job: 'dasmo' },
            exp_annotations: {
              summary: "L'esportatore DASMO non risponde a Prometheus.",
              description:
                "Prometheus non riesce a leggere le metriche dell'esportatore DASMO : cruscotti e " +
                'allarmi sui dati non si aggiornano.',
              runbook_url: runbook('DasmoExporterDown'),
            },
          },
        ],
      },
    ],
  },
];

const sourceDown: TestGroup = {
  name: 'DasmoSourceDown: only the unreachable source fires, after 15 minutes',
  interval: '1m',
  input_series: [
    { series: `dasmo_source_up{${SELF}, source="sr41"}`, values: '1x5 0x30' },
    { series: `dasmo_source_up{${SELF}, source="applications"}`, values: '1x35' },
  ],
  alert_rule_test: [
    never('DasmoSourceDown', '15m'),
    {
      eval_time: '25m',
      alertname: 'DasmoSourceDown',
      exp_alerts: [
        {
          exp_labels: { severity: 'critical', source: 'sr41', ...JOB },
          exp_annotations: {
            summary: "L'esportatore DASMO non riesce a leggere una sorgente dati.",
            description:
              "L'esportatore exporter:9464 non riesce a leggere la sorgente sr41: i suoi dati restano quelli " +
              "dell'ultimo aggiornamento riuscito.",
            runbook_url: runbook('DasmoSourceDown'),
          },
        },
      ],
    },
  ],
};

const sourceRefused: TestGroup = {
  name: 'DasmoSourceRefused: only the refused source fires, after one minute',
  interval: '1m',
  input_series: [
    { series: `dasmo_source_refused{${SELF}, source="applications"}`, values: '0x5 1x10 0x5' },
    { series: `dasmo_source_refused{${SELF}, source="offices"}`, values: '0x20' },
  ],
  alert_rule_test: [
    never('DasmoSourceRefused', '5m'),
    never('DasmoSourceRefused', '6m'),
    {
      eval_time: '8m',
      alertname: 'DasmoSourceRefused',
      exp_alerts: [
        {
          exp_labels: { severity: 'critical', source: 'applications', ...JOB },
          exp_annotations: {
            summary: "L'esportatore DASMO ha rifiutato i nuovi dati di una sorgente, che sembrano crollati.",
            description:
              "L'esportatore exporter:9464 ha rifiutato i nuovi dati della sorgente applications (totale nazionale dei " +
              "ricevuti in forte calo, o nessuna sede): espone ancora l'ultimo snapshot valido.",
            runbook_url: runbook('DasmoSourceRefused'),
          },
        },
      ],
    },
    never('DasmoSourceRefused', '18m'),
  ],
};

// Reference day started 56 h - 10 min before t=0: older than 56 h from t=11m on.
const snapshotStale: TestGroup = {
  name: 'DasmoSnapshotStale: the reference day is more than 56 hours old',
  interval: '1m',
  input_series: [{ series: `dasmo_snapshot_reference_date_seconds{${SELF}}`, values: '-201000x60' }],
  alert_rule_test: [
    never('DasmoSnapshotStale', '10m'),
    never('DasmoSnapshotStale', '20m'),
    {
      eval_time: '45m',
      alertname: 'DasmoSnapshotStale',
      exp_alerts: [
        {
          exp_labels: { severity: 'warning', ...JOB },
          exp_annotations: {
            summary: 'I dati DASMO non si riferiscono a ieri.',
            description:
              'Il giorno di riferimento dei dati esposti da exporter:9464 è iniziato 57 ore fa (soglia 56 ore): ' +
              'i cruscotti mostrano dati più vecchi di ieri.',
            runbook_url: runbook('DasmoSnapshotStale'),
          },
        },
      ],
    },
  ],
};

// applications last succeeded 26 h - 10 min before t=0; sr41 succeeded at t=0.
const refreshOverdue: TestGroup = {
  name: 'DasmoRefreshOverdue: no successful refresh for 26 hours',
  interval: '1m',
  input_series: [
    { series: `dasmo_refresh_last_success_timestamp_seconds{${SELF}, source="applications"}`, values: '-93000x60' },
    { series: `dasmo_refresh_last_success_timestamp_seconds{${SELF}, source="sr41"}`, values: '0x60' },
  ],
  alert_rule_test: [
    never('DasmoRefreshOverdue', '20m'),
    {
      eval_time: '45m',
      alertname: 'DasmoRefreshOverdue',
      exp_alerts: [
        {
          exp_labels: { severity: 'warning', source: 'applications', ...JOB },
          exp_annotations: {
            summary: 'Nessun aggiornamento riuscito di una sorgente DASMO da oltre un giorno.',
            description:
              "L'ultimo aggiornamento riuscito della sorgente applications su exporter:9464 risale a 27 ore fa " +
              '(soglia 26 ore).',
            runbook_url: runbook('DasmoRefreshOverdue'),
          },
        },
      ],
    },
  ],
};

function ageBuckets(labels: string, total: number, upTo90Days: number): Series[] {
  return [
    { series: `dasmo_applications_pending_age_seconds_bucket{${SELF}, ${labels}, le="+Inf"}`, values: `${total}x60` },
    {
      series: `dasmo_applications_pending_age_seconds_bucket{${SELF}, ${labels}, le="7776000.0"}`,
      values: `${upTo90Days}x60`,
    },
  ];
}

// Milano: 30 + 5 over 90 days (two benefits) > 20; Roma: 5; an office missing from the register: 30.
const chronicBacklog: TestGroup = {
  name: 'DasmoChronicBacklog: offices with more than 20 applications older than 90 days',
  interval: '1m',
  input_series: [
    ...OFFICE_INFO,
    ...ageBuckets('region="03", office="4900", benefit="cigo", cause="covid19"', 100, 70),
    ...ageBuckets('region="03", office="4900", benefit="aso", cause="covid19"', 10, 5),
    ...ageBuckets('region="12", office="7000", benefit="cigo", cause="ordinary"', 50, 45),
    ...ageBuckets('region="unknown", office="9999", benefit="cigd", cause="covid19"', 30, 0),
  ],
  alert_rule_test: [
    never('DasmoChronicBacklog', '10m'),
    {
      eval_time: '30m',
      alertname: 'DasmoChronicBacklog',
      exp_alerts: [
        milanoChronicAlert(),
        {
          exp_labels: { severity: 'warning', region: 'unknown', office: '9999' },
          exp_annotations: {
            summary: 'Una sede ha troppe domande in giacenza da oltre 90 giorni.',
            description:
              'La sede  (9999), direzione regionale  (unknown), ha 30 domande in giacenza da oltre ' +
              '90 giorni (soglia 20).',
            runbook_url: runbook('DasmoChronicBacklog'),
          },
        },
      ],
    },
  ],
};

// One sample an hour (like backfilled history). Milano 100 -> 130 (+30 %), Roma 20 -> 40
// (doubled but under 50 pending), Firenze 100 -> 110 (+10 %).
const backlogGrowing: TestGroup = {
  name: 'DasmoBacklogGrowing: backlog grown over 20 % in a week, with at least 50 pending',
  interval: '1h',
  input_series: [
    ...OFFICE_INFO.map((s) => ({ ...s, values: '1x200' })),
    {
      series: `dasmo_applications_pending{${SELF}, region="03", office="4900", benefit="cigo", cause="covid19", phase="under_review"}`,
      values: '60x168 80x30',
    },
    {
      series: `dasmo_applications_pending{${SELF}, region="03", office="4900", benefit="cigo", cause="covid19", phase="awaiting_review"}`,
      values: '40x168 50x30',
    },
    {
      series: `dasmo_applications_pending{${SELF}, region="12", office="7000", benefit="cigo", cause="covid19", phase="under_review"}`,
      values: '20x168 40x30',
    },
    {
      series: `dasmo_applications_pending{${SELF}, region="09", office="5000", benefit="aso", cause="ordinary", phase="under_review"}`,
      values: '100x168 110x30',
    },
  ],
  alert_rule_test: [
    never('DasmoBacklogGrowing', '100h'),
    never('DasmoBacklogGrowing', '168h'),
    {
      eval_time: '180h',
      alertname: 'DasmoBacklogGrowing',
      exp_alerts: [
        {
          exp_labels: { severity: 'warning', ...MILANO_LABELS },
          exp_annotations: {
            summary: 'Le giacenze di una sede crescono di settimana in settimana.',
            description:
              'La sede Milano (4900), direzione regionale Lombardia (03), ha in giacenza il 130% delle domande ' +
              'che aveva 7 giorni fa (soglia 120%).',
            runbook_url: runbook('DasmoBacklogGrowing'),
          },
        },
      ],
    },
  ],
};

const DAY = 86_400;

const sr41Overdue: TestGroup = {
  name: 'DasmoSr41PaymentsOverdue: an SR41 flow unpaid for more than 150 days',
  interval: '1m',
  input_series: [
    ...OFFICE_INFO,
    {
      series: `dasmo_sr41_oldest_pending_age_seconds{${SELF}, region="03", office="4900", benefit="cigd", cause="covid19", channel="sr41"}`,
      values: `${151 * DAY}x60`,
    },
    {
      series: `dasmo_sr41_oldest_pending_age_seconds{${SELF}, region="03", office="4900", benefit="cigo", cause="covid19", channel="sr41"}`,
      values: `${20 * DAY}x60`,
    },
    {
      series: `dasmo_sr41_oldest_pending_age_seconds{${SELF}, region="12", office="7000", benefit="cigd", cause="covid19", channel="uniemens_cig"}`,
      values: `${150 * DAY}x60`,
    },
  ],
  alert_rule_test: [
    never('DasmoSr41PaymentsOverdue', '10m'),
    {
      eval_time: '30m',
      alertname: 'DasmoSr41PaymentsOverdue',
      exp_alerts: [
        {
          exp_labels: { severity: 'critical', ...MILANO_LABELS },
          exp_annotations: {
            summary: 'Una sede ha flussi SR41 non pagati in alta criticità.',
            description:
              'La sede Milano (4900), direzione regionale Lombardia (03), ha un flusso SR41 ricevuto 151 giorni ' +
              'fa e non ancora pagato (alta criticità oltre 150 giorni).',
            runbook_url: runbook('DasmoSr41PaymentsOverdue'),
          },
        },
      ],
    },
  ],
};

function closed(labels: string, outcome: string, values: string): Series {
  return { series: `dasmo_sr41_flows_closed_total{${SELF}, ${labels}, outcome="${outcome}"}`, values };
}

// Over the week before 180h: Milano 1680 paid + 336 rejected (16.67 %); Roma 1680 + 84
// (4.76 %); Firenze 8.4 + 8.4 (50 %, but fewer than 20 closed).
const sr41Rejections: TestGroup = {
  name: 'DasmoSr41RejectionShareHigh: more than 10 % of the flows closed in 7 days rejected',
  interval: '1h',
  input_series: [
    ...OFFICE_INFO.map((s) => ({ ...s, values: '1x200' })),
    closed('region="03", office="4900", benefit="cigd", cause="covid19", channel="sr41"', 'paid', '0+10x200'),
    closed('region="03", office="4900", benefit="cigd", cause="covid19", channel="sr41"', 'rejected', '0+2x200'),
    closed('region="12", office="7000", benefit="cigd", cause="covid19", channel="sr41"', 'paid', '0+10x200'),
    closed('region="12", office="7000", benefit="cigd", cause="covid19", channel="sr41"', 'rejected', '0+0.5x200'),
    closed('region="09", office="5000", benefit="aso", cause="ordinary", channel="sr41"', 'paid', '0+0.05x200'),
    closed('region="09", office="5000", benefit="aso", cause="ordinary", channel="sr41"', 'rejected', '0+0.05x200'),
  ],
  alert_rule_test: [
    never('DasmoSr41RejectionShareHigh', '100h'),
    {
      eval_time: '180h',
      alertname: 'DasmoSr41RejectionShareHigh',
      exp_alerts: [
        {
          exp_labels: { severity: 'warning', ...MILANO_LABELS },
          exp_annotations: {
            summary: 'Una sede scarta una quota alta di flussi SR41.',
            description:
              'La sede Milano (4900), direzione regionale Lombardia (03), ha scartato il 16.67% dei flussi SR41 ' +
              'chiusi negli ultimi 7 giorni (soglia 10%).',
            runbook_url: runbook('DasmoSr41RejectionShareHigh'),
          },
        },
      ],
    },
  ],
};

const dataQuality: TestGroup = {
  name: 'DasmoDataQualityRows: rows with problems for an hour',
  interval: '1m',
  input_series: [
    { series: `dasmo_data_quality_rows{${SELF}, source="applications", problem="unknown_office"}`, values: '0x10 3x100' },
    { series: `dasmo_data_quality_rows{${SELF}, source="sr41", problem="negative_amount"}`, values: '0x110' },
  ],
  alert_rule_test: [
    never('DasmoDataQualityRows', '30m'),
    {
      eval_time: '80m',
      alertname: 'DasmoDataQualityRows',
      exp_alerts: [
        {
          exp_labels: { severity: 'info', source: 'applications', problem: 'unknown_office', ...JOB },
          exp_annotations: {
            summary: 'Le sorgenti DASMO contengono righe con problemi di qualità.',
            description:
              "L'ultimo aggiornamento ha trovato 3 righe della sorgente applications con il problema " +
              'unknown_office: non sono conteggiate correttamente nei cruscotti.',
            runbook_url: runbook('DasmoDataQualityRows'),
          },
        },
      ],
    },
  ],
};

/**
 * `dasmo_office_info` values with a sample at each of `hours` (one a scrape interval of the
 * test group), none in between: a daily history as a backfill writes it.
 */
function samplesAt(hours: readonly number[]): string {
  const tokens: string[] = [];
  let next = 0;
  for (const hour of hours) {
    if (hour > next) tokens.push(`_x${hour - next}`);
    tokens.push('1');
    next = hour + 1;
  }
  return tokens.join(' ');
}

const MILANO_CENTRO =
  'office="4900", office_name="Milano Centro", office_type="Direzione metropolitana", region="03", region_name="Lombardia"';
const MILANO_CENTRO_LABELS = { ...MILANO_LABELS, office_name: 'Milano Centro' } as const;

// Live scrapes: "Milano" until 30m, "Milano Centro" from 31m. Both stay in last_over_time's
// 26h window, where a join on the register would find two series for office 4900.
const officeRenamedLive: TestGroup = {
  name: 'An office renamed while scraped: its alerts keep firing, under the new name',
  interval: '1m',
  input_series: [
    { ...info(MILANO), values: '1x30' },
    { ...info(MILANO_CENTRO), values: '_x31 1x89' },
    { ...info(ROMA), values: '1x120' },
    ...ageBuckets('region="03", office="4900", benefit="cigo", cause="covid19"', 100, 65),
    {
      series: `dasmo_sr41_oldest_pending_age_seconds{${SELF}, region="03", office="4900", benefit="cigd", cause="covid19", channel="sr41"}`,
      values: `${151 * DAY}x60`,
    },
  ],
  alert_rule_test: [
    {
      eval_time: '20m',
      alertname: 'DasmoChronicBacklog',
      exp_alerts: [
        milanoChronicAlert(),
      ],
    },
    {
      eval_time: '90m',
      alertname: 'DasmoChronicBacklog',
      exp_alerts: [
        {
          exp_labels: { severity: 'warning', ...MILANO_CENTRO_LABELS },
          exp_annotations: {
            summary: 'Una sede ha troppe domande in giacenza da oltre 90 giorni.',
            description:
              'La sede Milano Centro (4900), direzione regionale Lombardia (03), ha 35 domande in giacenza da ' +
              'oltre 90 giorni (soglia 20).',
            runbook_url: runbook('DasmoChronicBacklog'),
          },
        },
      ],
    },
    {
      eval_time: '90m',
      alertname: 'DasmoSr41PaymentsOverdue',
      exp_alerts: [
        {
          exp_labels: { severity: 'critical', ...MILANO_CENTRO_LABELS },
          exp_annotations: {
            summary: 'Una sede ha flussi SR41 non pagati in alta criticità.',
            description:
              'La sede Milano Centro (4900), direzione regionale Lombardia (03), ha un flusso SR41 ricevuto ' +
              '151 giorni fa e non ancora pagato (alta criticità oltre 150 giorni).',
            runbook_url: runbook('DasmoSr41PaymentsOverdue'),
          },
        },
      ],
    },
  ],
};

const LAZIO_RENAMED =
  'office="7000", office_name="Roma", office_type="Direzione metropolitana", region="12", region_name="Regione Lazio"';
const DAILY_BEFORE_RENAME = [12, 36, 60, 84, 108, 132, 156];
const DAILY_AFTER_RENAME = [180, 204];

// Daily history, one sample a day at hour 12 (+24k): office 4900 becomes "Milano Centro" and
// region 12 becomes "Regione Lazio" with the sample of hour 180. At 181h the 26h window holds
// the samples of hours 156 and 180: the old and the new names.
const renamedInDailyHistory: TestGroup = {
  name: 'An office and a region renamed in daily history: alerts and dashboard joins use the new names',
  interval: '1h',
  input_series: [
    { ...info(MILANO), values: samplesAt(DAILY_BEFORE_RENAME) },
    { ...info(MILANO_CENTRO), values: samplesAt(DAILY_AFTER_RENAME) },
    { ...info(ROMA), values: samplesAt(DAILY_BEFORE_RENAME) },
    { ...info(LAZIO_RENAMED), values: samplesAt(DAILY_AFTER_RENAME) },
    { ...info(FIRENZE), values: samplesAt([...DAILY_BEFORE_RENAME, ...DAILY_AFTER_RENAME]) },
    {
      series: `dasmo_applications_pending{${SELF}, region="03", office="4900", benefit="cigo", cause="covid19", phase="under_review"}`,
      values: '100x168 130x40',
    },
    {
      series: `dasmo_applications_pending{${SELF}, region="12", office="7000", benefit="cigo", cause="covid19", phase="under_review"}`,
      values: '40x208',
    },
  ],
  alert_rule_test: [
    {
      eval_time: '181h',
      alertname: 'DasmoBacklogGrowing',
      exp_alerts: [
        {
          exp_labels: { severity: 'warning', ...MILANO_CENTRO_LABELS },
          exp_annotations: {
            summary: 'Le giacenze di una sede crescono di settimana in settimana.',
            description:
              'La sede Milano Centro (4900), direzione regionale Lombardia (03), ha in giacenza il 130% delle ' +
              'domande che aveva 7 giorni fa (soglia 120%).',
            runbook_url: runbook('DasmoBacklogGrowing'),
          },
        },
      ],
    },
  ],
  // The dashboards' joins and variable queries, built by the same functions as the panels.
  promql_expr_test: [
    {
      expr: withOfficeNames(total('dasmo_applications_pending', [config.jobSelector], ['region', 'office'])),
      eval_time: '181h',
      exp_samples: [
        { labels: '{office="4900", office_name="Milano Centro", region="03", region_name="Lombardia"}', value: 130 },
        { labels: '{office="7000", office_name="Roma", region="12", region_name="Regione Lazio"}', value: 40 },
      ],
    },
    {
      expr: withRegionNames(total('dasmo_applications_pending', [config.jobSelector], ['region'])),
      eval_time: '181h',
      exp_samples: [
        { labels: '{region="03", region_name="Lombardia"}', value: 130 },
        { labels: '{region="12", region_name="Regione Lazio"}', value: 40 },
      ],
    },
    {
      expr: latestRegister('office', ['region=~".*"']),
      eval_time: '181h',
      exp_samples: [
        { labels: '{office="4900", office_name="Milano Centro", region_name="Lombardia"}', value: 1 },
        { labels: '{office="5000", office_name="Firenze", region_name="Toscana"}', value: 1 },
        { labels: '{office="7000", office_name="Roma", region_name="Regione Lazio"}', value: 1 },
      ],
    },
    {
      expr: latestRegister('region'),
      eval_time: '181h',
      exp_samples: [
        { labels: '{region="03", region_name="Lombardia"}', value: 1 },
        { labels: '{region="09", region_name="Toscana"}', value: 1 },
        { labels: '{region="12", region_name="Regione Lazio"}', value: 1 },
      ],
    },
  ],
};

interface PromtoolTestFile {
  /** File name beside the rules file. */
  readonly file: string;
  /** Rule evaluation step: 1m for cases over minutes, 15m for cases over a week. */
  readonly evaluationInterval: string;
  readonly tests: readonly TestGroup[];
}

export function promtoolTestFiles(): PromtoolTestFile[] {
  return [
    {
      file: 'dasmo-rules.test.yml',
      evaluationInterval: '1m',
      tests: [
        ...exporterDown,
        sourceDown,
        sourceRefused,
        snapshotStale,
        refreshOverdue,
        chronicBacklog,
        sr41Overdue,
        dataQuality,
        officeRenamedLive,
      ],
    },
    {
      file: 'dasmo-rules-weekly.test.yml',
      evaluationInterval: '15m',
      tests: [backlogGrowing, sr41Rejections, renamedInDailyHistory],
    },
  ];
}

export function renderPromtoolTests(testFile: PromtoolTestFile, rulesFile: string): string {
  const header =
    '# Generated by monitoring/generate.ts from monitoring/alerts/promtool-tests.ts: do not edit.\n' +
    `# Run: promtool test rules monitoring/prometheus/${testFile.file}\n`;
  const content = { rule_files: [rulesFile], evaluation_interval: testFile.evaluationInterval, tests: testFile.tests };
  return header + stringify(content, { lineWidth: 0 });
}
