/**
 * Access per region, enforced below Grafana: Debian's real victoria-metrics and vmauth, vmauth
 * started by deploy/vmauth/entrypoint.sh with the generated config. A regional user tries every
 * way we know to see another region or to write; the answers must hold nothing of it.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { parse } from 'yaml';
import { config, validateAccess } from '../../monitoring/config';
import { VMAUTH_CONFIG_FILE } from '../../monitoring/generate';
import { REGIONS as DEMO_REGIONS } from '../../src/demo/office-catalogue';
import { NATIONAL_USER, renderVmauthConfig, vmauthUsers } from '../../monitoring/access/vmauth';
import { freePort, requireTool, start, waitUntil, type RunningProcess } from '../support/processes';
import { committedDashboards, leafPanels, type PanelJson } from './support/dashboard-model';
import { substituteMacros } from './support/grafana-macros';
import { request } from '../service/support/http-client';
import { HANG_CEILING_MS } from '../support/hang-ceiling';

const ENTRYPOINT = join(__dirname, '..', '..', 'deploy', 'vmauth', 'entrypoint.sh');
const INSTALL = 'install it with `apt-get install -y victoria-metrics` (bash .ci/run does it)';

/**
 * Hand-made data. Lombardia (03): offices 4900 and 4901 with 7 and 4 pending; Lazio (12):
 * office 7000 "Roma" with 500. Everything of Lazio, and the national total 511, is recognisable
 * in any answer by these markers.
 */
const LAZIO_MARKERS = ['"12"', '7000', 'Roma', '"500"', '"511"'];
const DATA = [
  'dasmo_applications_pending{region="03",office="4900",phase="under_review"} 7',
  'dasmo_applications_pending{region="03",office="4901",phase="under_review"} 4',
  'dasmo_applications_pending{region="12",office="7000",phase="under_review"} 500',
  'dasmo_office_info{region="03",office="4900",name="Milano"} 1',
  'dasmo_office_info{region="03",office="4901",name="Sesto San Giovanni"} 1',
  'dasmo_office_info{region="12",office="7000",name="Roma"} 1',
];

/**
 * The exporter's series without a `region` label, and its per-region copies of the freshness
 * facts for Lombardia and Lazio (same values). Reference day 2025-12-07 (midnight in Rome);
 * the least recent source is `offices`. No value holds a Lazio marker.
 */
const REFERENCE_DAY_SECONDS = 1765062000;
const LAST_SUCCESS = { applications: 1765090800, sr41: 1765094400, offices: 1765087200 } as const;
const COPY_REGIONS = ['03', '12'];
const FRESHNESS = [
  `dasmo_snapshot_reference_date_seconds{job="dasmo"} ${REFERENCE_DAY_SECONDS}`,
  ...COPY_REGIONS.map((region) => `dasmo_region_snapshot_reference_date_seconds{job="dasmo",region="${region}"} ${REFERENCE_DAY_SECONDS}`),
  ...Object.entries(LAST_SUCCESS).flatMap(([source, at]) => [
    `dasmo_refresh_last_success_timestamp_seconds{job="dasmo",source="${source}"} ${at}`,
    `dasmo_source_up{job="dasmo",source="${source}"} 1`,
    ...COPY_REGIONS.flatMap((region) => [
      `dasmo_region_refresh_last_success_timestamp_seconds{job="dasmo",region="${region}",source="${source}"} ${at}`,
      `dasmo_region_source_up{job="dasmo",region="${region}",source="${source}"} 1`,
    ]),
  ]),
];
/** Series of the whole exporter that have no per-region copy, imported twice a minute apart (counters need two). */
const WHOLE_EXPORTER = [
  'up{job="dasmo",instance="exporter:9713"} 1',
  'scrape_duration_seconds{job="dasmo",instance="exporter:9713"} 0.25',
  'scrape_samples_scraped{job="dasmo",instance="exporter:9713"} 4400',
  'dasmo_build_info{job="dasmo",version="1.2.3"} 1',
  'dasmo_snapshot_series{job="dasmo"} 4321',
  'process_resident_memory_bytes{job="dasmo"} 123456789',
  'dasmo_data_quality_rows{job="dasmo",source="applications",problem="missing_date"} 2',
  ...Object.keys(LAST_SUCCESS).flatMap((source) => [
    `dasmo_refresh_duration_seconds{job="dasmo",source="${source}"} 1.5`,
    `dasmo_refresh_failures_total{job="dasmo",source="${source}"} 3`,
  ]),
];

