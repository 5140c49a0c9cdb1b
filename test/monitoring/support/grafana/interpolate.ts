/**
 * String interpolation as a Grafana 12 dashboard does it for data links, display names,
 * dashboard links and transformation options: sceneGraph.interpolate of grafana/scenes
 * (packages/scenes/src/variables/interpolation/sceneInterpolator.ts, constants.ts,
 * macros/index.ts and timeMacros.ts; v6.x–v7.x, the line Grafana 12.4 ships).
 *
 * `$name`, `[[name:format]]` and `${name.path:format}` are looked up in the scoped variables
 * passed in, then the dashboard's variables (./scene-variables), then the macros (data
 * macros in ./data-macros; time range, all variables, from/to/timezone here). A macro this
 * library does not reproduce, or a name nothing defines, is an error here (Grafana would
 * leave the text as it is); `$__all`, Grafana's "All" sentinel in URLs, is left as it is.
 */
import './dom';
import { dateTimeFormat, urlUtil, type InterpolateFunction, type ScopedVars } from '@grafana/data';
import { variableStates, type DashboardContext } from './dashboard-context';
import { DATA_MACROS, dataMacroSource } from './data-macros';
import { allVariablesParameters, scopedSource, variableSource } from './scene-variables';
import { formatVariableValue } from './variable-formats';
import { Preformatted, isFormattable, noText, type Resolved, type ValueSource } from './value-source';

const VARIABLE_REFERENCE = /\$(\w+)|\[\[(\w+?)(?::(\w+))?\]\]|\${(\w+)(?:\.([^:^}]+))?(?::([^}]+))?}/g;

/** Scene macros that exist in Grafana but are not reproduced here. */
const UNSUPPORTED_MACROS = new Set(['__user', '__org', '__url', '__interval', '__interval_ms']);

function timeZoneName(timeZone: string): string {
  return timeZone === 'browser' ? Intl.DateTimeFormat().resolvedOptions().timeZone : timeZone;
}

function timeMacroSource(name: string, context: DashboardContext): ValueSource | undefined {
  const { from, to, fromMs, toMs } = context.timeRange;
  switch (name) {
    case '__url_time_range': {
      const parameters = urlUtil.toUrlParams({ from, to, timezone: context.timeZone });
      return { name, valueText: noText, value: () => new Preformatted(() => parameters) };
    }
    case '__from':
    case '__to': {
      const ms = name === '__from' ? fromMs : toMs;
      return { name, value: () => ms, valueText: () => dateTimeFormat(ms, { timeZone: context.timeZone }) };
    }
    case '__timezone':
      return { name, value: () => timeZoneName(context.timeZone), valueText: () => timeZoneName(context.timeZone) };
    default:
      return undefined;
  }
}

export function createInterpolator(context: DashboardContext): InterpolateFunction {
  const states = variableStates(context);
  const variables = new Map(states.map((state) => [state.definition.name, variableSource(state)]));
  const allVariables: ValueSource = {
    name: '__all_variables',
    valueText: noText,
    value: () => new Preformatted(() => allVariablesParameters(states)),
  };

  const lookup = (name: string, match: string, scopedVars: ScopedVars | undefined): ValueSource | undefined => {
    const scoped = scopedVars && Object.prototype.hasOwnProperty.call(scopedVars, name) ? scopedVars[name] : undefined;
    if (scoped) return scopedSource(name, scoped);
    const variable = variables.get(name);
    if (variable) return variable;
    if (DATA_MACROS.has(name)) return dataMacroSource(name, match, scopedVars);
    if (name === '__all_variables') return allVariables;
    const timeMacro = timeMacroSource(name, context);
    if (timeMacro) return timeMacro;
    if (name === '__all') return undefined;
    if (UNSUPPORTED_MACROS.has(name)) {
      throw new Error(`${match}: the ${name} macro is not reproduced by test/monitoring/support/grafana`);
    }
    throw new Error(`${match}: no variable or macro named ${name} (Grafana would leave the text as it is)`);
  };

  const format = (
    source: ValueSource,
    value: Resolved,
    formatName: string | Function | undefined,
    fieldPath: string | undefined,
  ): string => {
    if (value === null || value === undefined) return '';
    if (value instanceof Preformatted) {
      return interpolate(value.render(typeof formatName === 'string' ? formatName : undefined));
    }
    const formattable = isFormattable(value) ? value : String(value);
    // InterpolateFunction's type allows a formatting function (`Function` is its type, not ours).
    if (typeof formatName === 'function') return String(formatName(formattable, { name: source.name, type: 'custom' }));
    return formatVariableValue(formattable, formatName, source, fieldPath);
  };

  const interpolate: InterpolateFunction = (target, scopedVars, defaultFormat) => {
    if (!target || typeof target !== 'string') return target ?? '';
    return target.replace(
      VARIABLE_REFERENCE,
      (
        match: string,
        bare?: string,
        bracketed?: string,
        bracketFormat?: string,
        braced?: string,
        fieldPath?: string,
        bracedFormat?: string,
      ) => {
        const source = lookup(bare ?? bracketed ?? braced ?? '', match, scopedVars);
        if (source === undefined) return match;
        return format(source, source.value(fieldPath), bracketFormat ?? bracedFormat ?? defaultFormat, fieldPath);
      },
    );
  };
  return interpolate;
}
