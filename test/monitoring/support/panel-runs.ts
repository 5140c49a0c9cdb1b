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

export async function runPanel(
  api: PrometheusApi,
  dashboard: DashboardJson,
  panel: PanelJson,
  selection: VariableSelection,
  range: TimeRange,
): Promise<TargetResult[]> {
  return Promise.all(
    planPanelRequests(dashboard, panel, selection, range).map(async (request) =>
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
