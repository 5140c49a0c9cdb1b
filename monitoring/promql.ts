/**
 * Small PromQL builders shared by dashboards and alerts. Every daily data series is read
 * through `last_over_time`, so the same query works on live scrapes (one sample a minute) and
 * on one-sample-per-day history; day differences compare two such readings one day apart,
 * never an extrapolating `rate`. Each builder takes a `Reading`: `instant` for figures, tables
 * and alerts (`last_over_time(x[sampleLookback])`, the latest snapshot), `trend` for daily
 * trend panels (the snapshot of the local day each point stands for, see `onItsDay`).
 */
import { bucketLe, config } from './config';
import type { MetricName } from './metrics';

/** Label matchers as written inside braces, e.g. `region=~"$region"`. */
export type Matchers = readonly string[];

export function selector(metric: MetricName, matchers: Matchers): string {
  return matchers.length === 0 ? metric : `${metric}{${matchers.join(', ')}}`;
}

/**
 * How a daily series is read. `instant`: the latest snapshot at the evaluation time. `trend`:
 * at a point Grafana places at the local midnight starting day D (from an hour before to two
 * hours after it, by alignment), the last sample of (t+24h, t+48h], which is the snapshot of
 * D, published by the refresh during D+1 (backfill stamps it at D+1 06:30 local; live scraping
 * stores it from that refresh until the next). Only right with a step of one day.
 */
export type Reading = 'instant' | 'trend';

/** The trend reading's window, shifted this many days ahead of the point. */
const TREND_WINDOW = '1d';
const TREND_LEAD_DAYS = 2;

/** ` offset Nd` for a shift of `days` days back (ahead when negative), nothing for none. */
function offsetDays(days: number): string {
  return days === 0 ? '' : ` offset ${days}d`;
}

/** A daily series as it stood `days` days before the day the reading stands for. */
function read(metric: MetricName, matchers: Matchers, reading: Reading, days: number): string {
  const series = selector(metric, matchers);
  return reading === 'instant'
    ? `last_over_time(${series}[${config.sampleLookback}]${offsetDays(days)})`
    : `last_over_time(${series}[${TREND_WINDOW}]${offsetDays(days - TREND_LEAD_DAYS)})`;
}

/** The latest sample of a daily series, live or backfilled (trend: the point's day's). */
export function current(metric: MetricName, matchers: Matchers, reading: Reading = 'instant'): string {
  return read(metric, matchers, reading, 0);
}

/** The value the series had `days` days before the evaluation time (trend: before the point's day). */
export function daysAgo(metric: MetricName, matchers: Matchers, days: number, reading: Reading = 'instant'): string {
  return read(metric, matchers, reading, days);
}

/** `sum by (labels) (expr)`, or `sum(expr)` without labels. */
export function sumBy(by: readonly string[], expr: string): string {
  return by.length === 0 ? `sum(${expr})` : `sum by (${by.join(', ')}) (${expr})`;
}

export function maxBy(by: readonly string[], expr: string): string {
  return by.length === 0 ? `max(${expr})` : `max by (${by.join(', ')}) (${expr})`;
}

/** Sum of the current values. */
export function total(metric: MetricName, matchers: Matchers, by: readonly string[] = [], reading: Reading = 'instant'): string {
  return sumBy(by, current(metric, matchers, reading));
}

/**
 * Growth of a cumulative daily counter over `days` days: sums first, then subtracts, so label
 * sets that appeared during the window still count.
 */
export function growth(metric: MetricName, matchers: Matchers, by: readonly string[], days: number, reading: Reading = 'instant'): string {
  return `${sumBy(by, current(metric, matchers, reading))} - ${sumBy(by, daysAgo(metric, matchers, days, reading))}`;
}

/**
 * Euros paid over `days` days, to the cent. The two sums add thousands of amounts in cents as
 * binary floats, and a store may add them in any order (VictoriaMetrics does so in parallel):
 * without rounding, a day with no payment showed -0.0000000149 EUR on VictoriaMetrics and 0 on
 * Prometheus. The error is far below half a cent, so the rounded figure is the exact one.
 */
export function euroGrowth(matchers: Matchers, days: number, reading: Reading = 'instant'): string {
  return `round(${growth('dasmo_sr41_paid_euros_total', matchers, [], days, reading)}, 0.01)`;
}

