/** The committed dashboards, provisioning and Prometheus files are exactly what the code generates. */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { generatedFiles } from '../../monitoring/generate';
import { REPO_ROOT } from './support/dashboard-model';

const REGENERATE = 'npx tsc -p monitoring/tsconfig.json && node dist/monitoring/generate-main.js';
const files = generatedFiles();

describe('generated monitoring files', () => {
  it.each([...files.keys()])('%s should match the generator', (path) => {
    const target = join(REPO_ROOT, path);
    if (!existsSync(target)) throw new Error(`${path} is missing: run ${REGENERATE}`);
    const committed = readFileSync(target, 'utf8');
    if (committed !== files.get(path)) throw new Error(`${path} differs from the generator: run ${REGENERATE}`);
  });

  it.each(['dashboards', 'provisioning/alerting', 'monitoring/prometheus', 'deploy/grafana/provisioning/datasources', 'deploy/grafana/provisioning/dashboards', 'deploy/grafana/provisioning/alerting'])(
    'should have no stray files in %s',
    (dir) => {
      const present = readdirSync(join(REPO_ROOT, dir)).map((name) => `${dir}/${name}`);
      expect(present.filter((path) => !files.has(path))).toEqual([]);
    },
  );

  it('should generate the same output twice', () => {
    expect([...generatedFiles()]).toEqual([...files]);
  });
});
