import { writeDemoData } from '../../src/demo/write-demo-data';
import { daysBetween } from '../../src/time/reference-day';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { differences, parseStamped } from './support/stamped-openmetrics';
import { backfillText, snapshotSamples } from './support/run-backfill';
import { at } from '../../src/common/checked-index';

/*
 * On the small demo dataset (50k applications, ~50k flows, 450 offices), every day of a
 * backfill must be exactly `snapshot --reference-date` of that day: around both DST changes
 * of 2021 in Europe/Rome, and over the first days of the data.
 */
const RANGES: ReadonlyArray<readonly [string, string]> = [
  ['2020-03-01', '2020-03-03'],
  ['2021-03-27', '2021-03-29'],
  ['2021-10-30', '2021-11-01'],
];

describe('backfill of generated data against snapshot --reference-date, day by day', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase({ withSchema: false });
    await writeDemoData({ databaseUrl: db.url, size: 'small', seed: 5, until: '2021-12-31', replace: false });
  });

  afterAll(async () => {
    await db.drop();
  });

  describe.each(RANGES)('from %s to %s', (from, to) => {
    const days = daysBetween(from, to);
    let history: ReturnType<typeof parseStamped>;
    let stamps: readonly number[];

    beforeAll(async () => {
      const backfill = await backfillText(db.url, from, to, { labels: 'job="dasmo"' });
      history = parseStamped(backfill.text, ['job']);
      stamps = backfill.stamps;
    });

    it.each(days)('should equal the snapshot of %s', async (day) => {
      const expected = await snapshotSamples(db.url, day);
      expect(expected.size).toBeGreaterThan(day < '2021' ? 100 : 50_000);
      expect(differences(history.days.get(at(stamps, days.indexOf(day))) ?? new Map(), expected)).toEqual([]);
    });
  });
});
