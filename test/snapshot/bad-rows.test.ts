import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sourceSettingsFromEnv } from '../../src/config/settings';
import { buildSnapshot } from '../../src/snapshot/build-snapshot';
import { collectSources, requireAll } from '../../src/snapshot/collect-sources';
import { EOF_LINE } from '../../src/snapshot/openmetrics';
import { openSourceClients } from '../../src/sources/source-clients';
import { referenceWindow } from '../../src/time/reference-day';
import { labelValues, type ParsedExposition, parseOpenMetrics, seriesKey } from '../support/parse-openmetrics';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// Every figure below is worked out by hand from test/fixtures/bad-rows.sql (see its comments).
const DAY = 86_400;
const LE = ['604800.0', '1296000.0', '2592000.0', '5184000.0', '7776000.0', '10368000.0', '15552000.0', '31536000.0', '+Inf'];
const TORINO_CIGO = { region: '01', office: '0101', benefit: 'cigo', cause: 'covid19' };
const TORINO_SR41 = { region: '01', office: '0101', benefit: 'cigd', cause: 'covid19', channel: 'sr41' };

function value(parsed: ParsedExposition, name: string, labels: Record<string, string> = {}): number | undefined {
  return parsed.samples.get(seriesKey(name, labels));
}

function quality(parsed: ParsedExposition, source: string, problem: string): number | undefined {
  return value(parsed, 'dasmo_data_quality_rows', { source, problem });
}

