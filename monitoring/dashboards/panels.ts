/**
 * Panel builders over the foundation SDK. Each one demands a title, a description and a unit,
 * and points the panel and its targets at the dashboard's datasource variable.
 */
import * as bargauge from '@grafana/grafana-foundation-sdk/bargauge';
import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import * as common from '@grafana/grafana-foundation-sdk/common';
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import * as prometheus from '@grafana/grafana-foundation-sdk/prometheus';
import * as stat from '@grafana/grafana-foundation-sdk/stat';
import * as table from '@grafana/grafana-foundation-sdk/table';
import * as timeseries from '@grafana/grafana-foundation-sdk/timeseries';
import { config } from '../config';
import { onItsDay } from '../promql';
import { withoutPlacement } from './sdk-defaults';

export const DATASOURCE_REF: Readonly<common.DataSourceRef> = Object.freeze({
  type: 'prometheus',
  uid: `\${${config.datasource.variable}}`,
});

/** Units used on the dashboards (Grafana unit ids). */
export const UNITS = {
  /** Shown as it is: codes such as region `03` and office `4900` stay text, never numbers. */
  text: 'string',
  count: 'locale',
  days: 'suffix: giorni',
  hours: 'suffix: ore',
  euros: 'currencyEUR',
  share: 'percentunit',
  seconds: 's',
  bytes: 'bytes',
  date: 'time:DD/MM/YYYY',
  none: 'none',
} as const;

export type Unit = (typeof UNITS)[keyof typeof UNITS];

export interface Target {
  readonly expr: string;
  /** Legend (time series) or column/display name; `{{label}}` placeholders allowed. */
  readonly legend?: string;
  /** Tables and one-value panels query the last instant only. */
  readonly instant?: boolean;
  readonly format?: 'table' | 'time_series';
}

export interface PanelSpec {
  readonly title: string;
  readonly description: string;
  readonly unit: Unit;
  readonly targets: readonly Target[];
  readonly width: number;
  readonly height: number;
  readonly thresholds?: readonly dashboard.Threshold[];
  readonly decimals?: number;
  readonly mappings?: readonly dashboard.ValueMapping[];
  readonly links?: readonly DataLink[];
  /** What the panel says instead of Grafana's "No data" when its queries return nothing. */
  readonly noValue?: string;
}

export interface DataLink {
  readonly title: string;
  readonly url: string;
}

/** Threshold steps: a base colour, then [from value, colour] pairs. */
export function steps(base: string, ...rest: ReadonlyArray<readonly [number, string]>): dashboard.Threshold[] {
  return [{ value: null, color: base }, ...rest.map(([value, color]) => ({ value, color }))];
}

/** A neutral colour for figures that are not good or bad in themselves. */
export const NEUTRAL = steps('blue');

/** Days of age: orange from the warning age, red from the chronic age. */
export function ageSteps(warningDays: number, criticalDays: number): dashboard.Threshold[] {
  return steps('green', [warningDays, 'orange'], [criticalDays, 'red']);
}

/** Counts that should be zero (chronic items, data-quality rows): red from 1. */
export const ZERO_IS_GOOD = steps('green', [1, 'red']);

/** Ref id of a panel's target by position: A, B, C... (tables name their columns `Value #A`). */
export function refId(index: number): string {
  return String.fromCharCode(65 + index);
}

function target(spec: Target, index: number): prometheus.DataqueryBuilder {
  const builder = new prometheus.DataqueryBuilder()
    .refId(refId(index))
    .datasource({ ...DATASOURCE_REF })
    .editorMode(prometheus.QueryEditorMode.Code)
    .expr(spec.expr)
    .legendFormat(spec.legend ?? '__auto');
  if (spec.instant === true) builder.instant();
  else builder.range();
  if (spec.format !== undefined) {
    builder.format(spec.format === 'table' ? prometheus.PromQueryFormat.Table : prometheus.PromQueryFormat.TimeSeries);
  }
  return builder;
}

function links(spec: PanelSpec): cog.Builder<dashboard.DashboardLink>[] {
  return (spec.links ?? []).map((link) =>
    withoutPlacement(new dashboard.DashboardLinkBuilder(link.title).type(dashboard.DashboardLinkType.Link).url(link.url)),
  );
}

/** Value mapping of "no value" (and NaN) to a text, e.g. "nessuna definizione". */
export function noValueText(text: string): dashboard.ValueMapping[] {
  return [
    {
      type: dashboard.MappingType.SpecialValue,
      options: { match: dashboard.SpecialValueMatch.NullAndNan, result: { text, color: 'text', index: 0 } },
    },
  ];
}

