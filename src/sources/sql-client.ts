/** The narrow slice of a database driver that collectors use. */
export interface SqlClient {
  /** Runs one read-only statement with positional `?` parameters and returns its rows. */
  query<Row>(sql: string, params: readonly unknown[]): Promise<Row[]>;
  /** Where the client reads from, safe to log (no password). */
  readonly description: string;
  close(): Promise<void>;
}