/** Like `growth`, but a label set absent `days` ago counts from 0 there (needs `base` history). */
function growthFromZero(metric: MetricName, matchers: Matchers, by: readonly string[], days: number, reading: Reading): string {
  const now = sumBy(by, current(metric, matchers, reading));
  const on = by.length === 0 ? '' : ` on (${by.join(', ')})`;
  return `${now} - (${sumBy(by, daysAgo(metric, matchers, days, reading))} or${on} ${now} * 0)`;
}

export type AgeHistogram = 'dasmo_applications_pending_age_seconds' | 'dasmo_sr41_pending_age_seconds';

function bucket(histogram: AgeHistogram, matchers: Matchers, le: string, reading: Reading): string {
  const metric = `${histogram}_bucket` as MetricName;
  return current(metric, [...matchers, `le="${le}"`], reading);
}

/** Items pending for more than `days` days (a bucket bound): +Inf bucket minus the bound. */
export function pendingOver(
  histogram: AgeHistogram,
  matchers: Matchers,
  by: readonly string[],
  days: number,
  reading: Reading = 'instant',
): string {
  const all = sumBy(by, bucket(histogram, matchers, '+Inf', reading));
  return `${all} - ${sumBy(by, bucket(histogram, matchers, bucketLe(days), reading))}`;
}

/** Items pending for more than `fromDays` and at most `toDays` days (either may be open). */
export function pendingBetween(
  histogram: AgeHistogram,
  matchers: Matchers,
  fromDays: number | null,
  toDays: number | null,
): string {
  const upper = sumBy([], bucket(histogram, matchers, toDays === null ? '+Inf' : bucketLe(toDays), 'instant'));
  return fromDays === null ? upper : `${upper} - ${sumBy([], bucket(histogram, matchers, bucketLe(fromDays), 'instant'))}`;
}

/** Oldest pending age in days. */
export function oldestDays(metric: MetricName, matchers: Matchers, by: readonly string[] = []): string {
  return `${maxBy(by, current(metric, matchers))} / 86400`;
}

/** A level of the office register and the name labels it carries. */
export type RegisterLevel = 'office' | 'region';

const REGISTER_NAMES: Readonly<Record<RegisterLevel, readonly string[]>> = {
  office: ['office_name', 'region_name'],
  region: ['region_name'],
};

/**
 * One series per office (or region) of `dasmo_office_info`, carrying its latest names, value 1.
 * `last_over_time(...[sampleLookback])` alone keeps a renamed office's old and new series for a
 * whole window, and any `group_left` join on it then fails with "duplicate series for the
 * match group". Each office is taken from the shortest of `registerWindows` + `sampleLookback`
 * that holds a sample of it (`or on (level)` adds a longer window's series only for offices
 * the shorter ones lack); topk keeps one series even in the minutes right after a rename.
 * The trend reading takes the same windows, the last one a day, all ending where the point's
 * window ends: the names of the point's day.
 */
export function latestRegister(level: RegisterLevel, matchers: Matchers = [], reading: Reading = 'instant'): string {
  const labels = [level, ...REGISTER_NAMES[level]];
  const register = selector('dasmo_office_info', [config.jobSelector, ...matchers]);
  const windows = [...config.registerWindows, reading === 'instant' ? config.sampleLookback : TREND_WINDOW];
  const ahead = reading === 'instant' ? '' : offsetDays(-TREND_LEAD_DAYS);
  const reads = windows.map((window) => maxBy(labels, `last_over_time(${register}[${window}]${ahead})`));
  return `topk by (${level}) (1, ${reads.join(` or on (${level}) `)})`;
}

/**
 * Adds the register's names to a result labelled by `level` (`office_name` and `region_name`
 * by office, `region_name` by region); rows missing from the register stay, without names.
 */
function withRegisterNames(level: RegisterLevel, expr: string, reading: Reading): string {
  const names = REGISTER_NAMES[level].join(', ');
  return `(${expr}) * on (${level}) group_left (${names}) ${latestRegister(level, [], reading)} or on (${level}) (${expr})`;
}

