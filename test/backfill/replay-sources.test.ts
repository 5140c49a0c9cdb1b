import { APPLICATION_SOURCE } from '../../src/backfill/application-source';
import { DecimalUnits } from '../../src/backfill/decimal-units';
import { COUNT, type GroupFigures } from '../../src/backfill/replay-source';
import { SR41_SOURCE } from '../../src/backfill/sr41-source';

/** Figures written by hand; each measure's sums are distinct so a swapped index shows. */
function figures(received: readonly number[], closed: readonly number[]): GroupFigures {
  return {
    missingDate: 1,
    dateProblems: [1, 0, 2, 3],
    received: 20,
    closed: 11,
    pendingInPhase: 4,
    pendingBeforePhase: 5,
    ageBuckets: [1, 2, 3, 4, 5, 6, 7, 8],
    ageSumDays: 321,
    oldestDays: 200,
    pendingCritical: 2,
    receivedSum: (measure) => received[measure] ?? NaN,
    closedSum: (measure) => closed[measure] ?? NaN,
  };
}

describe('APPLICATION_SOURCE', () => {
  it('should build the group key from the leading codes as the collector reads them', () => {
    const row = [' 0101 ', 'CIGO', 1, null, 'ACCOLTA', 0, 3, 5, 9];
    expect(APPLICATION_SOURCE.key(row)).toEqual({ office: '0101', benefitCode: 'CIGO', multiRegion: true, causeCode: null, outcomeCode: 'ACCOLTA' });
    expect(APPLICATION_SOURCE.key([null, null, 0, null, null])).toEqual({ office: '', benefitCode: null, multiRegion: false, causeCode: null, outcomeCode: null });
    expect(APPLICATION_SOURCE.keyColumns).toBe(5);
  });

  it('should spell the figures out as an applications group: review is the second phase', () => {
    const key = { office: '0101', benefitCode: 'CIGO', multiRegion: true, causeCode: 'COVID', outcomeCode: null };
    expect(APPLICATION_SOURCE.group(key, figures([], []))).toEqual({
      ...key,
      missingDate: 1,
      dateProblems: [1, 0, 2, 3],
      received: 20,
      decided: 11,
      pendingUnderReview: 4,
      pendingAwaitingReview: 5,
      ageBuckets: [1, 2, 3, 4, 5, 6, 7, 8],
      ageSumDays: 321,
      oldestDays: 200,
    });
    expect(APPLICATION_SOURCE.measures()).toEqual([]);
    expect(APPLICATION_SOURCE.criticalAgeDays).toBeNull();
  });

  it('should take its four days as parameters', () => {
    expect(APPLICATION_SOURCE.sql.match(/\?/g)).toHaveLength(4);
  });
});

describe('SR41_SOURCE', () => {
  it('should build the group key from the six leading codes, multi-region as a number or a string', () => {
    expect(SR41_SOURCE.key(['1300\t', 'CIGD', '1', 'EMERG', null, 'PAGATO'])).toEqual({
      office: '1300',
      benefitCode: 'CIGD',
      multiRegion: true,
      causeCode: 'EMERG',
      channelCode: null,
      outcomeCode: 'PAGATO',
    });
    expect(SR41_SOURCE.key([null, null, 0, null, null, null]).multiRegion).toBe(false);
    expect(SR41_SOURCE.keyColumns).toBe(6);
  });

  it('should read workers, negative amounts and negative or missing workers as counts and euros as exact decimals', () => {
    const [workers, euros, negative, negativeWorkers, missingWorkers, ...rest] = SR41_SOURCE.measures();
    expect(workers).toBe(COUNT);
    expect(euros).toBeInstanceOf(DecimalUnits);
    expect(negative).toBe(COUNT);
    expect(negativeWorkers).toBe(COUNT);
    expect(missingWorkers).toBe(COUNT);
    expect(rest).toEqual([]);
    expect(SR41_SOURCE.criticalAgeDays).toBe(150);
  });

  it('should turn measure sums into the collector figures: workers pending are received less closed', () => {
    const key = { office: '1300', benefitCode: 'CIGD', multiRegion: false, causeCode: null, channelCode: 'UNIEMENS', outcomeCode: 'PAGATO' };
    // measures: 0 workers, 1 euros, 2 negative amounts, 3 negative workers, 4 missing workers
    expect(SR41_SOURCE.group(key, figures([50, 9999.5, 3, 6, 7], [30, 1234.25, 1, 2, 4]))).toEqual({
      ...key,
      missingDate: 1,
      dateProblems: [1, 0, 2, 3],
      received: 20,
      closed: 11,
      workersClosed: 30,
      eurosClosed: 1234.25,
      negativeAmount: 3,
      negativeWorkers: 6,
      missingWorkers: 7,
      pendingSettled: 4,
      pendingProcessing: 5,
      workersPending: 20,
      ageBuckets: [1, 2, 3, 4, 5, 6, 7, 8],
      pendingCritical: 2,
      ageSumDays: 321,
      oldestDays: 200,
    });
  });
});

describe('DecimalUnits', () => {
  it('should sum DECIMAL strings exactly at the scale of the first value', () => {
    const euros = new DecimalUnits();
    const total = ['0.10', '0.20', null, '-0.05', '2100.00'].reduce((sum: number, value) => sum + euros.units(value), 0);
    expect(total).toBe(210025);
    expect(euros.toNumber(total)).toBe(2100.25);
  });

  it('should round a value finer than the scale to the scale', () => {
    const euros = new DecimalUnits();
    expect(euros.units('1.50')).toBe(150);
    expect(euros.units('2.346')).toBe(235);
    expect(euros.units(7)).toBe(700);
  });
});

describe('COUNT', () => {
  it('should read NULL as 0 and driver strings as numbers', () => {
    expect([null, 0, 3, '12'].map((value) => COUNT.units(value))).toEqual([0, 0, 3, 12]);
    expect(COUNT.toNumber(42)).toBe(42);
  });
});
