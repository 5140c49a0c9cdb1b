import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import type mysql from 'mysql2/promise';
import { request } from './support/http-client';
import { scrape, SOURCES } from './support/scrape';
import { type RunningService, startService, waitFor } from './support/service-harness';
import { ThrowawayMariaDb } from './support/throwaway-mariadb';
import { endConnection } from '../support/test-database';

const CIGO_MILANO = { region: '03', office: '4900', benefit: 'cigo', cause: 'covid19' };
const SCHEMA = readFileSync(join(__dirname, '..', '..', 'schema', 'dasmo.sql'), 'utf8');
const HAND_MADE = readFileSync(join(__dirname, '..', 'fixtures', 'hand-made.sql'), 'utf8');

/** Loads the hand-made dataset under a scratch name, then moves it into `database` in one RENAME. */
async function publishDataset(server: ThrowawayMariaDb, database: string): Promise<void> {
  const staging = await server.admin(`${database}_staging`);
  try {
    await staging.query(`${SCHEMA}\n${HAND_MADE}`);
    await staging.query(`CREATE DATABASE IF NOT EXISTS \`${database}\``);
    await staging.query(
      ['dasmo_sedi', 'dasmo_domande', 'dasmo_sr41'].map((t) => `\`${database}_staging\`.${t} TO \`${database}\`.${t}`).join(', ').replace(/^/, 'RENAME TABLE '),
    );
  } finally {
    await endConnection(staging);
  }
}

