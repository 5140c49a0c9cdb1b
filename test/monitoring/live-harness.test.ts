/**
 * Every dashboard target and every alert query against a real Prometheus scraping the real
 * exporter over a seeded MariaDB, with a week of one-sample-per-day history built from the
 * exporter's own `snapshot --reference-date` (as a backfill would). Variables are resolved
 * through Prometheus like Grafana does, macros substituted, queries run with query_range.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import type { RowDataPacket } from 'mysql2/promise';
import { parse, stringify } from 'yaml';
import { readFileSync } from 'node:fs';
import { config } from '../../monitoring/config';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import {
  REPO_ROOT,
  committedDashboards,
  leafPanels,
  variableQuery,
  type DashboardFile,
  type VariableJson,
} from './support/dashboard-model';
import { substituteMacros, substituteVariables } from './support/grafana-macros';
import { mergeHistory } from './support/openmetrics-history';
import { PrometheusApi, queryResultText, type Sample } from '../support/prometheus-api';
import { freePort, run, start, waitUntil, type RunningProcess } from '../support/processes';
import { promtoolPath } from './support/promtool';

const EXPORTER = join(REPO_ROOT, 'bin', 'dasmo-exporter.js');
const HISTORY_DAYS = 8;
const STEP = 3600;
const SCRAPE_SECONDS = 5;
const ZONE = 'Europe/Rome';

interface Selection {
  readonly name: string;
  /** Variable name -> chosen values; null is "All". */
  readonly values: ReadonlyMap<string, readonly string[] | null>;
  /** Whether every target must return data (the "All" selection must). */
  readonly mustHaveData: boolean;
}

let db: TestDatabase;
let workdir: string;
let exporter: RunningProcess | undefined;
let prometheus: RunningProcess | undefined;
let api: PrometheusApi;
let now: number;
let referenceDay: DateTime;
const dashboards = committedDashboards();

function prometheusBinary(): string {
  promtoolPath();
  const found = run('sh', ['-c', 'command -v prometheus || true']).trim();
  if (found === '') throw new Error('prometheus is missing: install it with `apt-get install -y prometheus`');
  return found;
}

async function sql(query: string): Promise<number> {
  const [rows] = await db.admin.query<RowDataPacket[]>(query);
  return Number(Object.values(rows[0] ?? {})[0] ?? Number.NaN);
}

