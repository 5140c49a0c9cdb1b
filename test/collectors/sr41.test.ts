import { collectSr41, SR41_SQL } from '../../src/collectors/sr41';
import type { ReferenceWindow } from '../../src/time/reference-day';
import { RowsClient } from '../support/rows-client';

// Written out by hand rather than with referenceWindow(): only day, endExclusive and futureFrom reach the SQL.
const WINDOW: ReferenceWindow = {
  day: '2023-10-29',
  endExclusive: '2023-10-30 00:00:00',
  startEpochSeconds: 1_698_530_400,
  endEpochSeconds: 1_698_620_400,
  timezone: 'Europe/Rome',
  futureFrom: '2026-12-08 00:00:00',
};

/** A group as mysql2 returns it: SUM() of a condition or of a DECIMAL amount is a string. */
const PAID_GROUP = {
  office: '1300\t',
  benefit: 'CIGD',
  multi_region: 0,
  cause: 'EMERG',
  channel: 'UNIEMENS',
  outcome: 'PAGATO',
  missing_date: '0',
  date_problems: '3000000000000000000000002000000000001',
  row_count: '18',
  closed: '7',
  workers_closed: '31',
  euros_closed: '10456.78',
  negative_amount: '1',
  negative_workers: '4',
  missing_workers: '5',
  pending_settled: '2',
  pending_processing: '3',
  workers_pending: '17',
  le_7: '0',
  le_15: '1',
  le_30: '1',
  le_60: '2',
  le_90: '2',
  le_120: '3',
  le_180: '4',
  le_365: '5',
  pending_critical: '2',
  age_sum_days: '987',
  oldest_days: 400,
};

/** Only rows without a receipt date: every other aggregate is NULL or 0. */
const UNDATED_GROUP = {
  office: null,
  benefit: null,
  multi_region: 1,
  cause: null,
  channel: null,
  outcome: null,
  missing_date: '4',
  date_problems: null,
  row_count: '4',
  closed: '0',
  workers_closed: '0',
  euros_closed: '0.00',
  negative_amount: '0',
  negative_workers: '0',
  missing_workers: null,
  pending_settled: null,
  pending_processing: null,
  workers_pending: '0',
  le_7: null,
  le_15: null,
  le_30: null,
  le_60: null,
  le_90: null,
  le_120: null,
  le_180: null,
  le_365: null,
  pending_critical: null,
  age_sum_days: '0',
  oldest_days: null,
};

describe('collectSr41', () => {
  it('should map driver strings, numbers and NULLs to one group per row', async () => {
    const groups = await collectSr41(new RowsClient([PAID_GROUP, UNDATED_GROUP]), WINDOW);
    expect(groups).toEqual([
      {
        office: '1300',
        benefitCode: 'CIGD',
        multiRegion: false,
        causeCode: 'EMERG',
        channelCode: 'UNIEMENS',
        outcomeCode: 'PAGATO',
        missingDate: 0,
        dateProblems: [1, 2, 0, 3],
        received: 12,
        closed: 7,
        workersClosed: 31,
        eurosClosed: 10456.78,
        negativeAmount: 1,
        negativeWorkers: 4,
        missingWorkers: 5,
        pendingSettled: 2,
        pendingProcessing: 3,
        workersPending: 17,
        ageBuckets: [0, 1, 1, 2, 2, 3, 4, 5],
        pendingCritical: 2,
        ageSumDays: 987,
        oldestDays: 400,
      },
      {
        office: '',
        benefitCode: null,
        multiRegion: true,
        causeCode: null,
        channelCode: null,
        outcomeCode: null,
        missingDate: 4,
        dateProblems: [0, 0, 0, 0],
        received: 0,
        closed: 0,
        workersClosed: 0,
        eurosClosed: 0,
        negativeAmount: 0,
        negativeWorkers: 0,
        missingWorkers: 0,
        pendingSettled: 0,
        pendingProcessing: 0,
        workersPending: 0,
        ageBuckets: [0, 0, 0, 0, 0, 0, 0, 0],
        pendingCritical: 0,
        ageSumDays: 0,
        oldestDays: null,
      },
    ]);
  });

  it('should pass the window as parameters, never inside the SQL text', async () => {
    const client = new RowsClient([]);
    expect(await collectSr41(client, WINDOW)).toEqual([]);
    expect(client.queries).toEqual([{ sql: SR41_SQL, params: ['2023-10-30 00:00:00', '2023-10-29', '2026-12-08 00:00:00'] }]);
    expect(SR41_SQL).not.toContain('2023');
    expect(SR41_SQL).not.toContain('2026');
    expect(SR41_SQL.match(/\?/g)).toHaveLength(3);
  });
});
