import { sourceSettingsFromEnv } from '../../src/config/settings';
import { buildSnapshot, buildSnapshotBytes } from '../../src/snapshot/build-snapshot';
import { collectSources, requireAll } from '../../src/snapshot/collect-sources';
import { EOF_LINE } from '../../src/snapshot/openmetrics';
import { openSourceClients } from '../../src/sources/source-clients';
import { referenceWindow } from '../../src/time/reference-day';
import { loadHandMadeDataset } from '../support/hand-made';
import { labelValues, type ParsedExposition, parseOpenMetrics, seriesKey } from '../support/parse-openmetrics';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// Every figure below is worked out by hand from test/fixtures/hand-made.sql (see its comments).
const DAY = 86_400;
const LE = ['604800.0', '1296000.0', '2592000.0', '5184000.0', '7776000.0', '10368000.0', '15552000.0', '31536000.0', '+Inf'];

interface ExpectedApplications {
  labels: Record<string, string>;
  received: number;
  underReview: number;
  awaiting: number;
  buckets: number[]; // cumulative, 8 bounds and +Inf
  sumDays: number;
  oldestDays: number | null;
  decided: Record<string, number>;
}

const APPLICATIONS: ExpectedApplications[] = [
  {
    labels: { region: '03', office: '4900', benefit: 'cigo', cause: 'covid19' },
    received: 10, underReview: 2, awaiting: 3,
    buckets: [1, 2, 2, 3, 3, 3, 3, 4, 5], sumDays: 0 + 8 + 55 + 365 + 366, oldestDays: 366,
    decided: { authorized: 2, rejected: 1, cancelled: 1, other: 1 },
  },
  {
    labels: { region: '03', office: '4900', benefit: 'cigd_pluri', cause: 'covid19' },
    received: 1, underReview: 0, awaiting: 1,
    buckets: [1, 1, 1, 1, 1, 1, 1, 1, 1], sumDays: 7, oldestDays: 7,
    decided: { authorized: 0, rejected: 0, cancelled: 0 },
  },
  {
    labels: { region: '03', office: '4900', benefit: 'cigd', cause: 'ordinary' },
    received: 1, underReview: 0, awaiting: 1,
    buckets: [0, 1, 1, 1, 1, 1, 1, 1, 1], sumDays: 15, oldestDays: 15,
    decided: { authorized: 0, rejected: 0, cancelled: 0 },
  },
  {
    labels: { region: '03', office: '4900', benefit: 'cigo', cause: 'ordinary' },
    received: 1, underReview: 1, awaiting: 0,
    buckets: [0, 0, 1, 1, 1, 1, 1, 1, 1], sumDays: 30, oldestDays: 30,
    decided: { authorized: 0, rejected: 0, cancelled: 0 },
  },
  {
    labels: { region: '12', office: '7000', benefit: 'aso', cause: 'covid19' },
    received: 2, underReview: 0, awaiting: 1,
    buckets: [1, 1, 1, 1, 1, 1, 1, 1, 1], sumDays: 0, oldestDays: 0,
    decided: { authorized: 1, rejected: 0, cancelled: 0 },
  },
  {
    labels: { region: 'unknown', office: '9999', benefit: 'cisoa', cause: 'ordinary' },
    received: 1, underReview: 0, awaiting: 1,
    buckets: [0, 0, 1, 1, 1, 1, 1, 1, 1], sumDays: 18, oldestDays: 18,
    decided: { authorized: 0, rejected: 0, cancelled: 0 },
  },
  {
    labels: { region: '12', office: '7000', benefit: 'other', cause: 'covid19' },
    received: 1, underReview: 0, awaiting: 0,
    buckets: [0, 0, 0, 0, 0, 0, 0, 0, 0], sumDays: 0, oldestDays: null,
    decided: { authorized: 1, rejected: 0, cancelled: 0 },
  },
  {
    labels: { region: '12', office: '7000', benefit: 'cigs', cause: 'covid19' },
    received: 1, underReview: 0, awaiting: 1,
    buckets: [1, 1, 1, 1, 1, 1, 1, 1, 1], sumDays: 1, oldestDays: 1,
    decided: { authorized: 0, rejected: 0, cancelled: 0 },
  },
  {
    labels: { region: '12', office: '7000', benefit: 'cigs', cause: 'ordinary' },
    received: 1, underReview: 0, awaiting: 0,
    buckets: [0, 0, 0, 0, 0, 0, 0, 0, 0], sumDays: 0, oldestDays: null,
    decided: { authorized: 0, rejected: 1, cancelled: 0 },
  },
];

