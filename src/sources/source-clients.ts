import type { DatabaseEndpoint } from './database-url';
import { openMysqlPool, type PoolSettings } from './mysql-pool';
import type { SqlClient } from './sql-client';

/** Where each source's database is, and how its pools behave. */
interface SourceEndpoints<Name extends string> extends PoolSettings {
  readonly sources: Readonly<Record<Name, DatabaseEndpoint>>;
}

/**
 * One client per source; sources that point at the same database (same URL and password)
 * share one pool.
 */
export function openSourceClients<Name extends string>(
  settings: SourceEndpoints<Name>,
): { clients: Record<Name, SqlClient>; close(): Promise<void> } {
  const pools = new Map<string, SqlClient>();
  const clients = {} as Record<Name, SqlClient>;
  for (const source of Object.keys(settings.sources) as Name[]) {
    const endpoint = settings.sources[source];
    const key = `${endpoint.redacted}\u0000${endpoint.password}`;
    let pool = pools.get(key);
    if (pool === undefined) {
      pool = openMysqlPool(endpoint, settings);
      pools.set(key, pool);
    }
    clients[source] = pool;
  }
  return {
    clients,
    async close() {
      await Promise.all([...pools.values()].map((pool) => pool.close()));
    },
  };
}
