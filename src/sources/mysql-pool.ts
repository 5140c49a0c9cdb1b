import mysql from 'mysql2/promise';
import { connectionOptions, type DatabaseEndpoint } from './database-url';
import { withDeadline } from './deadline';
import type { SqlClient } from './sql-client';

export interface PoolSettings {
  readonly statementTimeoutSeconds: number;
  readonly poolSize: number;
}

/** mysql2's client-side timeout fires this much after the server-side one, as a backstop. */
const CLIENT_TIMEOUT_MARGIN_MS = 5_000;

type ServerFlavour = 'mariadb' | 'mysql';

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

  const detectFlavour = async (connection: mysql.PoolConnection): Promise<ServerFlavour> => {
    const [rows] = await connection.query<mysql.RowDataPacket[]>('SELECT VERSION() AS version');
    return /mariadb/i.test(String(rows[0]?.version ?? '')) ? 'mariadb' : 'mysql';
  };

  const timeoutStatement = (kind: ServerFlavour): string =>
    kind === 'mariadb'
      ? `SET SESSION max_statement_time = ${settings.statementTimeoutSeconds}`
      : `SET SESSION max_execution_time = ${settings.statementTimeoutSeconds * 1000}`;

  return {
    description: endpoint.redacted,
    async query<Row>(sql: string, params: readonly unknown[]): Promise<Row[]> {
      const connection = await pool.getConnection();
      let healthy = false;
      try {
        if (flavour === undefined) flavour = detectFlavour(connection);
        const kind = await flavour.catch((error: unknown) => {
          flavour = undefined;
          throw error;
        });
        await connection.query('SET SESSION TRANSACTION READ ONLY');
        await connection.query(timeoutStatement(kind));
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
