import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeCertificate } from '../service/support/certificate';
import { loadHandMadeDataset } from '../support/hand-made';
import { parseOpenMetrics, seriesKey } from '../support/parse-openmetrics';
import { runCli } from '../support/run-cli';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const UNREACHABLE = 'mysql://dasmo:sekret-pw@127.0.0.1:1/nothing';

/** Tomorrow in Europe/Rome: after yesterday whichever side of midnight the CLI runs. */
function tomorrowInRome(): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(new Date());
  return new Date(Date.parse(`${today}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** How the CLI names a test database: the URL with the password, if any, as ***. */
function shown(database: TestDatabase, password?: string): string {
  const server = new URL(database.url);
  return `mysql://${server.username === '' ? 'root' : server.username}${password === undefined ? '' : ':***'}@${server.host}/${database.name}`;
}

function withPassword(database: TestDatabase, password: string): string {
  const url = new URL(database.url);
  url.password = password;
  return url.toString();
}

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

  it('should name a mistyped command as unknown and list the commands, rather than blame serve', async () => {
    const result = await runCli(['snapshots'], { DASMO_DATABASE_URL: UNREACHABLE });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "dasmo-exporter: unknown command 'snapshots'; the commands are serve, snapshot, check-config, demo-data, backfill, grafana-orgs (serve is the default; see --help)\n",
    );
  });

  it.each([['check-config'], ['serve']])('should refuse, in %s, a TLS min_version above max_version, with one line and exit 2', async (command) => {
    const dir = mkdtempSync(join(tmpdir(), 'dasmo-cli-tls-'));
    try {
      makeCertificate(dir);
      const webConfig = join(dir, 'web.yml');
      writeFileSync(webConfig, 'tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n  min_version: TLS13\n  max_version: TLS12\n');
      const result = await runCli([command, `--web.config.file=${webConfig}`, '--web.listen-address=127.0.0.1:0'], { DASMO_DATABASE_URL: UNREACHABLE });
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(
        `dasmo-exporter: web config ${webConfig}: tls_server_config.min_version TLS13 is above max_version TLS12: no TLS version would be left\n`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each([['check-config'], ['snapshot']])('should refuse, in %s, a database URL with a malformed percent-escape, naming the setting', async (command) => {
    const result = await runCli([command], { DASMO_DATABASE_URL: UNREACHABLE, DASMO_SR41_DATABASE_URL: 'mysql://dasmo:50%off-sekret-pw@127.0.0.1:1/db' });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('dasmo-exporter: DASMO_SR41_DATABASE_URL has a malformed percent-escape (write a % in a password as %25)\n');
  });

  it('should refuse a bad reference date', async () => {
    const result = await runCli(['snapshot', '--reference-date', '2021-02-30'], { DASMO_DATABASE_URL: UNREACHABLE });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--reference-date must be a calendar date');
    expectOneCleanLine(result.stderr);
  });

  it.each([['2999-01-01'], [tomorrowInRome()]])('should refuse the reference date %s, not yet ended, before reading anything', async (day) => {
    const result = await runCli(['snapshot', '--reference-date', day], { DASMO_DATABASE_URL: UNREACHABLE });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      new RegExp(`^dasmo-exporter: --reference-date ${day} is after yesterday \\(\\d{4}-\\d\\d-\\d\\d in Europe/Rome\\): only complete days have a snapshot\n$`),
    );
    expectOneCleanLine(result.stderr);
  });

  it('should mark the required options of backfill in its help, and --out and --import-url as alternatives', async () => {
    const result = await runCli(['backfill', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: dasmo-exporter backfill --from <YYYY-MM-DD> --to <YYYY-MM-DD> \(--out <file> \| --import-url <url>\) \[options\]$/m);
    expect(result.stdout).toMatch(/^ {2}--from <YYYY-MM-DD> +required: the first reference day$/m);
    expect(result.stdout).toMatch(/^ {2}--to <YYYY-MM-DD> +required: the last reference day/m);
    expect(result.stdout).toMatch(/^ {2}--out <file> +the OpenMetrics output file for promtool, - for stdout$/m);
    expect(result.stdout).toMatch(/^ {2}--import-url <url> +VictoriaMetrics import endpoint/m);
    expect(result.stdout.match(/required/g)).toHaveLength(2);
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

  it('should exit 1 when the database demo-data writes into fails, as snapshot and backfill do', async () => {
    const result = await runCli(['demo-data', '--until', '2021-03-28'], { DASMO_DATABASE_URL: UNREACHABLE });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^dasmo-exporter: connecting to mysql:\/\/dasmo:\*\*\*@127\.0\.0\.1:1\/nothing failed: /);
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

  it.each([
    ['snapshot', ['snapshot', '--reference-date', '2021-03-28'], 'the whole snapshot'],
    ['backfill', ['backfill', '--from', '2021-03-27', '--to', '2021-03-28', '--out', '-'], 'the whole history'],
  ])('should say in one line, and exit 1, when the reader of stdout goes away during %s', async (_name, args, what) => {
    const result = await runCli(args, { DASMO_DATABASE_URL: db.url }, { closeStdout: true });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`dasmo-exporter: stdout was closed before ${what} was written (EPIPE)\n`);
  });

  it('should go on quietly when the reader of check-config stops reading', async () => {
    const result = await runCli(['check-config'], { DASMO_DATABASE_URL: db.url }, { closeStdout: true });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('should pass check-config on a database that honours the contract', async () => {
    const result = await runCli(['check-config'], { DASMO_DATABASE_URL: db.url });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/applications: .* OK/);
  });

  it('should name the missing relations of an empty database once, say how to create them, and pass once they are', async () => {
    const fresh = await createTestDatabase({ withSchema: false });
    try {
      const result = await runCli(['check-config'], { DASMO_DATABASE_URL: fresh.url });
      expect(result.code).toBe(2);
      for (const source of ['applications', 'sr41', 'offices']) expect(result.stdout).toContain(`${source}: ${shown(fresh)} NOT OK\n`);
      expect(result.stderr).toBe(
        `dasmo-exporter: relations dasmo_domande, dasmo_sr41 and dasmo_sedi are missing (or not readable) in ${shown(fresh)}: ` +
          'create them from schema/dasmo.sql (or as views over your tables, docs/source-contract.md), ' +
          'or write demo data into DASMO_DATABASE_URL with npx dasmo-exporter demo-data\n',
      );
      // Following the advice: the reference DDL is enough.
      await fresh.admin.query(readFileSync(join(__dirname, '..', '..', 'schema', 'dasmo.sql'), 'utf8'));
      const after = await runCli(['check-config'], { DASMO_DATABASE_URL: fresh.url });
      expect([after.code, after.stderr]).toEqual([0, '']);
    } finally {
      await fresh.drop();
    }
  });

  it('should report a wrong password once when every source reads the same database', async () => {
    const result = await runCli(['check-config'], { DASMO_DATABASE_URL: withPassword(db, 'sekret-pw') });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      new RegExp(
        `^dasmo-exporter: applications, sr41 and offices sources: cannot connect to ${shown(db, 'sekret-pw').replace(/[.*]/g, '\\$&')}: ` +
          "Access denied for user 'root'@'[^']+' \\(using password: YES\\)\n$",
      ),
    );
    expectOneCleanLine(result.stderr);
  });

  it('should give one line per distinct problem, naming the sources each concerns', async () => {
    const result = await runCli(['check-config'], {
      DASMO_DATABASE_URL: db.url,
      DASMO_SR41_DATABASE_URL: withPassword(db, 'sekret-pw'),
      DASMO_OFFICES_DATABASE_URL: empty.url,
    });
    expect(result.code).toBe(2);
    expect(result.stdout).toContain(`applications: ${shown(db)} OK\n`);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      new RegExp(`^dasmo-exporter: sr41 source: cannot connect to ${shown(db, 'sekret-pw').replace(/[.*]/g, '\\$&')}: Access denied for user 'root'@`),
    );
    expect(lines[1]).toBe(
      `dasmo-exporter: relation dasmo_sedi is missing (or not readable) in ${shown(empty)}: ` +
        'create it from schema/dasmo.sql (or as views over your tables, docs/source-contract.md)',
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stderr).not.toContain('sekret-pw');
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
