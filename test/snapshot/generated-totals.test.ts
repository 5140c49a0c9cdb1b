import mysql from 'mysql2/promise';
import { sourceSettingsFromEnv } from '../../src/config/settings';
import { writeDemoData } from '../../src/demo/write-demo-data';
import { buildSnapshot } from '../../src/snapshot/build-snapshot';
import { collectSources, requireAll } from '../../src/snapshot/collect-sources';
import { openSourceClients } from '../../src/sources/source-clients';
import { referenceWindow } from '../../src/time/reference-day';
import { countTotals, exposedTotals } from '../support/independent-totals';
import { parseOpenMetrics } from '../support/parse-openmetrics';
import { createTestDatabase, endConnection, type TestDatabase } from '../support/test-database';

/*
 * On generated data, the snapshot's national totals must equal plain COUNT/SUM queries.
 * By default the test generates the small demo dataset into its own database; to check an
 * existing dataset (e.g. `demo-data --size large`), point DASMO_TOTALS_DATABASE_URL at it and
 * name the days in DASMO_TOTALS_DAYS (comma-separated).
 */
const existingUrl = process.env.DASMO_TOTALS_DATABASE_URL;
const DAYS = (process.env.DASMO_TOTALS_DAYS ?? '2020-04-30,2020-11-30,2021-03-28,2021-10-31,2022-06-30').split(',');
const UNTIL = '2022-06-30';

describe(`snapshot totals against COUNT queries on ${existingUrl === undefined ? 'the small demo dataset' : 'an existing dataset'}`, () => {
  let db: TestDatabase | undefined;
  let url: string;
  let connection: mysql.Connection;

  beforeAll(async () => {
    if (existingUrl === undefined) {
      db = await createTestDatabase({ withSchema: false });
      await writeDemoData({ databaseUrl: db.url, size: 'small', seed: 11, until: UNTIL, replace: false });
      url = db.url;
    } else {
      url = existingUrl;
    }
    connection = await mysql.createConnection({ uri: url, dateStrings: true });
  });

  afterAll(async () => {
    await endConnection(connection);
    await db?.drop();
  });

  it.each(DAYS)('should match on %s', async (day) => {
    const settings = sourceSettingsFromEnv({ DASMO_DATABASE_URL: url });
    const window = referenceWindow(day, settings.timezone);
    const sources = openSourceClients(settings);
    let text: string;
    try {
      text = buildSnapshot(window, requireAll(await collectSources(sources.clients, window))).text;
    } finally {
      await sources.close();
    }
    const expected = await countTotals(connection, day);
    expect(exposedTotals(parseOpenMetrics(text))).toEqual(expected);
    // A dataset worth checking: something pending, decided, paid and critical on each day.
    expect(expected.applications_pending).toBeGreaterThan(0);
    expect(expected.applications_authorized).toBeGreaterThan(0);
    expect(expected.flows_received).toBeGreaterThan(0);
  });
});
