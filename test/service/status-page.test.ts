/**
 * The status page `/` of a service that restarts on a persisted snapshot: until the first
 * refresh of the new process ends it must not call the sources down, and it says how old the
 * snapshot served is. The refresh is held up by a view that waits on a lock this test holds.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RowDataPacket } from 'mysql2/promise';
import { saveState } from '../../src/service/state-file';
import { loadHandMadeDataset } from '../support/hand-made';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { request } from './support/http-client';
import { type RunningService, startService, waitFor } from './support/service-harness';
import { HANG_CEILING_MS } from '../support/hang-ceiling';

/** When the persisted snapshot was built: 2021-03-28 06:30 in Rome (CET, UTC+1). */
const BUILT_AT = Date.UTC(2021, 2, 28, 5, 30, 0) / 1000;
/** The service's clock: 3 h 25 min 40 s after that. */
const NOW = new Date((BUILT_AT + 3 * 3600 + 25 * 60 + 40) * 1000);
/** A one-series snapshot of 2021-03-27 (midnight in Rome is 23:00 UTC the day before). */
const RESTORED_BODY = '# TYPE dasmo_snapshot_reference_date_seconds gauge\ndasmo_snapshot_reference_date_seconds 1616799600\n';


async function persistSnapshot(dir: string): Promise<void> {
  await saveState(
    dir,
    {
      referenceDay: '2021-03-27',
      timezone: 'Europe/Rome',
      seriesCount: 1,
      refreshedAt: BUILT_AT,
      lastSuccess: { applications: BUILT_AT, sr41: BUILT_AT, offices: BUILT_AT },
      totals: null,
      regions: [],
    },
    Buffer.from(RESTORED_BODY, 'utf8'),
  );
}

function row(source: string, lastRead: string, lastSuccess: string): string {
  return `<tr><td>${source}</td><td>${lastRead}</td><td>${lastSuccess}</td></tr>`;
}

describe('status page of a service restarted on a persisted snapshot', () => {
  let db: TestDatabase;
  let empty: TestDatabase;
  let stateDir: string;
  let running: RunningService | undefined;

  beforeAll(async () => {
    db = await createTestDatabase();
    await loadHandMadeDataset(db);
    empty = await createTestDatabase({ withSchema: false });
  });

  beforeEach(async () => {
    stateDir = mkdtempSync(join(tmpdir(), 'dasmo-status-page-'));
    await persistSnapshot(stateDir);
  });

  afterEach(async () => {
    await running?.stop();
    running = undefined;
    rmSync(stateDir, { recursive: true, force: true });
  });

  afterAll(async () => {
    await db.drop();
    await empty.drop();
  });

  it('should say "not yet refreshed since start" and the age of the snapshot while the first refresh runs, then "up"', async () => {
    const lock = `dasmo_status_page_${db.name}`;
    const [held] = await db.admin.query<RowDataPacket[]>('SELECT GET_LOCK(?, 0) AS held', [lock]);
    expect(Number(held[0]?.held)).toBe(1);
    await db.admin.query(
      `RENAME TABLE dasmo_sedi TO dasmo_sedi_data;
       CREATE VIEW dasmo_sedi AS SELECT d.* FROM dasmo_sedi_data d CROSS JOIN (SELECT GET_LOCK(${db.admin.escape(lock)}, 600) AS held) p;`,
    );
    try {
      running = await startService({ databaseUrl: db.url, stateDir, deps: { clock: () => NOW } });
      const service = running;
      await waitFor(
        'the startup refresh to wait on the lock',
        async () => {
          const [waiting] = await db.admin.query<RowDataPacket[]>(
            "SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE DB = ? AND STATE = 'User lock'",
            [db.name],
          );
          return Number(waiting[0]?.n) > 0;
        },
        HANG_CEILING_MS,
      );
      expect(service.logs.events('refresh_end')).toEqual([]);

      const before = await request(`${service.url}/`);
      expect(before.status).toBe(200);
      for (const source of ['applications', 'sr41', 'offices']) {
        expect(before.text).toContain(row(source, 'not yet refreshed since start', '2021-03-28T05:30:00.000Z'));
      }
      expect(before.text).toContain(
        '<p>Reference date: <strong>2021-03-27</strong> (Europe/Rome), 1 series, built 2021-03-28T05:30:00.000Z, 3 h 25 min ago.</p>',
      );
      expect(before.text).toContain('<p>Restored from the state directory: not yet refreshed since start.</p>');
      expect(before.text).not.toMatch(/<td>(up|down)<\/td>/);

      await db.admin.query('SELECT RELEASE_LOCK(?)', [lock]);
      await waitFor('the startup refresh to end', () => service.logs.events('refresh_end').length === 1, HANG_CEILING_MS);

      const after = await request(`${service.url}/`);
      for (const source of ['applications', 'sr41', 'offices']) {
        expect(after.text).toContain(row(source, 'up', '2021-03-28T08:55:40.000Z'));
      }
      expect(after.text).toContain('<p>Reference date: <strong>2021-03-28</strong> (Europe/Rome), ');
      expect(after.text).toContain(', built 2021-03-28T08:55:40.000Z, 0 s ago.</p>');
      expect(after.text).not.toContain('not yet refreshed');
    } finally {
      await db.admin.query('SELECT RELEASE_LOCK(?)', [lock]);
      await db.admin.query('DROP VIEW dasmo_sedi; RENAME TABLE dasmo_sedi_data TO dasmo_sedi;');
    }
  });

  it('should call a source down once a refresh of this process failed on it, and the others up', async () => {
    running = await startService({ databaseUrl: db.url, env: { DASMO_OFFICES_DATABASE_URL: empty.url }, stateDir, deps: { clock: () => NOW } });
    const service = running;
    await waitFor('the startup refresh to fail', () => service.logs.events('refresh_failed').length > 0, HANG_CEILING_MS);

    const page = await request(`${service.url}/`);
    expect(page.text).toContain(row('applications', 'up', '2021-03-28T08:55:40.000Z'));
    expect(page.text).toContain(row('sr41', 'up', '2021-03-28T08:55:40.000Z'));
    expect(page.text).toContain(row('offices', 'down', '2021-03-28T05:30:00.000Z'));
    // Still the restored snapshot, 3 h 25 min old: a failed refresh replaces nothing.
    expect(page.text).toContain('<p>Reference date: <strong>2021-03-27</strong> (Europe/Rome), 1 series, built 2021-03-28T05:30:00.000Z, 3 h 25 min ago.</p>');
    expect(page.text).not.toContain('not yet refreshed');
  });
});