/** A password per user, as the deployment's secrets would hold them. */
function passwordOf(username: string): string {
  return `pw-${username}-0123456789abcdef`;
}

interface Answer {
  readonly status: number;
  readonly body: string;
}

/** A request to the local port, the path as written (`..` included), as `user` with their password unless another is given. */
async function send(port: number, path: string, options: { user?: string; password?: string; method?: string; body?: string } = {}): Promise<Answer> {
  const { user, password, method, body } = options;
  const answer = await request(`http://127.0.0.1:${port}${path}`, {
    ...(user === undefined ? {} : { user, password: password ?? passwordOf(user) }),
    ...(method === undefined ? {} : { method }),
    ...(body === undefined ? {} : { body }),
  });
  return { status: answer.status, body: answer.text };
}

function form(params: Record<string, string | readonly string[]>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) for (const v of typeof value === 'string' ? [value] : value) search.append(key, v);
  return search.toString();
}

function query(expr: string, extra: Record<string, string> = {}): string {
  return `/api/v1/query?${form({ query: expr, ...extra })}`;
}

interface PromResult {
  readonly metric: Record<string, string>;
  readonly value: [number, string];
}

function results(answer: Answer): PromResult[] {
  if (answer.status !== 200) throw new Error(`expected 200, got ${answer.status}: ${answer.body}`);
  return (JSON.parse(answer.body) as { data: { result: PromResult[] } }).data.result;
}

function lazioSeenIn(answer: Answer): string[] {
  return LAZIO_MARKERS.filter((marker) => answer.body.includes(marker));
}

let workdir: string;
let store: RunningProcess | undefined;
let gate: RunningProcess | undefined;
let storePort: number;
let gatePort: number;
/**
 * Unix seconds when the data were imported, stamped a minute or two before: queries are asked at
 * this instant, not at the clock's, so a slow machine cannot move them past the lookback.
 */
let importedAt: string;

function passwordsEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH ?? '' };
  for (const user of vmauthUsers()) env[user.passwordVariable] = passwordOf(user.username);
  return env;
}

beforeAll(async () => {
  requireTool('victoria-metrics', INSTALL);
  requireTool('vmauth', INSTALL);
  workdir = mkdtempSync(join(tmpdir(), 'dasmo-vmauth-'));
  storePort = await freePort();
  store = start('victoria-metrics', 'victoria-metrics', [
    `-storageDataPath=${join(workdir, 'data')}`,
    `-httpListenAddr=127.0.0.1:${storePort}`,
    // Queries at "now" must see what was imported a moment ago.
    '-search.latencyOffset=0s',
    '-loggerLevel=ERROR',
  ], { PATH: process.env.PATH ?? '' });
  await waitUntil('victoria-metrics to answer', async () => (await send(storePort, '/health')).status === 200, HANG_CEILING_MS, () => store?.output() ?? '');
  const now = Date.now();
  importedAt = String(Math.floor(now / 1000));
  const lines = [
    ...[...DATA, ...FRESHNESS, ...WHOLE_EXPORTER].map((line) => `${line} ${now - 60_000}`),
    ...WHOLE_EXPORTER.map((line) => `${line} ${now - 120_000}`),
  ];
  const imported = await send(storePort, '/api/v1/import/prometheus', { method: 'POST', body: `${lines.join('\n')}\n` });
  expect(imported.status).toBe(204);
  await send(storePort, '/internal/force_flush');
  const seriesImported = String(DATA.length + FRESHNESS.length + WHOLE_EXPORTER.length);
  await waitUntil('the imported series to be searchable', async () => results(await send(storePort, query('count({__name__=~".+"})')))[0]?.value[1] === seriesImported, HANG_CEILING_MS);

  const configFile = join(workdir, 'auth.yml');
  writeFileSync(configFile, renderVmauthConfig(config.access, `http://127.0.0.1:${storePort}`));
  gatePort = await freePort();
  gate = start('vmauth', 'sh', [ENTRYPOINT, `-httpListenAddr=127.0.0.1:${gatePort}`, '-loggerLevel=ERROR'], {
    ...passwordsEnv(),
    DASMO_VMAUTH_CONFIG: configFile,
  });
  const started = gate;
  await waitUntil('vmauth to answer', async () => started.child.exitCode !== null || (await send(gatePort, '/api/v1/query')).status === 401, HANG_CEILING_MS);
  if (started.child.exitCode !== null) throw new Error(`vmauth did not start: ${started.output()}`);
});

