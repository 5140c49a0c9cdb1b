import { AGE_BUCKET_DAYS } from '../../src/contract/ages';
import { bucketBoundLabel, gaugeHistogramSamples } from '../../src/snapshot/family-samples';
import {
  escapeLabelValue,
  formatValue,
  type MetricFamily,
  renderFamilies,
  renderFamiliesToBytes,
  renderLabels,
  renderSample,
} from '../../src/snapshot/openmetrics';

describe('label rendering', () => {
  it('should escape backslash, quote and newline', () => {
    expect(escapeLabelValue('a\\b"c\nd')).toBe('a\\\\b\\"c\\nd');
    expect(renderLabels([['office', '4900'], ['office_name', 'Sede "A"']])).toBe('office="4900",office_name="Sede \\"A\\""');
  });
});

describe('formatValue', () => {
  it.each([
    [0, '0'],
    [-0, '0'],
    [42, '42'],
    [4500.75, '4500.75'],
    [Infinity, '+Inf'],
    [NaN, 'NaN'],
  ])('should render %p as %s', (value, text) => {
    expect(formatValue(value)).toBe(text);
  });
});

describe('bucket bounds', () => {
  it('should be the contract days in seconds, canonical floats, then +Inf', () => {
    expect(AGE_BUCKET_DAYS).toEqual([7, 15, 30, 60, 90, 120, 180, 365]);
    expect(AGE_BUCKET_DAYS.map((_, index) => bucketBoundLabel(index))).toEqual([
      '604800.0', '1296000.0', '2592000.0', '5184000.0', '7776000.0', '10368000.0', '15552000.0', '31536000.0',
    ]);
    expect(bucketBoundLabel(AGE_BUCKET_DAYS.length)).toBe('+Inf');
  });

  it('should produce buckets, +Inf, _gcount and _gsum in seconds', () => {
    const samples = gaugeHistogramSamples('x_age_seconds', 'office="1"', { buckets: [1, 1, 2, 2, 2, 2, 3, 3], count: 4, sumDays: 500 });
    expect(samples.map((s) => `${s.name}{${s.labels}} ${s.value}`)).toEqual([
      'x_age_seconds_bucket{office="1",le="604800.0"} 1',
      'x_age_seconds_bucket{office="1",le="1296000.0"} 1',
      'x_age_seconds_bucket{office="1",le="2592000.0"} 2',
      'x_age_seconds_bucket{office="1",le="5184000.0"} 2',
      'x_age_seconds_bucket{office="1",le="7776000.0"} 2',
      'x_age_seconds_bucket{office="1",le="10368000.0"} 2',
      'x_age_seconds_bucket{office="1",le="15552000.0"} 3',
      'x_age_seconds_bucket{office="1",le="31536000.0"} 3',
      'x_age_seconds_bucket{office="1",le="+Inf"} 4',
      'x_age_seconds_gcount{office="1"} 4',
      'x_age_seconds_gsum{office="1"} 43200000',
    ]);
  });
});

describe('renderFamilies', () => {
  it('should write TYPE, UNIT and HELP before the samples of each family', () => {
    const families: MetricFamily[] = [
      { name: 'a_seconds', type: 'gauge', unit: 'seconds', help: 'line one\nline \\two', samples: [{ name: 'a_seconds', labels: '', value: 1 }] },
      { name: 'b', type: 'counter', help: 'b', samples: [{ name: 'b_total', labels: 'x="y"', value: 2 }] },
    ];
    expect(renderFamilies(families)).toBe(
      '# TYPE a_seconds gauge\n# UNIT a_seconds seconds\n# HELP a_seconds line one\\nline \\\\two\na_seconds 1\n' +
        '# TYPE b counter\n# HELP b b\nb_total{x="y"} 2\n',
    );
  });

  it('should append a timestamp in seconds when given', () => {
    expect(renderSample({ name: 'a', labels: '', value: 3 }, 1616909400)).toBe('a 3 1616909400\n');
  });
});

describe('renderFamiliesToBytes', () => {
  const families: MetricFamily[] = [
    { name: 'a', type: 'gauge', help: 'é', samples: [1, 2, 3].map((value) => ({ name: 'a', labels: `n="${value}"`, value })) },
    { name: 'b', type: 'counter', help: 'b', samples: [4, 5].map((value) => ({ name: 'b_total', labels: 'office_name="Forlì"', value })) },
  ];

  it.each([1, 2, 3, 100])('should give the same UTF-8 bytes as renderFamilies with slices of %i samples', (size) => {
    expect(renderFamiliesToBytes(families, size).equals(Buffer.from(renderFamilies(families), 'utf8'))).toBe(true);
  });
});
