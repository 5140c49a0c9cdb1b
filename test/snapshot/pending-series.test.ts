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
        // Only rows without a date: counted as missing_date, no label set.
        group({ benefitCode: 'CIGS', missingDate: 6 }),
      ],
      OFFICES,
      quality,
      SHAPE,
    );
    expect(entries).toEqual([
      [
        'region="01",office="0101",benefit="cigo",cause="ordinary"',
        { received: 8, pending: 3, oldestDays: 40, ages: { buckets: [1, 1, 2, 3, 3, 3, 3, 3], count: 3, sumDays: 60 } },
      ],
      [
        'region="unknown",office="9999",benefit="other",cause="covid19"',
        { received: 4, pending: 4, oldestDays: 3, ages: { buckets: [4, 4, 4, 4, 4, 4, 4, 4], count: 4, sumDays: 8 } },
      ],
    ]);
    expect(qualityValues(quality)).toEqual({ missing_date: 8, unknown_office: 4, unknown_benefit: 4, unknown_outcome: 0 });
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