beforeAll(async () => {
  if (!existsSync(join(REPO_ROOT, 'dist', 'cli', 'main.js'))) {
    throw new Error('the exporter is not built: run `npm run build` first (npm test does it)');
  }
  const prometheusPath = prometheusBinary();
  workdir = mkdtempSync(join(tmpdir(), 'dasmo-harness-'));
  db = await createTestDatabase({ withSchema: false });
  const env = { ...process.env, DASMO_DATABASE_URL: db.url, DASMO_TIMEZONE: ZONE };
  run('node', [EXPORTER, 'demo-data', '--size', 'small', '--seed', '11'], env);

  const [exporterPort, prometheusPort] = [await freePort(), await freePort()];
  const instance = `127.0.0.1:${exporterPort}`;
  now = Math.floor(Date.now() / 1000);
  referenceDay = DateTime.fromSeconds(now, { zone: ZONE }).startOf('day').minus({ days: 1 });

  // A week and a day of history, one sample a day, stamped one day apart before now.
  const days = [];
  for (let k = HISTORY_DAYS; k >= 1; k -= 1) {
    const day = referenceDay.minus({ days: k }).toISODate() ?? '';
    days.push({ text: run('node', [EXPORTER, 'snapshot', '--reference-date', day], env), timestamp: now - k * 86_400 - 60 });
  }
  const historyFile = join(workdir, 'history.om');
  writeFileSync(historyFile, mergeHistory(days, `job="${config.job}",instance="${instance}"`));
  const dataDir = join(workdir, 'tsdb');
  run(promtoolPath(), ['tsdb', 'create-blocks-from', 'openmetrics', historyFile, dataDir]);

  exporter = start('exporter', 'node', [EXPORTER, 'serve', '--web.listen-address', instance], env);
  await waitUntil(
    'the exporter to serve a snapshot',
    async () => (await (await fetch(`http://${instance}/metrics`)).text()).includes('dasmo_snapshot_reference_date_seconds '),
    60_000,
    () => exporter?.output() ?? '',
  );

  // The committed groups evaluate every minute; here every 5 s, so that each rule has run
  // by the time the queries do.
  const rulesFile = join(workdir, 'dasmo-rules.yml');
  const rules = parse(readFileSync(join(REPO_ROOT, 'monitoring', 'prometheus', 'dasmo-rules.yml'), 'utf8')) as {
    groups: { interval?: string }[];
  };
  for (const group of rules.groups) group.interval = '5s';
  writeFileSync(rulesFile, stringify(rules));
  const configFile = join(workdir, 'prometheus.yml');
  writeFileSync(
    configFile,
    stringify({
      global: { scrape_interval: `${SCRAPE_SECONDS}s`, scrape_timeout: `${SCRAPE_SECONDS}s`, evaluation_interval: '5s' },
      rule_files: [rulesFile],
      scrape_configs: [{ job_name: config.job, static_configs: [{ targets: [instance] }] }],
    }),
  );
  prometheus = start(
    'prometheus',
    prometheusPath,
    [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${dataDir}`,
      '--storage.tsdb.retention.time=30d',
      `--web.listen-address=127.0.0.1:${prometheusPort}`,
    ],
    process.env,
  );
  api = new PrometheusApi(`http://127.0.0.1:${prometheusPort}`);
  await waitUntil(
    'Prometheus to scrape the exporter',
    async () => {
      now = Math.floor(Date.now() / 1000);
      const live = await api.instant(`dasmo_snapshot_reference_date_seconds{job="${config.job}"}`, now);
      // Three scrapes at least, so that increase() over $__rate_interval has two points.
      const up = await api.instant(`min_over_time(up{job="${config.job}"}[5m]) == 1 and count_over_time(up{job="${config.job}"}[5m]) >= 3`, now);
      return live.length === 1 && up.length === 1;
    },
    90_000,
    () => prometheus?.output() ?? '',
  );
  await waitUntil(
    'every alert rule to be evaluated',
    async () => (await api.rules()).every((rule) => rule.health !== 'unknown'),
    30_000,
    () => prometheus?.output() ?? '',
  );
  now = Math.floor(Date.now() / 1000);
}, 300_000);

afterAll(async () => {
  await prometheus?.stop();
  await exporter?.stop();
  await db?.drop();
  if (workdir !== undefined) rmSync(workdir, { recursive: true, force: true });
});

/** Values of a query variable as Grafana computes them: query_result lines through the regex. */
async function queryVariableValues(variable: VariableJson, chosen: ReadonlyMap<string, readonly string[] | null>): Promise<string[]> {
  const query = variableQuery(variable);
  const inner = /^query_result\((.*)\)$/s.exec(query)?.[1];
  if (inner === undefined) throw new Error(`unsupported variable query ${query}`);
  const samples = await api.instant(substituteVariables(inner, chosen, new Map([[variable.name, '.*']])), now);
  const regex = /^\/(.*)\/([a-z]*)$/.exec(variable.regex ?? '');
  const pattern = new RegExp(regex?.[1] ?? '.*', regex?.[2] ?? '');
  return samples.map((sample) => pattern.exec(queryResultText(sample))?.groups?.value ?? '').filter((v) => v !== '');
}

function allValues(dashboard: DashboardFile): Map<string, string> {
  return new Map(dashboard.model.templating.list.map((v) => [v.name, v.allValue ?? '.*']));
}

function rangeExpr(expr: string, dashboard: DashboardFile, selection: Selection): string {
  const withVars = substituteVariables(expr, selection.values, allValues(dashboard));
  return substituteMacros(withVars, { stepSeconds: STEP, scrapeSeconds: 60, rangeSeconds: 2 * 86_400 });
}

function hasNumbers(samples: readonly Sample[]): boolean {
  return samples.some((s) => (s.values ?? []).some(([, v]) => v !== 'NaN'));
}

/** The office with the most pending applications, for a drill-down selection. */
async function busiestOffice(): Promise<{ region: string; office: string }> {
  const [top] = await api.instant(
    `topk(1, sum by (region, office) (last_over_time(dasmo_applications_pending{job="${config.job}", region!="unknown"}[1d])))`,
    now,
  );
  return { region: top?.metric.region ?? '', office: top?.metric.office ?? '' };
}

async function selectionsFor(dashboard: DashboardFile): Promise<Selection[]> {
  const names = dashboard.model.templating.list.filter((v) => v.type !== 'datasource').map((v) => v.name);
  const all: Selection = { name: 'All', values: new Map(names.map((n) => [n, null])), mustHaveData: true };
  if (!names.includes('office')) return [all];
  const { region, office } = await busiestOffice();
  const values = new Map<string, readonly string[] | null>(names.map((n) => [n, null]));
  values.set('region', [region]);
  values.set('office', [office]);
  return [all, { name: `office ${office}`, values, mustHaveData: false }];
}

describe('live harness: real exporter, real Prometheus', () => {
  it('should resolve region and office variables like the label API does', async () => {
    const applications = dashboards.find((d) => d.model.uid === config.dashboardUids.applications);
    expect(applications).toBeDefined();
    if (applications === undefined) return;
    const variable = (name: string): VariableJson => {
      const found = applications.model.templating.list.find((v) => v.name === name);
      if (found === undefined) throw new Error(`no variable ${name}`);
      return found;
    };
    const all = new Map<string, readonly string[] | null>([['region', null], ['office', null]]);
    const regions = await queryVariableValues(variable('region'), all);
    const labelRegions = await api.labelValues('region', [`dasmo_office_info{job="${config.job}"}`]);
    expect(regions.sort()).toEqual(labelRegions.sort());
    expect(regions).toHaveLength(20);
    const lombardia = new Map<string, readonly string[] | null>([['region', ['03']], ['office', null]]);
    const offices = await queryVariableValues(variable('office'), lombardia);
    const labelOffices = await api.labelValues('office', [`dasmo_office_info{job="${config.job}", region="03"}`]);
    expect(offices.sort()).toEqual(labelOffices.sort());
    expect(offices.length).toBeGreaterThan(5);
  });

  it('should run every panel target of every dashboard without error, with data for "All"', async () => {
    const checks: Array<() => Promise<string | null>> = [];
    for (const dashboard of dashboards) {
      for (const selection of await selectionsFor(dashboard)) {
        for (const panel of leafPanels(dashboard.model)) {
          for (const target of panel.targets ?? []) {
            const where = `${dashboard.model.uid} [${selection.name}] "${panel.title ?? ''}" ${target.refId ?? ''}`;
            const expr = rangeExpr(target.expr ?? '', dashboard, selection);
            checks.push(async () => {
              try {
                const result = await api.range(expr, now - 2 * 86_400, now, STEP);
                return selection.mustHaveData && !hasNumbers(result) ? `${where}: no data` : null;
              } catch (error) {
                return `${where}: ${(error as Error).message}`;
              }
            });
          }
        }
      }
    }
    // A few queries at a time, as a Grafana page load would send them.
    const problems: string[] = [];
    for (let i = 0; i < checks.length; i += 6) {
      const found = await Promise.all(checks.slice(i, i + 6).map((check) => check()));
      problems.push(...found.filter((problem): problem is string => problem !== null));
    }
    expect(problems).toEqual([]);
    expect(checks.length).toBeGreaterThan(150);
  });

  it('should run every alert query, Grafana and Prometheus form, with data', async () => {
    const grafana = parse(readFileSync(join(REPO_ROOT, 'provisioning', 'alerting', 'dasmo-rules.yaml'), 'utf8')) as {
      groups: { rules: { title: string; data: { model: { expr?: string } }[] }[] }[];
    };
    // The small demo dataset has a few applications per office: lift the volume guards so the
    // guarded values still return data (the guards themselves are covered by promtool tests).
    const guards: ReadonlyArray<readonly [string, string]> = [
      [`>= ${config.alerts.backlogGrowthMinPending})`, '>= 0)'],
      [`>= ${config.alerts.sr41RejectedMinClosed})`, '>= 0)'],
    ];
    const problems: string[] = [];
    for (const rule of grafana.groups.flatMap((g) => g.rules)) {
      const expr = rule.data[0]?.model.expr ?? '';
      const unguarded = guards.reduce((e, [from, to]) => e.split(from).join(to), expr);
      try {
        await api.range(expr, now - 2 * 86_400, now, STEP);
        const result = await api.range(unguarded, now - 2 * 86_400, now, STEP);
        if (!hasNumbers(result) && rule.title !== 'DasmoExporterDown') problems.push(`${rule.title}: no data`);
      } catch (error) {
        problems.push(`${rule.title}: ${(error as Error).message}`);
      }
    }
    const up = await api.range(`up{job="${config.job}"}`, now - 300, now, 15);
    expect(hasNumbers(up)).toBe(true);
    expect(problems).toEqual([]);
    const rules = await api.rules();
    expect(rules.length).toBeGreaterThanOrEqual(9);
    expect(rules.filter((r) => r.health !== 'ok').map((r) => `${r.name}: ${r.lastError ?? r.health}`)).toEqual([]);
  });

  describe('figures against the seeded database', () => {
    const day = (): string => referenceDay.toISODate() ?? '';
    const end = (): string => referenceDay.plus({ days: 1 }).toISODate() ?? '';

    async function panelValue(uid: string, title: string): Promise<number> {
      const dashboard = dashboards.find((d) => d.model.uid === uid);
      const panel = dashboard === undefined ? undefined : leafPanels(dashboard.model).find((p) => p.title === title);
      if (dashboard === undefined || panel === undefined) throw new Error(`no panel "${title}" in ${uid}`);
      const names = dashboard.model.templating.list.map((v) => v.name);
      const selection: Selection = { name: 'All', values: new Map(names.map((n) => [n, null])), mustHaveData: true };
      const [sample] = await api.instant(rangeExpr(panel.targets?.[0]?.expr ?? '', dashboard, selection), now);
      return Number(sample?.value?.[1] ?? Number.NaN);
    }

    it('should show the reference day the exporter reports', async () => {
      const value = await panelValue(config.dashboardUids.overview, 'Giorno di riferimento dei dati');
      expect(DateTime.fromMillis(value, { zone: ZONE }).toISODate()).toBe(day());
    });

    it('should count the pending applications and those over 90 days', async () => {
      const pending = await sql(
        `SELECT COUNT(*) FROM dasmo_domande WHERE data_presentazione < '${end()}' ` +
          `AND (data_definizione IS NULL OR data_definizione >= '${end()}')`,
      );
      const over90 = await sql(
        `SELECT COUNT(*) FROM dasmo_domande WHERE data_presentazione < '${end()}' ` +
          `AND (data_definizione IS NULL OR data_definizione >= '${end()}') ` +
          `AND DATEDIFF('${day()}', data_presentazione) > ${config.chronicAgeDays}`,
      );
      expect(pending).toBeGreaterThan(0);
      expect(await panelValue(config.dashboardUids.overview, 'Domande in giacenza')).toBe(pending);
      expect(await panelValue(config.dashboardUids.overview, 'di cui in giacenza da oltre 90 giorni')).toBe(over90);
    });

    it("should compute the day's inflow as an exact difference with yesterday's backfilled sample", async () => {
      const presented = await sql(
        `SELECT COUNT(*) FROM dasmo_domande WHERE data_presentazione >= '${day()}' AND data_presentazione < '${end()}'`,
      );
      const decided = await sql(
        `SELECT COUNT(*) FROM dasmo_domande WHERE data_presentazione IS NOT NULL ` +
          `AND data_definizione >= '${day()}' AND data_definizione < '${end()}'`,
      );
      expect(await panelValue(config.dashboardUids.applications, 'Domande presentate nel giorno')).toBe(presented);
      expect(await panelValue(config.dashboardUids.applications, 'Domande definite nel giorno')).toBe(decided);
    });

    it('should count SR41 flows in alta criticita (over 150 days)', async () => {
      const critical = await sql(
        `SELECT COUNT(*) FROM dasmo_sr41 WHERE data_ricezione < '${end()}' ` +
          `AND (data_esito IS NULL OR data_esito >= '${end()}') ` +
          `AND DATEDIFF('${day()}', data_ricezione) > ${config.sr41CriticalAgeDays}`,
      );
      expect(await panelValue(config.dashboardUids.sr41, 'Flussi in alta criticità (oltre 150 giorni)')).toBe(critical);
    });
  });
});
