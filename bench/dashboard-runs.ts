/**
 * Opens a dashboard as Grafana 12.4 does, one query at a time: its query variables (instant
 * queries at the end of the time range, each with the variables before it substituted), then
 * every target of every panel exactly as test/monitoring/support/grafana-requests.ts plans it
 * (instant or range, Grafana's step, variables and macros replaced). Each query is timed from
 * the request to the last byte of the answer; Prometheus also tells the samples it read
 * (`stats=all`).
 */
import type { TimeRange } from '@grafana/data';
import { leafPanels, variableQuery, type DashboardJson } from '../test/monitoring/support/dashboard-model';
import { substituteVariables } from '../test/monitoring/support/grafana-macros';
import { planPanelRequests, type VariableSelection } from '../test/monitoring/support/grafana-requests';
import { round } from './stats';

export interface QueryFigure {
  /** The panel's title, or `variable <name>`. */
  readonly panel: string;
  readonly kind: 'instant' | 'range';
  readonly seconds: number;
  /** `totalQueryableSamples` of Prometheus' `stats=all`; null when the store does not tell. */
  readonly samples: number | null;
  readonly series: number;
  readonly error?: string;
}

export interface DashboardOpening {
  /** Every query's time, added up: the dashboard's queries run one after the other. */
  readonly sequentialSeconds: number;
  readonly slowestPanel: string;
  readonly slowestPanelSeconds: number;
  readonly samples: number | null;
  readonly queries: number;
  readonly errors: readonly string[];
}

interface StoreAnswer {
  readonly status: string;
  readonly error?: string;
  readonly data?: { readonly result?: readonly unknown[]; readonly stats?: { readonly samples?: { readonly totalQueryableSamples?: number } } };
}

function parseAnswer(text: string, status: number): StoreAnswer {
  try {
    return JSON.parse(text) as StoreAnswer;
  } catch {
    return { status: 'error', error: `HTTP ${status}: ${text.slice(0, 200)}` };
  }
}

async function timedQuery(baseUrl: string, panel: string, kind: 'instant' | 'range', params: Record<string, string>): Promise<QueryFigure> {
  const path = kind === 'instant' ? '/api/v1/query' : '/api/v1/query_range';
  const started = process.hrtime.bigint();
  let answer: StoreAnswer;
  try {
    const response = await fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...params, stats: 'all' }),
    });
    const text = await response.text();
    answer = parseAnswer(text, response.status);
  } catch (error) {
    // A store that dies under a query is a result too: the opening goes on and counts it.
    answer = { status: 'error', error: `no answer: ${error instanceof Error ? error.message : String(error)}` };
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const samples = answer.data?.stats?.samples?.totalQueryableSamples ?? null;
  const figure = { panel, kind, seconds, samples, series: answer.data?.result?.length ?? 0 };
  return answer.status === 'success' ? figure : { ...figure, error: (answer.error ?? 'no error text').slice(0, 300) };
}

function allValues(dashboard: DashboardJson): Map<string, string> {
  return new Map(dashboard.templating.list.map((v) => [v.name, v.allValue ?? '.*']));
}

/** The dashboard's `query_result(...)` variables, as Grafana refreshes them on load. */
async function variableQueries(baseUrl: string, dashboard: DashboardJson, selection: VariableSelection, range: TimeRange): Promise<QueryFigure[]> {
  const figures: QueryFigure[] = [];
  for (const variable of dashboard.templating.list.filter((v) => v.type === 'query')) {
    const inner = /^query_result\((.*)\)$/s.exec(variableQuery(variable))?.[1];
    if (inner === undefined) throw new Error(`${dashboard.uid}: variable ${variable.name} is not a query_result() query`);
    const expr = substituteVariables(inner, selection, allValues(dashboard));
    figures.push(await timedQuery(baseUrl, `variable ${variable.name}`, 'instant', { query: expr, time: String(range.to.valueOf() / 1000) }));
  }
  return figures;
}

export async function openDashboard(baseUrl: string, dashboard: DashboardJson, selection: VariableSelection, range: TimeRange): Promise<QueryFigure[]> {
  const figures = await variableQueries(baseUrl, dashboard, selection, range);
  for (const panel of leafPanels(dashboard)) {
    for (const request of planPanelRequests(dashboard, panel, selection, range)) {
      const params: Record<string, string> =
        request.kind === 'instant'
          ? { query: request.expr, time: String(request.end) }
          : { query: request.expr, start: String(request.start), end: String(request.end), step: String(request.stepSeconds) };
      figures.push(await timedQuery(baseUrl, panel.title ?? `panel ${String(panel.id)}`, request.kind, params));
    }
  }
  return figures;
}

export function summarise(figures: readonly QueryFigure[]): DashboardOpening {
  const byPanel = new Map<string, number>();
  for (const figure of figures) byPanel.set(figure.panel, (byPanel.get(figure.panel) ?? 0) + figure.seconds);
  const [slowestPanel, slowestPanelSeconds] = [...byPanel].reduce((a, b) => (b[1] > a[1] ? b : a), ['', 0]);
  const told = figures.filter((f) => f.samples !== null);
  return {
    sequentialSeconds: round(figures.reduce((sum, f) => sum + f.seconds, 0)),
    slowestPanel,
    slowestPanelSeconds: round(slowestPanelSeconds),
    samples: told.length === 0 ? null : told.reduce((sum, f) => sum + (f.samples ?? 0), 0),
    queries: figures.length,
    errors: figures.flatMap((f) => (f.error === undefined ? [] : [`${f.panel}: ${f.error}`])),
  };
}
