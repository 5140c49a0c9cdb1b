/** Conversions of mysql2 values (numbers, or strings for BIGINT/DECIMAL sums) to JS numbers, and of text columns. */
import { SourceValueError } from '../sources/source-error';

export type SqlNumber = number | string | null;

export function toNumber(value: SqlNumber): number {
  if (value === null) return 0;
  const parsed = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(parsed) ? parsed : 0;
}

export function toNullableNumber(value: SqlNumber): number | null {
  return value === null ? null : toNumber(value);
}

/** A text column's value; anything else (bytes of a BINARY column, a number) names `relation.column`. */
export function toText(value: unknown, relation: string, column: string): string | null {
  if (value === null || typeof value === 'string') return value;
  const found = Buffer.isBuffer(value) ? 'bytes' : `a ${typeof value}`;
  throw new SourceValueError(relation, column, found);
}

/** The SELECT list items `SUM(<pending> AND <age> <= b) AS le_b` for every bucket bound. */
export function bucketColumns(pending: string, age: string, bounds: readonly number[]): string {
  return bounds.map((days) => `SUM(${pending} AND ${age} <= ${days}) AS le_${days}`).join(',\n  ');
}

export function bucketValues(row: Readonly<Record<string, unknown>>, bounds: readonly number[]): number[] {
  return bounds.map((days) => toNumber(row[`le_${days}`] as SqlNumber));
}
