import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeDemoData } from '../../src/demo/write-demo-data';
import { loadHandMadeDataset } from '../support/hand-made';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { request } from './support/http-client';
import { scrape, SOURCES } from './support/scrape';
import { startService, TYPESCRIPT_THREAD_ARGV, waitFor } from './support/service-harness';

const CRASHING_THREAD = [...TYPESCRIPT_THREAD_ARGV, '--require', join(__dirname, 'fixtures', 'crashing-thread.js')];

describe('the snapshot build thread', () => {
  let db: TestDatabase;
  let stateDir: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    await loadHandMadeDataset(db);
    stateDir = mkdtempSync(join(tmpdir(), 'dasmo-state-'));
  });

  afterAll(async () => {
    await db.drop();
    rmSync(stateDir, { recursive: true, force: true });
  });

  it('should count a build thread that dies as a failure of every source, keep serving the last good snapshot and retry', async () => {
    const good = await startService({ databaseUrl: db.url, stateDir });
    let before;
    try {
      expect((await good.service.refresh()).ok).toBe(true);
      before = await scrape(good.url);
    } finally {
      await good.stop();
    }

    const crashing = await startService({ databaseUrl: db.url, stateDir, retryInitialMs: 60_000, retryMaxMs: 60_000, deps: { buildThreadExecArgv: CRASHING_THREAD } });
    try {
      await waitFor('the failed start-up refresh', () => crashing.logs.events('refresh_failed').length > 0);
      const failures = crashing.logs.events('source_failed');
      expect(failures.map((entry) => entry.source).sort()).toEqual(['applications', 'offices', 'sr41']);
      for (const entry of failures) {
        expect(entry.cause).toBe('thread');
        expect(entry.error).toBe('snapshot build thread failed: simulated build thread crash');
      }
      expect(crashing.logs.events('retry_planned')).toHaveLength(1);
      const outcome = await crashing.service.refresh();
      expect(outcome.ok).toBe(false);
      expect(outcome.sources.sr41.cause).toBe('thread');
      expect((await request(`${crashing.url}/-/ready`)).status).toBe(200);
      const after = await scrape(crashing.url);
      expect(after.snapshotText).toBe(before.snapshotText);
      for (const source of SOURCES) {
        expect(after.value('dasmo_source_up', { source })).toBe(0);
        expect(after.value('dasmo_refresh_failures_total', { source })).toBe(2);
        expect(after.value('dasmo_refresh_last_success_timestamp_seconds', { source })).toBe(
          before.value('dasmo_refresh_last_success_timestamp_seconds', { source }),
        );
      }
    } finally {
      await crashing.stop();
    }
  });

  it('should stop a build that outgrows DASMO_BUILD_MEMORY_LIMIT_MB in its thread, failing every source, while the exporter goes on', async () => {
    const generated = await createTestDatabase();
    try {
      await writeDemoData({ databaseUrl: generated.url, size: 'small', seed: 2, until: '2021-03-31', replace: false });
      const limited = await startService({ databaseUrl: generated.url, buildMemoryLimitMb: 16, retryInitialMs: 60_000, retryMaxMs: 60_000 });
      try {
        const outcome = await limited.service.refresh();
        expect(outcome.ok).toBe(false);
        for (const source of SOURCES) {
          expect(outcome.sources[source].cause).toBe('thread');
          expect(outcome.sources[source].error).toMatch(/^snapshot build thread failed: .*memory limit/);
        }
        expect((await request(`${limited.url}/-/healthy`)).status).toBe(200);
        const scraped = await scrape(limited.url);
        for (const source of SOURCES) expect(scraped.value('dasmo_source_up', { source })).toBe(0);
      } finally {
        await limited.stop();
      }
      // The same build within the default limit.
      const unlimited = await startService({ databaseUrl: generated.url });
      try {
        expect((await unlimited.service.refresh()).ok).toBe(true);
      } finally {
        await unlimited.stop();
      }
    } finally {
      await generated.drop();
    }
  });

  it('should build in a thread of its own for each refresh, which ends once it has replied', async () => {
    const threads = (): number => process.getActiveResourcesInfo().filter((kind) => kind === 'MessagePort').length;
    const running = await startService({ databaseUrl: db.url });
    try {
      await waitFor('the start-up refresh', () => running.logs.events('refresh_end').length > 0);
      await waitFor('its thread to end', () => threads() === 0);
      const refreshing = running.service.refresh();
      expect(threads()).toBe(1);
      expect((await refreshing).ok).toBe(true);
      await waitFor('the thread to end', () => threads() === 0);
    } finally {
      await running.stop();
    }
  });
});
