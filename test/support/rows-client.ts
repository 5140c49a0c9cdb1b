import type { SqlClient } from '../../src/sources/sql-client';

export interface RecordedQuery {
  readonly sql: string;
  readonly params: readonly unknown[];
}

/**
 * A SqlClient (the project's own narrow seam) that answers with rows written by hand as mysql2
 * returns them: strings for DECIMAL sums and BIGINTs, numbers for TINYINT, null for NULL. It
 * records each statement and its parameters; it knows nothing of SQL.
 */
export class RowsClient implements SqlClient {
  readonly description = 'hand-written rows';
  readonly queries: RecordedQuery[] = [];

  constructor(private readonly rows: ReadonlyArray<Readonly<Record<string, unknown>>>) {}

  async query<Row>(sql: string, params: readonly unknown[]): Promise<Row[]> {
    this.queries.push({ sql, params });
    // The driver's rows are untyped; the collector names the shape it expects, as it does with mysql2.
    return this.rows.map((row) => ({ ...row })) as Row[];
  }

  async close(): Promise<void> {}
}