interface ExpectedFlows {
  labels: Record<string, string>;
  received: number;
  processing: number;
  settled: number;
  workersPending: number;
  critical: number;
  buckets: number[];
  sumDays: number;
  oldestDays: number | null;
  closed: Record<string, number>;
  workersPaid: number;
  eurosPaid: number;
}

const FLOWS: ExpectedFlows[] = [
  {
    labels: { region: '03', office: '4900', benefit: 'cigd', cause: 'covid19', channel: 'sr41' },
    received: 8, processing: 2, settled: 1, workersPending: 4 + 3 + 6, critical: 1,
    buckets: [1, 1, 2, 2, 2, 2, 3, 3, 3], sumDays: 0 + 178 + 27, oldestDays: 178,
    closed: { paid: 3, rejected: 1, cancelled: 0, lapsed: 0, other: 1 }, workersPaid: 5 + 3 + 1, eurosPaid: 4500.75,
  },
  {
    labels: { region: '03', office: '4900', benefit: 'cigd', cause: 'covid19', channel: 'uniemens_cig' },
    received: 1, processing: 0, settled: 0, workersPending: 0, critical: 0,
    buckets: [0, 0, 0, 0, 0, 0, 0, 0, 0], sumDays: 0, oldestDays: null,
    closed: { paid: 0, rejected: 0, cancelled: 0, lapsed: 1 }, workersPaid: 0, eurosPaid: 0,
  },
  {
    labels: { region: '12', office: '7000', benefit: 'cisoa', cause: 'ordinary', channel: 'sr43' },
    received: 2, processing: 1, settled: 0, workersPending: 10, critical: 1,
    buckets: [0, 0, 0, 0, 0, 0, 0, 1, 1], sumDays: 239, oldestDays: 239,
    closed: { paid: 0, rejected: 0, cancelled: 1, lapsed: 0 }, workersPaid: 0, eurosPaid: 0,
  },
  {
    labels: { region: '12', office: '7000', benefit: 'cigo', cause: 'covid19', channel: 'other' },
    received: 1, processing: 1, settled: 0, workersPending: 2, critical: 0,
    buckets: [0, 1, 1, 1, 1, 1, 1, 1, 1], sumDays: 13, oldestDays: 13,
    closed: { paid: 0, rejected: 0, cancelled: 0, lapsed: 0 }, workersPaid: 0, eurosPaid: 0,
  },
  {
    labels: { region: 'unknown', office: '9999', benefit: 'aso', cause: 'covid19', channel: 'sr41' },
    received: 1, processing: 0, settled: 1, workersPending: 3, critical: 0,
    buckets: [1, 1, 1, 1, 1, 1, 1, 1, 1], sumDays: 1, oldestDays: 1,
    closed: { paid: 0, rejected: 0, cancelled: 0, lapsed: 0 }, workersPaid: 0, eurosPaid: 0,
  },
];

function value(parsed: ParsedExposition, name: string, labels: Record<string, string> = {}): number | undefined {
  return parsed.samples.get(seriesKey(name, labels));
}

function countFamily(parsed: ParsedExposition, prefix: string): number {
  return [...parsed.samples.keys()].filter((key) => key.startsWith(`${prefix}{`)).length;
}

