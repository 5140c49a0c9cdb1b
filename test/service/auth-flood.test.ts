import bcrypt from 'bcryptjs';
import type { WebConfig } from '../../src/service/web-config';
import { loadHandMadeDataset } from '../support/hand-made';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { request, type RawResponse } from './support/http-client';
import { scrape } from './support/scrape';
import { type RunningService, startService, waitFor } from './support/service-harness';

const PASSWORD = 'scrape-Pa55word';
const SECOND_PASSWORD = 'second-Pa55word';
/** As many as one client may have waiting: none of them is refused unchecked. */
const FLOOD = 8;

/** Requests sent at once; `answered` counts those whose answer has arrived. */
function flood(url: string, count: number, user: (i: number) => string, password: (i: number) => string): { answered: () => number; all: Promise<RawResponse[]> } {
  let answered = 0;
  const all = Promise.all(
    Array.from({ length: count }, (_, i) =>
      request(`${url}/metrics`, { user: user(i), password: password(i) }).then((response) => {
        answered += 1;
        return response;
      }),
    ),
  );
  return { answered: () => answered, all };
}

describe('basic auth under a flood of wrong credentials', () => {
  let db: TestDatabase;
  let running: RunningService | undefined;
  let web: WebConfig;

  beforeAll(async () => {
    db = await createTestDatabase();
    await loadHandMadeDataset(db);
    // Cost 10, as the docs recommend: each refused check keeps a thread busy for a while.
    web = {
      tls: undefined,
      headers: {},
      basicAuthUsers: new Map([
        ['prometheus', bcrypt.hashSync(PASSWORD, 10)],
        ['second', bcrypt.hashSync(SECOND_PASSWORD, 10)],
        ['cheap', bcrypt.hashSync(PASSWORD, 4)],
      ]),
    };
  });

  beforeEach(async () => {
    running = await startService({ databaseUrl: db.url, web });
    await running.service.refresh();
  });

  afterEach(async () => {
    await running?.stop();
    running = undefined;
  });

  afterAll(async () => {
    await db.drop();
  });

  it('should answer a scrape with remembered credentials while wrong ones are still being checked', async () => {
    const url = running?.url ?? '';
    expect((await request(`${url}/metrics`, { user: 'prometheus', password: PASSWORD })).status).toBe(200);
    const wrong = flood(url, FLOOD, (i) => (i % 2 === 0 ? 'prometheus' : `nobody${i}`), (i) => `wrong-${i}`);
    const scraped = await scrape(url, { user: 'prometheus', password: PASSWORD });
    const answeredMeanwhile = wrong.answered();
    expect(scraped.status).toBe(200);
    expect(answeredMeanwhile).toBeLessThan(FLOOD);
    const refused = await wrong.all;
    expect(refused.map((response) => response.status)).toEqual(Array(FLOOD).fill(401));
    const after = await scrape(url, { user: 'prometheus', password: PASSWORD });
    expect(after.value('dasmo_auth_failures_total', { reason: 'rejected' })).toBe(FLOOD);
    expect(after.value('dasmo_auth_failures_total', { reason: 'busy' })).toBe(0);
  });

  it('should check new valid credentials of another client before a flooding client is done', async () => {
    const url = running?.url ?? '';
    const wrong = flood(url, FLOOD, () => 'prometheus', (i) => `wrong-${i}`);
    // The flood is queued once its first refusal is logged.
    await waitFor('a refused check', () => (running?.logs.events('auth_failed').length ?? 0) > 0);
    const first = await request(`${url}/metrics`, { user: 'second', password: SECOND_PASSWORD, localAddress: '127.0.0.2' });
    const answeredMeanwhile = wrong.answered();
    expect(first.status).toBe(200);
    expect(answeredMeanwhile).toBeLessThan(FLOOD);
    await wrong.all;
  });

  it('should refuse known and unknown users alike, count and log each refusal without the password', async () => {
    const url = running?.url ?? '';
    const attempts = [
      { user: 'prometheus', password: 'Wrong-Secret-1' },
      { user: 'cheap', password: 'Wrong-Secret-2' },
      { user: 'nobody', password: 'Wrong-Secret-3' },
      { user: 'nobody', password: PASSWORD },
    ];
    for (const attempt of attempts) {
      const refused = await request(`${url}/metrics`, attempt);
      expect([attempt.user, refused.status, refused.headers['www-authenticate']]).toEqual([attempt.user, 401, 'Basic realm="dasmo-exporter", charset="UTF-8"']);
    }
    // Without credentials nothing is checked, and nothing is counted.
    expect((await request(`${url}/metrics`)).status).toBe(401);
    const logged = running?.logs.events('auth_failed') ?? [];
    expect(logged.map((entry) => [entry.user, entry.reason, entry.client, entry.level])).toEqual(
      attempts.map((attempt) => [attempt.user, 'rejected', '127.0.0.1', 'warn']),
    );
    const logs = running?.logs.text ?? '';
    for (const attempt of attempts) expect(logs).not.toContain(attempt.password);
    const metrics = await scrape(url, { user: 'cheap', password: PASSWORD });
    expect(metrics.value('dasmo_auth_failures_total', { reason: 'rejected' })).toBe(attempts.length);
  });
});