afterAll(async () => {
  await gate?.stop();
  await store?.stop();
  if (workdir !== undefined) rmSync(workdir, { recursive: true, force: true });
});

describe('vmauth in front of VictoriaMetrics, one user per region', () => {
  it('should give each regional user its own region only, and the national user everything', async () => {
    const total = async (user: string): Promise<string | undefined> =>
      results(await send(gatePort, query('sum(dasmo_applications_pending)'), { user }))[0]?.value[1];
    expect(await total('region-03')).toBe('11');
    expect(await total('region-12')).toBe('500');
    expect(await total('region-01')).toBeUndefined();
    expect(await total(NATIONAL_USER)).toBe('511');
  });

  it('should not serve a regional user a cached answer computed for the national user', async () => {
    const at = importedAt;
    const expr = 'sum(dasmo_applications_pending)';
    expect(results(await send(gatePort, query(expr, { time: at }), { user: NATIONAL_USER }))[0]?.value[1]).toBe('511');
    expect(results(await send(gatePort, query(expr, { time: at }), { user: 'region-03' }))[0]?.value[1]).toBe('11');
    const range = `/api/v1/query_range?${form({ query: expr, start: String(Number(at) - 600), end: at, step: '60' })}`;
    expect(results(await send(gatePort, range, { user: NATIONAL_USER })).map((r) => r.metric)).toHaveLength(1);
    expect(await send(gatePort, range, { user: 'region-03' })).toEqual(expect.objectContaining({ status: 200, body: expect.not.stringContaining('"511"') }));
  });

  it('should show the national user what the markers look for, so that their absence means something', async () => {
    const everything = await send(gatePort, query('{__name__=~".+"}'), { user: NATIONAL_USER });
    expect(lazioSeenIn(everything)).toEqual(['"12"', '7000', 'Roma', '"500"']);
  });

  const now = (): string => String(Math.floor(Date.now() / 1000));
  const READS: ReadonlyArray<readonly [string, () => { path: string; method?: string; body?: string }]> = [
    ['every series by name regex', () => ({ path: query('{__name__=~".+"}') })],
    ['another region by matcher', () => ({ path: query('dasmo_applications_pending{region="12"}') })],
    ['any region by regex', () => ({ path: query('dasmo_applications_pending{region=~".*"}') })],
    ['a region label dropped by aggregation', () => ({ path: query('sum without (region) (dasmo_applications_pending)') })],
    ['or vector(...)', () => ({ path: query('sum(dasmo_applications_pending) or vector(1)') })],
    ['the region relabelled', () => ({ path: query('label_replace(dasmo_office_info, "region", "03", "", "")') })],
    ['extra_label in the URL', () => ({ path: query('sum(dasmo_applications_pending)', { extra_label: 'region=12' }) })],
    ['extra_label twice in the URL', () => ({ path: `${query('dasmo_office_info')}&extra_label=region%3D12&extra_label=region=12` })],
    ['extra_filters[] in the URL', () => ({ path: query('dasmo_office_info', { 'extra_filters[]': '{region="12"}' }) })],
    ['extra_filters in the URL', () => ({ path: query('dasmo_office_info', { extra_filters: '{region=~".*"}' }) })],
    ['extra_label in a POST body', () => ({ path: '/api/v1/query', method: 'POST', body: form({ query: 'dasmo_office_info', extra_label: 'region=12' }) })],
    ['extra_filters[] in a POST body', () => ({ path: '/api/v1/query', method: 'POST', body: form({ query: '{__name__=~".+"}', 'extra_filters[]': '{region=~".+"}' }) })],
    ['a range query of everything', () => ({ path: `/api/v1/query_range?${form({ query: '{__name__=~".+"}', start: String(Number(now()) - 3600), end: now(), step: '60' })}` })],
    ['a range query in a POST body with extra_filters', () => ({ path: '/api/v1/query_range', method: 'POST', body: form({ query: 'dasmo_office_info', start: String(Number(now()) - 3600), end: now(), step: '60', 'extra_filters[]': '{region="12"}' }) })],
    ['series of everything', () => ({ path: `/api/v1/series?${form({ 'match[]': '{__name__=~".+"}' })}` })],
    ['series of another region', () => ({ path: `/api/v1/series?${form({ 'match[]': '{region="12"}' })}` })],
    ['series in a POST body', () => ({ path: '/api/v1/series', method: 'POST', body: form({ 'match[]': '{__name__=~".+"}', extra_label: 'region=12' }) })],
    ['label names', () => ({ path: '/api/v1/labels' })],
    ['label names of another region', () => ({ path: `/api/v1/labels?${form({ 'match[]': '{region="12"}' })}` })],
    ['region label values', () => ({ path: '/api/v1/label/region/values' })],
    ['office label values', () => ({ path: '/api/v1/label/office/values' })],
    ['office names', () => ({ path: '/api/v1/label/name/values' })],
    ['label values with extra_filters', () => ({ path: `/api/v1/label/office/values?${form({ 'extra_filters[]': '{region="12"}' })}` })],
    ['a doubled slash', () => ({ path: `/${query('{__name__=~".+"}')}` })],
  ];

  it.each(READS)('should show region-03 nothing of Lazio: %s', async (_name, make) => {
    const { path, method, body } = make();
    const answer = await send(gatePort, path, { user: 'region-03', method, body });
    expect(answer.status === 200 || (answer.status >= 400 && answer.status < 500)).toBe(true);
    expect(lazioSeenIn(answer)).toEqual([]);
  });

  const REFUSED: ReadonlyArray<{ readonly name: string; readonly path: string; readonly method?: string }> = [
    { name: 'export', path: `/api/v1/export?${form({ 'match[]': '{__name__=~".+"}' })}` },
    { name: 'export csv', path: `/api/v1/export/csv?${form({ 'match[]': '{__name__=~".+"}', format: '__name__,office,__value__' })}` },
    { name: 'export native', path: `/api/v1/export/native?${form({ 'match[]': '{__name__=~".+"}' })}` },
    { name: 'federate', path: `/federate?${form({ 'match[]': '{__name__=~".+"}' })}` },
    { name: 'the VictoriaMetrics path alias', path: `/prometheus/api/v1/query?${form({ query: '{__name__=~".+"}' })}` },
    { name: 'a dot-dot path to export', path: `/api/v1/query/../export?${form({ 'match[]': '{__name__=~".+"}' })}` },
    { name: 'a dot-dot path inside label values', path: `/api/v1/label/../../federate/values?${form({ 'match[]': '{__name__=~".+"}' })}` },
    { name: 'an encoded dot-dot path', path: `/api/v1/label/..%2F..%2Fexport/values?${form({ 'match[]': '{__name__=~".+"}' })}` },
    { name: 'upper case', path: `/API/V1/QUERY?${form({ query: '{__name__=~".+"}' })}` },
    { name: 'a trailing slash', path: `/api/v1/query/?${form({ query: '{__name__=~".+"}' })}` },
    { name: 'tsdb status', path: '/api/v1/status/tsdb' },
    { name: 'active queries', path: '/api/v1/status/active_queries' },
    { name: 'top queries', path: '/api/v1/status/top_queries' },
    { name: 'vmui', path: '/vmui/' },
    { name: 'graph', path: '/graph' },
    { name: 'delete', path: `/api/v1/admin/tsdb/delete_series?${form({ 'match[]': '{__name__=~".+"}' })}`, method: 'POST' },
    { name: 'import', path: '/api/v1/import', method: 'POST' },
    { name: 'import prometheus', path: '/api/v1/import/prometheus', method: 'POST' },
    { name: 'remote write', path: '/api/v1/write', method: 'POST' },
    { name: "vmauth's own metrics", path: '/metrics' },
    { name: "vmauth's flags", path: '/flags' },
    { name: "vmauth's profiler", path: '/debug/pprof/' },
    { name: "vmauth's reload", path: '/-/reload' },
  ];

  it('should answer absent() for Lazio as for a region that does not exist: it echoes the matcher, never the data', async () => {
    const absent = async (region: string): Promise<PromResult[]> =>
      results(await send(gatePort, query(`absent(dasmo_applications_pending{region="${region}"})`), { user: 'region-03' }));
    expect(await absent('12')).toEqual([{ metric: { region: '12' }, value: [expect.any(Number), '1'] }]);
    expect(await absent('99')).toEqual([{ metric: { region: '99' }, value: [expect.any(Number), '1'] }]);
    expect(results(await send(gatePort, query('absent(dasmo_applications_pending{region="12"})'), { user: NATIONAL_USER }))).toEqual([]);
  });

  it.each(REFUSED)('should refuse region-03 $name', async ({ path, method }) => {
    const body = method === 'POST' ? `dasmo_applications_pending{region="03",office="4900",phase="under_review"} 1000000 ${Date.now()}\n` : undefined;
    const answer = await send(gatePort, path, { user: 'region-03', method, body });
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
    expect(lazioSeenIn(answer)).toEqual([]);
  });

  it('should have changed nothing after the refused writes and deletes', async () => {
    await send(storePort, '/internal/force_flush');
    expect(results(await send(gatePort, query('sum(dasmo_applications_pending)'), { user: NATIONAL_USER }))[0]?.value[1]).toBe('511');
    expect(results(await send(gatePort, query('count(dasmo_office_info)'), { user: NATIONAL_USER }))[0]?.value[1]).toBe('3');
  });

  it.each<readonly [string, string | undefined, string | undefined]>([
    ['no credentials', undefined, undefined],
    ['a wrong password', 'region-03', 'not-the-password-0000'],
    ["another user's password", 'region-03', passwordOf('region-12')],
    ["the national name with a region's password", NATIONAL_USER, passwordOf('region-03')],
    ['a user that does not exist', 'region-99', passwordOf('region-99')],
  ])('should refuse %s', async (_name, user, password) => {
    const answer = await send(gatePort, query('sum(dasmo_applications_pending)'), { user, password });
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
    expect(answer.body).not.toContain('"511"');
  });
});

