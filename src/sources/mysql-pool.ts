import mysql from 'mysql2/promise';
import { connectionOptions, type DatabaseEndpoint } from './database-url';
import { withDeadline } from './deadline';
import { CLIENT_TIMEOUT_MARGIN_MS, detectFlavour, enterReadOnlySession, type RunStatement, type ServerFlavour } from './read-only-session';
import type { SqlClient } from './sql-client';

export interface PoolSettings {
  readonly statementTimeoutSeconds: number;
  readonly poolSize: number;
}

/**
 * A small mysql2 pool whose every statement runs in a read-only session with a server-side
 * statement timeout (MariaDB `max_statement_time`, MySQL `max_execution_time`).
 */
export function openMysqlPool(endpoint: DatabaseEndpoint, settings: PoolSettings): SqlClient {
  const pool = mysql.createPool({
    ...connectionOptions(endpoint),
    connectionLimit: settings.poolSize,
    maxIdle: settings.poolSize,
    idleTimeout: 60_000,
    connectTimeout: 10_000,
    enableKeepAlive: true,
  });
  let flavour: Promise<ServerFlavour> | undefined;

  return {
    description: endpoint.redacted,
    async query<Row>(sql: string, params: readonly unknown[]): Promise<Row[]> {
      const connection = await pool.getConnection();
      const run: RunStatement = async (statement) => (await connection.query<mysql.RowDataPacket[]>(statement))[0];
      let healthy = false;
      try {
        if (flavour === undefined) flavour = detectFlavour(run);
        const kind = await flavour.catch((error: unknown) => {
          flavour = undefined;
          throw error;
        });
        await enterReadOnlySession(run, kind, settings.statementTimeoutSeconds);
        const [rows] = await withDeadline(
          connection.query({ sql, values: params as unknown[] }),
          settings.statementTimeoutSeconds * 1000 + CLIENT_TIMEOUT_MARGIN_MS,
        );
        healthy = true;
        return rows as Row[];
      } finally {
        // After any error (a client-side timeout above all) the session state is unknown.
        if (healthy) connection.release();
        else connection.destroy();
      }
    },
    async close(): Promise<void> {
      await pool.end();
    },
  };
}
