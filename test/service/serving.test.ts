import type mysql from 'mysql2/promise';
import { loadHandMadeDataset } from '../support/hand-made';
import { parseOpenMetrics, seriesKey } from '../support/parse-openmetrics';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { request } from './support/http-client';
import { HAND_MADE_DAY, type RunningService, startService } from './support/service-harness';

const CIGO_MILANO = { region: '03', office: '4900', benefit: 'cigo', cause: 'covid19' };
const OPENMETRICS = 'application/openmetrics-text; version=1.0.0; charset=utf-8';

describe('the exporter service over HTTP, on the hand-made dataset', () => {
  let db: TestDatabase;
  let running: RunningService;

  /** Rows the server has read from this test's tables, by MariaDB's own statistics (userstat). */
  const rowsRead = async (): Promise<number> => {
    const [rows] = await db.admin.query<mysql.RowDataPacket[]>(
      'SELECT COALESCE(SUM(ROWS_READ), 0) AS n FROM information_schema.TABLE_STATISTICS WHERE TABLE_SCHEMA = ?',
      [db.name],
    );
    return Number(rows[0]?.n);
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    await loadHandMadeDataset(db);
    await db.admin.query('SET GLOBAL userstat = 1');
  });

  beforeEach(async () => {
    // A test below deletes rows to see their label sets vanish: a fall the publishing guard
    // would refuse (it has tests of its own in publishing-guard.test.ts).
    running = await startService({ databaseUrl: db.url, env: { DASMO_MAX_RECEIVED_DROP_PERCENT: '100' } });
    await running.service.refresh();
  });

  afterEach(async () => {
    await running.stop();
  });

  afterAll(async () => {
    await db.drop();
  });

  it('should serve the snapshot and the self-metrics as one OpenMetrics document with a single # EOF', async () => {
    const response = await request(`${running.url}/metrics`, { headers: { Accept: 'application/openmetrics-text;version=1.0.0' } });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe(OPENMETRICS);
    expect(response.text.match(/^# EOF$/gm)).toHaveLength(1);
    const parsed = parseOpenMetrics(response.text);
    expect(parsed.endsWithEof).toBe(true);
    expect(parsed.samples.get(seriesKey('dasmo_applications_received_total', CIGO_MILANO))).toBe(10);
    expect(parsed.samples.get(seriesKey('dasmo_snapshot_reference_date_seconds'))).toBe(1616886000);
    for (const source of ['applications', 'sr41', 'offices']) {
      expect(parsed.samples.get(seriesKey('dasmo_source_up', { source }))).toBe(1);
      expect(parsed.samples.get(seriesKey('dasmo_refresh_failures_total', { source }))).toBe(0);
      expect(parsed.samples.get(seriesKey('dasmo_refresh_last_success_timestamp_seconds', { source }))).toBeGreaterThan(1.6e9);
      expect(parsed.samples.get(seriesKey('dasmo_refresh_duration_seconds', { source }))).toBeGreaterThan(0);
    }
    // Repeated once for each region of the snapshot (Lombardia and Lazio), equal to the originals.
    expect([...parsed.samples.keys()].filter((key) => /^dasmo_region_(source_up|refresh_)/.test(key))).toHaveLength(2 * 2 * 3);
    for (const region of ['03', '12']) {
      for (const source of ['applications', 'sr41', 'offices']) {
        expect(parsed.samples.get(seriesKey('dasmo_region_source_up', { region, source }))).toBe(1);
        expect(parsed.samples.get(seriesKey('dasmo_region_refresh_last_success_timestamp_seconds', { region, source }))).toBe(
          parsed.samples.get(seriesKey('dasmo_refresh_last_success_timestamp_seconds', { source })),
        );
      }
    }
    expect(parsed.samples.get(seriesKey('dasmo_build_info', { version: '0.0.0-test' }))).toBe(1);
    expect(parsed.samples.get(seriesKey('process_cpu_seconds_total'))).toBeGreaterThan(0);
    const snapshotSeries = [...parsed.samples.keys()].filter(
      (key) => key.startsWith('dasmo_') && !/^dasmo_(region_source_up|region_refresh_|source_up|source_refused|refresh_|snapshot_series|build_info|auth_failures_total|state_save_failures_total)/.test(key),
    );
    expect(parsed.samples.get(seriesKey('dasmo_snapshot_series'))).toBe(snapshotSeries.length);
  });

  it('should send the same document gzipped (the stored deflate of the snapshot, then the tail, in one member) when asked', async () => {
    const plain = await request(`${running.url}/metrics`);
    const first = await request(`${running.url}/metrics`, { headers: { 'Accept-Encoding': 'gzip' } });
    const second = await request(`${running.url}/metrics`, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(first.headers['content-encoding']).toBe('gzip');
    expect(first.headers.vary).toBe('Accept-Encoding');
    expect(first.raw.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    const snapshotPart = (text: string): string => text.slice(0, text.indexOf('# HELP process_'));
    expect(snapshotPart(first.text)).toBe(snapshotPart(plain.text));
    expect(parseOpenMetrics(first.text).endsWithEof).toBe(true);
    // The stored snapshot deflate is reused byte for byte: the two bodies share a long prefix.
    let common = 0;
    while (common < first.raw.length && first.raw[common] === second.raw[common]) common += 1;
    expect(common).toBeGreaterThan(1_000);
  });

  it('should neither query the databases nor rebuild the snapshot when scraped', async () => {
    const readBefore = await rowsRead();
    const refreshesBefore = running.logs.events('refresh_start').length;
    const plain = await request(`${running.url}/metrics`);
    const scrapes = await Promise.all(Array.from({ length: 20 }, () => request(`${running.url}/metrics`, { headers: { 'Accept-Encoding': 'gzip' } })));
    expect(await rowsRead()).toBe(readBefore);
    expect(running.logs.events('refresh_start').length).toBe(refreshesBefore);
    const snapshotPart = (text: string): string => text.slice(0, text.indexOf('# HELP process_'));
    for (const scrape of scrapes) expect(snapshotPart(scrape.text)).toBe(snapshotPart(plain.text));
    // The statistics do count this service's reads: a refresh moves them.
    await running.service.refresh();
    expect(await rowsRead()).toBeGreaterThan(readBefore);
  });

  it('should answer health, readiness and the status page', async () => {
    expect((await request(`${running.url}/-/healthy`)).status).toBe(200);
    expect((await request(`${running.url}/-/ready`)).status).toBe(200);
    const page = await request(`${running.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain(HAND_MADE_DAY);
    expect(page.text).toMatch(/<td>applications<\/td><td>up<\/td><td>\d{4}-\d\d-\d\dT/);
    expect(page.text).toContain('href="metrics"');
    expect(page.text).not.toContain(db.name);
  });

  it.each([
    ['POST', '/metrics', 'GET, HEAD'],
    ['DELETE', '/-/ready', 'GET, HEAD'],
    ['PUT', '/-/healthy', 'GET, HEAD'],
    ['GET', '/-/refresh', 'POST'],
  ])('should refuse %s %s with 405 and Allow: %s', async (method, path, allow) => {
    const response = await request(`${running.url}${path}`, { method });
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe(allow);
  });

  it('should answer 404 elsewhere', async () => {
    expect((await request(`${running.url}/nothing`)).status).toBe(404);
  });

  it('should run one refresh for concurrent POST /-/refresh requests and drop vanished label sets', async () => {
    await db.admin.query("DELETE FROM dasmo_domande WHERE codice_sede = '4900' AND prestazione = 'CIGD'");
    const startsBefore = running.logs.events('refresh_start').length;
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => request(`${running.url}/-/refresh`, { method: 'POST' })));
    expect([a?.status, b?.status, c?.status]).toEqual([200, 200, 200]);
    expect(running.logs.events('refresh_start').length - startsBefore).toBe(1);
    const outcome = JSON.parse(a?.text ?? '') as { ok: boolean; referenceDay: string; sources: Record<string, { rows: number }> };
    expect(outcome.ok).toBe(true);
    expect(outcome.referenceDay).toBe(HAND_MADE_DAY);
    const parsed = parseOpenMetrics((await request(`${running.url}/metrics`)).text);
    expect(parsed.samples.get(seriesKey('dasmo_applications_received_total', { ...CIGO_MILANO, benefit: 'cigd', cause: 'ordinary' }))).toBeUndefined();
    expect(parsed.samples.get(seriesKey('dasmo_applications_received_total', { ...CIGO_MILANO, benefit: 'cigd_pluri' }))).toBeUndefined();
    expect(parsed.samples.get(seriesKey('dasmo_applications_received_total', CIGO_MILANO))).toBe(10);
    await loadHandMadeDatasetAgain(db);
  });

  it('should log refresh start and end per source with durations and row counts', () => {
    const reads = running.logs.events('source_read');
    expect(reads.map((entry) => entry.source).sort()).toEqual(['applications', 'offices', 'sr41']);
    for (const entry of reads) {
      expect(entry.seconds).toEqual(expect.any(Number));
      expect(entry.rows).toEqual(expect.any(Number));
      expect(entry.level).toBe('info');
    }
    expect(running.logs.events('refresh_end')).toHaveLength(1);
  });
});

async function loadHandMadeDatasetAgain(db: TestDatabase): Promise<void> {
  await db.admin.query('DELETE FROM dasmo_sr41; DELETE FROM dasmo_domande; DELETE FROM dasmo_sedi;');
  await loadHandMadeDataset(db);
}