describe('the dashboards in a regional organization: series without a region label', () => {
  const dashboards = committedDashboards();
  const panels = dashboards.flatMap((dashboard) => leafPanels(dashboard.model).map((panel) => ({ dashboard: dashboard.model, panel })));
  const exprs = (panel: PanelJson): string[] =>
    (panel.targets ?? []).map((target) => substituteMacros(target.expr ?? '', { stepSeconds: 60, scrapeSeconds: 60, rangeSeconds: 86_400 }));
  const readsCopy = (panel: PanelJson): boolean => exprs(panel).some((expr) => /\bdasmo_region_/.test(expr));
  // Queries at the import's instant. VictoriaMetrics' time() is then within a second of it, not
  // exactly it: hours are compared to a thousandth (3.6 s).
  const instant = async (expr: string, user: string): Promise<PromResult[]> => results(await send(gatePort, query(expr, { time: importedAt }), { user }));
  const byLabels = (rows: readonly PromResult[]): Array<[string, string]> =>
    rows.map((row): [string, string] => [JSON.stringify(row.metric), row.value[1]]).sort(([a], [b]) => a.localeCompare(b));
  const panel = (uid: string, title: string): PanelJson => {
    const found = panels.find((p) => p.dashboard.uid === uid && p.panel.title === title);
    if (found === undefined) throw new Error(`no panel "${title}" in ${uid}`);
    return found.panel;
  };
  const onlyExpr = (p: PanelJson): string => {
    const [expr, ...others] = exprs(p);
    if (expr === undefined || others.length > 0) throw new Error(`"${p.title ?? ''}" has ${others.length + 1} targets`);
    return expr;
  };

  it.each(['region-03', 'region-12'])("should show %s the overview's reference day, as the national user sees it", async (user) => {
    const expr = onlyExpr(panel(config.dashboardUids.overview, 'Giorno di riferimento dei dati'));
    const expected = [{ metric: {}, value: [Number(importedAt), String(REFERENCE_DAY_SECONDS * 1000)] }];
    expect(await instant(expr, NATIONAL_USER)).toEqual(expected);
    expect(await instant(expr, user)).toEqual(expected);
  });

  it.each(['region-03', 'region-12'])("should show %s the overview's hours since the least recent source's last success, as the national user sees them", async (user) => {
    const expr = onlyExpr(panel(config.dashboardUids.overview, "Ore dall'ultimo aggiornamento riuscito"));
    const hours = (Number(importedAt) - LAST_SUCCESS.offices) / 3600;
    for (const who of [NATIONAL_USER, user]) {
      const [row, ...more] = await instant(expr, who);
      expect(more).toEqual([]);
      expect(Number(row?.value[1])).toBeCloseTo(hours, 3);
    }
  });

  it("should give the national user exactly what the originals alone give (the copies only fill in where the originals are hidden)", async () => {
    const value = async (expr: string): Promise<number> => {
      const rows = await instant(expr, NATIONAL_USER);
      expect(rows).toHaveLength(1);
      return Number(rows[0]?.value[1]);
    };
    const day = onlyExpr(panel(config.dashboardUids.overview, 'Giorno di riferimento dei dati'));
    expect(await value(day)).toBe(await value(`max(last_over_time(dasmo_snapshot_reference_date_seconds{job="dasmo"}[${config.sampleLookback}])) * 1000`));
    const hours = onlyExpr(panel(config.dashboardUids.overview, "Ore dall'ultimo aggiornamento riuscito"));
    const originalHours = `(time() - min(last_over_time(dasmo_refresh_last_success_timestamp_seconds{job="dasmo"}[${config.sampleLookback}]))) / 3600`;
    expect(await value(hours)).toBeCloseTo(await value(originalHours), 3);
  });

  it("should show region-03 the exporter's sources and their last success per source, as the national user sees them", async () => {
    const up = onlyExpr(panel(config.dashboardUids.exporter, 'Sorgenti raggiungibili'));
    const hours = onlyExpr(panel(config.dashboardUids.exporter, "Ore dall'ultimo aggiornamento riuscito"));
    const expectedUp = Object.keys(LAST_SUCCESS).map((source): [string, string] => [JSON.stringify({ source }), '1']).sort(([a], [b]) => a.localeCompare(b));
    expect(byLabels(await instant(up, NATIONAL_USER))).toEqual(expectedUp);
    expect(byLabels(await instant(up, 'region-03'))).toEqual(expectedUp);
    const lastSuccess = new Map<string, number>(Object.entries(LAST_SUCCESS));
    for (const user of [NATIONAL_USER, 'region-03']) {
      const rows = await instant(hours, user);
      expect(rows.map((row) => row.metric).sort((a, b) => (a.source ?? '').localeCompare(b.source ?? ''))).toEqual([...lastSuccess.keys()].sort().map((source) => ({ source })));
      for (const row of rows) expect(Number(row.value[1])).toBeCloseTo((Number(importedAt) - (lastSuccess.get(row.metric.source ?? '') ?? Number.NaN)) / 3600, 3);
    }
  });

  it('should read a per-region copy in exactly the panels above and in the daily trends (their reference-day guard)', () => {
    const where = ({ dashboard, panel: p }: (typeof panels)[number]): string => `${dashboard.uid}: ${p.title ?? ''}`;
    const reading = panels.filter(({ panel: p }) => readsCopy(p)).map(where);
    const dailyTrends = panels.filter(({ dashboard, panel: p }) => p.type === 'timeseries' && dashboard.uid !== config.dashboardUids.exporter).map(where);
    expect(dailyTrends.length).toBeGreaterThanOrEqual(15);
    expect(reading.sort()).toEqual(
      [
        `${config.dashboardUids.exporter}: Ore dall'ultimo aggiornamento riuscito`,
        `${config.dashboardUids.exporter}: Sorgenti raggiungibili`,
        `${config.dashboardUids.overview}: Giorno di riferimento dei dati`,
        `${config.dashboardUids.overview}: Ore dall'ultimo aggiornamento riuscito`,
        ...dailyTrends,
      ].sort(),
    );
  });

  it("should show region-03 nothing of another region's copies, and the region-less originals not at all", async () => {
    const copies = await instant('{__name__=~"dasmo_region_.+"}', 'region-03');
    expect(copies).toHaveLength(1 + 2 * Object.keys(LAST_SUCCESS).length);
    expect(new Set(copies.map((row) => row.metric.region))).toEqual(new Set(['03']));
    expect(await instant('{__name__=~"dasmo_(snapshot_reference_date_seconds|source_up|refresh_last_success_timestamp_seconds)"}', 'region-03')).toEqual([]);
  });

  const exporterPanels = panels.filter(({ dashboard }) => dashboard.uid === config.dashboardUids.exporter).map(({ panel: p }) => p);
  it.each(exporterPanels.filter((p) => !readsCopy(p)).map((p) => [p.title ?? '', p] as const))(
    'should leave "%s" (the whole exporter) empty for region-03 and say so instead of "No data", while the national user sees it',
    async (_title, p) => {
      expect(p.fieldConfig?.defaults?.noValue).toBe("Nessun dato: visibile solo nell'organizzazione nazionale");
      for (const expr of exprs(p)) {
        expect(await instant(expr, NATIONAL_USER)).not.toEqual([]);
        expect(await instant(expr, 'region-03')).toEqual([]);
      }
    },
  );
});

