/**
 * How every connection that reads a source is set up: a read-only session with a server-side
 * statement timeout (MariaDB `max_statement_time`, MySQL `max_execution_time`).
 */

/** The client-side timeout fires this much after the server-side one, as a backstop. */
export const CLIENT_TIMEOUT_MARGIN_MS = 5_000;

export type ServerFlavour = 'mariadb' | 'mysql';

/** Runs one statement on a connection and resolves to its rows. */
export type RunStatement = (sql: string) => Promise<ReadonlyArray<Record<string, unknown>>>;

export async function detectFlavour(run: RunStatement): Promise<ServerFlavour> {
  const [row] = await run('SELECT VERSION() AS version');
  return /mariadb/i.test(String(row?.version ?? '')) ? 'mariadb' : 'mysql';
}

/** Makes the session read-only and limits each of its statements to `timeoutSeconds` on the server. */
export async function enterReadOnlySession(run: RunStatement, flavour: ServerFlavour, timeoutSeconds: number): Promise<void> {
  await run('SET SESSION TRANSACTION READ ONLY');
  await run(
    flavour === 'mariadb'
      ? `SET SESSION max_statement_time = ${timeoutSeconds}`
      : `SET SESSION max_execution_time = ${timeoutSeconds * 1000}`,
  );
}