/** The settings every panel kind shares; `B` is one of the SDK's panel builders. */
interface CommonPanelBuilder<B> {
  title(title: string): B;
  description(description: string): B;
  datasource(datasource: common.DataSourceRef): B;
  targets(targets: prometheus.DataqueryBuilder[]): B;
  unit(unit: string): B;
  span(width: number): B;
  height(height: number): B;
  thresholds(thresholds: dashboard.ThresholdsConfigBuilder): B;
  decimals(decimals: number): B;
  mappings(mappings: dashboard.ValueMapping[]): B;
  dataLinks(links: cog.Builder<dashboard.DashboardLink>[]): B;
  noValue(noValue: string): B;
}

function applyCommon<B extends CommonPanelBuilder<B>>(builder: B, spec: PanelSpec): B {
  if (spec.title.trim() === '' || spec.description.trim() === '') {
    throw new Error(`panel "${spec.title}" needs a title and a description`);
  }
  builder
    .title(spec.title)
    .description(spec.description)
    .datasource({ ...DATASOURCE_REF })
    .targets(spec.targets.map(target))
    .unit(spec.unit)
    .span(spec.width)
    .height(spec.height)
    .thresholds(
      new dashboard.ThresholdsConfigBuilder()
        .mode(dashboard.ThresholdsMode.Absolute)
        .steps([...(spec.thresholds ?? NEUTRAL)]),
    );
  if (spec.decimals !== undefined) builder.decimals(spec.decimals);
  if (spec.mappings !== undefined) builder.mappings([...spec.mappings]);
  if (spec.links !== undefined) builder.dataLinks(links(spec));
  if (spec.noValue !== undefined) builder.noValue(spec.noValue);
  return builder;
}

function lastValue(): common.ReduceDataOptionsBuilder {
  return new common.ReduceDataOptionsBuilder().calcs(['lastNotNull']).values(false);
}

/** One big figure (instant query). */
export function statPanel(spec: PanelSpec): stat.PanelBuilder {
  return applyCommon(new stat.PanelBuilder(), spec)
    .graphMode(common.BigValueGraphMode.None)
    .colorMode(common.BigValueColorMode.Value)
    .textMode(common.BigValueTextMode.Auto)
    .reduceOptions(lastValue());
}

interface TrendOptions {
  readonly bars?: boolean;
  /**
   * The series is the exporter's own, scraped live (self-metrics): it changes at every scrape,
   * so the panel takes the datasource's scrape interval as its minimum step instead of
   * `trendMinInterval`, which suits daily figures only, and its values are not guarded by
   * `onItsDay`.
   */
  readonly scrapedLive?: boolean;
}

/**
 * A trend over the dashboard's time range. A daily trend's targets must use the `trend`
 * reading (one point a day, each on its day): every value is kept only on its own day.
 */
export function timeseriesPanel(spec: PanelSpec, options: TrendOptions = {}): timeseries.PanelBuilder {
  const live = options.scrapedLive === true;
  const targets = live ? spec.targets : spec.targets.map((t) => ({ ...t, expr: onItsDay(t.expr) }));
  const builder = applyCommon(new timeseries.PanelBuilder(), { ...spec, targets });
  if (!live) builder.interval(config.trendMinInterval);
  return builder
    .drawStyle(options.bars === true ? common.GraphDrawStyle.Bars : common.GraphDrawStyle.Line)
    .lineInterpolation(common.LineInterpolation.StepAfter)
    .fillOpacity(options.bars === true ? 80 : 10)
    .showPoints(common.VisibilityMode.Never)
    .legend(
      new common.VizLegendOptionsBuilder()
        .showLegend(true)
        .displayMode(common.LegendDisplayMode.List)
        .placement(common.LegendPlacement.Bottom),
    );
}

/** Horizontal bars, one per series or target (instant query). */
export function barGaugePanel(spec: PanelSpec): bargauge.PanelBuilder {
  return applyCommon(new bargauge.PanelBuilder(), spec)
    .orientation(common.VizOrientation.Horizontal)
    .displayMode(common.BarGaugeDisplayMode.Basic)
    .showUnfilled(true)
    .reduceOptions(lastValue());
}

