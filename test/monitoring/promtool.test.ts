/** The Prometheus rules pass `promtool check rules` and their unit tests. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './support/dashboard-model';
import { promtool } from './support/promtool';

const DIR = join(REPO_ROOT, 'monitoring', 'prometheus');
const testFiles = readdirSync(DIR).filter((name) => name.endsWith('.test.yml'));

describe('Prometheus rules', () => {
  it('should pass promtool check rules', () => {
    const result = promtool(['check', 'rules', 'dasmo-rules.yml'], DIR);
    expect(result.output).toMatch(/SUCCESS: \d+ rules found/);
    expect(result.status).toBe(0);
  });

  it('should have unit test files', () => {
    expect(testFiles.length).toBeGreaterThanOrEqual(1);
  });

  // What docs/alerting.md documents, file by file for a clearer failure:
  // cd monitoring/prometheus && promtool test rules dasmo-rules.test.yml dasmo-rules-weekly.test.yml
  it('should have the unit test files the docs name', () => {
    expect([...testFiles].sort()).toEqual(['dasmo-rules-weekly.test.yml', 'dasmo-rules.test.yml']);
  });

  it.each(testFiles)('%s should pass promtool test rules', (file) => {
    const result = promtool(['test', 'rules', file], DIR);
    if (result.status !== 0) throw new Error(result.output);
    expect(result.output).toContain('SUCCESS');
  });
});