describe('outages of a real MariaDB server (a throwaway mariadbd on its own port)', () => {
  let server: ThrowawayMariaDb;
  const services: RunningService[] = [];
  const stateDirs: string[] = [];

  const start = async (options: Parameters<typeof startService>[0]): Promise<RunningService> => {
    const running = await startService(options);
    services.push(running);
    return running;
  };

  const stateDir = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'dasmo-state-'));
    stateDirs.push(dir);
    return dir;
  };

  beforeAll(async () => {
    server = await ThrowawayMariaDb.create();
  });

  afterEach(async () => {
    await Promise.all(services.splice(0).map((running) => running.stop()));
  });

  afterAll(async () => {
    await server.destroy();
    for (const dir of stateDirs) rmSync(dir, { recursive: true, force: true });
  });

  it('should start with the database down, report it, and recover by itself when it returns', async () => {
    const running = await start({ databaseUrl: server.url('dasmo'), retryInitialMs: 100, retryMaxMs: 500 });
    await waitFor('a failed refresh', () => running.logs.events('refresh_failed').length > 0);
    const down = await scrape(running.url);
    expect(down.status).toBe(200);
    expect(down.parsed.endsWithEof).toBe(true);
    for (const source of SOURCES) {
      expect(down.value('dasmo_source_up', { source })).toBe(0);
      expect(down.value('dasmo_refresh_failures_total', { source })).toBeGreaterThanOrEqual(1);
      expect(down.value('dasmo_refresh_last_success_timestamp_seconds', { source })).toBe(0);
    }
    expect(down.value('dasmo_snapshot_series')).toBe(0);
    expect(down.value('dasmo_applications_received_total', CIGO_MILANO)).toBeUndefined();
    expect((await request(`${running.url}/-/ready`)).status).toBe(503);
    const failure = running.logs.events('source_failed')[0];
    expect(failure?.cause).toBe('connection');
    expect(String(failure?.error)).toContain('ECONNREFUSED');

    await server.start();
    await publishDataset(server, 'dasmo');
    await waitFor('readiness after the database returned', async () => (await request(`${running.url}/-/ready`)).status === 200);
    const up = await scrape(running.url);
    expect(up.value('dasmo_applications_received_total', CIGO_MILANO)).toBe(10);
    for (const source of SOURCES) expect(up.value('dasmo_source_up', { source })).toBe(1);
    expect(running.logs.events('refresh_end').at(-1)?.trigger).toBe('retry');
  });

  it('should serve the persisted snapshot after a restart during an outage', async () => {
    const dir = stateDir();
    const first = await start({ databaseUrl: server.url('dasmo'), stateDir: dir });
    expect((await first.service.refresh()).ok).toBe(true);
    const before = await scrape(first.url);
    await first.stop();
    services.splice(services.indexOf(first), 1);

    await server.stop();
    try {
      const second = await start({ databaseUrl: server.url('dasmo'), stateDir: dir, retryInitialMs: 60_000, retryMaxMs: 60_000 });
      expect((await request(`${second.url}/-/ready`)).status).toBe(200);
      await waitFor('the failed start-up refresh', () => second.logs.events('refresh_failed').length > 0);
      const after = await scrape(second.url);
      expect(after.snapshotText).toBe(before.snapshotText);
      expect(after.value('dasmo_applications_received_total', CIGO_MILANO)).toBe(10);
      for (const source of SOURCES) {
        expect(after.value('dasmo_source_up', { source })).toBe(0);
        expect(after.value('dasmo_refresh_last_success_timestamp_seconds', { source })).toBe(
          before.value('dasmo_refresh_last_success_timestamp_seconds', { source }),
        );
        // The per-region copies come back with the persisted snapshot's regions.
        expect(after.value('dasmo_region_source_up', { region: '03', source })).toBe(0);
        expect(after.value('dasmo_region_refresh_last_success_timestamp_seconds', { region: '03', source })).toBe(
          before.value('dasmo_refresh_last_success_timestamp_seconds', { source }),
        );
      }
      expect(after.value('dasmo_snapshot_series')).toBe(before.value('dasmo_snapshot_series'));
      expect(second.logs.events('state_loaded')).toHaveLength(1);
    } finally {
      await server.start();
    }
  });

  it('should keep serving the previous snapshot whole when the database is lost mid-refresh, then recover on retry', async () => {
    // mysql2 leaves the client-side timer of a query whose server died armed until it expires
    // (statement timeout + 5 s); a short statement timeout lets jest exit soon after.
    // The changed data drop Roma's applications, a fall the publishing guard would refuse (publishing-guard.test.ts).
    const running = await start({
      databaseUrl: server.url('dasmo'),
      env: { DASMO_STATEMENT_TIMEOUT_SECONDS: '1', DASMO_MAX_RECEIVED_DROP_PERCENT: '100' },
      retryInitialMs: 300,
      retryMaxMs: 1_000,
    });
    expect((await running.service.refresh()).ok).toBe(true);
    const before = await scrape(running.url);

    let admin: mysql.Connection = await server.admin('dasmo');
    // The next refresh changes the data and spends two seconds in dasmo_domande.
    await admin.query(
      "DELETE FROM dasmo_domande WHERE codice_sede = '7000';" +
        'RENAME TABLE dasmo_domande TO dasmo_domande_data;' +
        'CREATE VIEW dasmo_domande AS SELECT d.* FROM dasmo_domande_data d CROSS JOIN (SELECT SLEEP(2) AS pause) p;',
    );
    await endConnection(admin);
    const refreshing = running.service.refresh();
    await waitFor('the slow statement to run', async () => {
      const probe = await server.admin('dasmo');
      try {
        const [rows] = await probe.query<mysql.RowDataPacket[]>("SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE INFO LIKE '%dasmo_domande%' AND ID <> CONNECTION_ID()");
        return Number(rows[0]?.n) > 0;
      } finally {
        await endConnection(probe);
      }
    });
    await server.kill();
    const outcome = await refreshing;
    expect(outcome.ok).toBe(false);
    expect(outcome.sources.applications.ok).toBe(false);

    const during = await scrape(running.url);
    expect(during.snapshotText).toBe(before.snapshotText);
    expect(during.value('dasmo_source_up', { source: 'applications' })).toBe(0);
    expect(during.value('dasmo_refresh_failures_total', { source: 'applications' })).toBeGreaterThanOrEqual(1);

    await server.start();
    admin = await server.admin('dasmo');
    await admin.query('DROP VIEW dasmo_domande; RENAME TABLE dasmo_domande_data TO dasmo_domande;');
    await endConnection(admin);
    await waitFor('a successful retry', () => running.logs.events('refresh_end').some((entry) => entry.trigger === 'retry'));
    const after = await scrape(running.url);
    expect(after.value('dasmo_source_up', { source: 'applications' })).toBe(1);
    expect(after.value('dasmo_applications_received_total', { region: '12', office: '7000', benefit: 'aso', cause: 'covid19' })).toBeUndefined();
    expect(after.value('dasmo_applications_received_total', CIGO_MILANO)).toBe(10);
  });
});
