import { spawn } from 'node:child_process';
import mysql from 'mysql2';
import { APPLICATIONS_SQL } from '../src/collectors/applications';
import { OFFICES_SQL } from '../src/collectors/offices';
import { SR41_SQL } from '../src/collectors/sr41';
import { sourceSettingsFromEnv } from '../src/config/settings';
import { startBuildThread } from '../src/service/snapshot-build-thread';
import { DEFAULT_BUILD_MEMORY_LIMIT_MB } from '../src/service/service-settings';
import { referenceWindow } from '../src/time/reference-day';
import { REFERENCE_DAY, SERVER_URL } from './databases';
import { median, timeSeconds } from './stats';

export interface RefreshFigures {
  /**
   * Median over the runs: a refresh as the service runs it, in its build thread (thread start,
   * the three collectors concurrently, build, render, gzip, hash, hand-over).
   */
  readonly exporterSeconds: number;
  /** Median over the runs: the same three statements run concurrently by the mariadb client. */
  readonly directSeconds: number;
  readonly overheadRatio: number;
  readonly series: number;
  readonly bytes: number;
  readonly runs: number;
}

function window() {
  return referenceWindow(REFERENCE_DAY, 'Europe/Rome');
}

/** The exact statements the exporter sends, with the reference bounds filled in. */
function boundStatements(): string[] {
  const { endExclusive, day, futureFrom } = window();
  return [
    mysql.format(APPLICATIONS_SQL, [endExclusive, day, futureFrom]),
    mysql.format(SR41_SQL, [endExclusive, day, futureFrom]),
    OFFICES_SQL,
  ];
}

function runClient(database: string, sql: string): Promise<void> {
  const url = new URL(SERVER_URL);
  return new Promise((resolve, reject) => {
    const child = spawn(
      'mariadb',
      ['--protocol=tcp', '-h', url.hostname, '-P', url.port || '3306', '-u', decodeURIComponent(url.username || 'root'), '--batch', '--skip-column-names', database],
      { stdio: ['pipe', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`mariadb exited ${code}: ${stderr.trim()}`))));
    child.stdin.end(`${sql};\n`);
  });
}

export async function measureRefresh(database: string, runs: number): Promise<RefreshFigures> {
  const settings = sourceSettingsFromEnv({ DASMO_DATABASE_URL: `${SERVER_URL}/${database}` });
  const refresh = async (): Promise<{ series: number; bytes: number }> => {
    const reply = await startBuildThread({ settings, referenceDay: REFERENCE_DAY }, { memoryLimitMb: DEFAULT_BUILD_MEMORY_LIMIT_MB }).reply;
    if (reply.snapshot === undefined) throw new Error(`the refresh of ${database} failed: ${JSON.stringify(reply.sources)}`);
    return { series: reply.snapshot.seriesCount, bytes: reply.snapshot.body.length };
  };
  const exporter: number[] = [];
  const direct: number[] = [];
  let built = { series: 0, bytes: 0 };
  // One warm-up of each, so that both read a warm buffer pool.
  await refresh();
  await Promise.all(boundStatements().map((sql) => runClient(database, sql)));
  for (let run = 0; run < runs; run += 1) {
    exporter.push(
      await timeSeconds(async () => {
        built = await refresh();
      }),
    );
    direct.push(await timeSeconds(() => Promise.all(boundStatements().map((sql) => runClient(database, sql)))));
  }
  const exporterSeconds = median(exporter);
  const directSeconds = median(direct);
  return { exporterSeconds, directSeconds, overheadRatio: exporterSeconds / directSeconds, series: built.series, bytes: built.bytes, runs };
}

export async function explain(database: string): Promise<Array<Record<string, unknown>>> {
  const connection = mysql.createConnection({ uri: `${SERVER_URL}/${database}` }).promise();
  try {
    const plans: Array<Record<string, unknown>> = [];
    for (const sql of boundStatements().slice(0, 2)) {
      const [rows] = await connection.query<mysql.RowDataPacket[]>(`EXPLAIN ${sql}`);
      plans.push(...rows.filter((row) => row.table === 't').map((row) => ({ ...row })));
    }
    return plans;
  } finally {
    await connection.end();
  }
}
