import mysql, { Connection } from 'mysql2/promise';
import { UserError } from '../common/user-error';
import { DatabaseEndpoint, connectionOptions } from '../sources/database-url';
import { translateDatabaseError } from '../sources/source-error';
import { TABLES, deferSecondaryIndexes, readSchema } from './schema';

function isBadDatabase(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'ER_BAD_DB_ERROR';
}

/**
 * A read-write connection for loading. A missing database is created (it only holds demo
 * data); an unreachable server or refused login is a DatabaseError.
 */
export async function openConnection(endpoint: DatabaseEndpoint): Promise<Connection> {
  const options = { ...connectionOptions(endpoint), connectTimeout: 10000 };
  try {
    return await mysql.createConnection(options);
  } catch (error) {
    if (!isBadDatabase(error)) throw translateDatabaseError('connecting to', endpoint.redacted, error);
  }
  try {
    const server = await mysql.createConnection({ ...options, database: undefined });
    await server.query(`CREATE DATABASE IF NOT EXISTS ${mysql.escapeId(endpoint.database)} CHARACTER SET utf8mb4`);
    await server.end();
    return await mysql.createConnection(options);
  } catch (error) {
    throw translateDatabaseError('creating the database', endpoint.redacted, error);
  }
}

/** Session settings that speed up bulk loading without touching server-wide settings. */
export async function prepareSession(connection: Connection): Promise<void> {
  await connection.query('SET SESSION unique_checks = 0, foreign_key_checks = 0');
}

/**
 * Which of the three tables hold rows. A view among them is an error: it is a deployment's
 * real source, never ours to write over.
 */
async function tablesWithRows(connection: Connection, endpoint: DatabaseEndpoint): Promise<string[]> {
  const [existing] = await connection.query<mysql.RowDataPacket[]>(
    'SELECT TABLE_NAME AS name, TABLE_TYPE AS type FROM information_schema.TABLES ' +
      'WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME IN (?)',
    [[...TABLES]],
  );
  const withRows: string[] = [];
  for (const row of existing) {
    const name = String(row.name);
    if (row.type !== 'BASE TABLE') {
      throw new UserError(`${name} in ${endpoint.redacted} is a view, not a table: demo data is never written over it`);
    }
    const [rows] = await connection.query<mysql.RowDataPacket[]>(`SELECT 1 FROM ${mysql.escapeId(name)} LIMIT 1`);
    if (rows.length > 0) withRows.push(name);
  }
  return withRows.sort();
}

/** Which of the three tables in the database of `endpoint` hold rows (creating a missing database). */
export async function tablesHoldingData(endpoint: DatabaseEndpoint): Promise<string[]> {
  const connection = await openConnection(endpoint);
  try {
    return await tablesWithRows(connection, endpoint);
  } catch (error) {
    throw translateDatabaseError('inspecting', endpoint.redacted, error);
  } finally {
    await connection.end().catch(() => undefined);
  }
}

/**
 * Makes sure the three tables can be (re)written: refuses if any of them holds rows and
 * `replace` is false, or if any of them is a view. Then drops them and creates them from
 * schema/dasmo.sql without secondary indexes.
 */
export async function recreateTables(
  connection: Connection,
  endpoint: DatabaseEndpoint,
  replace: boolean,
): Promise<Array<{ table: string; addIndexes: string | null }>> {
  const withRows = await tablesWithRows(connection, endpoint);
  if (withRows.length > 0 && !replace) {
    throw new UserError(
      `${endpoint.redacted} already holds data in ${withRows.join(', ')}; use --replace to drop it and write demo data`,
    );
  }
  const tables = deferSecondaryIndexes(readSchema());
  await connection.query(`DROP TABLE IF EXISTS ${TABLES.map((t) => mysql.escapeId(t)).join(', ')}`);
  for (const { create } of tables) await connection.query(create);
  return tables.map(({ table, addIndexes }) => ({ table, addIndexes }));
}
