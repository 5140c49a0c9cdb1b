import { spawn } from 'node:child_process';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import type { DemoSize } from '../src/demo/write-demo-data';
import { timeSeconds } from './stats';

export const SERVER_URL = process.env.DASMO_BENCH_SERVER_URL ?? 'mysql://root@127.0.0.1:3306';
export const UNTIL = '2026-11-21';
export const REFERENCE_DAY = UNTIL;
const SEED = 1;

export function databaseUrl(name: string): string {
  return `${SERVER_URL}/${name}`;
}

export async function adminQuery(sql: string): Promise<void> {
  const connection = await mysql.createConnection({ uri: SERVER_URL, multipleStatements: true });
  try {
    await connection.query(sql);
  } finally {
    await connection.end();
  }
}

export async function rowCount(database: string, relation: string): Promise<number> {
  const connection = await mysql.createConnection({ uri: SERVER_URL });
  try {
    const [rows] = await connection.query<mysql.RowDataPacket[]>(
      `SELECT COUNT(*) AS n FROM ${mysql.escapeId(database)}.${mysql.escapeId(relation)}`,
    );
    return Number(rows[0]?.n ?? 0);
  } catch {
    return 0;
  } finally {
    await connection.end();
  }
}

const BIN = join(__dirname, '..', '..', 'bin', 'dasmo-exporter.js');

/** Runs `dasmo-exporter demo-data` as a user would, into `database` (dasmo_bench_<size>); returns its wall time. */
export async function generate(size: DemoSize, database = `dasmo_bench_${size}`, until = UNTIL): Promise<{ database: string; seconds: number }> {
  await adminQuery(`DROP DATABASE IF EXISTS ${database}; CREATE DATABASE ${database} CHARACTER SET utf8mb4`);
  const seconds = await timeSeconds(
    () =>
      new Promise<void>((resolve, reject) => {
        const child = spawn(process.execPath, [BIN, 'demo-data', '--size', size, '--seed', String(SEED), '--until', until], {
          env: { ...process.env, DASMO_DATABASE_URL: databaseUrl(database) },
          stdio: ['ignore', 'ignore', 'inherit'],
        });
        child.on('error', reject);
        child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`demo-data exited with ${code}`))));
      }),
  );
  return { database, seconds };
}

/**
 * A copy of `source` with the same pending set and twice the history: every application
 * decided and every flow closed before the reference day is inserted a second time.
 */
export async function doubleHistory(source: string, target: string): Promise<void> {
  const end = `'2026-11-22 00:00:00'`;
  await adminQuery(`
    DROP DATABASE IF EXISTS ${target};
    CREATE DATABASE ${target} CHARACTER SET utf8mb4;
    CREATE TABLE ${target}.dasmo_sedi LIKE ${source}.dasmo_sedi;
    CREATE TABLE ${target}.dasmo_domande LIKE ${source}.dasmo_domande;
    CREATE TABLE ${target}.dasmo_sr41 LIKE ${source}.dasmo_sr41;
    INSERT INTO ${target}.dasmo_sedi SELECT * FROM ${source}.dasmo_sedi;
    INSERT INTO ${target}.dasmo_domande SELECT * FROM ${source}.dasmo_domande;
    INSERT INTO ${target}.dasmo_domande
      SELECT id + 1000000000, codice_sede, prestazione, plurilocalizzata, causale, data_presentazione,
             data_istruttoria, data_definizione, esito, lavoratori
      FROM ${source}.dasmo_domande WHERE data_definizione < ${end};
    INSERT INTO ${target}.dasmo_sr41 SELECT * FROM ${source}.dasmo_sr41;
    INSERT INTO ${target}.dasmo_sr41
      SELECT id + 1000000000, codice_sede, prestazione, plurilocalizzata, causale, canale, data_ricezione,
             data_liquidazione, data_esito, esito, lavoratori, importo
      FROM ${source}.dasmo_sr41 WHERE data_esito < ${end};
    ANALYZE TABLE ${target}.dasmo_domande, ${target}.dasmo_sr41;`);
}
