import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { importHeapLimitMb, relaunchArguments } from '../../src/cli/bounded-heap';
import { UserError } from '../../src/common/user-error';
import { runCli } from '../support/run-cli';

const IMPORT = ['backfill', '--from', '2021-12-30', '--to', '2021-12-31', '--import-url', 'http://127.0.0.1:1/api/v1/import/prometheus'];

describe('backfill --import-url with a bounded heap', () => {
  it.each([
    [IMPORT, {}, 192],
    [['backfill', '--from', '2021-12-30', '--to', '2021-12-31', '--import-url=http://vm:8428/api/v1/import/prometheus'], {}, 192],
    [IMPORT, { DASMO_BACKFILL_HEAP_MB: '300' }, 300],
    [['backfill', '--from', '2021-12-30', '--to', '2021-12-31', '--out', 'x.om'], {}, undefined],
    [['snapshot'], {}, undefined],
    [IMPORT, { DASMO_BACKFILL_HEAP_BOUNDED: '1' }, undefined],
  ])('should decide for %j with env %j a heap limit of %s (MB)', (argv, env, expected) => {
    expect(importHeapLimitMb(argv, env)).toBe(expected);
  });

  it.each(['x', '10', '1e3'])('should refuse DASMO_BACKFILL_HEAP_MB=%s with one line', (value) => {
    expect(() => importHeapLimitMb(IMPORT, { DASMO_BACKFILL_HEAP_MB: value })).toThrow(UserError);
    expect(() => importHeapLimitMb(IMPORT, { DASMO_BACKFILL_HEAP_MB: value })).toThrow(/^DASMO_BACKFILL_HEAP_MB must be/);
  });

  it('should give node the limit before the program, which then sees it', () => {
    const args = relaunchArguments('-e', [], 200, []);
    expect(args).toEqual(['--max-old-space-size=200', '-e']);
    const script = "console.log(require('v8').getHeapStatistics().heap_size_limit)";
    const limit = Number(execFileSync(process.execPath, [...args.slice(0, -1), '-e', script], { encoding: 'utf8' }));
    // The old generation's 200 MB plus the young generation's semi-spaces.
    expect(limit).toBeGreaterThanOrEqual(200 * 2 ** 20);
    expect(limit).toBeLessThan(300 * 2 ** 20);
  });

  it("should leave with the relaunched command's exit code and its one line", async () => {
    const result = await runCli(IMPORT, { DASMO_DATABASE_URL: 'mysql://root@127.0.0.1:1/nothing' });
    expect(result.code).toBe(1);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^dasmo-exporter: /);
  });

  it('should refuse a bad heap setting before relaunching, with one line and exit 2', async () => {
    const result = await runCli(IMPORT, { DASMO_BACKFILL_HEAP_MB: 'lots' });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('dasmo-exporter: DASMO_BACKFILL_HEAP_MB must be a whole number, got "lots"\n');
  });

  it('should run the relaunched command under the bin script it came from', () => {
    expect(relaunchArguments(join('bin', 'dasmo-exporter.js'), IMPORT, 192, ['--no-warnings'])).toEqual([
      '--no-warnings',
      '--max-old-space-size=192',
      join('bin', 'dasmo-exporter.js'),
      ...IMPORT,
    ]);
  });
});
