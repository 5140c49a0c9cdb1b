import { QualityTally } from '../../src/snapshot/data-quality';
import { declareFamily } from '../../src/snapshot/declared-family';
import { OfficeDirectory } from '../../src/snapshot/office-directory';
import { aggregateGroups, oldestPendingSample, type PendingSeries, type SeriesShape } from '../../src/snapshot/pending-series';
import { emptyAgeDistribution } from '../../src/snapshot/family-samples';

interface TestGroup {
  readonly office: string;
  readonly benefitCode: string | null;
  readonly multiRegion: boolean;
  readonly causeCode: string | null;
  readonly missingDate: number;
  readonly dateProblems: readonly number[];
  readonly received: number;
  readonly pending: number;
  readonly ageBuckets: readonly number[];
  readonly ageSumDays: number;
  readonly oldestDays: number | null;
}

interface TestSeries extends PendingSeries {
  pending: number;
}

/** A shape with no extra label whose own figure is the pending count. */
const SHAPE: SeriesShape<TestGroup, TestSeries> = {
  create: () => ({ received: 0, ages: emptyAgeDistribution(), oldestDays: null, pending: 0 }),
  extraLabels: () => [],
  pending: (group) => group.pending,
  add: (target, group) => {
    target.pending += group.pending;
  },
};

const OFFICES = new OfficeDirectory([{ code: '0101', name: 'Torino', regionCode: '01', regionName: 'Piemonte', type: 'sede' }]);

function group(overrides: Partial<TestGroup>): TestGroup {
  return {
    office: '0101',
    benefitCode: 'CIGO',
    multiRegion: false,
    causeCode: 'COVID19',
    missingDate: 0,
    dateProblems: [0, 0, 0, 0],
    received: 0,
    pending: 0,
    ageBuckets: [0, 0, 0, 0, 0, 0, 0, 0],
    ageSumDays: 0,
    oldestDays: null,
    ...overrides,
  };
}

function qualityValues(quality: QualityTally): Record<string, number> {
  return Object.fromEntries(quality.samples().map((sample) => [/problem="(\w+)"/.exec(sample.labels)?.[1], sample.value]));
}

describe('aggregateGroups', () => {
  it('should add up groups that map to the same labels, sorted by labels, and count data-quality problems', () => {
    const quality = new QualityTally('applications');
    const entries = aggregateGroups(
      [
        group({ causeCode: null, received: 5, pending: 2, ageBuckets: [1, 1, 2, 2, 2, 2, 2, 2], ageSumDays: 20, oldestDays: 12 }),
        // Another cause code that also maps to "ordinary": the same label set.
        group({ causeCode: 'CRISI', received: 3, pending: 1, ageBuckets: [0, 0, 0, 1, 1, 1, 1, 1], ageSumDays: 40, oldestDays: 40 }),
        group({ office: '9999', benefitCode: 'XYZ', received: 4, pending: 4, missingDate: 2, ageBuckets: [4, 4, 4, 4, 4, 4, 4, 4], ageSumDays: 8, oldestDays: 3 }),
        // Only rows without a date, or with a date problem: counted, no label set.
        group({ benefitCode: 'CIGS', missingDate: 6 }),
        group({ benefitCode: 'CIGD', dateProblems: [1, 2, 3, 4] }),
        group({ office: '0101', dateProblems: [0, 5, 0, 1], received: 1, pending: 1, ageBuckets: [1, 1, 1, 1, 1, 1, 1, 1], oldestDays: 0 }),
      ],
      OFFICES,
      quality,
      SHAPE,
    );
    expect(entries).toEqual([
      [
        'region="01",office="0101",benefit="cigo",cause="covid19"',
        { received: 1, pending: 1, oldestDays: 0, ages: { buckets: [1, 1, 1, 1, 1, 1, 1, 1], count: 1, sumDays: 0 } },
      ],
      [
        'region="01",office="0101",benefit="cigo",cause="ordinary"',
        { received: 8, pending: 3, oldestDays: 40, ages: { buckets: [1, 1, 2, 3, 3, 3, 3, 3], count: 3, sumDays: 60 } },
      ],
      [
        'region="unknown",office="9999",benefit="other",cause="covid19"',
        { received: 4, pending: 4, oldestDays: 3, ages: { buckets: [4, 4, 4, 4, 4, 4, 4, 4], count: 4, sumDays: 8 } },
      ],
    ]);
    expect(qualityValues(quality)).toEqual({
      missing_date: 8,
      zero_date: 1,
      future_date: 7,
      ancient_date: 3,
      outcome_before_arrival: 5,
      unknown_office: 4,
      unknown_office_folded: 0,
      unknown_benefit: 4,
      unknown_outcome: 0,
    });
  });

  it('should give the 20 unknown offices with the most received rows series of their own and fold the others into office "other"', () => {
    const quality = new QualityTally('applications');
    // 23 unknown offices 9001..9023 with 1 row each, but 9023 with 5 and 9022 with 2: kept are
    // 9023, 9022, then 9001..9018 by code; 9019, 9020 and 9021 (one row each) are folded.
    const unknown = Array.from({ length: 23 }, (_, index) => {
      const office = String(9001 + index);
      const received = office === '9023' ? 5 : office === '9022' ? 2 : 1;
      return group({ office, received, pending: received, ageBuckets: Array(8).fill(received), oldestDays: index });
    });
    const entries = aggregateGroups([group({ received: 1 }), ...unknown.reverse()], OFFICES, quality, SHAPE);
    const offices = entries.map(([labels]) => /office="(\w+)"/.exec(labels)?.[1]);
    expect(offices).toEqual(['0101', ...Array.from({ length: 18 }, (_, index) => String(9001 + index)), '9022', '9023', 'other']);
    expect(entries.at(-1)).toEqual([
      'region="unknown",office="other",benefit="cigo",cause="covid19"',
      { received: 3, pending: 3, oldestDays: 20, ages: { buckets: [3, 3, 3, 3, 3, 3, 3, 3], count: 3, sumDays: 0 } },
    ]);
    expect(qualityValues(quality)).toMatchObject({ unknown_office: 5 + 2 + 21, unknown_office_folded: 3 });
  });
});

describe('oldestPendingSample', () => {
  const family = declareFamily({ name: 'dasmo_oldest_seconds', type: 'gauge', unit: 'seconds', help: 'Oldest.' });

  it('should give the oldest age in seconds where something is pending', () => {
    const series = { received: 1, oldestDays: 2, ages: { buckets: [], count: 1, sumDays: 2 } };
    expect(oldestPendingSample(family, 'o="1"', series)).toEqual({ name: 'dasmo_oldest_seconds', labels: 'o="1"', value: 172_800 });
  });

  it('should give nothing where nothing is pending', () => {
    expect(oldestPendingSample(family, '', { received: 1, oldestDays: 2, ages: { buckets: [], count: 0, sumDays: 0 } })).toBeUndefined();
    expect(oldestPendingSample(family, '', { received: 1, oldestDays: null, ages: { buckets: [], count: 1, sumDays: 0 } })).toBeUndefined();
  });
});
