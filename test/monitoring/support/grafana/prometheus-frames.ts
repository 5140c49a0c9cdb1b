/**
 * The data frames a Grafana 12.4 panel receives for its Prometheus targets, from the
 * Prometheus HTTP API's `data` ({resultType, result}) of each target.
 *
 * Two stages, each reproducing documented behaviour, not code:
 * 1. Grafana's backend (pkg/promlib: converter/prom.go readMatrixOrVectorMulti,
 *    querydata/response.go parseResponse + addMetadataToMultiFrame + getName, with the
 *    dataplane naming Grafana 12 enables): one frame per series, fields
 *    [Time (config.interval = step ms), value named after `__name__` or "Value" with the
 *    series labels and config.displayNameFromDS from the legend format]; an empty result is
 *    one frame without fields. Frames travel as DataFrameJSON (NaN and ±Inf as `entities`)
 *    and are decoded by @grafana/data's dataFrameFromJSON, in the panel's target order
 *    (@grafana/runtime toDataQueryResponse).
 * 2. The Prometheus datasource in the browser (packages/grafana-prometheus/src/
 *    result_transformer.ts transformV2 + transformDFToTable): `__auto` legends take the
 *    display name of the series labels; targets with format "table" become one frame per
 *    refId [Time, one string field per label (sorted union, `filterable`), value field
 *    "Value #<refId>" when the response has more than one table refId, else "Value"].
 *    Known quirk reproduced: a table's -Inf sample shows as +Inf (the value is re-parsed as
 *    text and its first character is not "-").
 */
import './dom';
import {
  DataFrameType,
  FieldType,
  TIME_SERIES_TIME_FIELD_NAME,
  TIME_SERIES_VALUE_FIELD_NAME,
  dataFrameFromJSON,
  getFieldDisplayName,
  sortDataFrame,
  type DataFrame,
  type DataFrameJSON,
  type Field,
  type FieldValueEntityLookup,
  type Labels,
} from '@grafana/data';

/** The part of a panel target (dashboard JSON) that shapes its frames. */
export interface PrometheusTarget {
  readonly refId?: string;
  readonly expr?: string;
  readonly format?: string;
  readonly legendFormat?: string;
}

/** What Prometheus answered for one target. */
export interface PrometheusTargetResult {
  readonly refId: string;
  /** The `data` member of the Prometheus HTTP API response. */
  readonly data: { readonly resultType: string; readonly result: unknown };
  /** The query step in ms (Grafana's interval); it becomes the Time field's config.interval. */
  readonly stepMs?: number;
  /** The expression as sent (variables replaced); the legend when a series has no labels. */
  readonly expr?: string;
}

interface Series {
  readonly labels: Labels;
  readonly samples: readonly (readonly [number, string])[];
}

// ---- reading the Prometheus result --------------------------------------------------------------

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sample(value: unknown, where: string): readonly [number, string] {
  if (!Array.isArray(value) || typeof value[0] !== 'number' || typeof value[1] !== 'string') {
    throw new Error(`${where}: a sample is [unix seconds, "value"], got ${JSON.stringify(value)}`);
  }
  return [value[0], value[1]];
}

function labelsOf(metric: unknown, where: string): Labels {
  if (!isRecord(metric)) throw new Error(`${where}: "metric" is not an object`);
  const labels: Labels = {};
  // Go marshals its label map with sorted keys, so the browser sees them sorted.
  for (const name of Object.keys(metric).sort()) {
    const value = metric[name];
    if (typeof value !== 'string') throw new Error(`${where}: label ${name} is not a string`);
    labels[name] = value;
  }
  return labels;
}

function readSeries(result: PrometheusTargetResult): Series[] {
  const where = `refId ${result.refId}`;
  const { resultType, result: body } = result.data;
  if (resultType === 'scalar') return [{ labels: {}, samples: [sample(body, where)] }];
  if (resultType !== 'matrix' && resultType !== 'vector') {
    throw new Error(`${where}: resultType ${resultType} is not reproduced`);
  }
  if (!Array.isArray(body)) throw new Error(`${where}: result is not a list`);
  return body.map((entry: unknown) => {
    if (!isRecord(entry)) throw new Error(`${where}: a series is not an object`);
    const samples =
      resultType === 'vector'
        ? [sample(entry.value, where)]
        : Array.isArray(entry.values)
          ? entry.values.map((pair: unknown) => sample(pair, where))
          : [];
    return { labels: labelsOf(entry.metric, where), samples };
  });
}

