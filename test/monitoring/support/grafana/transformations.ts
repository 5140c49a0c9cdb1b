/**
 * A panel's `transformations`, as Grafana 12's SceneDataTransformer runs them (grafana/scenes
 * packages/scenes/src/querying/SceneDataTransformer.ts): when the transformations refer to
 * variables, their JSON is interpolated as one string first; then the series ones go through
 * @grafana/data's transformDataFrame. An id that is not among @grafana/data's standard
 * transformers (e.g. Grafana's app-only ones) throws `"<id>" not found in: ...`.
 */
import './setup';
import { DataTopic, transformDataFrame, type DataFrame, type DataTransformerConfig, type InterpolateFunction } from '@grafana/data';

const VARIABLE_REFERENCE = /\$\w+|\[\[\w+|\$\{\w+/;

export function interpolateTransformations(
  transformations: readonly DataTransformerConfig[],
  interpolate: InterpolateFunction,
): DataTransformerConfig[] {
  const json = JSON.stringify(transformations);
  if (!VARIABLE_REFERENCE.test(json)) return [...transformations];
  const parsed: unknown = JSON.parse(interpolate(json));
  if (!Array.isArray(parsed)) throw new Error('interpolated transformations are not a list');
  return parsed.filter((item): item is DataTransformerConfig => typeof item === 'object' && item !== null && 'id' in item);
}

/** Runs synchronously: every standard transformer emits on subscription. */
export function runTransformations(
  transformations: readonly DataTransformerConfig[],
  frames: DataFrame[],
  interpolate: InterpolateFunction,
): DataFrame[] {
  const series = interpolateTransformations(transformations, interpolate).filter(
    (t) => (t.topic ?? DataTopic.Series) === DataTopic.Series,
  );
  let output: DataFrame[] | undefined;
  let failure: unknown;
  transformDataFrame(series, frames, { interpolate })
    .subscribe({ next: (result) => (output = result), error: (error: unknown) => (failure = error) })
    .unsubscribe();
  if (failure !== undefined) throw failure;
  if (output === undefined) throw new Error('a transformation did not emit synchronously');
  return output;
}
