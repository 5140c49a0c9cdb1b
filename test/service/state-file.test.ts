import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isLoadProblem, loadState, prepareStateDir, saveState, STATE_FILE_NAME } from '../../src/service/state-file';
import type { SnapshotMetadata } from '../../src/service/published-snapshot';

const METADATA: SnapshotMetadata = {
  referenceDay: '2021-03-28',
  timezone: 'Europe/Rome',
  seriesCount: 2,
  refreshedAt: 1_700_000_000,
  lastSuccess: { applications: 1_700_000_000, sr41: 1_700_000_001, offices: 1_699_999_999 },
  totals: { applications: 143_233, sr41: 52_000, offices: 450 },
  regions: ['03', '12'],
};
const BODY = Buffer.from('# TYPE a gauge\na 1\n# TYPE b gauge\nb{x="é"} 2\n');

describe('persisted snapshot state', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dasmo-state-'));
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('should read back what it saved, leaving no temporary file, readable by its owner only', async () => {
    await saveState(dir, METADATA, BODY);
    expect(await loadState(dir)).toEqual({ metadata: METADATA, body: BODY });
    expect(readdirSync(dir)).toEqual([STATE_FILE_NAME]);
    expect(statSync(join(dir, STATE_FILE_NAME)).mode & 0o077).toBe(0);
  });

  it('should replace the previous state whole', async () => {
    await saveState(dir, METADATA, BODY);
    await saveState(dir, { ...METADATA, referenceDay: '2021-03-29' }, Buffer.from('c 3\n'));
    expect(await loadState(dir)).toEqual({ metadata: { ...METADATA, referenceDay: '2021-03-29' }, body: Buffer.from('c 3\n') });
  });

  it('should read a file written before the publishing guard as having no totals', async () => {
    await saveState(dir, METADATA, BODY);
    const file = join(dir, STATE_FILE_NAME);
    const text = readFileSync(file, 'utf8');
    const newline = text.indexOf('\n');
    const { totals: _totals, ...older } = JSON.parse(text.slice(0, newline)) as Record<string, unknown>;
    writeFileSync(file, `${JSON.stringify(older)}${text.slice(newline)}`);
    expect(await loadState(dir)).toEqual({ metadata: { ...METADATA, totals: null }, body: BODY });
  });

  it('should read a file written before the per-region self-metrics as having no regions', async () => {
    await saveState(dir, METADATA, BODY);
    const file = join(dir, STATE_FILE_NAME);
    const text = readFileSync(file, 'utf8');
    const newline = text.indexOf('\n');
    const { regions: _regions, ...older } = JSON.parse(text.slice(0, newline)) as Record<string, unknown>;
    writeFileSync(file, `${JSON.stringify(older)}${text.slice(newline)}`);
    expect(await loadState(dir)).toEqual({ metadata: { ...METADATA, regions: [] }, body: BODY });
  });

  it('should report nothing when there is no state yet', async () => {
    expect(await loadState(dir)).toBeUndefined();
  });

  it.each([
    ['truncated', (text: Buffer) => text.subarray(0, text.length - 3)],
    ['altered', (text: Buffer) => Buffer.from(text.toString('utf8').replace('a 1', 'a 9'))],
    ['without header', () => Buffer.from('a 1')],
    ['with a broken header', (text: Buffer) => Buffer.concat([Buffer.from('{oops'), text])],
    ['of another format', (text: Buffer) => Buffer.from(text.toString('utf8').replace('dasmo-snapshot-state/1', 'other/9'))],
    ['with totals that are not numbers', (text: Buffer) => Buffer.from(text.toString('utf8').replace('"sr41":52000', '"sr41":"52000"'))],
    ['with regions that are not strings', (text: Buffer) => Buffer.from(text.toString('utf8').replace('"regions":["03","12"]', '"regions":[3,12]'))],
  ])('should report a problem for a file %s, never throw', async (_what, damage) => {
    await saveState(dir, METADATA, BODY);
    const file = join(dir, STATE_FILE_NAME);
    writeFileSync(file, damage(readFileSync(file)));
    const loaded = await loadState(dir);
    expect(isLoadProblem(loaded)).toBe(true);
  });

  it('should create the state directory itself, not its parents', async () => {
    await prepareStateDir(join(dir, 'state'));
    expect(statSync(join(dir, 'state')).isDirectory()).toBe(true);
    await prepareStateDir(join(dir, 'state'));
    await expect(prepareStateDir(join(dir, 'missing', 'state'))).rejects.toThrow(/\(ENOENT\)$/);
    await expect(prepareStateDir('/proc/dasmo-state')).rejects.toThrow(/is not a writable directory/);
  });

  it('should remove the temporary files of an exporter killed while saving, and nothing else', async () => {
    await saveState(dir, METADATA, BODY);
    writeFileSync(join(dir, `${STATE_FILE_NAME}.4242.tmp`), 'half');
    writeFileSync(join(dir, 'notes.tmp'), 'not ours');
    await prepareStateDir(dir);
    expect(readdirSync(dir).sort()).toEqual(['notes.tmp', STATE_FILE_NAME]);
    expect(await loadState(dir)).toEqual({ metadata: METADATA, body: BODY });
  });

  it('should refuse a state directory that cannot be written', async () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, '');
    await expect(prepareStateDir(join(file, 'sub'))).rejects.toThrow(/^DASMO_STATE_DIR .* is not a writable directory \(ENOTDIR\)$/);
  });
});
