/**
 * `${__value.*}`, `${__data.*}`, `${__series.name}` and `${__field.*}`: values of the field,
 * row or calculated value a data link or display name belongs to, from the data context
 * applyFieldOverrides puts in the scoped variables (grafana/scenes packages/scenes/src/
 * variables/macros/dataMacros.ts and templateProxies.ts). Without that context the
 * reference stays as written, as in Grafana.
 */
import './dom';
import {
  FieldType,
  formatLabels,
  formattedValueToString,
  getDisplayProcessor,
  getFieldDisplayName,
  getFieldDisplayValuesProxy,
  getFrameDisplayName,
  type DataContextScopedVar,
  type DataFrame,
  type Field,
  type ScopedVars,
} from '@grafana/data';
import { readPath } from './property-path';
import { noText, resolvedFrom, type Resolved, type ValueSource } from './value-source';

export const DATA_MACROS: ReadonlySet<string> = new Set(['__value', '__data', '__series', '__field']);

type DataContext = DataContextScopedVar['value'];

const fallbackDisplay = getDisplayProcessor();

/** What `${__field.*}` reads: name, displayName, labels (printed as {a="x", b="y"}). */
function fieldTemplate(field: Field, frame: DataFrame, frames: DataFrame[]): Record<string, unknown> {
  const labels = field.labels;
  return {
    name: field.name,
    get displayName() {
      return getFieldDisplayName(field, frame, frames);
    },
    labels: labels
      ? { ...labels, __values: Object.values(labels).sort().join(', '), toString: () => formatLabels(labels, '', true) }
      : '',
  };
}

function valueOf(context: DataContext, fieldPath: string | undefined, match: string): Resolved {
  const { frame, rowIndex, field, calculatedValue } = context;
  if (calculatedValue) {
    if (fieldPath === 'numeric' || fieldPath === 'raw') return calculatedValue.numeric;
    if (fieldPath === 'time') return '';
    return formattedValueToString(calculatedValue);
  }
  if (rowIndex === undefined) return match;
  if (fieldPath === 'time') return resolvedFrom(frame.fields.find((f) => f.type === FieldType.time)?.values[rowIndex]);
  const raw: unknown = field.values[rowIndex];
  if (fieldPath === 'raw') return resolvedFrom(raw);
  const shown = (field.display ?? fallbackDisplay)(raw);
  return fieldPath === 'numeric' ? shown.numeric : formattedValueToString(shown);
}

/** `${__data.fields.X}`: the display text of field X on this row (getFieldDisplayValuesProxy). */
function rowOf(context: DataContext, fieldPath: string | undefined, match: string): Resolved {
  if (fieldPath === undefined || context.rowIndex === undefined) return match;
  const row = {
    name: context.frame.name,
    refId: context.frame.refId,
    fields: getFieldDisplayValuesProxy({ frame: context.frame, rowIndex: context.rowIndex }),
  };
  return resolvedFrom(readPath(row, fieldPath) ?? '');
}

export function dataMacroSource(name: string, match: string, scopedVars: ScopedVars | undefined): ValueSource {
  const context = scopedVars?.__dataContext?.value;
  const value = (fieldPath: string | undefined): Resolved => {
    if (context === undefined) return match;
    switch (name) {
      case '__value':
        return valueOf(context, fieldPath, match);
      case '__data':
        return rowOf(context, fieldPath, match);
      case '__series':
        return fieldPath === 'name' ? getFrameDisplayName(context.frame, context.frameIndex) : match;
      default:
        if (fieldPath === undefined || fieldPath === '') return match;
        return resolvedFrom(readPath(fieldTemplate(context.field, context.frame, context.data), fieldPath) ?? '');
    }
  };
  return { name, valueText: noText, value };
}
