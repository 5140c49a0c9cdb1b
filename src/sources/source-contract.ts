import type { SourceName } from '../config/settings';
import type { SqlClient } from './sql-client';

/** The relation each source reads and the columns the collectors use (docs/source-contract.md). */
export const SOURCE_CONTRACT: Readonly<Record<SourceName, { readonly relation: string; readonly columns: readonly string[] }>> = {
  offices: {
    relation: 'dasmo_sedi',
    columns: ['codice_sede', 'denominazione', 'codice_regione', 'regione', 'tipo_sede'],
  },
  applications: {
    relation: 'dasmo_domande',
    columns: [
      'id',
      'codice_sede',
      'prestazione',
      'plurilocalizzata',
      'causale',
      'data_presentazione',
      'data_istruttoria',
      'data_definizione',
      'esito',
      'lavoratori',
    ],
  },
  sr41: {
    relation: 'dasmo_sr41',
    columns: [
      'id',
      'codice_sede',
      'prestazione',
      'plurilocalizzata',
      'causale',
      'canale',
      'data_ricezione',
      'data_liquidazione',
      'data_esito',
      'esito',
      'lavoratori',
      'importo',
    ],
  },
};

const COLUMNS_SQL = `
SELECT COLUMN_NAME AS name
FROM information_schema.COLUMNS
WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?`;

/** What a source's database lacks: the whole relation, or some of its columns. */
export type ContractProblem =
  | { readonly kind: 'missing_relation'; readonly relation: string; readonly where: string }
  | { readonly kind: 'missing_columns'; readonly relation: string; readonly where: string; readonly columns: readonly string[] };

/** What is missing for `source` in its database: undefined when the relation and all its columns exist. */
export async function contractProblem(client: SqlClient, source: SourceName): Promise<ContractProblem | undefined> {
  const { relation, columns } = SOURCE_CONTRACT[source];
  const where = client.description;
  const rows = await client.query<{ name: string }>(COLUMNS_SQL, [relation]);
  if (rows.length === 0) return { kind: 'missing_relation', relation, where };
  const present = new Set(rows.map((row) => row.name.toLowerCase()));
  const missing = columns.filter((column) => !present.has(column));
  return missing.length === 0 ? undefined : { kind: 'missing_columns', relation, where, columns: missing };
}
