/**
 * The Prometheus requests Grafana 12.4 sends for a panel: which targets run as instant or range
 * queries, over which range and with which step, and the expression after variables and
 * interval macros are replaced. Reproduces pkg/promlib (models/query.go: Parse,
 * calculatePrometheusInterval, AlignTimeRange; client/client.go: an instant query at the range's
 * unaligned end) over the frontend's interval (@grafana/data `rangeUtil.calculateInterval`, the
 * panel's min interval or the datasource's `timeInterval` as the lower limit).
 */
import './grafana/setup';
import { dateMath, dateTimeForTimeZone, rangeUtil, type TimeRange } from '@grafana/data';
import type { DashboardJson, PanelJson, TargetJson } from './dashboard-model';
import { substituteMacros, substituteVariables } from './grafana-macros';

/** The datasource's scrape interval (`jsonData.timeInterval` in the provisioned datasource). */
export const DATASOURCE_TIME_INTERVAL = '1m';
/** Width in pixels of a 24-column dashboard row on a 1920-pixel screen, for maxDataPoints. */
const GRID_WIDTH_PX = 1880;
/** pkg/promlib: the step never makes more than this many points. */
const SAFE_RESOLUTION = 11_000;

/** Variable name -> chosen values; null is the "All" option. */
export type VariableSelection = ReadonlyMap<string, readonly string[] | null>;

export interface DashboardTimeRange {
  /** As in the dashboard or a URL: `now-90d`, `now`, or epoch milliseconds. */
  readonly from: string;
  readonly to: string;
}

export interface PlannedRequest {
  readonly refId: string;
  readonly target: TargetJson;
  readonly expr: string;
  readonly kind: 'instant' | 'range';
  /** Unix seconds: the evaluation time (instant) or the aligned range (range). */
  readonly start: number;
  readonly end: number;
  readonly stepSeconds: number;
}

export function absoluteRange(range: DashboardTimeRange, timeZone: string, nowMs: number): TimeRange {
  // dateMath.parse reads the wall clock for `now`; the harness pins its own `now`.
  const now = dateTimeForTimeZone(timeZone, nowMs);
  const parse = (text: string, roundUp: boolean) => {
    const parsed = /^\d+$/.test(text)
      ? dateTimeForTimeZone(timeZone, Number(text))
      : text.startsWith('now')
        ? dateMath.parseDateMath(text.slice('now'.length), now, roundUp)
        : dateMath.parse(text, roundUp, timeZone);
    if (parsed === undefined || !parsed.isValid()) throw new Error(`not a Grafana time: ${text}`);
    return parsed;
  };
  const from = parse(range.from, false);
  const to = parse(range.to, true);
  return { from, to, raw: { from: range.from, to: range.to } };
}

function panelMaxDataPoints(panel: PanelJson): number {
  if (panel.maxDataPoints !== undefined) return panel.maxDataPoints;
  const columns = panel.gridPos?.w ?? 24;
  return Math.round((columns / 24) * GRID_WIDTH_PX);
}

/** Grafana's AlignTimeRange: down to a multiple of the step, in the browser's UTC offset. */
function alignDown(seconds: number, stepSeconds: number, utcOffsetSeconds: number): number {
  return Math.floor((seconds + utcOffsetSeconds) / stepSeconds) * stepSeconds - utcOffsetSeconds;
}

/** A target runs as an instant query when `instant` is set; otherwise (or also) as a range query. */
function targetKind(target: TargetJson): 'instant' | 'range' {
  if (target.instant === true && target.range !== true) return 'instant';
  return 'range';
}

export function planPanelRequests(
  dashboard: DashboardJson,
  panel: PanelJson,
  selection: VariableSelection,
  range: TimeRange,
): PlannedRequest[] {
  const fromMs = range.from.valueOf();
  const toMs = range.to.valueOf();
  const lowLimit = panel.interval ?? DATASOURCE_TIME_INTERVAL;
  const { intervalMs } = rangeUtil.calculateInterval(range, panelMaxDataPoints(panel), lowLimit);
  const safeMs = (toMs - fromMs) / SAFE_RESOLUTION;
  const stepSeconds = Math.max(intervalMs, safeMs) / 1000;
  const allValues = new Map(dashboard.templating.list.map((v) => [v.name, v.allValue ?? '.*']));
  const utcOffsetSeconds = range.to.utcOffset() * 60;
  return (panel.targets ?? []).map((target) => {
    const withVariables = substituteVariables(target.expr ?? '', selection, allValues);
    const expr = substituteMacros(withVariables, {
      stepSeconds,
      scrapeSeconds: rangeUtil.intervalToSeconds(DATASOURCE_TIME_INTERVAL),
      rangeSeconds: Math.round((toMs - fromMs) / 1000),
    });
    const kind = targetKind(target);
    const toSeconds = toMs / 1000;
    return kind === 'instant'
      ? { refId: target.refId ?? 'A', target, expr, kind, start: toSeconds, end: toSeconds, stepSeconds }
      : {
          refId: target.refId ?? 'A',
          target,
          expr,
          kind,
          start: alignDown(fromMs / 1000, stepSeconds, utcOffsetSeconds),
          end: alignDown(toSeconds, stepSeconds, utcOffsetSeconds),
          stepSeconds,
        };
  });
}

/** The dashboard's default time range, as a manager opening it sees it. */
export function dashboardTimeRange(dashboard: DashboardJson): DashboardTimeRange {
  return { from: dashboard.time?.from ?? 'now-6h', to: dashboard.time?.to ?? 'now' };
}
