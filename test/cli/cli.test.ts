import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadHandMadeDataset } from '../support/hand-made';
import { parseOpenMetrics, seriesKey } from '../support/parse-openmetrics';
import { runCli } from '../support/run-cli';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const UNREACHABLE = 'mysql://dasmo:sekret-pw@127.0.0.1:1/nothing';

function expectOneCleanLine(stderr: string): void {
  const lines = stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at /);
  expect(stderr).not.toContain('sekret-pw');
}

beforeAll(() => {
  if (!existsSync(join(__dirname, '..', '..', 'dist', 'cli', 'main.js'))) {
    throw new Error('dist/ is missing: run `npm run build` (npm test does it before jest)');
  }
});

describe('dasmo-exporter arguments', () => {
  it('should print help listing the commands and the environment', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    for (const word of ['snapshot', 'check-config', 'demo-data', 'DASMO_DATABASE_URL', 'DASMO_TIMEZONE']) {
      expect(result.stdout).toContain(word);
    }
  });

  it.each([
    [['no-such-command']],
    [['snapshot', '--no-such-flag']],
    [['demo-data', '--size', 'huge']],
    [['demo-data', '--if-empty', '--replace']],
  ])('should refuse %j with one line and exit 2', async (args) => {
    const result = await runCli(args, { DASMO_DATABASE_URL: UNREACHABLE });
    expect(result.code).toBe(2);
    expectOneCleanLine(result.stderr);
  });

  it('should refuse a bad reference date', async () => {
    const result = await runCli(['snapshot', '--reference-date', '2021-02-30'], { DASMO_DATABASE_URL: UNREACHABLE });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--reference-date must be a calendar date');
    expectOneCleanLine(result.stderr);
  });

  it('should say when no database is configured', async () => {
    const result = await runCli(['snapshot']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('DASMO_DATABASE_URL is not set');
    expectOneCleanLine(result.stderr);
  });

  it('should report an unreachable database in one line without the password', async () => {
    const result = await runCli(['snapshot', '--reference-date', '2021-03-28'], { DASMO_DATABASE_URL: UNREACHABLE });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/cannot connect to mysql:\/\/dasmo:\*\*\*@127\.0\.0\.1:1\/nothing/);
    expect(result.stdout).toBe('');
    expectOneCleanLine(result.stderr);
  });
});

describe('dasmo-exporter against a database', () => {
  let db: TestDatabase;
  let empty: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
    await loadHandMadeDataset(db);
    empty = await createTestDatabase({ withSchema: false });
  });

  afterAll(async () => {
    await db.drop();
    await empty.drop();
  });

  it('should print the snapshot for a reference date, ending with # EOF', async () => {
    const result = await runCli(['snapshot', '--reference-date', '2021-03-28'], { DASMO_DATABASE_URL: db.url });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const parsed = parseOpenMetrics(result.stdout);
    expect(parsed.endsWithEof).toBe(true);
    expect(parsed.samples.get(seriesKey('dasmo_snapshot_reference_date_seconds'))).toBe(1616886000);
    expect(parsed.samples.get(seriesKey('dasmo_applications_received_total', { region: '12', office: '7000', benefit: 'aso', cause: 'covid19' }))).toBe(2);
  });

  it('should pass check-config on a database that honours the contract', async () => {
    const result = await runCli(['check-config'], { DASMO_DATABASE_URL: db.url });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/applications: .* OK/);
  });

  it('should name every missing relation', async () => {
    const result = await runCli(['check-config'], { DASMO_DATABASE_URL: empty.url });
    expect(result.code).toBe(2);
    for (const relation of ['dasmo_sedi', 'dasmo_domande', 'dasmo_sr41']) expect(result.stderr).toContain(`relation ${relation} is missing`);
    expectOneCleanLine(result.stderr);
  });

  it('should name a missing column of a view', async () => {
    await empty.admin.query(
      `CREATE VIEW dasmo_sedi AS SELECT codice_sede, denominazione, codice_regione, regione FROM \`${db.name}\`.dasmo_sedi`,
    );
    const result = await runCli(['check-config'], {
      DASMO_DATABASE_URL: db.url,
      DASMO_OFFICES_DATABASE_URL: empty.url,
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('dasmo_sedi in');
    expect(result.stderr).toContain('lacks column(s): tipo_sede');
    expectOneCleanLine(result.stderr);
  });

  it('should fail a snapshot whose relation is missing with one line', async () => {
    const result = await runCli(['snapshot', '--reference-date', '2021-03-28'], {
      DASMO_DATABASE_URL: db.url,
      DASMO_SR41_DATABASE_URL: empty.url,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/sr41 source: .* does not match the source contract: .*dasmo_sr41/);
    expect(result.stdout).toBe('');
    expectOneCleanLine(result.stderr);
  });
});
