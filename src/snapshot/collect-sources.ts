import { contractProblem, contractProblemText } from '../sources/source-contract';
import { SourceError, translateDriverError } from '../sources/source-error';
import type { SqlClient } from '../sources/sql-client';
import type { ReferenceWindow } from '../time/reference-day';
import { type SourceData, sourceDefinition, SOURCE_NAMES, type SourceName } from './source-table';

type SourceClients = Readonly<Record<SourceName, SqlClient>>;

type SourceResult<T> =
  | { readonly ok: true; readonly value: T; readonly seconds: number; readonly rows: number }
  | { readonly ok: false; readonly error: SourceError; readonly seconds: number };

export type CollectedSources = { readonly [S in SourceName]: SourceResult<SourceData[S]> };

async function timed<T extends readonly unknown[]>(
  source: SourceName,
  client: SqlClient,
  read: () => Promise<T>,
): Promise<SourceResult<T>> {
  const started = process.hrtime.bigint();
  const seconds = (): number => Number(process.hrtime.bigint() - started) / 1e9;
  try {
    const value = await read();
    return { ok: true, value, seconds: seconds(), rows: value.length };
  } catch (error) {
    return { ok: false, error: translateDriverError(source, client.description, error), seconds: seconds() };
  }
}

/**
 * Refuses a relation whose columns have types the collectors cannot read right: the server
 * would convert their values silently into wrong figures. A missing relation or column is left
 * to the collector's query, whose driver error says which.
 */
async function checkColumnTypes(source: SourceName, client: SqlClient): Promise<void> {
  const problem = await contractProblem(client, sourceDefinition(source));
  if (problem?.kind === 'wrong_types') throw new SourceError(source, contractProblemText(problem), 'schema');
}

/**
 * Runs every source's collector concurrently (each on its own source). One failing source never
 * prevents the others from being read; the caller decides what a failure means.
 */
export async function collectSources(clients: SourceClients, window: ReferenceWindow): Promise<CollectedSources> {
  const results = await Promise.all(
    SOURCE_NAMES.map((source) =>
      timed(source, clients[source], async () => {
        await checkColumnTypes(source, clients[source]);
        return sourceDefinition(source).collect(clients[source], window);
      }),
    ),
  );
  return Object.fromEntries(SOURCE_NAMES.map((source, index) => [source, results[index]])) as unknown as CollectedSources;
}

/** The source data when every source was read, or the first failure (in the table's order). */
export function requireAll(collected: CollectedSources): SourceData {
  const data: Partial<Record<SourceName, readonly unknown[]>> = {};
  for (const source of SOURCE_NAMES) {
    const result: SourceResult<readonly unknown[]> = collected[source];
    if (!result.ok) throw result.error;
    data[source] = result.value;
  }
  return data as SourceData;
}
