import { createLogger } from '../../src/service/logger';
import type { RefreshOutcome, RefreshTrigger } from '../../src/service/refresher';
import { RefreshScheduler } from '../../src/service/refresh-scheduler';
import { loadHandMadeDataset } from '../support/hand-made';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { CapturedLogs, QUIET_SCHEDULE, type RunningService, startService, waitFor } from './support/service-harness';
import { scrape } from './support/scrape';

const FAILED: RefreshOutcome = {
  ok: false,
  referenceDay: '2021-03-28',
  sources: {
    applications: { ok: false, seconds: 0, error: 'down' },
    sr41: { ok: false, seconds: 0, error: 'down' },
    offices: { ok: false, seconds: 0, error: 'down' },
  },
};
const SUCCEEDED: RefreshOutcome = { ...FAILED, ok: true };

describe('refresh scheduling', () => {
  const schedulers: RefreshScheduler[] = [];
  afterEach(() => schedulers.splice(0).forEach((scheduler) => scheduler.stop()));

  const scheduler = (schedule: string, outcomes: RefreshOutcome[], retryInitialMs: number, retryMaxMs: number) => {
    const calls: Array<{ trigger: RefreshTrigger; at: number }> = [];
    const logs = new CapturedLogs();
    const created = new RefreshScheduler(
      async (trigger) => {
        calls.push({ trigger, at: Date.now() });
        return outcomes.shift() ?? SUCCEEDED;
      },
      { schedule, timezone: 'Europe/Rome', retryInitialMs, retryMaxMs },
      createLogger('info', logs.stream),
    );
    schedulers.push(created);
    return { created, calls, logs };
  };

  /** Lets the outcome of the last call settle (the fake refresh resolves at once). */
  const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

  it('should retry a failed refresh with exponential backoff, capped, until one succeeds', async () => {
    const { created, calls, logs } = scheduler(QUIET_SCHEDULE, [FAILED, FAILED, FAILED, FAILED], 100, 300);
    created.start();
    await waitFor('five attempts', () => calls.length >= 5);
    await settle();
    expect(calls.map((call) => call.trigger)).toEqual(['startup', 'retry', 'retry', 'retry', 'retry']);
    // The delays it planned, doubling from 100 ms and capped at 300 ms; none after the success.
    expect(logs.events('retry_planned').map((entry) => entry.delaySeconds)).toEqual([0.1, 0.2, 0.3, 0.3]);
    // A timer never fires early, however busy the machine (Date.now() may round by a few ms).
    const planned = [100, 200, 300, 300];
    const gaps = calls.slice(1).map((call, index) => call.at - (calls[index]?.at ?? 0));
    gaps.forEach((gap, index) => expect(gap).toBeGreaterThanOrEqual((planned[index] ?? 0) - 5));
  });

  it('should not retry when the next scheduled run comes first, and should run on the schedule', async () => {
    const { created, calls, logs } = scheduler('* * * * * *', [FAILED], 5_000, 5_000);
    created.start();
    await waitFor('a scheduled run', () => calls.some((call) => call.trigger === 'schedule'));
    expect(calls.map((call) => call.trigger)).not.toContain('retry');
    expect(logs.events('retry_skipped')).toHaveLength(1);
    expect(logs.events('retry_planned')).toHaveLength(0);
  });

  it('should plan no retry after a successful refresh', async () => {
    const { created, calls, logs } = scheduler(QUIET_SCHEDULE, [SUCCEEDED], 50, 50);
    created.start();
    await created.trigger('request');
    await settle();
    expect(calls.map((call) => call.trigger)).toEqual(['startup', 'request']);
    expect(logs.events('retry_planned')).toHaveLength(0);
  });
});

describe('the reference day follows the clock', () => {
  let db: TestDatabase;
  let running: RunningService | undefined;

  beforeAll(async () => {
    db = await createTestDatabase();
    await loadHandMadeDataset(db);
  });

  afterAll(async () => {
    await running?.stop();
    await db.drop();
  });

  it('should build yesterday in DASMO_TIMEZONE at each refresh', async () => {
    // 00:30 in Rome on 29 March 2021 is still 28 March in UTC: the day must come from Rome.
    let now = new Date('2021-03-28T22:30:00Z');
    running = await startService({ databaseUrl: db.url, deps: { clock: () => now, referenceDay: undefined } });
    expect((await running.service.refresh()).referenceDay).toBe('2021-03-28');
    expect((await scrape(running.url)).value('dasmo_snapshot_reference_date_seconds')).toBe(1616886000);
    now = new Date('2021-03-30T05:00:00Z');
    expect((await running.service.refresh()).referenceDay).toBe('2021-03-29');
    const later = await scrape(running.url);
    expect(later.value('dasmo_snapshot_reference_date_seconds')).toBe(1616968800);
    expect(later.value('dasmo_refresh_last_success_timestamp_seconds', { source: 'sr41' })).toBe(Math.floor(now.getTime() / 1000));
  });
});
