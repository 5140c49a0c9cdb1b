import { declareFamily } from '../../src/snapshot/declared-family';

const HELP = 'Some help.';
const AGES = { buckets: [1, 2, 3, 4, 5, 6, 7, 8], count: 10, sumDays: 2.5 };

describe('declareFamily', () => {
  it.each([
    ['gauge', 'dasmo_x'],
    ['counter', 'dasmo_x_total'],
    ['info', 'dasmo_x_info'],
    ['gaugehistogram', 'dasmo_x'],
  ] as const)('should name the samples of a %s %s', (type, sampleName) => {
    expect(declareFamily({ name: 'dasmo_x', type, help: HELP }).sample('a="1"', 5)).toEqual({ name: sampleName, labels: 'a="1"', value: 5 });
  });

  it('should add one labelled sample per value, in the given order', () => {
    const family = declareFamily({ name: 'dasmo_items', type: 'gauge', help: HELP });
    expect(family.byLabel('region="Lazio"', 'phase', [['review', 3], ['awaiting', 0]])).toEqual([
      { name: 'dasmo_items', labels: 'region="Lazio",phase="review"', value: 3 },
      { name: 'dasmo_items', labels: 'region="Lazio",phase="awaiting"', value: 0 },
    ]);
    expect(family.byLabel('', 'phase', [['review', 1]])).toEqual([{ name: 'dasmo_items', labels: 'phase="review"', value: 1 }]);
  });

  it('should write a gauge histogram of days in seconds, +Inf holding the count', () => {
    const samples = declareFamily({ name: 'dasmo_age_seconds', type: 'gaugehistogram', unit: 'seconds', help: HELP }).histogram('o="1"', AGES);
    const day = 86_400;
    expect(samples).toEqual([
      ...[7, 15, 30, 60, 90, 120, 180, 365].map((days, i) => ({
        name: 'dasmo_age_seconds_bucket',
        labels: `o="1",le="${days * day}.0"`,
        value: i + 1,
      })),
      { name: 'dasmo_age_seconds_bucket', labels: 'o="1",le="+Inf"', value: 10 },
      { name: 'dasmo_age_seconds_gcount', labels: 'o="1"', value: 10 },
      { name: 'dasmo_age_seconds_gsum', labels: 'o="1"', value: 216_000 },
    ]);
  });

  it('should refuse a histogram from a family that is not a gauge histogram', () => {
    expect(() => declareFamily({ name: 'dasmo_x', type: 'gauge', help: HELP }).histogram('', AGES)).toThrow(TypeError);
  });

  it('should carry its declaration into the family with the samples', () => {
    const family = declareFamily({ name: 'dasmo_x', type: 'counter', unit: 'bytes', help: HELP });
    const samples = [family.sample('', 1)];
    expect(family.family(samples)).toEqual({ name: 'dasmo_x', type: 'counter', unit: 'bytes', help: HELP, samples });
  });
});
