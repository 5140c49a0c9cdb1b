import type { SqlClient } from './sql-client';

/** The class of SQL type a contract column must have (docs/source-contract.md). */
type ColumnType = 'integer' | 'text' | 'flag' | 'datetime' | 'decimal';

/** The relation a source reads and the columns its collector uses, in the order they are reported. */
export interface SourceContract {
  readonly relation: string;
  readonly columns: Readonly<Record<string, ColumnType>>;
}

const COLUMNS_SQL = `
SELECT COLUMN_NAME AS name
FROM information_schema.COLUMNS
WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?`;

/** What a source's database lacks: the whole relation, or some of its columns. */
export type ContractProblem =
  | { readonly kind: 'missing_relation'; readonly relation: string; readonly where: string }
  | { readonly kind: 'missing_columns'; readonly relation: string; readonly where: string; readonly columns: readonly string[] };

/** What `client`'s database lacks of `contract`: undefined when the relation and all its columns exist. */
export async function contractProblem(client: SqlClient, contract: SourceContract): Promise<ContractProblem | undefined> {
  const { relation } = contract;
  const where = client.description;
  const rows = await client.query<{ name: string }>(COLUMNS_SQL, [relation]);
  if (rows.length === 0) return { kind: 'missing_relation', relation, where };
  const present = new Set(rows.map((row) => row.name.toLowerCase()));
  const missing = Object.keys(contract.columns).filter((column) => !present.has(column));
  return missing.length === 0 ? undefined : { kind: 'missing_columns', relation, where, columns: missing };
}