describe('deploy/vmauth/entrypoint.sh', () => {
  const run = (env: NodeJS.ProcessEnv): { status: number | null; stderr: string } => {
    const configFile = join(workdir, 'entrypoint-auth.yml');
    writeFileSync(configFile, renderVmauthConfig(config.access, 'http://127.0.0.1:1'));
    // `-version` makes a vmauth that was started print its version and exit 0.
    const result = spawnSync('sh', [ENTRYPOINT, '-version'], { env: { PATH: process.env.PATH ?? '', DASMO_VMAUTH_CONFIG: configFile, ...env }, encoding: 'utf8' });
    return { status: result.status, stderr: result.stderr };
  };

  it('should start vmauth when every password is set', () => {
    expect(run(passwordsEnv())).toEqual({ status: 0, stderr: '' });
  });

  it('should refuse to start, in one line, without a password: vmauth would accept the placeholder as one', () => {
    const env = passwordsEnv();
    delete env.DASMO_VMAUTH_PASSWORD_REGION_07;
    expect(run(env)).toEqual({
      status: 2,
      stderr: expect.stringMatching(/^vmauth: DASMO_VMAUTH_PASSWORD_REGION_07 is not set \(nor DASMO_VMAUTH_PASSWORD_REGION_07_FILE\)[^\n]*\n$/),
    });
  });

  it('should read a password from the file NAME_FILE names, and refuse one that cannot be read', () => {
    const env = passwordsEnv();
    delete env.DASMO_VMAUTH_PASSWORD_NATIONAL;
    const secret = join(workdir, 'national-password');
    writeFileSync(secret, `${passwordOf(NATIONAL_USER)}\n`);
    expect(run({ ...env, DASMO_VMAUTH_PASSWORD_NATIONAL_FILE: secret })).toEqual({ status: 0, stderr: '' });
    const missing = run({ ...env, DASMO_VMAUTH_PASSWORD_NATIONAL_FILE: join(workdir, 'nowhere') });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^vmauth: DASMO_VMAUTH_PASSWORD_NATIONAL_FILE names .*nowhere, which cannot be read\n$/);
  });

  it.each([
    ['a quote that would end the YAML string', 'abcdefghijklmnop"'],
    ['a line break that would add YAML keys', 'abcdefghijklmnop\n    url_prefix: http://elsewhere'],
    ['fewer than 16 characters', 'short'],
  ])('should refuse a password with %s', (_name, password) => {
    const result = run({ ...passwordsEnv(), DASMO_VMAUTH_PASSWORD_REGION_03: password });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^vmauth: DASMO_VMAUTH_PASSWORD_REGION_03 [^\n]+\n$/);
  });
});