describe('snapshot of rows that used to become wrong figures, for 2021-03-28', () => {
  let db: TestDatabase;
  let parsed: ParsedExposition;

  beforeAll(async () => {
    db = await createTestDatabase();
    await db.admin.query(readFileSync(join(__dirname, '..', 'fixtures', 'bad-rows.sql'), 'utf8'));
    const settings = sourceSettingsFromEnv({ DASMO_DATABASE_URL: db.url });
    const window = referenceWindow('2021-03-28', settings.timezone);
    const sources = openSourceClients(settings);
    try {
      parsed = parseOpenMetrics(buildSnapshot(window, requireAll(await collectSources(sources.clients, window))).text + EOF_LINE);
    } finally {
      await sources.close();
    }
  });

  afterAll(async () => {
    await db.drop();
  });

  it('should never expose a negative value', () => {
    const negative = [...parsed.samples].filter(([, sample]) => sample < 0);
    expect(negative).toEqual([]);
  });

  describe('workers (item 6)', () => {
    it('should leave negative and missing worker counts out of the worker sums, and keep their flows', () => {
      expect(value(parsed, 'dasmo_sr41_flows_received_total', TORINO_SR41)).toBe(6);
      expect(value(parsed, 'dasmo_sr41_flows_closed_total', { ...TORINO_SR41, outcome: 'paid' })).toBe(3);
      expect(value(parsed, 'dasmo_sr41_workers_paid_total', TORINO_SR41)).toBe(3);
      expect(value(parsed, 'dasmo_sr41_paid_euros_total', TORINO_SR41)).toBe(180);
      expect(value(parsed, 'dasmo_sr41_flows_pending', { ...TORINO_SR41, phase: 'processing' })).toBe(3);
      expect(value(parsed, 'dasmo_sr41_flows_pending', { ...TORINO_SR41, phase: 'settled' })).toBe(0);
      expect(value(parsed, 'dasmo_sr41_workers_pending', TORINO_SR41)).toBe(7);
    });

    it('should count each of them under its own problem', () => {
      expect(quality(parsed, 'sr41', 'negative_workers')).toBe(2);
      expect(quality(parsed, 'sr41', 'missing_workers')).toBe(2);
    });
  });

  describe('dates (item 7)', () => {
    it('should count each date problem of applications under its own problem', () => {
      expect(quality(parsed, 'applications', 'zero_date')).toBe(2);
      expect(quality(parsed, 'applications', 'future_date')).toBe(3);
      expect(quality(parsed, 'applications', 'ancient_date')).toBe(2);
      expect(quality(parsed, 'applications', 'outcome_before_arrival')).toBe(2);
      expect(quality(parsed, 'applications', 'missing_date')).toBe(0);
    });

    it('should leave those applications out of every figure', () => {
      expect(value(parsed, 'dasmo_applications_received_total', TORINO_CIGO)).toBe(3);
      expect(value(parsed, 'dasmo_applications_decided_total', { ...TORINO_CIGO, outcome: 'authorized' })).toBe(1);
      expect(value(parsed, 'dasmo_applications_decided_total', { ...TORINO_CIGO, outcome: 'rejected' })).toBe(0);
      expect(value(parsed, 'dasmo_applications_pending', { ...TORINO_CIGO, phase: 'awaiting_review' })).toBe(2);
      expect(value(parsed, 'dasmo_applications_pending', { ...TORINO_CIGO, phase: 'under_review' })).toBe(0);
      const buckets = [0, 1, 1, 1, 1, 1, 1, 1, 2];
      LE.forEach((le, index) => {
        expect([le, value(parsed, 'dasmo_applications_pending_age_seconds_bucket', { ...TORINO_CIGO, le })]).toEqual([le, buckets[index]]);
      });
      expect(value(parsed, 'dasmo_applications_pending_age_seconds_gsum', TORINO_CIGO)).toBe((7757 + 8) * DAY);
      expect(value(parsed, 'dasmo_applications_oldest_pending_age_seconds', TORINO_CIGO)).toBe(7757 * DAY);
    });

    it('should count each date problem of flows under its own problem and leave those flows out', () => {
      expect(quality(parsed, 'sr41', 'zero_date')).toBe(2);
      expect(quality(parsed, 'sr41', 'future_date')).toBe(2);
      expect(quality(parsed, 'sr41', 'ancient_date')).toBe(1);
      expect(quality(parsed, 'sr41', 'outcome_before_arrival')).toBe(1);
      expect(value(parsed, 'dasmo_sr41_pending_age_seconds_gcount', TORINO_SR41)).toBe(3);
      expect(value(parsed, 'dasmo_sr41_pending_age_seconds_gsum', TORINO_SR41)).toBe((26 + 24 + 24) * DAY);
      expect(value(parsed, 'dasmo_sr41_oldest_pending_age_seconds', TORINO_SR41)).toBe(26 * DAY);
    });
  });

  describe('offices (item 8)', () => {
    it('should list each office once, the conflicting one with the region that sorts first', () => {
      expect(labelValues(parsed, 'dasmo_office_info', 'office')).toEqual(['0101', '5800']);
      expect(value(parsed, 'dasmo_office_info', { office: '5800', office_name: 'Napoli', region: '12', region_name: 'Lazio', office_type: 'direzione metropolitana' })).toBe(1);
      expect(value(parsed, 'dasmo_applications_received_total', { region: '12', office: '5800', benefit: 'aso', cause: 'covid19' })).toBe(1);
      expect(labelValues(parsed, 'dasmo_applications_received_total', 'region')).toEqual(['01', '12', 'unknown']);
    });

    it('should count the dropped rows under source="offices"', () => {
      expect(quality(parsed, 'offices', 'duplicate_office')).toBe(1);
      expect(quality(parsed, 'offices', 'conflicting_office')).toBe(1);
    });
  });

  describe('unknown offices (item 11)', () => {
    it('should give 20 unknown offices series of their own and fold the others into office "other"', () => {
      const unknown = Array.from({ length: 19 }, (_, index) => `U${String(index + 1).padStart(3, '0')}`);
      expect(labelValues(parsed, 'dasmo_applications_received_total', 'office')).toEqual(['0101', '5800', ...unknown, 'U022', 'other']);
      expect(value(parsed, 'dasmo_applications_received_total', { region: 'unknown', office: 'U022', benefit: 'cigo', cause: 'covid19' })).toBe(3);
      const folded = { region: 'unknown', office: 'other', benefit: 'cigo', cause: 'covid19' };
      expect(value(parsed, 'dasmo_applications_received_total', folded)).toBe(2);
      expect(value(parsed, 'dasmo_applications_pending', { ...folded, phase: 'awaiting_review' })).toBe(2);
      expect(value(parsed, 'dasmo_applications_pending_age_seconds_gsum', folded)).toBe(2 * DAY);
    });

    it('should count unknown-office rows, and the folded ones apart', () => {
      expect(quality(parsed, 'applications', 'unknown_office')).toBe(24);
      expect(quality(parsed, 'applications', 'unknown_office_folded')).toBe(2);
      expect(quality(parsed, 'sr41', 'unknown_office_folded')).toBe(0);
    });
  });
});
