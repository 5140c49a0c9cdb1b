import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { loadHandMadeDataset } from '../support/hand-made';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { freePort } from '../support/processes';
import { request } from './support/http-client';
import { waitFor } from './support/service-harness';

const ROOT = join(__dirname, '..', '..');

/** Runs `dasmo-exporter <args>` from the TypeScript sources in a child process. */
function runCli(args: readonly string[], env: Record<string, string>): { child: ChildProcess; stdout: string[]; stderr: string[]; exited: Promise<number | null> } {
  const child = spawn(
    process.execPath,
    ['-r', join(__dirname, 'support', 'ts-register.js'), '-e', `require(${JSON.stringify(join(ROOT, 'src', 'cli', 'main.ts'))}).main(process.argv.slice(1))`, '--', ...args],
    { env: { PATH: process.env.PATH ?? '', ...env }, cwd: ROOT },
  );
  const stdout: string[] = [];
  const stderr: string[] = [];
  // Whole lines, however the pipe cuts its chunks.
  if (child.stdout !== null) createInterface({ input: child.stdout }).on('line', (line) => stdout.push(line));
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  // 'close', not 'exit': the last lines may still be in the pipe when the process has exited.
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  return { child, stdout, stderr, exited };
}

describe('dasmo-exporter serve as a process', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
    await loadHandMadeDataset(db);
    // Every read of dasmo_sedi takes a second, so a refresh is in flight when the signal comes.
    await db.admin.query('RENAME TABLE dasmo_sedi TO dasmo_sedi_data; CREATE VIEW dasmo_sedi AS SELECT d.* FROM dasmo_sedi_data d CROSS JOIN (SELECT SLEEP(1.5) AS pause) p;');
  });

  afterAll(async () => {
    await db.drop();
  });

  it('should be the default command, and on SIGTERM finish the in-flight response, close the pools and exit 0', async () => {
    const port = await freePort();
    const cli = runCli(['--web.listen-address', `127.0.0.1:${port}`, '--web.enable-unauthenticated-refresh'], { DASMO_DATABASE_URL: db.url });
    try {
      const url = `http://127.0.0.1:${port}`;
      await waitFor('readiness', async () => {
        try {
          return (await request(`${url}/-/ready`)).status === 200;
        } catch {
          return false;
        }
      });
      const inFlight = request(`${url}/-/refresh`, { method: 'POST' });
      await waitFor('the refresh request to start', () => cli.stdout.filter((line) => line.includes('"trigger":"request"')).length > 0);
      cli.child.kill('SIGTERM');
      const response = await inFlight;
      expect(response.status).toBe(200);
      expect(await cli.exited).toBe(0);
      const events = cli.stdout.map((line) => (JSON.parse(line) as { event?: string }).event);
      expect(events).toContain('shutdown');
      expect(events.at(-1)).toBe('stopped');
      await expect(request(`${url}/-/healthy`)).rejects.toThrow(/ECONNREFUSED/);
    } finally {
      cli.child.kill('SIGKILL');
    }
  });

  it('should exit 0 when stopped during a refresh nobody waits on, without counting a failure', async () => {
    const port = await freePort();
    const cli = runCli(['serve', '--web.listen-address', `127.0.0.1:${port}`], { DASMO_DATABASE_URL: db.url });
    try {
      await waitFor('the start-up refresh', () => cli.stdout.some((line) => line.includes('"event":"refresh_start"')));
      cli.child.kill('SIGINT');
      expect(await cli.exited).toBe(0);
      const events = cli.stdout.map((line) => (JSON.parse(line) as { event?: string }).event);
      expect(events).not.toContain('source_failed');
      expect(events.at(-1)).toBe('stopped');
    } finally {
      cli.child.kill('SIGKILL');
    }
  });

  it('should fail at start with exit code 2 and one clear line for a bad listen address', async () => {
    const cli = runCli(['serve', '--web.listen-address', 'nowhere'], { DASMO_DATABASE_URL: db.url });
    expect(await cli.exited).toBe(2);
    expect(cli.stderr.join('')).toBe('dasmo-exporter: --web.listen-address must be [host]:port (e.g. :9713 or 127.0.0.1:9713), got "nowhere"\n');
  });
});
