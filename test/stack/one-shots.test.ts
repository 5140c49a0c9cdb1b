/**
 * What the stack's one-shot services run, outside containers: MariaDB's init script for the
 * exporter user, `demo-data --if-empty`, and the history written with backfill and imported
 * with promtool.
 * The CLI runs from the image's file layout (test/stack/support/image-layout.ts), against
 * throwaway databases on the test MariaDB.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import { loadHandMadeDataset } from '../support/hand-made';
import { createTestDatabase, endConnection, TEST_SERVER_URL, type TestDatabase } from '../support/test-database';
import { imageLayout, type ImageLayout } from './support/image-layout';
import { REPO_ROOT, toolPath } from './support/stack-files';
import { HANG_CEILING_MS } from '../support/hang-ceiling';
import { freePort } from '../support/processes';

interface ScriptResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function runScript(shell: string, script: string, env: Record<string, string>): ScriptResult {
  const result = spawnSync(shell, [join(REPO_ROOT, script)], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', ...env }, timeout: HANG_CEILING_MS });
  if (result.error !== undefined) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

let layout: ImageLayout;
let dir: string;

function urlFile(name: string, url: string): string {
  const file = join(dir, name);
  writeFileSync(file, `${url}\n`);
  return file;
}

beforeAll(() => {
  toolPath('promtool');
  layout = imageLayout();
  dir = mkdtempSync(join(tmpdir(), 'dasmo-one-shots-'));
});

afterAll(() => {
  layout?.remove(); // beforeAll may have failed before making it
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

describe('deploy/mariadb/20-dasmo-exporter-user.sh', () => {
  let db: TestDatabase;
  const user = `dasmo_x_${randomBytes(4).toString('hex')}`;
  const password = "it's a \\ pa$$word";
  const server = new URL(TEST_SERVER_URL);

  beforeAll(async () => {
    db = await createTestDatabase();
    await loadHandMadeDataset(db);
  });

  afterAll(async () => {
    await db.admin.query(`DROP USER IF EXISTS '${user}'@'%'`);
    await db.drop();
  });

  it('should create a SELECT-only user with a connection cap, as the mariadb entrypoint sources it', async () => {
    const passwordFile = join(dir, 'exporter-password');
    writeFileSync(passwordFile, password);
    // The image's entrypoint (bash) sources the script with docker_process_sql defined: a root client.
    const client = ['mariadb', '--protocol=tcp', `-h${server.hostname}`, `-P${server.port || '3306'}`, `-u${decodeURIComponent(server.username)}`];
    const wrapper = join(dir, 'entrypoint.sh');
    writeFileSync(wrapper, `docker_process_sql() { MYSQL_PWD='${decodeURIComponent(server.password)}' ${client.join(' ')} "$@"; }\n. ${join(REPO_ROOT, 'deploy', 'mariadb', '20-dasmo-exporter-user.sh')}\n`);
    const result = spawnSync('bash', [wrapper], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', MARIADB_DATABASE: db.name, DASMO_EXPORTER_USER: user, DASMO_EXPORTER_PASSWORD_FILE: passwordFile },
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);

    const [rows] = await db.admin.query<mysql.RowDataPacket[]>('SELECT max_user_connections AS cap FROM mysql.user WHERE User = ?', [user]);
    expect(rows.map((row) => Number(row.cap))).toEqual([4]);
    const connection = await mysql.createConnection({ host: server.hostname, port: Number(server.port || 3306), user, password, database: db.name });
    try {
      const [offices] = await connection.query<mysql.RowDataPacket[]>('SELECT COUNT(*) AS n FROM dasmo_sedi');
      expect(Number(offices[0]?.n)).toBeGreaterThan(0);
      await expect(connection.query("INSERT INTO dasmo_sedi VALUES ('9999', 'x', '99', 'x', 'x')")).rejects.toThrow(/denied/);
    } finally {
      await endConnection(connection);
    }
  });
});

describe('the demo-data one-shot and the history scripts', () => {
  let empty: TestDatabase;
  let handMade: TestDatabase;

  beforeAll(async () => {
    empty = await createTestDatabase({ withSchema: true });
    handMade = await createTestDatabase();
    await loadHandMadeDataset(handMade);
  });

  afterAll(async () => {
    await empty.drop();
    await handMade.drop();
  });

  async function applications(db: TestDatabase): Promise<number> {
    const [rows] = await db.admin.query<mysql.RowDataPacket[]>('SELECT COUNT(*) AS n FROM dasmo_domande');
    return Number(rows[0]?.n);
  }

  /** The demo-data service's command line, as docker-compose.yml gives it, with the image's CLI. */
  function demoDataOneShot(urlFilePath: string): ScriptResult {
    const [executable, ...cliArgs] = layout.cli.split(' ');
    const result = spawnSync(executable as string, [...cliArgs, 'demo-data', '--if-empty', '--size', 'small'], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', DASMO_DATABASE_URL_FILE: urlFilePath },
      timeout: HANG_CEILING_MS,
    });
    if (result.error !== undefined) throw result.error;
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  it('should keep a database that already holds data', async () => {
    const before = await applications(handMade);
    const result = demoDataOneShot(urlFile('hand-made-url', handMade.url));
    expect(result.stdout).toMatch(new RegExp(`^demo data kept: mysql://\\S+/${handMade.name} already holds data in dasmo_domande, dasmo_sedi, dasmo_sr41 \\(--replace rewrites it\\)\n$`));
    expect(result.status).toBe(0);
    expect(await applications(handMade)).toBe(before);
  });

  it('should write the demo data into the empty schema once, then keep it', async () => {
    const url = urlFile('empty-url', empty.url);
    const first = demoDataOneShot(url);
    expect(first.stdout).toMatch(/^demo data written: 450 offices, 50000 applications, \d+ payment flows/);
    expect(first.status).toBe(0);
    const again = demoDataOneShot(url);
    expect(again.stdout).toMatch(/^demo data kept: .* already holds data in dasmo_domande, dasmo_sedi, dasmo_sr41/);
    expect(again.status).toBe(0);
    expect(await applications(empty)).toBe(50_000);
  });

  it('should write the days before yesterday, import them with promtool once, then do nothing', () => {
    const history = mkdtempSync(join(dir, 'history-'));
    const data = join(dir, 'prometheus-data');
    const writerEnv = {
      DASMO_CLI: layout.cli,
      DASMO_DATABASE_URL_FILE: urlFile('seeded-url', empty.url),
      DASMO_HISTORY_DIR: history,
      DASMO_HISTORY_DAYS: '2',
      DASMO_HISTORY_INSTANCE: 'exporter:9713',
      DASMO_TIMEZONE: 'Europe/Rome',
    };
    const written = runScript('sh', 'deploy/history/write-history.sh', writerEnv);
    expect(written.status).toBe(0);
    const day = (ago: number) => new Date(Date.parse(`${new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(new Date())}T00:00:00Z`) - ago * 86_400_000).toISOString().slice(0, 10);
    expect(written.stdout).toBe(`history: writing the snapshots of ${day(3)} to ${day(2)}\n`);
    expect(written.stderr).toMatch(/^backfill: 2 days/);
    const file = join(history, 'dasmo-history.om');
    const text = readFileSync(file, 'utf8');
    expect(/^dasmo_applications_received_total\{[^}]*,job="dasmo",instance="exporter:9713"\} \d+ \d+$/m.test(text)).toBe(true);
    expect(text.endsWith('# EOF\n')).toBe(true);

    const importerEnv = { DASMO_HISTORY_DIR: history, PROMETHEUS_DATA_DIR: data };
    const imported = runScript('sh', 'deploy/history/import-history.sh', importerEnv);
    expect(imported.stderr).toBe('');
    expect(imported.status).toBe(0);
    expect(imported.stdout).toMatch(/history: imported\n$/);
    expect(existsSync(file)).toBe(false);
    expect(existsSync(join(history, 'imported'))).toBe(true);
    expect(readdirSync(data).filter((name) => /^[0-9A-Z]{26}$/.test(name)).length).toBeGreaterThanOrEqual(1);

    expect(runScript('sh', 'deploy/history/write-history.sh', writerEnv).stdout).toBe('history: already imported\n');
    expect(runScript('sh', 'deploy/history/import-history.sh', importerEnv).stdout).toBe('history: already imported\n');
  });

  it('should import with DASMO_HISTORY_IMPORT_URL, and leave no marker when the import fails', async () => {
    const history = mkdtempSync(join(dir, 'history-'));
    const target = `http://127.0.0.1:${await freePort()}/api/v1/import/prometheus`;
    const result = runScript('sh', 'deploy/history/write-history.sh', {
      DASMO_CLI: layout.cli,
      DASMO_DATABASE_URL_FILE: urlFile('import-url', handMade.url),
      DASMO_HISTORY_DIR: history,
      DASMO_HISTORY_DAYS: '2',
      DASMO_HISTORY_INSTANCE: 'exporter:9713',
      DASMO_HISTORY_IMPORT_URL: target,
    });
    expect(result.stdout).toMatch(new RegExp(`^history: importing the snapshots of \\d{4}-\\d\\d-\\d\\d to \\d{4}-\\d\\d-\\d\\d into ${target}\n$`));
    expect(result.stderr).toMatch(new RegExp(`^dasmo-exporter: cannot send to --import-url ${target}: ECONNREFUSED`));
    expect(result.status).toBe(1);
    expect(readdirSync(history)).toEqual([]);
  });

  it('should write nothing for DASMO_HISTORY_DAYS=0 and refuse a bad number', () => {
    const history = mkdtempSync(join(dir, 'history-'));
    const env = { DASMO_CLI: layout.cli, DASMO_HISTORY_DIR: history, DASMO_HISTORY_INSTANCE: 'exporter:9713' };
    const none = runScript('sh', 'deploy/history/write-history.sh', { ...env, DASMO_HISTORY_DAYS: '0' });
    expect([none.status, none.stdout]).toEqual([0, 'history: DASMO_HISTORY_DAYS=0, no history written\n']);
    expect(runScript('sh', 'deploy/history/import-history.sh', { DASMO_HISTORY_DIR: history, PROMETHEUS_DATA_DIR: join(history, 'data') }).stdout).toBe(
      'history: nothing to import\n',
    );
    const bad = runScript('sh', 'deploy/history/write-history.sh', { ...env, DASMO_HISTORY_DAYS: '-3' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('DASMO_HISTORY_DAYS must be a whole number');
  });
});
