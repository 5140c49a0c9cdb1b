import { readFileSync } from 'node:fs';
import path from 'node:path';

/** schema/dasmo.sql, found from src/demo (ts-jest) and from dist/demo (compiled) alike. */
const SCHEMA_PATH = path.join(__dirname, '..', '..', 'schema', 'dasmo.sql');

export const TABLES = ['dasmo_sedi', 'dasmo_domande', 'dasmo_sr41'] as const;

/** A CREATE TABLE without its secondary indexes, and the ALTERs that add them back. */
interface DeferredTable {
  readonly table: string;
  readonly create: string;
  readonly addIndexes: string | null;
}

export function readSchema(): string {
  return readFileSync(SCHEMA_PATH, 'utf8');
}

/** The statements of a SQL script: `--` comments removed, split on `;` outside quotes. */
export function splitStatements(sql: string): string[] {
  const statements: string[] = [];
  let current = '';
  let quote: string | null = null;
  for (let i = 0; i < sql.length; i += 1) {
    const ch = sql[i];
    if (quote !== null) {
      current += ch;
      if (ch === quote) quote = null;
    } else if (ch === '-' && sql[i + 1] === '-') {
      while (i < sql.length && sql[i] !== '\n') i += 1;
      current += '\n';
    } else if (ch === ';') {
      if (current.trim() !== '') statements.push(current.trim());
      current = '';
    } else {
      if (ch === "'" || ch === '"' || ch === '`') quote = ch;
      current += ch;
    }
  }
  if (current.trim() !== '') statements.push(current.trim());
  return statements;
}

/** Splits `a, b (c, d), e` on top-level commas. */
function topLevelItems(body: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of body) {
    if (ch === '(') depth += 1;
    if (ch === ')') depth -= 1;
    if (ch === ',' && depth === 0) {
      items.push(current.trim());
      current = '';
    } else {
      current += ch;
    }
  }
  if (current.trim() !== '') items.push(current.trim());
  return items;
}

const SECONDARY_INDEX = /^(UNIQUE\s+|FULLTEXT\s+|SPATIAL\s+)?(KEY|INDEX)\s/i;

/**
 * Rewrites the schema's CREATE TABLEs so that bulk loading only maintains the primary key;
 * the secondary indexes, exactly as the schema defines them, are added after the load,
 * which is much faster than keeping them up to date row by row.
 */
export function deferSecondaryIndexes(sql: string): DeferredTable[] {
  return splitStatements(sql).map((statement) => {
    const match = /^CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?`?(\w+)`?\s*\(/i.exec(statement);
    const table = match?.[1];
    if (match === null || table === undefined) throw new Error(`unexpected statement in ${SCHEMA_PATH}: ${statement.slice(0, 60)}`);
    const open = match[0].length - 1;
    const close = matchingParen(statement, open);
    const items = topLevelItems(statement.slice(open + 1, close));
    const kept = items.filter((item) => !SECONDARY_INDEX.test(item));
    const deferred = items.filter((item) => SECONDARY_INDEX.test(item));
    const normalise = (item: string): string => item.replace(/\s+/g, ' ');
    return {
      table,
      create: `${statement.slice(0, open + 1)}\n  ${kept.join(',\n  ')}\n${statement.slice(close)}`,
      addIndexes:
        deferred.length === 0
          ? null
          : `ALTER TABLE \`${table}\` ${deferred.map((item) => `ADD ${normalise(item)}`).join(', ')}`,
    };
  });
}

function matchingParen(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i += 1) {
    if (text[i] === '(') depth += 1;
    if (text[i] === ')') {
      depth -= 1;
      if (depth === 0) return i;
    }
  }
  throw new Error(`unbalanced parentheses in ${SCHEMA_PATH}`);
}
