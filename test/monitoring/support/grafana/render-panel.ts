/**
 * "What Grafana 12.4 shows" for one panel: Prometheus answers -> frames -> the panel's
 * transformations -> field config (VizPanel.applyFieldConfig in grafana/scenes
 * packages/scenes/src/components/VizPanel/VizPanel.tsx: @grafana/data applyFieldOverrides
 * with the dashboard's time zone and the scene interpolation) -> the texts and links the
 * visualisation renders: formattedValueToString(field.display(value)) and
 * field.getLinks({valueRowIndex}). Stat and bar gauge panels reduce each field with
 * @grafana/data getFieldDisplayValues, as their panel components do.
 */
import './setup';
import {
  applyFieldOverrides,
  formattedValueToString,
  getDisplayProcessor,
  getFieldDisplayName,
  getFieldDisplayValues,
  type DataFrame,
  type Field,
  type LinkModel,
} from '@grafana/data';
import type { DashboardContext } from './dashboard-context';
import { createInterpolator } from './interpolate';
import { fieldConfigSource, panelTransformations, reduceOptions, type RenderablePanel } from './panel-json';
import { panelFramesFromPrometheus, type PrometheusTargetResult } from './prometheus-frames';
import { readPath } from './property-path';
import { panelFieldConfigRegistry, theme } from './setup';
import { runTransformations } from './transformations';

export interface LinkView {
  readonly title: string;
  readonly href: string;
}

export interface FieldView {
  readonly name: string;
  /** The header, legend or series name Grafana shows (getFieldDisplayName). */
  readonly displayName: string;
  readonly type: string;
  readonly unit: string | undefined;
  /** Hidden from the visualisation (`custom.hideFrom.viz`, the table's "Hide in table"). */
  readonly hidden: boolean;
  readonly values: readonly unknown[];
  /** The text of each row as displayed. */
  readonly texts: readonly string[];
  /** The data links of each row. */
  readonly links: readonly (readonly LinkView[])[];
}

export interface FrameView {
  readonly refId: string | undefined;
  readonly name: string | undefined;
  readonly length: number;
  readonly fields: readonly FieldView[];
}

export interface RenderedPanel {
  readonly frames: readonly FrameView[];
  /** The frames after field config, for further @grafana/data calls. */
  readonly dataFrames: readonly DataFrame[];
}

/** One value a stat or bar gauge shows. */
export interface ReducedValueView {
  /** The name shown with the value (the field's display name, or its displayName option). */
  readonly title: string;
  readonly text: string;
  readonly numeric: number;
  /** The reducer, e.g. lastNotNull. */
  readonly calc: string;
  readonly links: readonly LinkView[];
}

const fallbackDisplay = getDisplayProcessor();

function linkViews(links: readonly LinkModel[]): LinkView[] {
  return links.map((link) => ({ title: link.title, href: link.href }));
}

function fieldView(field: Field, frame: DataFrame, frames: DataFrame[]): FieldView {
  const display = field.display ?? fallbackDisplay;
  const rows = [...field.values.keys()];
  return {
    name: field.name,
    displayName: getFieldDisplayName(field, frame, frames),
    type: field.type,
    unit: field.config.unit,
    hidden: readPath(field.config.custom, 'hideFrom.viz') === true,
    values: [...field.values],
    texts: field.values.map((value: unknown) => formattedValueToString(display(value))),
    links: rows.map((row) => linkViews(field.getLinks?.({ valueRowIndex: row }) ?? [])),
  };
}

export function renderPanel(
  panel: RenderablePanel,
  results: readonly PrometheusTargetResult[],
  context: DashboardContext,
): RenderedPanel {
  const interpolate = createInterpolator(context);
  const frames = panelFramesFromPrometheus(panel.targets ?? [], results);
  const transformed = runTransformations(panelTransformations(panel), frames, interpolate);
  const fieldConfig = fieldConfigSource(panel);
  const dataFrames = applyFieldOverrides({
    data: transformed,
    fieldConfig,
    fieldConfigRegistry: panelFieldConfigRegistry(fieldConfig),
    replaceVariables: interpolate,
    theme,
    timeZone: context.timeZone,
  });
  return {
    dataFrames,
    frames: dataFrames.map((frame) => ({
      refId: frame.refId,
      name: frame.name,
      length: frame.length,
      fields: frame.fields.map((field) => fieldView(field, frame, dataFrames)),
    })),
  };
}

/** The values a stat or bar gauge panel shows, with its `options.reduceOptions`. */
export function panelReduction(
  panel: RenderablePanel,
  rendered: RenderedPanel,
  context: DashboardContext,
): ReducedValueView[] {
  return getFieldDisplayValues({
    data: [...rendered.dataFrames],
    reduceOptions: reduceOptions(panel),
    fieldConfig: fieldConfigSource(panel),
    replaceVariables: createInterpolator(context),
    theme,
    timeZone: context.timeZone,
  }).map((value) => ({
    title: value.display.title ?? '',
    text: formattedValueToString(value.display),
    numeric: value.display.numeric,
    calc: value.name,
    links: linkViews(value.getLinks?.() ?? []),
  }));
}
