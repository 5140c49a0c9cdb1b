import { SOURCE_NAMES, type SourceName, type SourceSettings } from '../config/settings';
import { openMysqlPool } from './mysql-pool';
import type { SqlClient } from './sql-client';

/**
 * One client per source; sources that point at the same database (same URL and password)
 * share one pool.
 */
export function openSourceClients(settings: SourceSettings): { clients: Record<SourceName, SqlClient>; close(): Promise<void> } {
  const pools = new Map<string, SqlClient>();
  const clients = {} as Record<SourceName, SqlClient>;
  for (const source of SOURCE_NAMES) {
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
