/**
 * The panel JSON of a committed dashboard, read as the @grafana/data types the pipeline
 * takes. The dashboard JSON is plain data whose shape Grafana's own types describe; the
 * casts here (checked only at the top level) are the one place this library trusts it.
 */
import type { DataTransformerConfig, FieldConfigSource, ReduceDataOptions } from '@grafana/data';
import type { PrometheusTarget } from './prometheus-frames';

/** What the pipeline reads of a panel; the dashboard model's PanelJson fits it. */
export interface RenderablePanel {
  readonly type: string;
  readonly title?: string;
  readonly targets?: readonly PrometheusTarget[];
  readonly transformations?: readonly object[];
  readonly fieldConfig?: object;
  readonly options?: object;
}

function copyOf(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function fieldConfigSource(panel: RenderablePanel): FieldConfigSource {
  const copy = copyOf(panel.fieldConfig) ?? {};
  if (!isObject(copy)) throw new Error(`panel ${panel.title ?? ''}: fieldConfig is not an object`);
  const { defaults, overrides } = copy as Partial<FieldConfigSource>;
  return { defaults: defaults ?? {}, overrides: overrides ?? [] };
}

export function panelTransformations(panel: RenderablePanel): DataTransformerConfig[] {
  const copy = copyOf(panel.transformations) ?? [];
  if (!Array.isArray(copy) || !copy.every((t) => isObject(t) && 'id' in t)) {
    throw new Error(`panel ${panel.title ?? ''}: transformations are not a list of {id, options}`);
  }
  return copy as DataTransformerConfig[];
}

/** `options.reduceOptions` of stat, gauge and bar gauge panels. */
export function reduceOptions(panel: RenderablePanel): ReduceDataOptions {
  const options: unknown = copyOf(panel.options);
  const reduce: unknown = isObject(options) ? Reflect.get(options, 'reduceOptions') : undefined;
  if (!isObject(reduce) || !Array.isArray(Reflect.get(reduce, 'calcs'))) {
    throw new Error(`panel ${panel.title ?? ''} (${panel.type}) has no options.reduceOptions.calcs`);
  }
  return reduce as ReduceDataOptions;
}
