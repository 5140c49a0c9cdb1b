import type { Connection } from 'mysql2/promise';
import type { OnProgress } from '../common/progress';
import { DatabaseEndpoint, parseDatabaseUrl } from '../sources/database-url';
import { translateDatabaseError } from '../sources/source-error';
import { InsertBuffer, ParallelWriter } from './bulk-writer';
import { openConnection, prepareSession, recreateTables } from './database';
import { Dataset } from './dataset';
import { DemoSize, validateOptions } from './options';
import { APPLICATION_COLUMNS, FLOW_COLUMNS, OFFICE_COLUMNS, applicationRow, flowRow, officeRow } from './rows';
import { at } from '../common/checked-index';

export type { DemoSize } from './options';

export interface DemoDataOptions {
  databaseUrl: string;
  size: DemoSize;
  seed: number;
  /** YYYY-MM-DD, the last day of data. */
  until: string;
  replace: boolean;
  /** Told how far the writing and indexing got (the CLI draws bars on a TTY). */
  onProgress?: OnProgress;
}

export interface DemoDataSummary {
  offices: number;
  applications: number;
  flows: number;
  seconds: number;
}

/** Rows per INSERT: a few hundred KB of SQL, well under the default max_allowed_packet. */
const CHUNK_ROWS = 4000;
/** Two writers: the server inserts one chunk while Node builds the next (two cores). */
const CONNECTIONS = 2;

/**
 * Fills dasmo_sedi, dasmo_domande and dasmo_sr41 with a synthetic but realistic dataset,
 * the same for the same (seed, size, until).
 */
export async function writeDemoData(options: DemoDataOptions): Promise<DemoDataSummary> {
  const startedAt = Date.now();
  const spec = validateOptions(options.size, options.seed, options.until);
  const endpoint = parseDatabaseUrl(options.databaseUrl, 'DASMO_DATABASE_URL');
  const connections: Connection[] = [];
  try {
    const first = await openConnection(endpoint);
    connections.push(first);
    const tables = await step(endpoint, 'preparing the tables in', () =>
      recreateTables(first, endpoint, options.replace),
    );
    while (connections.length < CONNECTIONS) connections.push(await openConnection(endpoint));
    const counts = await step(endpoint, 'writing demo data to', async () => {
      for (const connection of connections) await prepareSession(connection);
      const dataset = new Dataset({ seed: spec.seed, applications: spec.applications, lastDay: spec.lastDay });
      return load(connections, dataset, options.onProgress);
    });
    await step(endpoint, 'indexing demo data in', () => addIndexes(connections, tables, options.onProgress));
    return { ...counts, seconds: (Date.now() - startedAt) / 1000 };
  } finally {
    await Promise.all(connections.map((connection) => connection.end().catch(() => undefined)));
  }
}

async function step<T>(endpoint: DatabaseEndpoint, doing: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw translateDatabaseError(doing, endpoint.redacted, error);
  }
}

/** The deferred secondary indexes, one table per connection at a time. */
async function addIndexes(
  connections: Connection[],
  tables: ReadonlyArray<{ addIndexes: string | null }>,
  onProgress: OnProgress | undefined,
): Promise<void> {
  const statements = tables.flatMap((t) => (t.addIndexes === null ? [] : [t.addIndexes]));
  const bar = onProgress?.('indexes  ', statements.length);
  bar?.advance(0);
  await Promise.all(
    statements.map(async (sql, i) => {
      await at(connections, i % connections.length).query(sql);
      bar?.advance();
    }),
  );
  bar?.finish();
}

async function load(
  connections: Connection[],
  dataset: Dataset,
  onProgress: OnProgress | undefined,
): Promise<Omit<DemoDataSummary, 'seconds'>> {
  const writer = new ParallelWriter(connections);
  const offices = new InsertBuffer(writer, 'dasmo_sedi', OFFICE_COLUMNS, CHUNK_ROWS);
  const applications = new InsertBuffer(writer, 'dasmo_domande', APPLICATION_COLUMNS, CHUNK_ROWS);
  const flows = new InsertBuffer(writer, 'dasmo_sr41', FLOW_COLUMNS, CHUNK_ROWS);
  const bar = onProgress?.('demo-data', dataset.spec.applications);

  for (const office of dataset.offices) offices.push(officeRow(office));
  await offices.flush();
  let applicationCount = 0;
  let flowCount = 0;
  const days = dataset.days;
  for (const batch of dataset.batches()) {
    for (const app of batch.applications) {
      if (applications.push(applicationRow(app, days))) await applications.flush();
    }
    for (const flow of batch.flows) {
      if (flows.push(flowRow(flow, days))) await flows.flush();
    }
    applicationCount += batch.applications.length;
    flowCount += batch.flows.length;
    bar?.advance(batch.applications.length);
  }
  await applications.flush();
  await flows.flush();
  await writer.drain();
  bar?.finish();
  return { offices: dataset.offices.length, applications: applicationCount, flows: flowCount };
}
