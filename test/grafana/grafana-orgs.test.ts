/**
 * `dasmo-exporter grafana-orgs` against a stand-in for Grafana's documented admin API
 * (./grafana-standin.ts, NOT Grafana), with the generated organization list and provisioning.
 * The expected organizations come from monitoring/config.ts, not from the list the CLI reads.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { config } from '../../monitoring/config';
import { runCli, type CliResult } from '../support/run-cli';
import { ADMIN, startStandInGrafana, type StandInGrafana, type StandInOrganization } from './grafana-standin';

const REPO_ROOT = join(__dirname, '..', '..');
const LIST = join(REPO_ROOT, 'deploy', 'grafana', 'organizations.json');
const PROVISIONING = join(REPO_ROOT, 'deploy', 'grafana', 'provisioning');
const ADMIN_ENV = { GF_SECURITY_ADMIN_USER: ADMIN.user, GF_SECURITY_ADMIN_PASSWORD: ADMIN.password };

/** Grafana's Main Org., then every directorate's organization as monitoring/config.ts declares it. */
const EXPECTED: StandInOrganization[] = [
  { id: 1, name: 'Main Org.' },
  { id: config.access.grafana.national.orgId, name: `DASMO - ${config.access.grafana.national.name}` },
  ...config.access.regions.map((region) => ({ id: region.orgId, name: `DASMO - ${region.name}` })),
].sort((a, b) => a.id - b.id);

function expectOneLine(result: CliResult, pattern: RegExp): void {
  expect(result.code).toBe(1);
  expect(result.stderr.split('\n').filter((line) => line !== '')).toHaveLength(1);
  expect(result.stderr).toMatch(pattern);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(result.stderr).not.toContain(ADMIN.password);
}

function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(dir, join(prefix, entry.name)) : [join(prefix, entry.name)],
  );
}

