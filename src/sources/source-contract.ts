import type { SqlClient } from './sql-client';

/** The class of SQL type a contract column must have (docs/source-contract.md). */
type ColumnType = 'integer' | 'text' | 'flag' | 'datetime' | 'decimal';

/** The relation a source reads and the columns its collector uses, in the order they are reported. */
export interface SourceContract {
  readonly relation: string;
  readonly columns: Readonly<Record<string, ColumnType>>;
}

const INTEGER_TYPES = ['tinyint', 'smallint', 'mediumint', 'int', 'bigint'];

/**
 * The MariaDB `DATA_TYPE`s each class accepts, and what a line says the column needs. Binary
 * strings (BINARY, BLOB), BIT and floating point are refused: the driver hands them over as
 * bytes or inexact numbers, and text types in a number or date column are converted silently
 * by the server ('five' is 0, '12,50 EUR' is 12, 'garbage' is a date that is never NULL).
 */
const ACCEPTED: Readonly<Record<ColumnType, { readonly types: readonly string[]; readonly needs: string }>> = {
  integer: { types: INTEGER_TYPES, needs: 'an integer type' },
  flag: { types: INTEGER_TYPES, needs: 'an integer type (0/1)' },
  text: { types: ['char', 'varchar', 'tinytext', 'text', 'mediumtext', 'longtext', 'enum'], needs: 'a character type' },
  datetime: { types: ['datetime', 'timestamp', 'date'], needs: 'DATETIME, TIMESTAMP or DATE' },
  decimal: { types: ['decimal', ...INTEGER_TYPES], needs: 'DECIMAL or an integer type' },
};

const COLUMNS_SQL = `
SELECT COLUMN_NAME AS name, DATA_TYPE AS type, NUMERIC_SCALE AS scale
FROM information_schema.COLUMNS
WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?`;

interface ColumnRow {
  name: string;
  type: string;
  scale: number | string | null;
}

/** A contract column whose SQL type is not of its class. */
interface WrongType {
  readonly column: string;
  readonly type: string;
  readonly needs: string;
}

/** What a source's database lacks: the whole relation, some of its columns, or the right column types. */
export type ContractProblem =
  | { readonly kind: 'missing_relation'; readonly relation: string; readonly where: string }
  | { readonly kind: 'missing_columns'; readonly relation: string; readonly where: string; readonly columns: readonly string[] }
  | { readonly kind: 'wrong_types'; readonly relation: string; readonly where: string; readonly columns: readonly WrongType[] };

function accepts(expected: ColumnType, column: ColumnRow): boolean {
  const type = column.type.toLowerCase();
  // A DECIMAL(n,0) holds integers exactly (views often turn sums and casts into one).
  if ((expected === 'integer' || expected === 'flag') && type === 'decimal') return Number(column.scale) === 0;
  return ACCEPTED[expected].types.includes(type);
}

/** What `client`'s database lacks of `contract`: undefined when the relation and all its columns exist with types of their class. */
export async function contractProblem(client: SqlClient, contract: SourceContract): Promise<ContractProblem | undefined> {
  const { relation } = contract;
  const where = client.description;
  const rows = await client.query<ColumnRow>(COLUMNS_SQL, [relation]);
  if (rows.length === 0) return { kind: 'missing_relation', relation, where };
  const present = new Map(rows.map((row) => [row.name.toLowerCase(), row]));
  const missing = Object.keys(contract.columns).filter((column) => !present.has(column));
  if (missing.length > 0) return { kind: 'missing_columns', relation, where, columns: missing };
  const wrong = Object.entries(contract.columns).flatMap(([column, expected]) => {
    const found = present.get(column);
    return found === undefined || accepts(expected, found) ? [] : [{ column, type: found.type.toLowerCase(), needs: ACCEPTED[expected].needs }];
  });
  return wrong.length === 0 ? undefined : { kind: 'wrong_types', relation, where, columns: wrong };
}

/** The problem as one line, without the source's name. */
export function contractProblemText(problem: ContractProblem): string {
  const { relation, where } = problem;
  switch (problem.kind) {
    case 'missing_relation':
      return `relation ${relation} is missing (or not readable) in ${where}`;
    case 'missing_columns':
      return `${relation} in ${where} lacks column(s): ${problem.columns.join(', ')}`;
    case 'wrong_types':
      return (
        `${relation} in ${where} has column(s) of the wrong type: ` +
        problem.columns.map(({ column, type, needs }) => `${column} is ${type.toUpperCase()} (needs ${needs})`).join(', ')
      );
  }
}
