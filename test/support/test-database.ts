import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { HANG_CEILING_MS } from './hang-ceiling';

/** The server the tests use; override with DASMO_TEST_SERVER_URL (no database in the path). */
export const TEST_SERVER_URL = process.env.DASMO_TEST_SERVER_URL ?? 'mysql://root@127.0.0.1:3306';

/** How long a server may take to close a connection we ended: a ceiling that only catches a hang. */

/**
 * Ends a connection and waits until the server has closed its socket. `end()` resolves once
 * the quit packet is queued; the socket closes only when the server answers, and a socket
 * still closing when a test file ends keeps its jest worker alive (and force-exited).
 */
export async function endConnection(connection: mysql.Connection): Promise<void> {
  let ceiling: NodeJS.Timeout | undefined;
  const closed = new Promise<void>((resolve) => {
    connection.once('end', () => resolve());
    connection.once('error', () => resolve());
    ceiling = setTimeout(() => {
      connection.destroy();
      resolve();
    }, HANG_CEILING_MS);
  });
  try {
    await connection.end();
    await closed;
  } finally {
    clearTimeout(ceiling);
  }
}

/** A throwaway database on the test server, created for one test file and dropped after it. */
export interface TestDatabase {
  readonly name: string;
  /** `mysql://...@host:port/<name>` for DASMO_DATABASE_URL. */
  readonly url: string;
  /** An admin connection to this database (multipleStatements on), for fixtures. */
  readonly admin: mysql.Connection;
  /** Another connection to this database, for a test that needs a second session (locks). */
  connect(): Promise<mysql.Connection>;
  drop(): Promise<void>;
}

export async function createTestDatabase(options: { withSchema?: boolean } = {}): Promise<TestDatabase> {
  const name = `dasmo_test_${randomBytes(6).toString('hex')}`;
  let admin: mysql.Connection;
  try {
    admin = await mysql.createConnection({ uri: TEST_SERVER_URL, multipleStatements: true, dateStrings: true });
  } catch (error) {
    throw new Error(
      `cannot reach MariaDB at ${TEST_SERVER_URL} (${(error as Error).message}); ` +
        'install and start it with: apt-get install -y mariadb-server && ' +
        'start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd',
    );
  }
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4`);
  await admin.query(`USE \`${name}\``);
  if (options.withSchema ?? true) {
    await admin.query(readFileSync(join(__dirname, '..', '..', 'schema', 'dasmo.sql'), 'utf8'));
  }
  const url = `${TEST_SERVER_URL.replace(/\/$/, '')}/${name}`;
  return {
    name,
    url,
    admin,
    connect: () => mysql.createConnection({ uri: url, multipleStatements: true, dateStrings: true }),
    async drop() {
      await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await endConnection(admin);
    },
  };
}