export interface TableColumn {
  /** Field name as Prometheus returns it (a label, or `Value #A` for target A). */
  readonly field: string;
  /** Italian column header. */
  readonly header: string;
  /** Only on value columns: code and name columns keep the table's text unit. */
  readonly unit?: Unit;
  readonly thresholds?: readonly dashboard.Threshold[];
  readonly link?: DataLink;
  readonly decimals?: number;
  readonly mappings?: readonly dashboard.ValueMapping[];
  /**
   * Kept in the data but not shown: data links read it (`${__data.fields.<field>}` finds only
   * fields the transformations keep, hidden or not).
   */
  readonly hidden?: boolean;
}

/** Only the first `rows` rows in the order of the table's sort column, ties cut by `tieBreak`. */
export interface TableRowLimit {
  readonly rows: number;
  /** Header of a column whose text is unique per row (a code), ascending among equal values. */
  readonly tieBreak: string;
}

/** The table's own unit is always text (`UNITS.text`): only value columns carry one. */
interface TableSpec extends Omit<PanelSpec, 'unit'> {
  readonly columns: readonly TableColumn[];
  /** Header of the column to sort by, descending. */
  readonly sortBy: string;
  readonly rowLimit?: TableRowLimit;
}

/**
 * Transformations that keep the first `limit.rows` rows after the merge, the same ones whatever
 * order the store answered in. The sortBy transformation sorts by its first field only, with a
 * stable sort (Array.prototype.sort): sorting by the unique `tieBreak` first and then by the
 * sort column leaves tied rows in `tieBreak` order. A `topk` in each query would not do: each
 * query picks its own members of a tie (VictoriaMetrics picked differently per query and per
 * run), and the merge then showed rows without names and more than N rows.
 */
function firstRows(sortBy: string, limit: TableRowLimit): dashboard.DataTransformerConfig[] {
  return [
    { id: 'sortBy', options: { fields: {}, sort: [{ field: limit.tieBreak }] } },
    { id: 'sortBy', options: { fields: {}, sort: [{ field: sortBy, desc: true }] } },
    { id: 'limit', options: { limitField: limit.rows } },
  ];
}

/**
 * A table merging instant table-format targets on their shared labels; only `columns` are
 * kept, in order, renamed in Italian. Every field is text unless its column sets a unit: a
 * number unit on a label column would show region `03` as `3` and office `4900` as `4,900`.
 */
export function tablePanel(spec: TableSpec): table.PanelBuilder {
  const builder = applyCommon(new table.PanelBuilder(), { ...spec, unit: UNITS.text })
    .withTransformation({ id: 'merge', options: {} })
    .withTransformation({
      id: 'organize',
      options: {
        excludeByName: { Time: true },
        includeByName: Object.fromEntries(spec.columns.map((column) => [column.field, true])),
        indexByName: Object.fromEntries(spec.columns.map((column, index) => [column.field, index])),
        renameByName: Object.fromEntries(spec.columns.map((column) => [column.field, column.header])),
      },
    });
  for (const transformation of spec.rowLimit === undefined ? [] : firstRows(spec.sortBy, spec.rowLimit)) {
    builder.withTransformation(transformation);
  }
  builder
    .sortBy([new common.TableSortByFieldStateBuilder().displayName(spec.sortBy).desc(true)])
    .cellOptions({ type: common.TableCellDisplayMode.ColorText });
  for (const column of spec.columns) {
    const properties: dashboard.DynamicConfigValue[] = [];
    if (column.unit !== undefined) properties.push({ id: 'unit', value: column.unit });
    if (column.decimals !== undefined) properties.push({ id: 'decimals', value: column.decimals });
    if (column.thresholds !== undefined) {
      properties.push({ id: 'thresholds', value: { mode: 'absolute', steps: column.thresholds } });
    }
    if (column.mappings !== undefined) properties.push({ id: 'mappings', value: column.mappings });
    if (column.link !== undefined) {
      properties.push({ id: 'links', value: [{ title: column.link.title, url: column.link.url }] });
    }
    if (column.hidden === true) properties.push({ id: 'custom.hideFrom.viz', value: true });
    if (properties.length > 0) builder.overrideByName(column.header, properties);
  }
  return builder;
}

/** Value mapping of 0/1 health gauges to Italian words. */
export function upDownMappings(): dashboard.ValueMapping[] {
  return [
    {
      type: dashboard.MappingType.ValueToText,
      options: {
        '0': { text: 'Non raggiungibile', color: 'red', index: 0 },
        '1': { text: 'Raggiungibile', color: 'green', index: 1 },
      },
    },
  ];
}
