import type { SqlClient } from '../sources/sql-client';

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

interface OfficeRow {
  codice_sede: string | null;
  denominazione: string | null;
  codice_regione: string | null;
  regione: string | null;
  tipo_sede: string | null;
}

export async function collectOffices(client: SqlClient): Promise<Office[]> {
  const rows = await client.query<OfficeRow>(OFFICES_SQL, []);
  return rows
    .filter((row) => row.codice_sede !== null && row.codice_sede.trim() !== '')
    .map((row) => ({
      code: (row.codice_sede as string).trim(),
      name: (row.denominazione ?? '').trim(),
      regionCode: (row.codice_regione ?? '').trim(),
      regionName: (row.regione ?? '').trim(),
      type: (row.tipo_sede ?? '').trim(),
    }));
}
