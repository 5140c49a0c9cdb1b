import type { SqlClient } from '../sources/sql-client';
import { toText } from './sql-values';

/** Every office of dasmo_sedi; offices are few (~450), so no aggregation is needed. */
export const OFFICES_SQL = `
SELECT codice_sede, denominazione, codice_regione, regione, tipo_sede
FROM dasmo_sedi
ORDER BY codice_sede`;

export interface Office {
  readonly code: string;
  readonly name: string;
  readonly regionCode: string;
  readonly regionName: string;
  readonly type: string;
}

const COLUMNS = ['codice_sede', 'denominazione', 'codice_regione', 'regione', 'tipo_sede'] as const;

type OfficeRow = Readonly<Record<(typeof COLUMNS)[number], unknown>>;

/** A row's columns as trimmed text ('' for NULL). */
function textColumns(row: OfficeRow): Record<(typeof COLUMNS)[number], string> {
  return Object.fromEntries(COLUMNS.map((column) => [column, (toText(row[column], 'dasmo_sedi', column) ?? '').trim()])) as Record<
    (typeof COLUMNS)[number],
    string
  >;
}

export async function collectOffices(client: SqlClient): Promise<Office[]> {
  const rows = await client.query<OfficeRow>(OFFICES_SQL, []);
  return rows
    .map(textColumns)
    .filter((row) => row.codice_sede !== '')
    .map((row) => ({
      code: row.codice_sede,
      name: row.denominazione,
      regionCode: row.codice_regione,
      regionName: row.regione,
      type: row.tipo_sede,
    }));
}
