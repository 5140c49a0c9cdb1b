import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type mysql from 'mysql2/promise';
import { STATE_FILE_NAME } from '../../src/service/state-file';
import { loadHandMadeDataset } from '../support/hand-made';
import { createTestDatabase, endConnection, type TestDatabase } from '../support/test-database';
import { request } from './support/http-client';
import { scrape } from './support/scrape';
import { type RunningService, startService, waitFor } from './support/service-harness';

describe('slow statements, concurrent scrapes and a corrupt state file (real MariaDB)', () => {
  let db: TestDatabase;
  let running: RunningService | undefined;

  beforeEach(async () => {
    db = await createTestDatabase();
    await loadHandMadeDataset(db);
  });

  afterEach(async () => {
    await running?.stop();
    running = undefined;
    await db.drop();
  });

  it('should abort a statement slower than the timeout, count it, and leave nothing running on the server', async () => {
    // The view would sleep for ten minutes: only the server-side timeout can end the refresh
    // before the wait below gives up.
    await db.admin.query(
      'RENAME TABLE dasmo_sedi TO dasmo_sedi_data;' +
        'CREATE VIEW dasmo_sedi AS SELECT d.* FROM dasmo_sedi_data d CROSS JOIN (SELECT SLEEP(600) AS pause) p;',
    );
    running = await startService({ databaseUrl: db.url, env: { DASMO_STATEMENT_TIMEOUT_SECONDS: '1' }, retryInitialMs: 600_000, retryMaxMs: 600_000 });
    const service = running;
    await waitFor('the failed refresh', () => service.logs.events('refresh_failed').length > 0);
    const failure = service.logs.events('source_failed').find((entry) => entry.source === 'offices');
    expect(failure?.cause).toBe('timeout');
    const after = await scrape(service.url);
    expect(after.value('dasmo_source_up', { source: 'offices' })).toBe(0);
    expect(after.value('dasmo_refresh_failures_total', { source: 'offices' })).toBe(1);
    expect(after.value('dasmo_source_up', { source: 'applications' })).toBe(1);
    expect(after.value('dasmo_refresh_duration_seconds', { source: 'offices' })).toBeGreaterThanOrEqual(0.9);
    // The server really stopped the statement: nothing of this database is still running.
    const [rows] = await db.admin.query<mysql.RowDataPacket[]>(
      "SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE DB = ? AND COMMAND = 'Query' AND ID <> CONNECTION_ID()",
      [db.name],
    );
    expect(Number(rows[0]?.n)).toBe(0);
    expect((await request(`${service.url}/-/ready`)).status).toBe(503);
  });

  it('should answer scrapes and health checks while a refresh waits on the database', async () => {
    // The refresh reads a view that waits for a lock this test holds, so it is provably still
    // running while the scrapes below are answered.
    const holder = await db.connect();
    try {
      await holder.query("SELECT GET_LOCK('dasmo_test_hold_refresh', 0)");
      await db.admin.query(
        'RENAME TABLE dasmo_sedi TO dasmo_sedi_data;' +
          "CREATE VIEW dasmo_sedi AS SELECT d.* FROM dasmo_sedi_data d CROSS JOIN (SELECT GET_LOCK('dasmo_test_hold_refresh', 600) AS held) p;",
      );
      running = await startService({ databaseUrl: db.url });
      const service = running;
      await waitFor('the refresh to wait on the lock', async () => {
        const [rows] = await db.admin.query<mysql.RowDataPacket[]>(
          "SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE DB = ? AND STATE = 'User lock'",
          [db.name],
        );
        return Number(rows[0]?.n) > 0;
      });
      for (let i = 0; i < 5; i += 1) {
        expect((await scrape(service.url)).status).toBe(200);
        expect((await request(`${service.url}/-/healthy`)).status).toBe(200);
      }
      expect(service.logs.events('refresh_end')).toHaveLength(0);
      expect(service.logs.events('refresh_failed')).toHaveLength(0);
      await holder.query("SELECT RELEASE_LOCK('dasmo_test_hold_refresh')");
      await waitFor('the refresh to end once the lock is free', () => service.logs.events('refresh_end').length > 0);
      expect((await scrape(service.url)).value('dasmo_source_up', { source: 'offices' })).toBe(1);
    } finally {
      await endConnection(holder);
    }
  });

  it('should answer every concurrent scrape with one complete document, old or new, while refreshes replace it', async () => {
    running = await startService({ databaseUrl: db.url });
    const service = running;
    // Two states of the data: Roma's applications move to the Sesto agency and back.
    const toggle = (): Promise<unknown> =>
      db.admin.query("UPDATE dasmo_domande SET codice_sede = CASE codice_sede WHEN '7000' THEN '4901' WHEN '4901' THEN '7000' ELSE codice_sede END");
    expect((await service.service.refresh()).ok).toBe(true);
    const stateA = (await scrape(service.url)).snapshotText;
    await toggle();
    expect((await service.service.refresh()).ok).toBe(true);
    const stateB = (await scrape(service.url)).snapshotText;
    expect(stateB).not.toBe(stateA);
    expect(stateB).toContain('office="4901",benefit="aso"');
    expect(stateA).not.toContain('office="4901",benefit="aso"');

    // A fixed number of swaps, each one waiting until the state it replaced has been scraped,
    // so that both states are seen however fast or slow the machine is.
    const SWAPS = 6;
    let done = false;
    let scrapedSinceSwap = 0;
    const refresher = (async () => {
      try {
        for (let swap = 0; swap < SWAPS; swap += 1) {
          await waitFor('a scrape of the current snapshot', () => scrapedSinceSwap > 0);
          await toggle();
          scrapedSinceSwap = 0;
          const outcome = await service.service.refresh();
          expect(outcome.ok).toBe(true);
        }
      } finally {
        done = true;
      }
    })();
    const seen = { a: 0, b: 0 };
    const scraper = async (gzip: boolean): Promise<void> => {
      while (!done) {
        const response = await scrape(service.url, gzip ? { headers: { 'Accept-Encoding': 'gzip' } } : {});
        expect(response.status).toBe(200);
        expect(response.parsed.endsWithEof).toBe(true);
        expect(response.text.match(/^# EOF$/gm)).toHaveLength(1);
        if (response.snapshotText === stateA) seen.a += 1;
        else if (response.snapshotText === stateB) seen.b += 1;
        else throw new Error('a scrape returned a snapshot that is neither the old nor the new one');
        scrapedSinceSwap += 1;
      }
    };
    await Promise.all([refresher, ...[true, false, true, false, true, false].map(scraper)]);
    expect(seen.a).toBeGreaterThan(0);
    expect(seen.b).toBeGreaterThan(0);
  });

  it('should log and ignore a corrupt state file, then replace it with a good one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dasmo-state-'));
    try {
      writeFileSync(join(dir, STATE_FILE_NAME), '{"format":"dasmo-snapshot-state/1"}\nnot a snapshot\n');
      running = await startService({ databaseUrl: db.url, stateDir: dir });
      expect(running.logs.events('state_ignored')).toHaveLength(1);
      expect(running.logs.events('state_ignored')[0]?.level).toBe('warn');
      expect((await running.service.refresh()).ok).toBe(true);
      expect((await request(`${running.url}/-/ready`)).status).toBe(200);
      const saved = readFileSync(join(dir, STATE_FILE_NAME), 'utf8');
      expect(saved.split('\n', 1)[0]).toContain('"referenceDay":"2021-03-28"');
      expect(saved).toContain('dasmo_applications_received_total{');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