describe('grafana-orgs', () => {
  let grafana: StandInGrafana | undefined;
  let target: string;

  beforeEach(() => {
    target = mkdtempSync(join(tmpdir(), 'dasmo-grafana-provisioning-'));
  });

  afterEach(async () => {
    await grafana?.close();
    grafana = undefined;
    rmSync(target, { recursive: true, force: true });
  });

  const run = (url: string, env: Record<string, string> = ADMIN_ENV, list = LIST, wait = '30'): Promise<CliResult> =>
    runCli(['grafana-orgs', '--grafana-url', url, '--organizations', list, '--provisioning-from', PROVISIONING, '--provisioning-to', target, '--wait', wait], env);

  it('should create the missing organizations with their ids, install the provisioning and reload it; a second run creates nothing', async () => {
    grafana = await startStandInGrafana();
    const first = await run(grafana.url);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(grafana.organizations).toEqual(EXPECTED);
    expect(filesUnder(target).sort()).toEqual(filesUnder(PROVISIONING).sort());
    for (const file of filesUnder(PROVISIONING)) expect(readFileSync(join(target, file), 'utf8')).toBe(readFileSync(join(PROVISIONING, file), 'utf8'));
    const reloads = grafana.requests.filter((request) => request.includes('/provisioning/'));
    expect(reloads).toEqual(['datasources', 'dashboards', 'alerting'].map((kind) => `POST /api/admin/provisioning/${kind}/reload`));
    // The provisioning reaches Grafana only after the last organization exists.
    expect(grafana.requests.findIndex((request) => request.includes('/provisioning/'))).toBeGreaterThan(grafana.requests.lastIndexOf('POST /api/orgs'));

    const before = grafana.requests.length;
    const second = await run(grafana.url);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(`organizations: 0 created, ${EXPECTED.length - 1} already present`);
    expect(second.stdout).toContain('provisioning: 0 file(s) changed');
    expect(grafana.requests.slice(before).filter((request) => request.startsWith('POST /api/orgs'))).toEqual([]);
    expect(grafana.organizations).toEqual(EXPECTED);
  });

  it.each([
    ['a name under another id', [{ id: 9, name: 'DASMO - Lombardia' }], /^dasmo-exporter: organization "DASMO - Lombardia" has id 9 in Grafana, but the provisioning expects id 5\n$/],
    ['an id under another name', [{ id: 2, name: 'Ufficio statistico' }], /^dasmo-exporter: organization id 2 is "Ufficio statistico" in Grafana, but the provisioning expects "DASMO - Nazionale"\n$/],
  ])('should stop at %s in one line, creating nothing', async (_case, existing, message) => {
    grafana = await startStandInGrafana(existing);
    const result = await run(grafana.url);
    expectOneLine(result, message);
    expect(grafana.organizations).toEqual([{ id: 1, name: 'Main Org.' }, ...existing]);
    expect(grafana.requests.filter((request) => request.startsWith('POST'))).toEqual([]);
    expect(readdirSync(target)).toEqual([]);
  });

  it('should stop, creating nothing, when Grafana would give a missing organization another id', async () => {
    // Organization 4 was deleted once: Grafana numbers the next one 10, never 4 again.
    grafana = await startStandInGrafana([{ id: 2, name: 'Altro 2' }, { id: 9, name: 'Altro 9' }]);
    const dir = mkdtempSync(join(tmpdir(), 'dasmo-grafana-list-'));
    try {
      const list = join(dir, 'organizations.json');
      writeFileSync(list, JSON.stringify({ organizations: [{ id: 2, name: 'Altro 2' }, { id: 4, name: 'DASMO - Nuova' }] }));
      expectOneLine(await run(grafana.url, ADMIN_ENV, list), /^dasmo-exporter: organization "DASMO - Nuova" is missing with id 4, but Grafana already numbers its organizations up to 9 and would give it another id\n$/);
      expect(grafana.requests.filter((request) => request.startsWith('POST'))).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('should refuse wrong admin credentials in one line', async () => {
    grafana = await startStandInGrafana();
    const result = await run(grafana.url, { GF_SECURITY_ADMIN_USER: ADMIN.user, GF_SECURITY_ADMIN_PASSWORD: 'not-the-password' });
    expectOneLine(result, /^dasmo-exporter: Grafana at http:\/\/127\.0\.0\.1:\d+ refused the admin credentials \(401\)/);
    expect(grafana.organizations).toEqual([{ id: 1, name: 'Main Org.' }]);
  });

  it('should give up on an unreachable Grafana after its --wait, in one line', async () => {
    // A port that was free a moment ago and that nothing listens on.
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const address = probe.address();
        probe.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
      });
    });
    const result = await run(`http://127.0.0.1:${port}`, ADMIN_ENV, LIST, '2');
    expectOneLine(result, /^dasmo-exporter: Grafana at http:\/\/127\.0\.0\.1:\d+ was not ready within 2 s \(cannot reach Grafana at .*ECONNREFUSED\)\n$/);
    expect(readdirSync(target)).toEqual([]);
  });

  it.each([
    [['--wait', '0'], /--wait 0 must be whole seconds/],
    [['--grafana-url', 'ftp://grafana'], /must be http or https/],
    [['--provisioning-from', PROVISIONING], /--provisioning-from and --provisioning-to go together/],
  ])('should refuse %j in one line with exit 2', async (args, message) => {
    const result = await runCli(['grafana-orgs', '--grafana-url', 'http://127.0.0.1:9', '--organizations', LIST, ...args], ADMIN_ENV);
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n').filter((line) => line !== '')).toHaveLength(1);
    expect(result.stderr).toMatch(message);
  });

  it('should refuse to start without the admin password, in one line', async () => {
    const result = await runCli(['grafana-orgs', '--grafana-url', 'http://127.0.0.1:9', '--organizations', LIST], {});
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('dasmo-exporter: GF_SECURITY_ADMIN_PASSWORD (or GF_SECURITY_ADMIN_PASSWORD__FILE) must hold the Grafana admin password\n');
  });
});
