/**
 * Issue 13, item 10: a collapsed source must not replace a good snapshot. The real service
 * (build threads, state directory) on a real MariaDB with the hand-made rows; the expected
 * totals are plain COUNT queries over those rows.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RowDataPacket } from 'mysql2/promise';
import { STATE_FILE_NAME } from '../../src/service/state-file';
import { loadHandMadeDataset } from '../support/hand-made';
import { runCli } from '../support/run-cli';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { request } from './support/http-client';
import { scrape } from './support/scrape';
import { HAND_MADE_DAY, type RunningService, startService, waitFor } from './support/service-harness';

/** E of the hand-made day: rows received before it count. */
const END = '2021-03-29 00:00:00';

/** The sum of one family's samples in an exposition. */
function total(text: string, name: string): number {
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

describe('publishing guard of the service (real MariaDB, real build threads)', () => {
  let db: TestDatabase;
  let stateDir: string;
  const services: RunningService[] = [];

  const start = async (env: Record<string, string> = {}): Promise<RunningService> => {
    const running = await startService({ databaseUrl: db.url, stateDir, env, retryInitialMs: 60_000, retryMaxMs: 60_000 });
    services.push(running);
    return running;
  };

  const stopAll = async (): Promise<void> => {
    await Promise.all(services.splice(0).map((running) => running.stop()));
  };

  const count = async (sql: string): Promise<number> => {
    const [rows] = await db.admin.query<RowDataPacket[]>(sql, [END]);
    return Number(rows[0]?.n);
  };

  const stateFile = (): Buffer => readFileSync(join(stateDir, STATE_FILE_NAME));

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  beforeEach(async () => {
    stateDir = mkdtempSync(join(tmpdir(), 'dasmo-guard-'));
    await db.admin.query('DELETE FROM dasmo_domande; DELETE FROM dasmo_sr41; DELETE FROM dasmo_sedi;');
    await loadHandMadeDataset(db);
  });

  afterEach(async () => {
    await stopAll();
    rmSync(stateDir, { recursive: true, force: true });
  });

  afterAll(async () => {
    await db.drop();
  });

  it('should keep the good snapshot and state file when three relations are emptied, across a restart, until an operator accepts the day', async () => {
    const applications = await count('SELECT COUNT(*) AS n FROM dasmo_domande WHERE data_presentazione < ?');
    const flows = await count('SELECT COUNT(*) AS n FROM dasmo_sr41 WHERE data_ricezione < ?');
    const first = await start();
    await waitFor('the start-up refresh', () => first.logs.events('refresh_end').length > 0);
    const good = await scrape(first.url);
    expect(total(good.snapshotText, 'dasmo_applications_received_total')).toBe(applications);
    expect(total(good.snapshotText, 'dasmo_sr41_flows_received_total')).toBe(flows);
    const goodState = stateFile();

    await db.admin.query('DELETE FROM dasmo_domande; DELETE FROM dasmo_sr41; DELETE FROM dasmo_sedi;');
    const refused = await first.service.refresh();
    expect(refused.ok).toBe(false);
    expect(refused.sources.applications).toMatchObject({
      ok: false,
      cause: 'refused',
      error: `applications source: national received applications fell from ${applications} to 0 (-100%), more than DASMO_MAX_RECEIVED_DROP_PERCENT (1%) allows`,
    });
    expect(refused.sources.sr41).toMatchObject({
      ok: false,
      cause: 'refused',
      error: `sr41 source: national received SR41 flows fell from ${flows} to 0 (-100%), more than DASMO_MAX_RECEIVED_DROP_PERCENT (1%) allows`,
    });
    // No application or flow is left, so an empty office list is no sign of collapse here.
    expect(refused.sources.offices.ok).toBe(true);
    const during = await scrape(first.url);
    expect(during.snapshotText).toBe(good.snapshotText);
    expect(during.value('dasmo_source_refused', { source: 'applications' })).toBe(1);
    expect(during.value('dasmo_source_refused', { source: 'sr41' })).toBe(1);
    expect(during.value('dasmo_source_refused', { source: 'offices' })).toBe(0);
    expect(during.value('dasmo_source_up', { source: 'applications' })).toBe(0);
    expect(during.value('dasmo_refresh_failures_total', { source: 'applications' })).toBe(1);
    expect(stateFile().equals(goodState)).toBe(true);
    const page = (await request(`${first.url}/`)).text;
    expect(page).toContain(`<tr><td>applications</td><td>refused: national received applications fell from ${applications} to 0 (-100%)`);
    await stopAll();

    const restarted = await start();
    await waitFor('the refused start-up refresh', () => restarted.logs.events('refresh_failed').length > 0);
    const afterRestart = await scrape(restarted.url);
    expect(afterRestart.snapshotText).toBe(good.snapshotText);
    expect(afterRestart.value('dasmo_source_refused', { source: 'applications' })).toBe(1);
    expect(restarted.logs.events('source_failed').map((entry) => [entry.source, entry.cause])).toEqual([
      ['applications', 'refused'],
      ['sr41', 'refused'],
    ]);
    expect(stateFile().equals(goodState)).toBe(true);
    await stopAll();

    const accepted = await start({ DASMO_ACCEPT_REFUSED_REFERENCE_DATE: HAND_MADE_DAY });
    await waitFor('the accepted start-up refresh', () => accepted.logs.events('refresh_end').length > 0);
    const published = await scrape(accepted.url);
    expect(total(published.snapshotText, 'dasmo_applications_received_total')).toBe(0);
    expect(published.value('dasmo_source_refused', { source: 'applications' })).toBe(0);
    expect(accepted.logs.events('refusal_accepted').map((entry) => entry.source)).toEqual(['applications', 'sr41']);
    expect(stateFile().equals(goodState)).toBe(false);
  });

  it('should refuse an empty dasmo_sedi while applications exist, with a critical self-metric, and publish once offices are back', async () => {
    const applications = await count('SELECT COUNT(*) AS n FROM dasmo_domande WHERE data_presentazione < ?');
    const flows = await count('SELECT COUNT(*) AS n FROM dasmo_sr41 WHERE data_ricezione < ?');
    const offices = await count('SELECT COUNT(*) AS n FROM dasmo_sedi WHERE ? IS NOT NULL');
    const running = await start();
    await waitFor('the start-up refresh', () => running.logs.events('refresh_end').length > 0);
    const good = await scrape(running.url);
    expect(total(good.snapshotText, 'dasmo_office_info')).toBe(offices);

    await db.admin.query('CREATE TABLE sedi_saved AS SELECT * FROM dasmo_sedi; DELETE FROM dasmo_sedi;');
    const refused = await running.service.refresh();
    expect(refused.ok).toBe(false);
    expect(refused.sources.offices).toMatchObject({
      ok: false,
      cause: 'refused',
      error: `offices source: dasmo_sedi lists no office while ${applications} applications and ${flows} SR41 flows exist`,
    });
    expect(refused.sources.applications.ok).toBe(true);
    const during = await scrape(running.url);
    expect(during.snapshotText).toBe(good.snapshotText);
    expect(during.snapshotText).not.toContain('region="unknown",office="4900"');
    expect(during.value('dasmo_source_refused', { source: 'offices' })).toBe(1);

    await db.admin.query('INSERT INTO dasmo_sedi SELECT * FROM sedi_saved; DROP TABLE sedi_saved;');
    expect((await running.service.refresh()).ok).toBe(true);
    expect((await scrape(running.url)).value('dasmo_source_refused', { source: 'offices' })).toBe(0);
  });

  it('should publish a fall within DASMO_MAX_RECEIVED_DROP_PERCENT and compare the next refresh with it', async () => {
    const applications = await count('SELECT COUNT(*) AS n FROM dasmo_domande WHERE data_presentazione < ?');
    // One row less is a fall of 100/applications percent: allowed at 50 %, a second one from the new total too.
    const running = await start({ DASMO_MAX_RECEIVED_DROP_PERCENT: '50' });
    await waitFor('the start-up refresh', () => running.logs.events('refresh_end').length > 0);
    await db.admin.query('DELETE FROM dasmo_domande WHERE id = 1');
    expect((await running.service.refresh()).ok).toBe(true);
    expect(total((await scrape(running.url)).snapshotText, 'dasmo_applications_received_total')).toBe(applications - 1);
    const remaining = applications - 1;
    const keep = Math.floor(remaining / 2) - 1; // below half of the new total: refused
    await db.admin.query(
      'DELETE FROM dasmo_domande WHERE data_presentazione < ? AND id NOT IN (SELECT id FROM (SELECT id FROM dasmo_domande WHERE data_presentazione < ? ORDER BY id LIMIT ?) kept)',
      [END, END, keep],
    );
    const refused = await running.service.refresh();
    expect(refused.sources.applications.error).toBe(
      `applications source: national received applications fell from ${remaining} to ${keep} (-${Number(((100 * (remaining - keep)) / remaining).toFixed(2))}%), ` +
        'more than DASMO_MAX_RECEIVED_DROP_PERCENT (50%) allows',
    );
  });

  it('should make snapshot refuse an empty dasmo_sedi while applications exist, unless the day is accepted', async () => {
    await db.admin.query('DELETE FROM dasmo_sedi');
    const applications = await count('SELECT COUNT(*) AS n FROM dasmo_domande WHERE data_presentazione < ?');
    const flows = await count('SELECT COUNT(*) AS n FROM dasmo_sr41 WHERE data_ricezione < ?');
    const env = { DASMO_DATABASE_URL: db.url };
    const [refused, accepted] = await Promise.all([
      runCli(['snapshot', '--reference-date', HAND_MADE_DAY], env),
      runCli(['snapshot', '--reference-date', HAND_MADE_DAY], { ...env, DASMO_ACCEPT_REFUSED_REFERENCE_DATE: HAND_MADE_DAY }),
    ]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toBe(
      `dasmo-exporter: offices source: dasmo_sedi lists no office while ${applications} applications and ${flows} SR41 flows exist ` +
        `(DASMO_ACCEPT_REFUSED_REFERENCE_DATE=${HAND_MADE_DAY} accepts it)\n`,
    );
    expect(accepted.code).toBe(0);
    expect(total(accepted.stdout, 'dasmo_applications_received_total')).toBe(applications);
  });
});
