/**
 * A top-N ranking when offices tie at the N-th place: the committed "Sedi con più domande in
 * giacenza da oltre 90 giorni" runs as Grafana sends it on Debian's Prometheus and on Debian's
 * victoria-metrics, both holding the same hand-made offices, and is rendered with Grafana's own
 * @grafana/data. Both must show the same N complete rows: every office above the tie, then the
 * tied offices in ascending order of their code (docs/dashboards.md, "Top-N rankings and ties").
 */
import { config, bucketLe } from '../../monitoring/config';
import { committedDashboards, leafPanels, type PanelJson } from './support/dashboard-model';
import { absoluteRange, dashboardTimeRange } from './support/grafana-requests';
import { renderPanel, type DashboardContext, type PrometheusTargetResult, type RenderedPanel } from './support/grafana';
import { startHandMadeStores, type HandMadeStore, type HandMadeStores, type SampleLine } from './support/hand-made-stores';
import { allSelection, runPanel } from './support/panel-runs';

/** 2021-03-31T12:00:00Z: long past, so VictoriaMetrics' latency offset plays no part. */
const EVALUATED_AT = 1_617_192_000;
const STAMP = EVALUATED_AT - 3600;
const N = config.rankingSize;
const DAY = 86_400;
const REGION_NAMES: Readonly<Record<string, string>> = { '03': 'Lombardia', '12': 'Lazio', '15': 'Campania' };

interface Office {
  readonly code: string;
  readonly region: string;
  /** Pending for more than 90 days. */
  readonly chronic: number;
  readonly oldestDays: number;
  readonly pending: number;
}

/**
 * 30 offices: 12 above the tie (40, 39, ... 29 chronic applications), 14 tied at 7 of which
 * the N-th place keeps N - 12 = 8, and 4 below. The codes of the tied offices are in no
 * particular order of region or value, so that neither store's internal order is the answer.
 */
const ABOVE = ['2100', '4900', '7000', '5100', '0100', '3900', '6200', '4100', '1500', '7300', '8100', '2700'];
const TIED = ['6900', '0300', '5500', '2200', '7700', '1100', '4400', '0900', '6600', '3300', '8800', '1800', '5200', '2900'];
const BELOW = ['4600', '0700', '6100', '3500'];
const TIED_CHRONIC = 7;

function regionOf(index: number): string {
  return ['03', '12', '15'][index % 3] ?? '03';
}

const OFFICES: readonly Office[] = [
  ...ABOVE.map((code, i) => ({ code, chronic: 40 - i })),
  ...TIED.map((code) => ({ code, chronic: TIED_CHRONIC })),
  ...BELOW.map((code, i) => ({ code, chronic: 3 - i })),
].map(({ code, chronic }, i) => ({ code, region: regionOf(i), chronic, oldestDays: 120 + i, pending: chronic + 10 + i }));

/** Every column's series except the ranked one (the age buckets) unless `ranked` is false. */
function samples(office: Office, ranked = true): SampleLine[] {
  const labels = `job="${config.job}",region="${office.region}",office="${office.code}"`;
  const bucket = (le: string, value: number): SampleLine => `dasmo_applications_pending_age_seconds_bucket{${labels},le="${le}"} ${value}`;
  return [
    ...(ranked ? [bucket('+Inf', office.pending), bucket(bucketLe(config.chronicAgeDays), office.pending - office.chronic)] : []),
    `dasmo_applications_oldest_pending_age_seconds{${labels}} ${office.oldestDays * DAY}`,
    `dasmo_applications_pending{${labels},phase="under_review"} ${office.pending}`,
    `dasmo_office_info{${labels},office_name="Sede ${office.code}",region_name="${REGION_NAMES[office.region] ?? ''}"} 1`,
  ];
}

/**
 * An office with every column but the one the table ranks by: without a value to rank, it is
 * not shown (Grafana's sort would take its missing value as equal to any other).
 */
const UNRANKED: Office = { code: '0500', region: '12', chronic: 0, oldestDays: 400, pending: 90 };

/** One row by column header, hidden columns included: codes and names as text, figures as numbers. */
type Row = Readonly<Record<string, unknown>>;

function rowsOf(rendered: RenderedPanel): Row[] {
  expect(rendered.frames).toHaveLength(1);
  const [frame] = rendered.frames;
  if (frame === undefined) return [];
  return Array.from({ length: frame.length }, (_, row) =>
    Object.fromEntries(frame.fields.map((field) => [field.displayName, field.values[row]])),
  );
}

