import { daysBetween } from '../../src/time/reference-day';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadHandMadeDataset } from '../support/hand-made';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { differences, parseStamped } from './support/stamped-openmetrics';
import { backfillText, snapshotSamples } from './support/run-backfill';
import { at } from '../../src/common/checked-index';

/*
 * Each backfilled day must be exactly `snapshot --reference-date` of that day, data-quality
 * counts included. The hand-made dataset puts milestones on and around 2021-03-28 (a 23-hour
 * day in Europe/Rome); the edge rows below add what only a multi-day pass meets: pending rows
 * presented years before the range, dates DATEDIFF cannot read, milestones out of order and on
 * the range's edges; test/fixtures/bad-rows.sql adds negative and missing workers, zero,
 * ancient and future dates, outcomes before arrival, duplicate offices, and more unknown
 * offices than the cap, whose ranking changes within the first range.
 */
const EDGE_ROWS = `
INSERT INTO dasmo_domande
  (id, codice_sede, prestazione, plurilocalizzata, causale, data_presentazione, data_istruttoria, data_definizione, esito, lavoratori)
VALUES
  (101, '7000', 'CIGO', 0, 'COVID19', '2015-06-01 10:00:00', NULL, NULL, NULL, 1),
  (102, '7000', 'CIGO', 0, 'COVID19', '2012-01-01 10:00:00', '2013-01-01 10:00:00', '2021-03-25 10:00:00', 'AUTORIZZATA', 1),
  (103, '7000', 'CIGO', 0, 'COVID19', '0000-00-00 00:00:00', NULL, '2021-10-29 11:00:00', 'RESPINTA', 1),
  (104, '7000', 'CIGO', 0, 'COVID19', '2021-03-24 10:00:00', '2021-03-30 10:00:00', '2021-03-22 10:00:00', 'AUTORIZZATA', 1),
  (105, '7000', 'CIGO', 0, 'COVID19', '2021-03-26 10:00:00', '2021-03-29 10:00:00', '2021-03-27 10:00:00', 'ANNULLATA', 1),
  (106, '7000', 'CIGO', 0, 'COVID19', '2021-03-19 23:59:59', '2021-03-20 00:00:00', '2021-04-05 23:59:59', 'AUTORIZZATA', 1),
  (107, '7000', 'CIGO', 0, 'COVID19', '2021-04-05 23:59:59', NULL, '2021-04-06 00:00:00', 'AUTORIZZATA', 1),
  (108, '7000', 'CIGO', 0, 'COVID19', '2020-10-31 12:00:00', '2021-10-31 02:30:00', NULL, NULL, 1),
  (109, '7000', 'CIGO', 0, 'COVID19', '2020-03-20 12:00:00', NULL, '2021-03-20 12:00:00', 'AUTORIZZATA', 1);
INSERT INTO dasmo_sr41
  (id, codice_sede, prestazione, plurilocalizzata, causale, canale, data_ricezione, data_liquidazione, data_esito, esito, lavoratori, importo)
VALUES
  (101, '7000', 'CIGO', 0, 'COVID19', 'SR41', '2014-02-01 10:00:00', '2014-03-01 10:00:00', NULL, NULL, 5, 100.10),
  (102, '7000', 'CIGO', 0, 'COVID19', 'SR41', '2020-10-20 10:00:00', NULL, '2021-03-28 23:30:00', 'PAGATO', 2, 0.10),
  (103, '7000', 'CIGO', 0, 'COVID19', 'SR41', '2020-10-21 10:00:00', NULL, '2021-03-28 23:40:00', 'PAGATO', 2, 0.20),
  (104, '7000', 'CIGO', 0, 'COVID19', 'SR41', '2020-10-22 10:00:00', '2021-03-10 10:00:00', '2021-03-29 00:00:00', 'PAGATO', 4, 12345678901.99),
  (105, '7000', 'CIGO', 0, 'COVID19', 'SR41', '0000-00-00 00:00:00', NULL, NULL, NULL, 3, NULL),
  (106, '7000', 'CIGO', 0, 'COVID19', 'SR41', '2020-11-01 10:00:00', '2021-10-31 02:30:00', '2021-10-30 10:00:00', 'SCARTATO', 1, -5.00),
  (107, '7000', 'CIGO', 0, 'COVID19', 'SR41', NULL, NULL, '2021-03-22 10:00:00', 'PAGATO', 1, 10.00);
`;

const RANGES: ReadonlyArray<{ from: string; to: string; days: readonly string[] }> = [
  { from: '2021-03-20', to: '2021-04-05', days: daysBetween('2021-03-20', '2021-04-05') },
  { from: '2021-10-25', to: '2021-11-02', days: daysBetween('2021-10-25', '2021-11-02') },
  {
    from: '2020-03-20',
    to: '2021-03-28',
    days: ['2020-03-20', '2020-03-27', '2020-03-28', '2020-08-01', '2020-10-25', '2021-01-10', '2021-03-27', '2021-03-28'],
  },
];

describe('backfill of the hand-made dataset against snapshot --reference-date, day by day', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
    await loadHandMadeDataset(db);
    await db.admin.query("SET SESSION sql_mode = 'STRICT_TRANS_TABLES'");
    await db.admin.query(EDGE_ROWS);
    await db.admin.query(readFileSync(join(__dirname, '..', 'fixtures', 'bad-rows.sql'), 'utf8'));
  });

  afterAll(async () => {
    await db.drop();
  });

  describe.each(RANGES)('from $from to $to', ({ from, to, days }) => {
    let history: ReturnType<typeof parseStamped>;
    let stamps: readonly number[];
    const all = daysBetween(from, to);

    beforeAll(async () => {
      const backfill = await backfillText(db.url, from, to);
      history = parseStamped(backfill.text);
      stamps = backfill.stamps;
    });

    it.each(days)('should equal the snapshot of %s', async (day) => {
      const stamp = at(stamps, all.indexOf(day));
      const expected = await snapshotSamples(db.url, day);
      expect(differences(history.days.get(stamp) ?? new Map(), expected)).toEqual([]);
    });

    it('should hold samples only at the stamps of its days', () => {
      expect([...history.days.keys()].sort()).toEqual([...stamps]);
    });
  });
});
