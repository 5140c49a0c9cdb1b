/**
 * What a `${name...}` reference resolves to before formatting (grafana/scenes
 * packages/scenes/src/variables/interpolation/formatRegistry.ts FormatVariable, and
 * types.ts CustomVariableValue).
 */
import type { FormatSubject, FormattableValue } from './variable-formats';

/** A value that formats itself (scenes' CustomVariableValue); its output is interpolated again. */
export class Preformatted {
  constructor(readonly render: (formatName: string | undefined) => string) {}
}

export type Resolved = FormattableValue | Preformatted | { toString(): string } | null | undefined;

export interface ValueSource extends FormatSubject {
  value(fieldPath: string | undefined): Resolved;
}

export function isFormattable(value: Resolved): value is FormattableValue {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || Array.isArray(value);
}

/** An arbitrary value as a reference yields it: scalars as they are, objects by their text. */
export function resolvedFrom(value: unknown): Resolved {
  if (value === null || value === undefined) return value;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return { toString: () => String(value) };
}

export function noText(): string {
  return '';
}
