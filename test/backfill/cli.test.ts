import { backfillInProcess } from '../support/backfill-in-process';
import { createTestDatabase } from '../support/test-database';

/*
 * The backfill command's refusals: one line on stderr, no stack trace, exit 2, and nothing
 * read from the (unreachable) database.
 */
const ENV = { DASMO_DATABASE_URL: 'mysql://dasmo:sekret-pw@127.0.0.1:1/nothing', DASMO_TIMEZONE: 'Europe/Rome' };

function run(args: readonly string[], env: Record<string, string> = ENV): Promise<{ code: number; stderr: string }> {
  return backfillInProcess(args, env);
}

function tomorrow(): string {
  return new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
}

describe('dasmo-exporter backfill refusals', () => {
  it('should add one stdout error listener however often main runs in one process (no MaxListeners warning on stderr)', async () => {
    const before = process.stdout.listenerCount('error');
    for (let i = 0; i < 12; i += 1) await run(['--from', '2021-03-02', '--to', '2021-03-01', '--out', '-']);
    expect(process.stdout.listenerCount('error') - before).toBeLessThanOrEqual(1);
  });


  it.each([
    [['--from', '2021-03-02', '--to', '2021-03-01', '--out', '-'], /--from 2021-03-02 is after --to 2021-03-01/],
    [['--from', '2021-03-01', '--to', tomorrow(), '--out', '-'], /--to \d{4}-\d\d-\d\d is after yesterday \(\d{4}-\d\d-\d\d in Europe\/Rome\)/],
    [['--from', '2021-13-01', '--to', '2021-12-31', '--out', '-'], /--from must be a calendar date YYYY-MM-DD, got "2021-13-01"/],
    [['--from', '2021-03-01', '--to', 'yesterday', '--out', '-'], /--to must be a calendar date/],
    [['--from', '2021-03-01', '--to', '2021-03-31', '--out', '-', '--stamp-time', '25:00'], /--stamp-time must be a time of day HH:MM/],
    [['--from', '2021-03-01', '--to', '2021-03-31', '--out', '/nonexistent-dir/history.om'], /cannot write --out \/nonexistent-dir\/history\.om: ENOENT/],
    [['--from', '2021-03-01', '--to', '2021-03-31'], /give either --out FILE .* or --import-url URL .*, not both or neither/],
    [['--from', '2021-03-01', '--to', '2021-03-31', '--out', '-', '--import-url', 'http://127.0.0.1:1/api/v1/import/prometheus'], /give either --out FILE/],
    [['--from', '2021-03-01', '--to', '2021-03-31', '--import-url', 'victoriametrics:8428'], /--import-url must be an http:\/\/ or https:\/\/ URL, not victoriametrics:\/\//],
    [['--from', '2021-03-01', '--to', '2021-03-31', '--import-url', 'not a url'], /--import-url must be an http:\/\/ or https:\/\/ URL, got "not a url"/],
    [['--from', '2021-03-01', '--to', '2021-03-31', '--import-url', 'http://127.0.0.1:1'], /--import-url needs the import path, e\.g\. http:\/\/127\.0\.0\.1:1\/api\/v1\/import\/prometheus/],
    [['--from', '2021-03-01', '--to', '2021-03-31', '--import-url', 'http://vm:sekret-pw@127.0.0.1:1/api/v1/import/prometheus'], /--import-url must not hold credentials: set DASMO_IMPORT_USERNAME/],
  ])('should refuse %j with one line and exit 2', async (args, message) => {
    const result = await run(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stderr).not.toContain('sekret-pw');
  });

  it('should ask for --stamp-time when DASMO_REFRESH_SCHEDULE is not a simple daily schedule', async () => {
    const result = await run(['--from', '2021-03-01', '--to', '2021-03-31', '--out', '-'], { ...ENV, DASMO_REFRESH_SCHEDULE: '30 6 * * 1-5' });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^dasmo-exporter: DASMO_REFRESH_SCHEDULE "30 6 \* \* 1-5" is not a simple daily schedule .*--stamp-time HH:MM\n$/);
  });

  it('should report an unreachable source as one line and exit 1', async () => {
    const result = await run(['--from', '2021-03-01', '--to', '2021-03-31', '--out', '-']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^dasmo-exporter: (offices|applications|sr41) source: cannot connect to mysql:\/\/dasmo:\*\*\*@127\.0\.0\.1:1\/nothing/);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).not.toContain('sekret-pw');
  });

  it('should name a source relation that does not match the contract, in one line', async () => {
    const db = await createTestDatabase({ withSchema: false });
    try {
      await db.admin.query('CREATE TABLE dasmo_sedi (codice_sede CHAR(4), denominazione TEXT, codice_regione CHAR(2), regione TEXT, tipo_sede TEXT)');
      const result = await run(['--from', '2021-03-01', '--to', '2021-03-31', '--out', '-'], { DASMO_DATABASE_URL: db.url });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^dasmo-exporter: (applications|sr41) source: .* does not match the source contract: .*doesn't exist\n$/);
    } finally {
      await db.drop();
    }
  });
});
