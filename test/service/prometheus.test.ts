import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import bcrypt from 'bcryptjs';
import { loadWebConfig } from '../../src/service/web-config';
import { loadHandMadeDataset } from '../support/hand-made';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { makeCertificate } from './support/certificate';
import { freePort } from '../support/processes';
import { type RunningService, startService, waitFor } from './support/service-harness';

const PROMETHEUS = '/usr/bin/prometheus';

interface QueryResult {
  readonly status: string;
  readonly data: { readonly result: ReadonlyArray<{ readonly metric: Record<string, string>; readonly value: [number, string] }> };
}

describe('the real Prometheus server scraping the exporter (TLS, basic auth, gzip)', () => {
  let db: TestDatabase;
  let dir: string;
  let running: RunningService;
  let prometheus: ChildProcess;
  let prometheusUrl: string;
  const output: string[] = [];

  const query = async (promql: string): Promise<QueryResult['data']['result']> => {
    const response = await fetch(`${prometheusUrl}/api/v1/query?query=${encodeURIComponent(promql)}`);
    const body = (await response.json()) as QueryResult;
    return body.data.result;
  };

  beforeAll(async () => {
    if (!existsSync(PROMETHEUS)) throw new Error(`${PROMETHEUS} is missing; install it with: apt-get install -y prometheus`);
    db = await createTestDatabase();
    await loadHandMadeDataset(db);
    dir = mkdtempSync(join(tmpdir(), 'dasmo-prometheus-'));
    const certificate = makeCertificate(dir);
    writeFileSync(
      join(dir, 'web.yml'),
      `tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\nbasic_auth_users:\n  prometheus: '${bcrypt.hashSync('scrape-secret', 4)}'\n`,
    );
    running = await startService({ databaseUrl: db.url, web: loadWebConfig(join(dir, 'web.yml')), logLevel: 'debug' });
    await running.service.refresh();
    const target = new URL(running.url).host;
    writeFileSync(
      join(dir, 'prometheus.yml'),
      [
        'global:',
        '  scrape_interval: 2s',
        '  scrape_timeout: 2s',
        'scrape_configs:',
        '  - job_name: dasmo',
        '    scheme: https',
        '    tls_config:',
        `      ca_file: ${certificate.certFile}`,
        '    basic_auth:',
        '      username: prometheus',
        '      password: scrape-secret',
        '    static_configs:',
        `      - targets: ['${target}']`,
      ].join('\n'),
    );
    const port = await freePort();
    prometheusUrl = `http://127.0.0.1:${port}`;
    prometheus = spawn(PROMETHEUS, [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
    ]);
    prometheus.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    prometheus.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  });

  afterAll(async () => {
    if (prometheus !== undefined && prometheus.exitCode === null) {
      await new Promise<void>((resolve) => {
        prometheus.once('exit', () => resolve());
        prometheus.kill('SIGTERM');
      });
    }
    await running?.stop();
    await db?.drop();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it('should scrape successfully (up 1) and store the snapshot values', async () => {
    try {
      await waitFor('Prometheus to record a successful scrape', async () => {
        try {
          return (await query('up{job="dasmo"}'))[0]?.value[1] === '1';
        } catch {
          return false;
        }
      });
    } catch (error) {
      const lastScrapeError = output.join('').split('\n').filter((line) => /scrape|error/i.test(line)).slice(-5).join('\n');
      throw new Error(`${(error as Error).message}; Prometheus said:\n${lastScrapeError}`);
    }
    const received = await query('dasmo_applications_received_total{office="4900",benefit="cigo",cause="covid19"}');
    expect(received.map((sample) => sample.value[1])).toEqual(['10']);
    const up = await query('dasmo_source_up');
    expect(up.map((sample) => [sample.metric.source, sample.value[1]]).sort()).toEqual([['applications', '1'], ['offices', '1'], ['sr41', '1']]);
    const histogram = await query('dasmo_applications_pending_age_seconds_bucket{office="4900",benefit="cigo",cause="covid19",le="+Inf"}');
    expect(histogram.map((sample) => sample.value[1])).toEqual(['5']);
    const scraped = Number((await query('scrape_samples_scraped{job="dasmo"}'))[0]?.value[1]);
    const series = Number((await query('dasmo_snapshot_series'))[0]?.value[1]);
    expect(series).toBeGreaterThan(100);
    expect(scraped).toBeGreaterThan(series);
    // Prometheus asked for gzip, and read the self-metrics after the snapshot in the same member.
    const scrapes = running.logs.events('scrape');
    expect(scrapes.length).toBeGreaterThan(0);
    expect(scrapes.every((entry) => entry.gzip === true)).toBe(true);
  });
});
