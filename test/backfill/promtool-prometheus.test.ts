import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backfillRange } from '../../src/backfill/backfill-range';
import { DEFAULT_STAMP_TIME } from '../../src/backfill/stamp-time';
import { runBackfill } from '../../src/cli/commands/backfill';
import { writeDemoData } from '../../src/demo/write-demo-data';
import { seriesKey } from '../support/parse-openmetrics';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { TextSink, snapshotSamples } from './support/run-backfill';
import { freePort, requireTool, run, type RunningProcess, start, waitUntil } from '../support/processes';
import { PrometheusApi, type Sample } from '../support/prometheus-api';
import { at } from '../../src/common/checked-index';
import { HANG_CEILING_MS } from '../support/hang-ceiling';

const INSTALL_HINT = "install Debian's package with: apt-get install -y prometheus (it ships prometheus and promtool)";

/*
 * The whole path with the real tools: backfill a week of demo data (with the 23-hour day of
 * March 2021) to a file, turn it into TSDB blocks with Debian's promtool, start Debian's
 * prometheus on those blocks (no scrape targets) and query it at past instants: each day's
 * samples must be that day's snapshot.
 */
const FROM = '2021-03-25';
const TO = '2021-03-31';
const CHECKED_DAYS = ['2021-03-25', '2021-03-27', '2021-03-28', '2021-03-31'];
const INSTANCE = 'dasmo-exporter:9713';
/** One region's series plus the national ones: a few thousand series per query. */
const REGION = '03';

function keyOf(sample: Sample): string {
  const { __name__: name, job, instance, ...labels } = sample.metric;
  expect([job, instance]).toEqual(['dasmo', INSTANCE]);
  return seriesKey(name ?? '', labels);
}

describe('backfill -> promtool tsdb create-blocks-from openmetrics -> prometheus', () => {
  let db: TestDatabase;
  let dir: string;
  let prometheus: RunningProcess | undefined;
  let api: PrometheusApi;
  let stamps: Map<string, number>;

  beforeAll(async () => {
    requireTool('promtool', INSTALL_HINT);
    requireTool('prometheus', INSTALL_HINT);
    dir = mkdtempSync(join(tmpdir(), 'dasmo-backfill-'));
    db = await createTestDatabase({ withSchema: false });
    await writeDemoData({ databaseUrl: db.url, size: 'small', seed: 3, until: '2021-04-30', replace: false });

    const file = join(dir, 'history.om');
    const stderr = new TextSink();
    await runBackfill(
      { from: FROM, to: TO, out: file, job: 'dasmo', instance: INSTANCE },
      { DASMO_DATABASE_URL: db.url },
      new TextSink(),
      stderr,
    );
    expect(stderr.text()).toMatch(/^backfill: 7 days \(2021-03-25 to 2021-03-31\), \d+ series, \d+ samples .* written to .*history\.om in [\d.]+s\n$/);
    expect(readdirSync(dir)).toEqual(['history.om']);

    const tsdb = join(dir, 'tsdb');
    const blocks = run('promtool', ['tsdb', 'create-blocks-from', 'openmetrics', '--max-block-duration=8760h', file, tsdb]);
    expect(blocks).toMatch(/BLOCK ULID/);

    const config = join(dir, 'prometheus.yml');
    writeFileSync(config, 'scrape_configs: []\n');
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    api = new PrometheusApi(baseUrl);
    prometheus = start('prometheus', 'prometheus', [
      `--config.file=${config}`,
      `--storage.tsdb.path=${tsdb}`,
      '--storage.tsdb.retention.time=50y',
      `--web.listen-address=127.0.0.1:${port}`,
    ], process.env);
    const running = prometheus;
    await waitUntil('prometheus to be ready', async () => (await fetch(`${baseUrl}/-/ready`)).ok, HANG_CEILING_MS, () => running.output());

    const range = backfillRange(FROM, TO, 'Europe/Rome', DEFAULT_STAMP_TIME, new Date());
    stamps = new Map(range.windows.map((window, i) => [window.day, at(range.stamps, i)]));
  });

  afterAll(async () => {
    await prometheus?.stop();
    await db?.drop();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it.each(CHECKED_DAYS)('should answer at the stamp of %s exactly what the snapshot of that day says', async (day) => {
    const stamp = stamps.get(day) as number;
    const expected = await snapshotSamples(db.url, day);
    const wanted = [...expected].filter(([key]) => key.includes(`region="${REGION}"`) || !key.includes('region='));
    const got = [
      ...(await api.instant(`{__name__=~"dasmo_.+", job="dasmo", region="${REGION}"}`, stamp)),
      ...(await api.instant('{__name__=~"dasmo_.+", job="dasmo", region=""}', stamp)),
    ];
    expect(got.length).toBe(wanted.length);
    expect(wanted.length).toBeGreaterThan(1000);
    const values = new Map(got.map((sample) => [keyOf(sample), Number(sample.value?.[1])]));
    const wrong = wanted.filter(([key, value]) => !Object.is(values.get(key), value)).slice(0, 5);
    expect(wrong.map(([key, value]) => `${key}: expected ${value}, got ${values.get(key)}`)).toEqual([]);
  });

  it('should give dashboards the day in force through last_over_time over one sample per day', async () => {
    const reference = (day: string): number => Date.parse(`${day}T00:00:00${day < '2021-03-28' ? '+01:00' : '+02:00'}`) / 1000;
    const at = async (query: string, time: number): Promise<number[]> =>
      (await api.instant(query, time)).map((sample) => Number(sample.value?.[1]));
    const stamp = stamps.get('2021-03-27') as number;
    // A plain selector only sees a sample within the 5-minute lookback after its stamp.
    expect(await at('dasmo_snapshot_reference_date_seconds', stamp + 300)).toEqual([reference('2021-03-27')]);
    expect(await at('dasmo_snapshot_reference_date_seconds', stamp + 3600)).toEqual([]);
    // last_over_time(...[1d]) gives the day in force until the next refresh, even across the 23-hour day.
    expect(await at('last_over_time(dasmo_snapshot_reference_date_seconds[1d])', stamp + 12 * 3600)).toEqual([reference('2021-03-27')]);
    expect(await at('last_over_time(dasmo_snapshot_reference_date_seconds[1d])', stamp - 60)).toEqual([reference('2021-03-26')]);
    expect(await at('last_over_time(dasmo_snapshot_reference_date_seconds[1d])', (stamps.get('2021-03-28') as number) - 60)).toEqual([
      reference('2021-03-27'),
    ]);
  });
});