function expectedRow(office: Office): Row {
  return {
    Sede: office.code,
    Denominazione: `Sede ${office.code}`,
    'Direzione regionale': REGION_NAMES[office.region] ?? '',
    'Codice regione': office.region,
    'Oltre 90 giorni': office.chronic,
    'Più vecchia (giorni)': office.oldestDays,
    'In giacenza': office.pending,
  };
}

const dashboard = committedDashboards().find((d) => d.model.uid === config.dashboardUids.overview)?.model;
const title = `Sedi con più domande in giacenza da oltre ${config.chronicAgeDays} giorni`;
const panel: PanelJson | undefined = dashboard === undefined ? undefined : leafPanels(dashboard).find((p) => p.title === title);

let handMade: HandMadeStores;

beforeAll(async () => {
  handMade = await startHandMadeStores([...OFFICES.flatMap((office) => samples(office)), ...samples(UNRANKED, false)], STAMP);
});

afterAll(async () => {
  await handMade?.stop();
});

interface PanelAnswers {
  readonly context: DashboardContext;
  readonly results: readonly PrometheusTargetResult[];
}

/** The committed panel's queries, run on `store` as Grafana sends them. */
async function answersOf(store: HandMadeStore): Promise<PanelAnswers> {
  if (dashboard === undefined || panel === undefined) throw new Error(`no panel "${title}" on ${config.dashboardUids.overview}`);
  const time = dashboardTimeRange(dashboard);
  const timeZone = dashboard.timezone ?? 'browser';
  const range = absoluteRange(time, timeZone, EVALUATED_AT * 1000);
  const selection = allSelection(dashboard);
  const runs = await runPanel(store.api, dashboard, panel, selection, range);
  return {
    context: {
      variables: selection,
      definitions: dashboard.templating.list,
      timeRange: { from: time.from, to: time.to, fromMs: range.from.valueOf(), toMs: range.to.valueOf() },
      timeZone,
    },
    results: runs.map((r) => ({ refId: r.request.refId, data: { resultType: r.resultType, result: r.result }, stepMs: r.request.stepSeconds * 1000, expr: r.request.expr })),
  };
}

/** What the panel shows for these answers, rendered by @grafana/data. */
function shown(answers: PanelAnswers): Row[] {
  if (panel === undefined) throw new Error(`no panel "${title}"`);
  return rowsOf(renderPanel(panel, answers.results, answers.context));
}

/** Every target's series in reverse order: both stores answer sorted by labels, Grafana does not need them to. */
function reversed(answers: PanelAnswers): PanelAnswers {
  return {
    ...answers,
    results: answers.results.map((result) => ({
      ...result,
      data: { ...result.data, result: Array.isArray(result.data.result) ? [...(result.data.result as unknown[])].reverse() : result.data.result },
    })),
  };
}

/** The table panel sorts what it shows itself: the rows are compared in one fixed order. */
function byCode(rows: readonly Row[]): Row[] {
  return [...rows].sort((a, b) => String(a.Sede).localeCompare(String(b.Sede)));
}

describe('a top-N ranking with offices tied at the N-th place', () => {
  it('should show the same N complete rows on Prometheus and VictoriaMetrics, in any answer order: those above the tie, then the tied ones by code', async () => {
    const kept = [...ABOVE, ...[...TIED].sort().slice(0, N - ABOVE.length)];
    const expected = kept.map((code) => expectedRow(OFFICES.find((o) => o.code === code) as Office));
    const seen = await Promise.all(
      handMade.stores.flatMap((store) => [
        answersOf(store).then((answers) => ({ store: store.name, rows: shown(answers) })),
        answersOf(store).then((answers) => ({ store: `${store.name}, answers reversed`, rows: shown(reversed(answers)) })),
      ]),
    );
    const summary = seen.map(({ store, rows }) => ({
      store,
      rows: rows.length,
      incomplete: rows.filter((row) => [row.Sede, row.Denominazione].some((text) => typeof text !== 'string' || text === '')),
      shown: byCode(rows),
    }));
    expect(summary).toEqual(seen.map(({ store }) => ({ store, rows: N, incomplete: [], shown: byCode(expected) })));
  });
});