/** Adds `office_name` and `region_name` to a result labelled by office. */
export function withOfficeNames(expr: string): string {
  return withRegisterNames('office', expr, 'instant');
}

/** Adds `region_name` to a result labelled by region; the "unknown" region stays unnamed. */
export function withRegionNames(expr: string, reading: Reading = 'instant'): string {
  return withRegisterNames('region', expr, reading);
}

/**
 * The exporter's per-region copies of series without a `region` label. A user whose every query
 * vmauth confines to one region (`extra_label=region=NN`) sees none of the originals, only the
 * copies of their own region.
 */
const REGION_COPIES = {
  dasmo_snapshot_reference_date_seconds: 'dasmo_region_snapshot_reference_date_seconds',
  dasmo_source_up: 'dasmo_region_source_up',
  dasmo_refresh_last_success_timestamp_seconds: 'dasmo_region_refresh_last_success_timestamp_seconds',
} as const satisfies Partial<Record<MetricName, MetricName>>;

export type RegionCopied = keyof typeof REGION_COPIES;

/**
 * `read(metric)`, or the same read of its per-region copy where the original gives nothing.
 * `read` must aggregate `region` away (`max(...)`, `min by (source) (...)`): `or` then keeps
 * every result of the original, so whoever sees it (the national user, a single-tenant
 * Prometheus) gets exactly the original's figures, and only a user confined to one region gets
 * the copy's (the same values, by construction in the exporter).
 */
export function orRegionCopy(metric: RegionCopied, read: (metric: MetricName) => string): string {
  return `(${read(metric)} or ${read(REGION_COPIES[metric])})`;
}

export function minBy(by: readonly string[], expr: string): string {
  return by.length === 0 ? `min(${expr})` : `min by (${by.join(', ')}) (${expr})`;
}

/**
 * Days needed to clear the current backlog at the pace of decisions of the last `days` days
 * (decisions of any outcome, new applications not counted). No value when nothing was
 * decided: the panels say so in words instead of showing Infinity or NaN.
 */
export function clearanceDays(matchers: Matchers, by: readonly string[], days: number, reading: Reading = 'instant'): string {
  const pending = total('dasmo_applications_pending', matchers, by, reading);
  return `${pending} / ((${growth('dasmo_applications_decided_total', matchers, by, days, reading)}) / ${days} > 0)`;
}

/**
 * Share of SR41 flows rejected (scartati) among those closed in the last `days` days. An
 * office with no rejected flows `days` ago counted 0 there; the closed total needs history.
 * No value when nothing was closed: the panels say so in words instead of showing NaN.
 */
export function rejectedShare(matchers: Matchers, by: readonly string[], days: number, reading: Reading = 'instant'): string {
  const rejected = growthFromZero('dasmo_sr41_flows_closed_total', [...matchers, 'outcome="rejected"'], by, days, reading);
  const closed = growth('dasmo_sr41_flows_closed_total', matchers, by, days, reading);
  return `(${rejected}) / ((${closed}) > 0)`;
}

/**
 * Oldest pending age in days for a one-figure panel: 0 when the selection has nothing pending
 * (the oldest-age gauge exists only where something is pending; the pending count is there).
 */
export function oldestDaysOrZero(metric: MetricName, pendingMetric: MetricName, matchers: Matchers): string {
  return `${oldestDays(metric, matchers)} or on () ${total(pendingMetric, matchers)} * 0`;
}

/** Half a day in seconds: a point stands for the local day whose midnight is nearest to it. */
export const HALF_DAY_SECONDS = 43_200;

/**
 * A trend value kept only where the snapshot its window read is the one of the point's own
 * day. Live scraping keeps yesterday's snapshot in force until today's refresh: until then
 * yesterday's point would read the day before's. The reference date (local midnight of the
 * reference day) is read like the values, through its per-region copy for a user confined to
 * one region; `and on ()` against that one series keeps or drops every series of the point.
 */
export function onItsDay(expr: string): string {
  const referenceDate = orRegionCopy('dasmo_snapshot_reference_date_seconds', (metric) =>
    maxBy([], current(metric, [config.jobSelector], 'trend')),
  );
  return `(${expr}) and on () abs(${referenceDate} - time()) < ${HALF_DAY_SECONDS}`;
}
