import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { STATE_FILE_NAME } from '../../src/service/state-file';
import { loadHandMadeDataset } from '../support/hand-made';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { scrape } from './support/scrape';
import { type RunningService, startService } from './support/service-harness';

/** Fills the file system of `dir` with one file: what does not fit is refused with ENOSPC. */
function fill(file: string): void {
  try {
    writeFileSync(file, Buffer.alloc(4 * 2 ** 20, 1));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  }
}

describe('a full state directory', () => {
  let db: TestDatabase;
  let mountPoint: string;
  let running: RunningService | undefined;

  beforeAll(async () => {
    db = await createTestDatabase();
    await loadHandMadeDataset(db);
    mountPoint = mkdtempSync(join(tmpdir(), 'dasmo-full-'));
    try {
      // A real file system that fills up: 1 MiB of tmpfs (needs root, as CI runs).
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', mountPoint], { stdio: 'pipe' });
    } catch (error) {
      throw new Error(`cannot mount a 1 MiB tmpfs to fill up (run the tests as root): ${(error as Error).message}`);
    }
  });

  afterAll(async () => {
    await running?.stop();
    execFileSync('umount', [mountPoint]);
    rmSync(mountPoint, { recursive: true, force: true });
    await db.drop();
  });

  it('should leave no partial file, count the failure, keep serving, and save again once there is room', async () => {
    const stateDir = join(mountPoint, 'state');
    mkdirSync(stateDir);
    const filler = join(mountPoint, 'filler');
    fill(filler);
    running = await startService({ databaseUrl: db.url, stateDir, retryInitialMs: 60_000 });
    const first = await running.service.refresh();
    expect(first.ok).toBe(true);
    expect(readdirSync(stateDir)).toEqual([]);
    expect(running.logs.events('state_save_failed').map((entry) => entry.cause)).toEqual(['ENOSPC']);
    const during = await scrape(running.url);
    expect(during.status).toBe(200);
    expect(during.value('dasmo_state_save_failures_total')).toBe(1);
    expect(during.text).toContain('dasmo_applications_received_total{');

    rmSync(filler);
    expect((await running.service.refresh()).ok).toBe(true);
    expect(readdirSync(stateDir)).toEqual([STATE_FILE_NAME]);
    expect((await scrape(running.url)).value('dasmo_state_save_failures_total')).toBe(1);
  });
});
