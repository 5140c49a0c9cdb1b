import type { RefreshOutcome } from '../../src/service/refresher';
import { RequestedRefreshes } from '../../src/service/requested-refreshes';
import { loadHandMadeDataset } from '../support/hand-made';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { request } from './support/http-client';
import { type RunningService, startService, waitFor } from './support/service-harness';

describe('RequestedRefreshes', () => {
  const outcome = { ok: true } as RefreshOutcome;

  it('should start one refresh per interval, let requests join the one running, and say how long to wait', async () => {
    let now = 1_000_000;
    let finish: () => void = () => undefined;
    let runs = 0;
    const requested = new RequestedRefreshes(
      () => {
        runs += 1;
        return new Promise<RefreshOutcome>((resolve) => (finish = () => resolve(outcome)));
      },
      60_000,
      () => now,
    );
    const first = requested.request();
    const joined = requested.request();
    expect(runs).toBe(1);
    expect('outcome' in first && 'outcome' in joined && first.outcome === joined.outcome).toBe(true);
    finish();
    await ('outcome' in first ? first.outcome : undefined);
    now += 10_500;
    expect(requested.request()).toEqual({ retryAfterSeconds: 50 });
    now += 49_499;
    expect(requested.request()).toEqual({ retryAfterSeconds: 1 });
    now += 1;
    expect('outcome' in requested.request()).toBe(true);
    expect(runs).toBe(2);
  });

  it('should never refuse with an interval of 0', async () => {
    let runs = 0;
    const requested = new RequestedRefreshes(async () => ((runs += 1), outcome), 0, () => 0);
    for (let i = 0; i < 3; i += 1) {
      const answer = requested.request();
      await ('outcome' in answer ? answer.outcome : undefined);
    }
    expect(runs).toBe(3);
  });
});

describe('POST /-/refresh back to back', () => {
  let db: TestDatabase;
  let running: RunningService | undefined;

  beforeAll(async () => {
    db = await createTestDatabase();
    await loadHandMadeDataset(db);
  });

  afterEach(async () => {
    await running?.stop();
    running = undefined;
  });

  afterAll(async () => {
    await db.drop();
  });

  it('should answer 429 with Retry-After to a refresh asked for too early, and leave the schedule alone', async () => {
    // Every 2 seconds: the scheduler's own refreshes must go on while requests are refused.
    running = await startService({ databaseUrl: db.url, refreshMinIntervalMs: 3_600_000, schedule: '*/2 * * * * *' });
    const url = running.url;
    expect((await request(`${url}/-/refresh`, { method: 'POST' })).status).toBe(200);
    const requestedBefore = running.logs.events('refresh_start').filter((entry) => entry.trigger === 'request').length;
    const refused = await request(`${url}/-/refresh`, { method: 'POST' });
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers['retry-after']);
    expect(Number.isInteger(retryAfter) && retryAfter > 0 && retryAfter <= 3600).toBe(true);
    expect(refused.text).toContain('DASMO_REFRESH_MIN_INTERVAL_SECONDS');
    expect(running.logs.events('refresh_start').filter((entry) => entry.trigger === 'request').length).toBe(requestedBefore);
    const scheduledBefore = running.logs.events('refresh_end').length;
    await waitFor('a scheduled refresh after the refusal', () =>
      (running?.logs.entries ?? []).slice(-50).some((entry) => entry.event === 'refresh_start' && entry.trigger === 'schedule') &&
      (running?.logs.events('refresh_end').length ?? 0) > scheduledBefore,
    );
  });

  it('should let every request start a refresh when the interval is 0', async () => {
    running = await startService({ databaseUrl: db.url, refreshMinIntervalMs: 0 });
    // The start-up refresh, which a request would join, is over.
    await running.service.refresh();
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await request(`${running.url}/-/refresh`, { method: 'POST' })).status);
    expect(statuses).toEqual([200, 200, 200]);
    expect(running.logs.events('refresh_start').filter((entry) => entry.trigger === 'request')).toHaveLength(3);
  });
});