describe('snapshot of the hand-made dataset for 2021-03-28 (a 23-hour day in Europe/Rome)', () => {
  let db: TestDatabase;
  let text: string;
  let asBytes: string;
  let parsed: ParsedExposition;

  beforeAll(async () => {
    db = await createTestDatabase();
    await loadHandMadeDataset(db);
    const settings = sourceSettingsFromEnv({ DASMO_DATABASE_URL: db.url });
    const window = referenceWindow('2021-03-28', settings.timezone);
    const sources = openSourceClients(settings);
    try {
      const data = requireAll(await collectSources(sources.clients, window));
      text = buildSnapshot(window, data).text + EOF_LINE;
      asBytes = buildSnapshotBytes(window, data).body.toString('utf8') + EOF_LINE;
    } finally {
      await sources.close();
    }
    parsed = parseOpenMetrics(text);
  });

  afterAll(async () => {
    await db.drop();
  });

  it('should state the reference day as the start of 2021-03-28 in Rome', () => {
    expect(value(parsed, 'dasmo_snapshot_reference_date_seconds')).toBe(1616886000);
  });

  it('should repeat the reference day once for each region of dasmo_sedi (Lombardia has two offices, Lazio one)', () => {
    expect(value(parsed, 'dasmo_region_snapshot_reference_date_seconds', { region: '03' })).toBe(1616886000);
    expect(value(parsed, 'dasmo_region_snapshot_reference_date_seconds', { region: '12' })).toBe(1616886000);
    expect(countFamily(parsed, 'dasmo_region_snapshot_reference_date_seconds')).toBe(2);
  });

  it('should list every office of dasmo_sedi with escaped names', () => {
    expect(value(parsed, 'dasmo_office_info', { office: '4901', office_name: 'Agenzia "Sesto" \\ Nord', region: '03', region_name: 'Lombardia', office_type: 'agenzia' })).toBe(1);
    expect(countFamily(parsed, 'dasmo_office_info')).toBe(3);
    expect(parsed.types.get('dasmo_office')).toBe('info');
  });

  it.each(APPLICATIONS)('should count applications of $labels.office/$labels.benefit/$labels.cause', (expected) => {
    const { labels } = expected;
    expect(value(parsed, 'dasmo_applications_received_total', labels)).toBe(expected.received);
    expect(value(parsed, 'dasmo_applications_pending', { ...labels, phase: 'under_review' })).toBe(expected.underReview);
    expect(value(parsed, 'dasmo_applications_pending', { ...labels, phase: 'awaiting_review' })).toBe(expected.awaiting);
    LE.forEach((le, index) => {
      expect([le, value(parsed, 'dasmo_applications_pending_age_seconds_bucket', { ...labels, le })]).toEqual([le, expected.buckets[index]]);
    });
    expect(value(parsed, 'dasmo_applications_pending_age_seconds_gcount', labels)).toBe(expected.underReview + expected.awaiting);
    expect(value(parsed, 'dasmo_applications_pending_age_seconds_gsum', labels)).toBe(expected.sumDays * DAY);
    expect(value(parsed, 'dasmo_applications_oldest_pending_age_seconds', labels)).toBe(
      expected.oldestDays === null ? undefined : expected.oldestDays * DAY,
    );
    for (const outcome of ['authorized', 'rejected', 'cancelled', 'other']) {
      expect([outcome, value(parsed, 'dasmo_applications_decided_total', { ...labels, outcome })]).toEqual([outcome, expected.decided[outcome]]);
    }
  });

  it('should expose no other application label sets (nothing received after E, no missing-date rows)', () => {
    expect(countFamily(parsed, 'dasmo_applications_received_total')).toBe(APPLICATIONS.length);
    expect(labelValues(parsed, 'dasmo_applications_received_total', 'office')).toEqual(['4900', '7000', '9999']);
  });

  it.each(FLOWS)('should count flows of $labels.office/$labels.benefit/$labels.channel', (expected) => {
    const { labels } = expected;
    expect(value(parsed, 'dasmo_sr41_flows_received_total', labels)).toBe(expected.received);
    expect(value(parsed, 'dasmo_sr41_flows_pending', { ...labels, phase: 'processing' })).toBe(expected.processing);
    expect(value(parsed, 'dasmo_sr41_flows_pending', { ...labels, phase: 'settled' })).toBe(expected.settled);
    expect(value(parsed, 'dasmo_sr41_workers_pending', labels)).toBe(expected.workersPending);
    expect(value(parsed, 'dasmo_sr41_flows_pending_critical', labels)).toBe(expected.critical);
    LE.forEach((le, index) => {
      expect([le, value(parsed, 'dasmo_sr41_pending_age_seconds_bucket', { ...labels, le })]).toEqual([le, expected.buckets[index]]);
    });
    expect(value(parsed, 'dasmo_sr41_pending_age_seconds_gcount', labels)).toBe(expected.processing + expected.settled);
    expect(value(parsed, 'dasmo_sr41_pending_age_seconds_gsum', labels)).toBe(expected.sumDays * DAY);
    expect(value(parsed, 'dasmo_sr41_oldest_pending_age_seconds', labels)).toBe(
      expected.oldestDays === null ? undefined : expected.oldestDays * DAY,
    );
    for (const outcome of ['paid', 'rejected', 'cancelled', 'lapsed', 'other']) {
      expect([outcome, value(parsed, 'dasmo_sr41_flows_closed_total', { ...labels, outcome })]).toEqual([outcome, expected.closed[outcome]]);
    }
    expect(value(parsed, 'dasmo_sr41_workers_paid_total', labels)).toBe(expected.workersPaid);
    expect(value(parsed, 'dasmo_sr41_paid_euros_total', labels)).toBe(expected.eurosPaid);
  });

  it('should expose no other flow label sets', () => {
    expect(countFamily(parsed, 'dasmo_sr41_flows_received_total')).toBe(FLOWS.length);
  });

  it('should count every data-quality problem, zeros included', () => {
    const expected: Array<[string, string, number]> = [
      ['applications', 'missing_date', 1],
      ['applications', 'zero_date', 0],
      ['applications', 'future_date', 0],
      ['applications', 'ancient_date', 0],
      ['applications', 'outcome_before_arrival', 0],
      ['applications', 'unknown_office', 1],
      ['applications', 'unknown_office_folded', 0],
      ['applications', 'unknown_benefit', 1],
      ['applications', 'unknown_outcome', 1],
      ['sr41', 'missing_date', 1],
      ['sr41', 'zero_date', 0],
      ['sr41', 'future_date', 0],
      ['sr41', 'ancient_date', 0],
      ['sr41', 'outcome_before_arrival', 0],
      ['sr41', 'unknown_office', 1],
      ['sr41', 'unknown_office_folded', 0],
      ['sr41', 'unknown_benefit', 0],
      ['sr41', 'unknown_channel', 1],
      ['sr41', 'negative_amount', 1],
      ['sr41', 'negative_workers', 0],
      ['sr41', 'missing_workers', 0],
      ['sr41', 'unknown_outcome', 1],
      ['offices', 'duplicate_office', 0],
      ['offices', 'conflicting_office', 0],
    ];
    for (const [source, problem, count] of expected) {
      expect([source, problem, value(parsed, 'dasmo_data_quality_rows', { source, problem })]).toEqual([source, problem, count]);
    }
    expect(countFamily(parsed, 'dasmo_data_quality_rows')).toBe(expected.length);
  });

  it('should render the same document as bytes, slice by slice (as the service does), as in one string', () => {
    expect(asBytes).toBe(text);
  });

  it('should be an OpenMetrics document with typed families and one # EOF', () => {
    expect(parsed.endsWithEof).toBe(true);
    expect(text.match(/# EOF/g)).toHaveLength(1);
    expect(parsed.types.get('dasmo_applications_pending_age_seconds')).toBe('gaugehistogram');
    expect(parsed.types.get('dasmo_applications_received')).toBe('counter');
    expect(parsed.types.get('dasmo_sr41_paid_euros')).toBe('counter');
    expect(text).toContain('# UNIT dasmo_sr41_paid_euros euros\n');
    expect(text).toMatch(/# HELP dasmo_applications_pending .*reference day/);
  });
});
