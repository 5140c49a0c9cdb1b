/**
 * What a panel sees of its dashboard while it renders: the variables' current values, the
 * time range and the time zone. Shapes follow the dashboard JSON, so that the harness can
 * pass the committed dashboard's own `templating.list`.
 */

/** Variable name -> chosen values; null is the "All" option. */
export type VariableSelection = ReadonlyMap<string, readonly string[] | null>;

/** A dashboard variable as the dashboard JSON defines it (`templating.list[]`). */
export interface VariableDefinition {
  readonly name: string;
  readonly type: string;
  readonly multi?: boolean;
  readonly includeAll?: boolean;
  /** The "custom all value"; without it, All means every option's value. */
  readonly allValue?: string | null;
  readonly skipUrlSync?: boolean;
  readonly current?: { readonly text?: string | readonly string[]; readonly value?: string | readonly string[] };
  readonly options?: readonly { readonly text: string; readonly value: string }[];
}

export interface DashboardContext {
  /** The selection; a variable it does not name keeps its `current` value from the JSON. */
  readonly variables: VariableSelection;
  /** The dashboard's `templating.list`, in order. */
  readonly definitions: readonly VariableDefinition[];
  /** As in the URL or the dashboard JSON (`now-90d`, `now`, or epoch ms), plus absolute ms. */
  readonly timeRange: { readonly from: string; readonly to: string; readonly fromMs: number; readonly toMs: number };
  /** The dashboard's time zone, e.g. `Europe/Rome` (or `browser`, `utc`). */
  readonly timeZone: string;
}

export const ALL_VARIABLE_VALUE = '$__all';
export const ALL_VARIABLE_TEXT = 'All';

/** A variable's state in the scene: its definition and its values (null = All). */
export interface VariableState {
  readonly definition: VariableDefinition;
  readonly values: readonly string[] | null;
}

function currentValues(definition: VariableDefinition): readonly string[] | null {
  const value = definition.current?.value;
  const values = value === undefined ? [] : typeof value === 'string' ? [value] : value;
  return values.includes(ALL_VARIABLE_VALUE) ? null : values;
}

export function variableStates(context: DashboardContext): VariableState[] {
  const known = new Set(context.definitions.map((definition) => definition.name));
  for (const name of context.variables.keys()) {
    if (!known.has(name)) throw new Error(`the selection names ${name}, which the dashboard does not define`);
  }
  return context.definitions.map((definition) => ({
    definition,
    values: context.variables.has(definition.name)
      ? (context.variables.get(definition.name) ?? null)
      : currentValues(definition),
  }));
}
