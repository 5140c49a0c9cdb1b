import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { loadHandMadeDataset } from '../support/hand-made';
import { parseOpenMetrics } from '../support/parse-openmetrics';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { request } from './support/http-client';
import { type RunningService, startService } from './support/service-harness';

const execFileAsync = promisify(execFile);
const OPENMETRICS_ACCEPT = 'application/openmetrics-text; version=1.0.0';

/** Decodes stdin as one gzip stream (a single decompressobj, as single-stream decoders do). */
const PYTHON_SINGLE_STREAM = [
  'import sys, zlib',
  'data = sys.stdin.buffer.read()',
  'd = zlib.decompressobj(16 + zlib.MAX_WBITS)',
  'out = d.decompress(data) + d.flush()',
  'sys.stderr.write("eof=%s unused=%d\\n" % (d.eof, len(d.unused_data)))',
  'sys.stdout.buffer.write(out)',
].join('\n');

function python(input: Buffer): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/python3', ['-c', PYTHON_SINGLE_STREAM]);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve({ stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }) : reject(new Error(Buffer.concat(err).toString('utf8'))),
    );
    child.stdin.end(input);
  });
}

/** The whole document: the snapshot, the self-metrics after it, one `# EOF` at the end. */
function expectWholeDocument(text: string): void {
  expect(text).toContain('dasmo_applications_received_total{');
  expect(text).toContain('dasmo_build_info{version="0.0.0-test"} 1');
  expect(text.match(/^# EOF$/gm)).toHaveLength(1);
  expect(parseOpenMetrics(text).endsWithEof).toBe(true);
}

describe('gzip answers read whole by every client', () => {
  let db: TestDatabase;
  let running: RunningService;

  beforeAll(async () => {
    db = await createTestDatabase();
    await loadHandMadeDataset(db);
    running = await startService({ databaseUrl: db.url });
    await running.service.refresh();
  });

  afterAll(async () => {
    await running?.stop();
    await db.drop();
  });

  it('should be read whole by curl --compressed', async () => {
    // -D -: the response headers, then the body, on stdout.
    const { stdout } = await execFileAsync('curl', ['-sSf', '--compressed', '-H', `Accept: ${OPENMETRICS_ACCEPT}`, '-D', '-', `${running.url}/metrics`]);
    const split = stdout.indexOf('\r\n\r\n');
    expect(stdout.slice(0, split)).toMatch(/^Content-Encoding: gzip$/im);
    expectWholeDocument(stdout.slice(split + 4));
  });

  it('should be read whole by wget --compression=gzip', async () => {
    const { stdout, stderr } = await execFileAsync('wget', ['-q', '-S', '-O', '-', '--compression=gzip', `${running.url}/metrics`]);
    expect(stderr).toMatch(/Content-Encoding: gzip/i);
    expectWholeDocument(stdout);
  });

  it("should be one gzip member for Python's single-stream zlib decoder", async () => {
    const response = await request(`${running.url}/metrics`, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(Number(response.headers['content-length'])).toBe(response.raw.length);
    const decoded = await python(response.raw);
    expect(decoded.stderr).toBe('eof=True unused=0\n');
    expectWholeDocument(decoded.stdout);
    expect(decoded.stdout).toBe(response.text);
  });
});