describe('the generated vmauth config (deploy/vmauth/auth.yml)', () => {
  interface AuthUser {
    readonly username: string;
    readonly password: string;
    readonly url_map: ReadonlyArray<{ readonly src_paths: readonly string[]; readonly url_prefix: string }>;
  }
  const users = (parse(readFileSync(join(__dirname, '..', '..', VMAUTH_CONFIG_FILE), 'utf8')) as { users: AuthUser[] }).users;

  it('should have one user per region of dasmo_sedi (the demo catalogue) and one national user', () => {
    expect(users.map((user) => user.username)).toEqual([...DEMO_REGIONS.map((region) => `region-${region.code}`), 'national']);
  });

  it('should confine each regional user to its own region on every route, and route read paths only', () => {
    for (const user of users) {
      const region = /^region-(\d{2})$/.exec(user.username)?.[1];
      for (const route of user.url_map) {
        expect(route.src_paths).toEqual(['/api/v1/query', '/api/v1/query_range', '/api/v1/series', '/api/v1/labels', '/api/v1/label/[^/]+/values']);
        const target = new URL(route.url_prefix);
        expect(target.searchParams.getAll('extra_label')).toEqual(region === undefined ? [] : [`region=${region}`]);
        expect(target.searchParams.has('extra_filters[]') || target.searchParams.has('extra_filters')).toBe(false);
      }
    }
  });

  it('should hold no password, only a placeholder per user', () => {
    for (const user of users) expect(user.password).toBe(`%{DASMO_VMAUTH_PASSWORD_${user.username.toUpperCase().replace('-', '_')}}`);
  });

  it.each([
    ['a code that is not two digits', [{ code: '3', name: 'Lombardia', orgId: 5 }], 'monitoring config: region code "3" must be two digits, as codice_regione in dasmo_sedi'],
    ['a code listed twice', [{ code: '03', name: 'Lombardia', orgId: 5 }, { code: '03', name: 'Lazio', orgId: 14 }], 'monitoring config: region code 03 is listed twice'],
    ['a region without a name', [{ code: '03', name: ' ', orgId: 5 }], 'monitoring config: region 03 has no name'],
  ])('should refuse %s in one line', (_name, regions, message) => {
    expect(() => validateAccess({ ...config.access, regions })).toThrow(new Error(message));
  });
});
