/**
 * Runs a panel's targets against the store exactly as planned by grafana-requests.ts, and lists
 * the selections (All, one region, one office) a dashboard is checked with.
 */
import type { TimeRange } from '@grafana/data';
import { config } from '../../../monitoring/config';
import type { PrometheusApi, Sample } from '../../support/prometheus-api';
import type { DashboardFile, DashboardJson, PanelJson } from './dashboard-model';
import { planPanelRequests, type PlannedRequest, type VariableSelection } from './grafana-requests';

export interface Selection {
  readonly name: string;
  readonly values: VariableSelection;
  /** Whether every target must return data (the "All" selection must). */
  readonly mustHaveData: boolean;
}

export interface TargetResult {
  readonly request: PlannedRequest;
  readonly resultType: 'vector' | 'matrix';
  readonly result: readonly Sample[];
}

/** VictoriaMetrics 1.79's promql.AdjustStartEnd: below this many points a range is not rounded. */
const VICTORIA_MIN_POINTS_FOR_ROUNDING = 50;

/**
 * The range VictoriaMetrics evaluates a range query over. With its response cache on (as in
 * the stack) it rounds `start` down and `end` up to multiples of the step counted from the Unix
 * epoch, keeping the number of points, where Grafana aligned them in the dashboard's time zone:
 * in Europe/Rome a 2-hour trend shows its points at 01:00, 03:00... instead of 00:00, 02:00.
 */
export function victoriaMetricsRange(request: PlannedRequest): PlannedRequest {
  if (request.kind !== 'range') return request;
  const step = request.stepSeconds * 1000;
  let [start, end] = [Math.round(request.start * 1000), Math.round(request.end * 1000)];
  const points = Math.floor((end - start) / step) + 1;
  if (points < VICTORIA_MIN_POINTS_FOR_ROUNDING) return request;
  start -= start % step;
  if (end % step > 0) end += step - (end % step);
  for (let newPoints = Math.floor((end - start) / step) + 1; newPoints > points; newPoints -= 1) end -= step;
  return { ...request, start: start / 1000, end: end / 1000 };
}

export async function runPanel(
  api: PrometheusApi,
  dashboard: DashboardJson,
  panel: PanelJson,
  selection: VariableSelection,
  range: TimeRange,
  adjust: (request: PlannedRequest) => PlannedRequest = (request) => request,
): Promise<TargetResult[]> {
  return Promise.all(
    planPanelRequests(dashboard, panel, selection, range).map(adjust).map(async (request) =>
      request.kind === 'instant'
        ? { request, resultType: 'vector' as const, result: await api.instant(request.expr, request.end) }
        : { request, resultType: 'matrix' as const, result: await api.range(request.expr, request.start, request.end, request.stepSeconds) },
    ),
  );
}

export function hasNumbers(results: readonly TargetResult[]): boolean {
  return results.some((r) => r.result.some((s) => (s.values ?? (s.value === undefined ? [] : [s.value])).some(([, v]) => v !== 'NaN')));
}

/** The dashboard's non-datasource variables, all on "All". */
export function allSelection(dashboard: DashboardJson): Map<string, readonly string[] | null> {
  return new Map(dashboard.templating.list.filter((v) => v.type !== 'datasource').map((v) => [v.name, null]));
}

/** The office with the most pending applications, for a drill-down selection. */
export async function busiestOffice(api: PrometheusApi, now: number): Promise<{ region: string; office: string }> {
  const [top] = await api.instant(
    `topk(1, sum by (region, office) (last_over_time(dasmo_applications_pending{job="${config.job}", region!="unknown"}[1d])))`,
    now,
  );
  return { region: top?.metric.region ?? '', office: top?.metric.office ?? '' };
}

export async function selectionsFor(api: PrometheusApi, dashboard: DashboardFile, now: number): Promise<Selection[]> {
  const all: Selection = { name: 'All', values: allSelection(dashboard.model), mustHaveData: true };
  if (!all.values.has('office')) return [all];
  const { region, office } = await busiestOffice(api, now);
  const regionOnly = new Map(all.values);
  regionOnly.set('region', [region]);
  const officeToo = new Map(regionOnly);
  officeToo.set('office', [office]);
  return [all, { name: `region ${region}`, values: regionOnly, mustHaveData: true }, { name: `office ${office}`, values: officeToo, mustHaveData: false }];
}
