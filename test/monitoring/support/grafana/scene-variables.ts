/**
 * Dashboard variables as Grafana 12 scenes resolve them: MultiValueVariable values, "All"
 * (CustomAllValue when the variable has an allValue), the URL state behind the queryparam
 * format (MultiValueUrlSyncHandler), `$__all_variables` (AllVariablesMacro) and scoped
 * variables (ScopedVarsVariable); grafana/scenes packages/scenes/src/variables/.
 */
import type { ScopedVar } from '@grafana/data';
import { ALL_VARIABLE_TEXT, ALL_VARIABLE_VALUE, type VariableState } from './dashboard-context';
import { readPath } from './property-path';
import { formatVariableValue, type FormatSubject } from './variable-formats';
import { Preformatted, isFormattable, type ValueSource } from './value-source';

/** scenes CustomAllValue: the allValue verbatim, except for these formats. */
function customAllValue(allValue: string, subject: FormatSubject): Preformatted {
  return new Preformatted((formatName) => {
    switch (formatName) {
      case 'text':
        return ALL_VARIABLE_TEXT;
      case 'percentencode':
        return formatVariableValue(allValue, 'percentencode', subject);
      case 'queryparam':
        return formatVariableValue(ALL_VARIABLE_TEXT, 'queryparam', subject);
      default:
        return allValue;
    }
  });
}

/** Constant variables, and those marked so, stay out of URLs. */
function syncsToUrl(state: VariableState): boolean {
  return state.definition.skipUrlSync !== true && state.definition.type !== 'constant';
}

export function variableSource(state: VariableState): ValueSource {
  const { definition, values } = state;
  const name = definition.name;
  const multi = definition.multi === true;
  const urlValue = (): string | string[] => {
    const chosen = values ?? [ALL_VARIABLE_VALUE];
    return multi || chosen.length > 1 ? [...chosen] : (chosen[0] ?? '');
  };
  const subject: FormatSubject = {
    name,
    valueText: () => {
      if (values === null) return ALL_VARIABLE_TEXT;
      return values.map((v) => definition.options?.find((o) => o.value === v)?.text ?? v).join(' + ');
    },
    urlState: syncsToUrl(state) ? () => ({ [`var-${name}`]: urlValue() }) : undefined,
  };
  return {
    ...subject,
    value: (fieldPath) => {
      if (fieldPath !== undefined) throw new Error(`\${${name}.${fieldPath}}: variable field paths are not reproduced`);
      if (values === null) {
        if (definition.allValue) return customAllValue(definition.allValue, subject);
        const every = (definition.options ?? []).map((o) => o.value).filter((v) => v !== ALL_VARIABLE_VALUE);
        if (every.length === 0) throw new Error(`${name} is "All" without allValue and without options`);
        return every;
      }
      return multi ? [...values] : (values[0] ?? '');
    },
  };
}

/** `$__all_variables`: every URL-synced variable as `queryparam`, in dashboard order. */
export function allVariablesParameters(states: readonly VariableState[]): string {
  const parameters: string[] = [];
  for (const state of states.filter(syncsToUrl)) {
    const source = variableSource(state);
    if (state.values === null && !state.definition.allValue) {
      parameters.push(formatVariableValue(ALL_VARIABLE_VALUE, 'queryparam', source));
      continue;
    }
    const value = source.value(undefined);
    if (!value) continue;
    if (value instanceof Preformatted) parameters.push(value.render('queryparam'));
    else parameters.push(formatVariableValue(isFormattable(value) ? value : String(value), 'queryparam', source));
  }
  return parameters.join('&');
}

export function scopedSource(name: string, scoped: ScopedVar): ValueSource {
  const scopedValue: unknown = scoped.value;
  const scopedText: unknown = scoped.text;
  return {
    name,
    valueText: () => String(scopedText ?? scoped),
    value: (fieldPath) => String(fieldPath === undefined ? scopedValue : readPath(scopedValue, fieldPath)),
  };
}
