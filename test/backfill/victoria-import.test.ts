/*
 * backfill --import-url with the real store: two days of small demo data sent to Debian's
 * victoria-metrics behind its own basic auth, then queried at each day's stamp: the answer must
 * be that day's `snapshot --reference-date`. A wrong password and an unreachable target each
 * give one line, exit 1, and no summary line claiming success. docs/backfill.md shows
 * `backfill ... --import-url http://victoriametrics:8428/api/v1/import/prometheus --instance exporter:9713`:
 * these are its options, against a store on a local port.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backfillRange } from '../../src/backfill/backfill-range';
import { DEFAULT_STAMP_TIME } from '../../src/backfill/stamp-time';
import { backfillInProcess } from '../support/backfill-in-process';
import { at } from '../../src/common/checked-index';
import { writeDemoData } from '../../src/demo/write-demo-data';
import { seriesKey } from '../support/parse-openmetrics';
import { HANG_CEILING_MS } from '../support/hang-ceiling';
import { freePort, requireTool, start, waitUntil, type RunningProcess } from '../support/processes';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { snapshotSamples } from './support/run-backfill';

const INSTALL = 'install it with `apt-get install -y victoria-metrics` (bash .ci/run does it)';
/** The autumn change is the 25-hour day: its stamp is 25 hours after the one before. */
const DAYS = ['2021-10-30', '2021-10-31'];
const INSTANCE = 'exporter:9713';
const USER = 'dasmo-history';
const PASSWORD = 'import-pw-0123456789abcdef';
/** One region's series plus those without a region: a few thousand series per query. */
const REGION = '03';

let db: TestDatabase;
let dir: string;
let store: RunningProcess | undefined;
let storeUrl: string;
let passwordFile: string;

async function storeCall(path: string, params: Record<string, string> = {}, password = PASSWORD): Promise<Response> {
  return fetch(`${storeUrl}${path}`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${USER}:${password}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(params),
  });
}

async function instant(query: string, time: number): Promise<Array<{ metric: Record<string, string>; value: [number, string] }>> {
  const response = await storeCall('/api/v1/query', { query, time: String(time) });
  const body = (await response.json()) as { status: string; data: { result: Array<{ metric: Record<string, string>; value: [number, string] }> } };
  if (body.status !== 'success') throw new Error(`query ${query} failed: ${JSON.stringify(body)}`);
  return body.data.result;
}


function importArgs(url: string): string[] {
  return ['--from', at(DAYS, 0), '--to', at(DAYS, DAYS.length - 1), '--import-url', `${url}/api/v1/import/prometheus`, '--instance', INSTANCE];
}

beforeAll(async () => {
  requireTool('victoria-metrics', INSTALL);
  dir = mkdtempSync(join(tmpdir(), 'dasmo-vm-import-'));
  passwordFile = join(dir, 'import-password');
  writeFileSync(passwordFile, `${PASSWORD}\n`);
  const port = await freePort();
  storeUrl = `http://127.0.0.1:${port}`;
  store = start('victoria-metrics', 'victoria-metrics', [
    `-storageDataPath=${join(dir, 'data')}`,
    `-httpListenAddr=127.0.0.1:${port}`,
    `-httpAuth.username=${USER}`,
    `-httpAuth.password=${PASSWORD}`,
    // 2021 is older than the default retention of one month.
    '-retentionPeriod=100y',
    '-search.disableCache',
    '-loggerLevel=ERROR',
  ], { PATH: process.env.PATH ?? '' });
  const running = store;
  await waitUntil('victoria-metrics to answer', async () => (await storeCall('/health')).ok, HANG_CEILING_MS, () => running.output());
  db = await createTestDatabase({ withSchema: false });
  await writeDemoData({ databaseUrl: db.url, size: 'small', seed: 5, until: '2021-11-30', replace: false });
});

afterAll(async () => {
  await store?.stop();
  await db?.drop();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

describe('backfill --import-url into victoria-metrics', () => {
  it('should refuse a wrong password in one line, exit 1, and claim nothing', async () => {
    const wrong = join(dir, 'wrong-password');
    writeFileSync(wrong, 'not-the-password-at-all');
    const result = await backfillInProcess(importArgs(storeUrl), { DASMO_DATABASE_URL: db.url, DASMO_IMPORT_USERNAME: USER, DASMO_IMPORT_PASSWORD_FILE: wrong });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      new RegExp(`^dasmo-exporter: --import-url ${storeUrl}/api/v1/import/prometheus answered 401 Unauthorized.*\\(applications of ${at(DAYS, 0)}; imported before it: none of its days\\)\\n$`),
    );
    expect(result.stderr).not.toContain('not-the-password-at-all');
  }, HANG_CEILING_MS);

  it('should name an unreachable target in one line, exit 1, and claim nothing', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const result = await backfillInProcess(importArgs(closed), { DASMO_DATABASE_URL: db.url });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`^dasmo-exporter: cannot send to --import-url ${closed}/api/v1/import/prometheus: ECONNREFUSED \\(applications of ${at(DAYS, 0)}; .*\\)\\n$`));
  }, HANG_CEILING_MS);

  it("should import each day so that the store answers at the day's stamp exactly what the snapshot of that day says", async () => {
    const result = await backfillInProcess(importArgs(storeUrl), { DASMO_DATABASE_URL: db.url, DASMO_IMPORT_USERNAME: USER, DASMO_IMPORT_PASSWORD_FILE: passwordFile });
    expect(result.stderr).toMatch(/^backfill: 2 days \(2021-10-30 to 2021-10-31\), (\d+) samples from \d+ applications and \d+ payment flows imported into http:\/\/127\.0\.0\.1:\d+\/api\/v1\/import\/prometheus in [\d.]+s\n$/);
    expect(result.code).toBe(0);
    expect((await storeCall('/internal/force_flush')).ok).toBe(true);

    const range = backfillRange(at(DAYS, 0), at(DAYS, DAYS.length - 1), 'Europe/Rome', DEFAULT_STAMP_TIME, new Date());
    let expectedSamples = 0;
    for (const [index, day] of DAYS.entries()) {
      const stamp = at(range.stamps, index);
      const expected = await snapshotSamples(db.url, day);
      expectedSamples += expected.size;
      const counted = await instant('count({__name__=~"dasmo_.+", job="dasmo"})', stamp);
      expect([day, Number(counted[0]?.value[1])]).toEqual([day, expected.size]);

      const wanted = [...expected].filter(([key]) => key.includes(`region="${REGION}"`) || !key.includes('region='));
      const got = [
        ...(await instant(`{__name__=~"dasmo_.+", job="dasmo", region="${REGION}"}`, stamp)),
        ...(await instant('{__name__=~"dasmo_.+", job="dasmo", region=""}', stamp)),
      ];
      expect(wanted.length).toBeGreaterThan(1000);
      const values = new Map(
        got.map(({ metric, value }) => {
          const { __name__: name, job, instance, ...labels } = metric;
          expect([job, instance]).toEqual(['dasmo', INSTANCE]);
          return [seriesKey(name ?? '', labels), Number(value[1])];
        }),
      );
      expect(values.size).toBe(wanted.length);
      const wrong = wanted.filter(([key, value]) => !Object.is(values.get(key), value)).slice(0, 5);
      expect(wrong.map(([key, value]) => `${day} ${key}: expected ${value}, got ${values.get(key)}`)).toEqual([]);
    }
    expect(result.stderr).toContain(` ${expectedSamples} samples `);
  }, HANG_CEILING_MS);
});
