import { type SourceName } from '../config/settings';
import { collectApplications } from '../collectors/applications';
import { collectOffices } from '../collectors/offices';
import { collectFlows } from '../collectors/sr41';
import { type SourceError, translateDriverError } from '../sources/source-error';
import type { SqlClient } from '../sources/sql-client';
import type { ReferenceWindow } from '../time/reference-day';
import type { SourceData } from './build-snapshot';

export type SourceClients = Readonly<Record<SourceName, SqlClient>>;

export type SourceResult<T> =
  | { readonly ok: true; readonly value: T; readonly seconds: number; readonly rows: number }
  | { readonly ok: false; readonly error: SourceError; readonly seconds: number };

export interface CollectedSources {
  readonly offices: SourceResult<SourceData['offices']>;
  readonly applications: SourceResult<SourceData['applications']>;
  readonly sr41: SourceResult<SourceData['flows']>;
}

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
 * Runs the three collectors concurrently (each on its own source). One failing source never
 * prevents the others from being read; the caller decides what a failure means.
 */
export async function collectSources(clients: SourceClients, window: ReferenceWindow): Promise<CollectedSources> {
  const [offices, applications, sr41] = await Promise.all([
    timed('offices', clients.offices, () => collectOffices(clients.offices)),
    timed('applications', clients.applications, () => collectApplications(clients.applications, window)),
    timed('sr41', clients.sr41, () => collectFlows(clients.sr41, window)),
  ]);
  return { offices, applications, sr41 };
}

/** The source data when every source was read, or the first failure. */
export function requireAll(collected: CollectedSources): SourceData {
  if (!collected.offices.ok) throw collected.offices.error;
  if (!collected.applications.ok) throw collected.applications.error;
  if (!collected.sr41.ok) throw collected.sr41.error;
  return { offices: collected.offices.value, applications: collected.applications.value, flows: collected.sr41.value };
}
