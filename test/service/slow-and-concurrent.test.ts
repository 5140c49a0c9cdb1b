import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type mysql from 'mysql2/promise';
import { STATE_FILE_NAME } from '../../src/service/state-file';
import { loadHandMadeDataset } from '../support/hand-made';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
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

  it('should abort a statement slower than the timeout, count it, and stay responsive meanwhile', async () => {
    await db.admin.query(
      'RENAME TABLE dasmo_sedi TO dasmo_sedi_data;' +
        'CREATE VIEW dasmo_sedi AS SELECT d.* FROM dasmo_sedi_data d CROSS JOIN (SELECT SLEEP(4) AS pause) p;',
    );
    running = await startService({ databaseUrl: db.url, env: { DASMO_STATEMENT_TIMEOUT_SECONDS: '1' }, retryInitialMs: 60_000, retryMaxMs: 60_000 });
    const service = running;
    const started = Date.now();
    // While the start-up refresh waits on the slow view, the service answers at once.
    for (let i = 0; i < 5; i += 1) {
      const before = Date.now();
      const response = await scrape(service.url);
      expect(response.status).toBe(200);
      expect(Date.now() - before).toBeLessThan(1_000);
      expect((await request(`${service.url}/-/healthy`)).status).toBe(200);
    }
    await waitFor('the failed refresh', () => service.logs.events('refresh_failed').length > 0);
    expect(Date.now() - started).toBeLessThan(3_800);
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

    const deadline = Date.now() + 3_000;
    let refreshes = 0;
    const refresher = (async () => {
      while (Date.now() < deadline) {
        await toggle();
        const outcome = await service.service.refresh();
        expect(outcome.ok).toBe(true);
        refreshes += 1;
      }
    })();
    const seen = { a: 0, b: 0 };
    const scraper = async (gzip: boolean): Promise<void> => {
      while (Date.now() < deadline) {
        const response = await scrape(service.url, gzip ? { headers: { 'Accept-Encoding': 'gzip' } } : {});
        expect(response.status).toBe(200);
        expect(response.parsed.endsWithEof).toBe(true);
        expect(response.text.match(/^# EOF$/gm)).toHaveLength(1);
        if (response.snapshotText === stateA) seen.a += 1;
        else if (response.snapshotText === stateB) seen.b += 1;
        else throw new Error('a scrape returned a snapshot that is neither the old nor the new one');
      }
    };
    await Promise.all([refresher, ...[true, false, true, false, true, false].map(scraper)]);
    expect(refreshes).toBeGreaterThanOrEqual(5);
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
