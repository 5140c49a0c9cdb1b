import { APPLICATIONS_SQL, collectApplications } from '../../src/collectors/applications';
import type { ReferenceWindow } from '../../src/time/reference-day';
import { RowsClient } from '../support/rows-client';

// Written out by hand rather than with referenceWindow(): only day, endExclusive and futureFrom reach the SQL.
const WINDOW: ReferenceWindow = {
  day: '2024-03-10',
  endExclusive: '2024-03-11 00:00:00',
  startEpochSeconds: 1_710_025_200,
  endEpochSeconds: 1_710_111_600,
  timezone: 'Europe/Rome',
  futureFrom: '2026-12-08 00:00:00',
};

/** A group as mysql2 returns it: SUM() of a condition is a DECIMAL, so a string. */
const BUSY_GROUP = {
  office: ' 0101 ',
  benefit: 'CIGO',
  multi_region: 1,
  cause: 'COVID',
  outcome: null,
  missing_date: '2',
  date_problems: '3000000000000000000000002000000000001',
  row_count: '48',
  decided: '25',
  pending_under_review: '9',
  pending_awaiting_review: '6',
  le_7: '1',
  le_15: '3',
  le_30: '5',
  le_60: '8',
  le_90: '10',
  le_120: '12',
  le_180: '14',
  le_365: '15',
  age_sum_days: '1234',
  oldest_days: 412,
};

/** A group with every code NULL and nothing pending: the aggregates of nothing are NULL or 0. */
const EMPTY_GROUP = {
  office: null,
  benefit: null,
  multi_region: 0,
  cause: null,
  outcome: null,
  missing_date: '3',
  date_problems: null,
  row_count: '3',
  decided: '0',
  pending_under_review: null,
  pending_awaiting_review: null,
  le_7: null,
  le_15: null,
  le_30: null,
  le_60: null,
  le_90: null,
  le_120: null,
  le_180: null,
  le_365: null,
  age_sum_days: '0',
  oldest_days: null,
};

describe('collectApplications', () => {
  it('should map driver strings, numbers and NULLs to one group per row', async () => {
    const groups = await collectApplications(new RowsClient([BUSY_GROUP, EMPTY_GROUP]), WINDOW);
    expect(groups).toEqual([
      {
        office: '0101',
        benefitCode: 'CIGO',
        multiRegion: true,
        causeCode: 'COVID',
        outcomeCode: null,
        missingDate: 2,
        dateProblems: [1, 2, 0, 3],
        received: 40,
        decided: 25,
        pendingUnderReview: 9,
        pendingAwaitingReview: 6,
        ageBuckets: [1, 3, 5, 8, 10, 12, 14, 15],
        ageSumDays: 1234,
        oldestDays: 412,
      },
      {
        office: '',
        benefitCode: null,
        multiRegion: false,
        causeCode: null,
        outcomeCode: null,
        missingDate: 3,
        dateProblems: [0, 0, 0, 0],
        received: 0,
        decided: 0,
        pendingUnderReview: 0,
        pendingAwaitingReview: 0,
        ageBuckets: [0, 0, 0, 0, 0, 0, 0, 0],
        ageSumDays: 0,
        oldestDays: null,
      },
    ]);
  });

  it('should return no group for no row', async () => {
    expect(await collectApplications(new RowsClient([]), WINDOW)).toEqual([]);
  });

  it('should pass the window as parameters, never inside the SQL text', async () => {
    const client = new RowsClient([]);
    await collectApplications(client, WINDOW);
    expect(client.queries).toEqual([{ sql: APPLICATIONS_SQL, params: ['2024-03-11 00:00:00', '2024-03-10', '2026-12-08 00:00:00'] }]);
    expect(APPLICATIONS_SQL).not.toContain('2024');
    expect(APPLICATIONS_SQL).not.toContain('2026');
    expect(APPLICATIONS_SQL.match(/\?/g)).toHaveLength(3);
  });
});