/** Go strconv.ParseFloat for Prometheus sample values ("1.5", "NaN", "+Inf", "-Inf"). */
function parseSampleValue(text: string): number {
  if (/^[+-]?inf(inity)?$/i.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
  if (/^nan$/i.test(text)) return Number.NaN;
  const value = Number(text);
  if (text.trim() === '' || Number.isNaN(value)) throw new Error(`not a Prometheus sample value: ${text}`);
  return value;
}

// ---- stage 1: the backend's frames --------------------------------------------------------------

/** Go's %q for a label value: backslash escapes for \ " and control characters. */
function goQuote(text: string): string {
  const escaped = text.replace(/[\\"\u0000-\u001f\u007f]/g, (c) => {
    const named: Record<string, string> = { '\\': '\\\\', '"': '\\"', '\n': '\\n', '\t': '\\t', '\r': '\\r' };
    return named[c] ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
  });
  return `"${escaped}"`;
}

/** The series in Prometheus' own notation: name{a="x", b="y"} (response.go metricNameFromLabels). */
function metricNotation(labels: Labels): string {
  const hasName = Object.prototype.hasOwnProperty.call(labels, '__name__');
  const pairs = Object.entries(labels)
    .filter(([name]) => name !== '__name__')
    .map(([name, value]) => `${name}=${goQuote(value)}`)
    .sort();
  if (pairs.length === 0) return hasName ? (labels.__name__ ?? '') : '{}';
  return `${labels.__name__ ?? ''}{${pairs.join(', ')}}`;
}

/** response.go getName: the legend the backend puts in displayNameFromDS ('' = none). */
function legendOf(labels: Labels, legendFormat: string, expr: string): string {
  let legend = metricNotation(labels);
  if (legendFormat === '__auto') {
    if (Object.keys(labels).length > 0) legend = '';
  } else if (legendFormat !== '') {
    legend = legendFormat.replace(/\{\{\s*(.+?)\s*\}\}/g, (_whole, name: string) => labels[name.trim()] ?? '');
  }
  return legend === '{}' ? expr : legend;
}

function wireValues(values: readonly number[]): { values: (number | null)[]; entities: FieldValueEntityLookup | null } {
  const entities: FieldValueEntityLookup = {};
  const wire = values.map((value, index) => {
    if (Number.isNaN(value)) (entities.NaN ??= []).push(index);
    else if (value === Infinity) (entities.Inf ??= []).push(index);
    else if (value === -Infinity) (entities.NegInf ??= []).push(index);
    else return value;
    return null;
  });
  return { values: wire, entities: Object.keys(entities).length > 0 ? entities : null };
}

function backendFrames(target: PrometheusTarget, result: PrometheusTargetResult): DataFrameJSON[] {
  const { resultType } = result.data;
  const expr = result.expr ?? target.expr ?? '';
  const frames = readSeries(result).map((series): DataFrameJSON => {
    const legend = legendOf(series.labels, target.legendFormat ?? '', expr);
    const value = wireValues(series.samples.map(([, text]) => parseSampleValue(text)));
    return {
      schema: {
        refId: result.refId,
        meta: {
          type: resultType === 'matrix' ? DataFrameType.TimeSeriesMulti : DataFrameType.NumericMulti,
          typeVersion: [0, 1],
          custom: { resultType },
        },
        fields: [
          {
            name: TIME_SERIES_TIME_FIELD_NAME,
            type: FieldType.time,
            config: result.stepMs === undefined ? {} : { interval: result.stepMs },
          },
          {
            name: series.labels.__name__ ?? TIME_SERIES_VALUE_FIELD_NAME,
            type: FieldType.number,
            labels: series.labels,
            config: legend === '' ? {} : { displayNameFromDS: legend },
          },
        ],
      },
      data: {
        // converter/prom.go timeFromFloat: milliseconds, truncated toward zero
        values: [series.samples.map(([seconds]) => Math.trunc(seconds * 1000)), value.values],
        entities: [null, value.entities],
      },
    };
  });
  return frames.length > 0 ? frames : [{ schema: { refId: result.refId, meta: {}, fields: [] }, data: { values: [] } }];
}

// ---- stage 2: the datasource's transformV2 ------------------------------------------------------

/** Dataplane value fields keep `__name__` as their name; `__auto` shows them as their labels. */
function applyAutoLegends(frames: DataFrame[], targetOf: (frame: DataFrame) => PrometheusTarget | undefined): void {
  for (const frame of frames) {
    if (targetOf(frame)?.legendFormat !== '__auto') continue;
    for (const field of frame.fields) {
      if (field.labels?.__name__ !== undefined && field.labels.__name__ === field.name) {
        const asValue: Field = { ...field, name: TIME_SERIES_VALUE_FIELD_NAME };
        field.config.displayNameFromDS = getFieldDisplayName(asValue, frame, frames);
      }
    }
  }
}

/** One table frame for the frames of one refId. */
function tableFrame(refId: string, frames: readonly DataFrame[], valueName: string): DataFrame {
  const labelNames: string[] = [];
  for (const frame of frames) {
    for (const name of Object.keys(frame.fields[1]?.labels ?? {}).sort()) {
      if (!labelNames.includes(name)) labelNames.push(name);
    }
  }
  const times: unknown[] = [];
  const values: number[] = [];
  const labelColumns = labelNames.map((): string[] => []);
  let interval: number | undefined;
  let needsSort = false;
  for (const frame of frames) {
    const [timeField, valueField] = frame.fields;
    interval ??= timeField?.config.interval ?? undefined;
    for (const time of timeField?.values ?? []) {
      const previous = times[times.length - 1];
      if (typeof previous === 'number' && typeof time === 'number' && time < previous) needsSort = true;
      times.push(time);
    }
    for (const value of valueField?.values ?? []) {
      // The datasource re-parses the decoded number as text: "-Infinity" passes its
      // infinity test, but value[0] of a number is undefined, so the sign is lost.
      values.push(typeof value !== 'number' ? Number.parseFloat(String(value)) : Math.abs(value) === Infinity ? Infinity : value);
      labelNames.forEach((name, index) => labelColumns[index]?.push(valueField?.labels?.[name] ?? ''));
    }
  }
  const table: DataFrame = {
    refId,
    meta: { ...frames[0]?.meta, preferredVisualisationType: 'rawPrometheus' },
    length: times.length,
    fields: [
      { name: TIME_SERIES_TIME_FIELD_NAME, type: FieldType.time, config: interval === undefined ? {} : { interval }, values: times },
      ...labelNames.map((name, index): Field => ({
        name,
        type: FieldType.string,
        config: { filterable: true },
        values: labelColumns[index] ?? [],
      })),
      { name: valueName, type: FieldType.number, config: {}, values },
    ],
  };
  return needsSort ? sortDataFrame(table, 0) : table;
}

function tableFrames(frames: readonly DataFrame[]): DataFrame[] {
  if (frames.length === 0 || (frames.length === 1 && frames[0]?.length === 0)) return [...frames];
  const byRefId = new Map<string, DataFrame[]>();
  for (const frame of frames) {
    const refId = frame.refId ?? '';
    byRefId.set(refId, [...(byRefId.get(refId) ?? []), frame]);
  }
  const valueName = (refId: string): string => (byRefId.size > 1 ? `Value #${refId}` : TIME_SERIES_VALUE_FIELD_NAME);
  return [...byRefId].map(([refId, group]) => tableFrame(refId, group, valueName(refId)));
}

/**
 * The frames of a panel whose targets Prometheus answered: `results` for the panel's
 * `targets` (matched by refId, in the targets' order), all in one response as Grafana sends them.
 */
export function panelFramesFromPrometheus(
  targets: readonly PrometheusTarget[],
  results: readonly PrometheusTargetResult[],
): DataFrame[] {
  const targetByRefId = new Map(targets.map((target) => [target.refId ?? 'A', target]));
  for (const result of results) {
    if (!targetByRefId.has(result.refId)) throw new Error(`no target has refId ${result.refId}`);
  }
  const ordered = [...targetByRefId.keys()].flatMap((refId) => results.filter((r) => r.refId === refId));
  const frames = ordered.flatMap((result) =>
    backendFrames(targetByRefId.get(result.refId) ?? {}, result).map((json) => dataFrameFromJSON(json)),
  );
  const targetOf = (frame: DataFrame): PrometheusTarget | undefined => targetByRefId.get(frame.refId ?? '');
  applyAutoLegends(frames, targetOf);
  const isTable = (frame: DataFrame): boolean => targetOf(frame)?.format === 'table';
  const others = frames
    .filter((frame) => !isTable(frame))
    .map((frame): DataFrame => ({ ...frame, meta: { ...frame.meta, preferredVisualisationType: 'graph' } }));
  return [...others, ...tableFrames(frames.filter(isTable))];
}
