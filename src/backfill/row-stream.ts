import mysql from 'mysql2';
import type { SourceSettings } from '../config/settings';
import type { SourceName } from '../snapshot/source-table';
import { connectionOptions } from '../sources/database-url';
import { CLIENT_TIMEOUT_MARGIN_MS, detectFlavour, enterReadOnlySession, type RunStatement } from '../sources/read-only-session';
import { translateDriverError } from '../sources/source-error';

/**
 * The narrow slice of a driver the backfill reads with: one statement whose rows are handed
 * over one at a time as they arrive, so millions of rows never sit in memory together.
 */
export interface RowStream {
  readonly description: string;
  /** Runs one read-only statement; `onRow` gets each row's columns in SELECT order. Resolves to the row count. */
  eachRow(sql: string, params: readonly unknown[], onRow: (row: readonly unknown[]) => void): Promise<number>;
  close(): Promise<void>;
}

function runOn(connection: mysql.Connection): RunStatement {
  return (sql) =>
    new Promise((resolve, reject) => {
      connection.query(sql, (error, rows) => (error ? reject(error) : resolve(rows as Array<Record<string, unknown>>)));
    });
}

/**
 * A dedicated connection to one source, in a read-only session with the same server-side
 * statement timeout as the snapshot's pools. Driver errors become SourceErrors (one line,
 * no password).
 */
export function openRowStream(source: SourceName, settings: SourceSettings): RowStream {
  const endpoint = settings.sources[source];
  const connection = mysql.createConnection({ ...connectionOptions(endpoint), connectTimeout: 10_000 });
  // Errors outside a statement (e.g. the server closing an idle connection) surface on the next one.
  connection.on('error', () => undefined);
  const timeoutSeconds = settings.statementTimeoutSeconds;
  let prepared: Promise<void> | undefined;
  let destroyed = false;

  const prepare = async (): Promise<void> => {
    const run = runOn(connection);
    await enterReadOnlySession(run, await detectFlavour(run), timeoutSeconds);
  };

  const stream = (sql: string, params: readonly unknown[], onRow: (row: readonly unknown[]) => void): Promise<number> =>
    new Promise((resolve, reject) => {
      let count = 0;
      let failure: unknown;
      const query = connection.query({
        sql,
        values: params as unknown[],
        rowsAsArray: true,
        timeout: timeoutSeconds * 1000 + CLIENT_TIMEOUT_MARGIN_MS,
      });
      query.on('result', (row) => {
        if (failure !== undefined) return;
        try {
          onRow(row as unknown as readonly unknown[]);
          count += 1;
        } catch (error) {
          // Stop reading: the rest of the result is of no use once a row could not be taken.
          failure = error;
          destroyed = true;
          connection.destroy();
          reject(error);
        }
      });
      query.on('error', (error) => {
        if (failure === undefined) {
          failure = error;
          reject(translateDriverError(source, endpoint.redacted, error));
        }
      });
      query.on('end', () => {
        if (failure === undefined) resolve(count);
      });
    });

  return {
    description: endpoint.redacted,
    async eachRow(sql, params, onRow) {
      try {
        prepared ??= prepare();
        await prepared;
      } catch (error) {
        throw translateDriverError(source, endpoint.redacted, error);
      }
      return stream(sql, params, onRow);
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (destroyed) resolve();
        else connection.end(() => resolve());
      }),
  };
}
