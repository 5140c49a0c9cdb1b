/**
 * The compose files without a Docker engine: docker-compose.yml (VictoriaMetrics behind vmauth)
 * and docker-compose.prometheus.yml (plain Prometheus). `docker-compose config` accepts each,
 * everything they mount exists, images are pinned, and names, ports, paths and labels agree
 * across the compose files, provisioning/, deploy/ and monitoring/config.ts.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import { config } from '../../monitoring/config';
import { vmauthUsers } from '../../monitoring/access/vmauth';
import {
  cleanEnv,
  COMPOSE_FILES,
  type ComposeFile,
  durationDays,
  mountAt,
  mounts,
  readRepoFile,
  readYaml,
  REPO_ROOT,
  resolvedCompose,
  run,
  service,
  toolPath,
} from './support/stack-files';
import { at } from '../../src/common/checked-index';

/**
 * The docker compose commands shown in README.md and docs/ (test/docs/commands.test.ts points
 * here for them). They need a Docker engine, so they are not run: the file they act on is
 * validated, and every service they name exists.
 */
export const DOCUMENTED_COMPOSE_COMMANDS: ReadonlyArray<{ command: string; services: string[] }> = [
  { command: 'docker compose up', services: [] },
  { command: 'docker compose up -d', services: [] },
  { command: 'docker compose ps', services: [] },
  { command: 'docker compose logs -f exporter', services: ['exporter'] },
  { command: 'docker compose down', services: [] },
  { command: 'docker compose down -v', services: [] },
  { command: 'DASMO_DEMO_SIZE=medium docker compose up', services: [] },
  { command: 'docker compose -f docker-compose.prometheus.yml up', services: [] },
];

const EXPORTER = 'exporter';
const PROMETHEUS = 'prometheus';
const GRAFANA = 'grafana';
const GRAFANA_ORGS = 'grafana-orgs';
const VMAUTH = 'vmauth';
const MARIADB = 'mariadb';
const VICTORIA = 'victoriametrics';
const PROMETHEUS_FILE = 'docker-compose.prometheus.yml';

interface PrometheusConfig {
  global: { scrape_interval: string; evaluation_interval: string };
  rule_files: string[];
  scrape_configs: Array<{ job_name: string; scrape_interval?: string; static_configs: Array<{ targets: string[] }> }>;
}

let compose: ComposeFile;
let prometheusCompose: ComposeFile;
const prometheusConfig = readYaml<PrometheusConfig>('deploy/prometheus/prometheus.yml');
const dasmoJob = prometheusConfig.scrape_configs.find((job) => job.job_name === config.job);

beforeAll(() => {
  compose = resolvedCompose();
  prometheusCompose = resolvedCompose(cleanEnv(), PROMETHEUS_FILE);
});

/** Each compose file, resolved: `compose` is the VictoriaMetrics one, `prometheusCompose` the other. */
const stacks = COMPOSE_FILES.map((file) => ({ file, stack: () => (file === PROMETHEUS_FILE ? prometheusCompose : compose) }));

describe('both compose files', () => {
  it.each(COMPOSE_FILES)('%s should be accepted by docker-compose config', (file) => {
    const result = run(toolPath('docker-compose'), ['-f', file, 'config', '-q'], { env: cleanEnv() });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('should have the services of each stack', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['demo-data', EXPORTER, GRAFANA, GRAFANA_ORGS, 'history-backfill', MARIADB, VICTORIA, VMAUTH].sort());
    expect(Object.keys(prometheusCompose.services).sort()).toEqual(
      ['demo-data', EXPORTER, GRAFANA, 'history-import', 'history-writer', MARIADB, PROMETHEUS].sort(),
    );
  });

  it.each(stacks)('$file should pin every image to a version (no latest)', ({ stack }) => {
    for (const [name, svc] of Object.entries(stack().services)) {
      expect([name, svc.image]).toEqual([name, expect.stringMatching(/^[a-z0-9./-]+:v?\d+\.\d+\.\d+$/)]);
    }
  });

  it('should use the official images', () => {
    for (const stack of [compose, prometheusCompose]) {
      expect(service(stack, MARIADB).image).toMatch(/^mariadb:/);
      expect(service(stack, GRAFANA).image).toMatch(/^grafana\/grafana-oss:/);
    }
    expect(service(prometheusCompose, PROMETHEUS).image).toMatch(/^prom\/prometheus:/);
    expect(service(compose, VICTORIA).image).toMatch(/^victoriametrics\/victoria-metrics:/);
    // vmauth and VictoriaMetrics of the same release.
    expect(service(compose, VMAUTH).image).toBe(service(compose, VICTORIA).image?.replace('victoria-metrics:', 'vmauth:'));
    for (const name of ['demo-data', EXPORTER, 'history-backfill', GRAFANA_ORGS]) expect([name, service(compose, name).build?.context]).toEqual([name, REPO_ROOT]);
    for (const name of ['demo-data', EXPORTER, 'history-writer']) expect([name, service(prometheusCompose, name).build?.context]).toEqual([name, REPO_ROOT]);
  });

  it.each(stacks)('$file should mount only files and directories that exist, read-only', ({ stack }) => {
    for (const [name, svc] of Object.entries(stack().services)) {
      for (const mount of mounts(svc).filter((m) => m.kind === 'bind')) {
        expect([name, mount.source, statSync(mount.source, { throwIfNoEntry: false }) !== undefined, mount.readOnly]).toEqual([name, mount.source, true, true]);
        expect(mount.source.startsWith(`${REPO_ROOT}/`)).toBe(true);
      }
    }
  });

  it.each(stacks)('$file should give every named volume a declaration and read every secret from an existing file', ({ stack }) => {
    const { services, volumes, secrets } = stack();
    for (const svc of Object.values(services)) {
      for (const mount of mounts(svc).filter((m) => m.kind === 'volume')) expect(Object.keys(volumes)).toContain(mount.source);
      for (const secret of svc.secrets ?? []) expect(Object.keys(secrets)).toContain(secret.source);
    }
    for (const secret of Object.values(secrets)) expect(statSync(secret.file).isFile()).toBe(true);
  });

  it('should publish ports on loopback only (the demo secrets are public), and nothing of the store on VictoriaMetrics', () => {
    const published = (stack: ComposeFile) => Object.entries(stack.services).flatMap(([name, svc]) => (svc.ports ?? []).map((port) => `${name} ${port}`));
    expect(published(compose).sort()).toEqual([`${EXPORTER} 127.0.0.1:9713:9713/tcp`, `${GRAFANA} 127.0.0.1:3000:3000/tcp`]);
    expect(published(prometheusCompose).sort()).toEqual([`${EXPORTER} 127.0.0.1:9713:9713/tcp`, `${GRAFANA} 127.0.0.1:3000:3000/tcp`, `${PROMETHEUS} 127.0.0.1:9090:9090/tcp`]);
  });

  it('should start the VictoriaMetrics stack in order: schema, demo data, the store, history, then vmauth and Grafana', () => {
    const after = (name: string) => Object.fromEntries(Object.entries(service(compose, name).depends_on ?? {}).map(([dep, { condition }]) => [dep, condition]));
    expect(after('demo-data')).toEqual({ [MARIADB]: 'service_healthy' });
    expect(after(EXPORTER)).toEqual({ 'demo-data': 'service_completed_successfully' });
    expect(after(VICTORIA)).toEqual({ [EXPORTER]: 'service_started' });
    expect(after('history-backfill')).toEqual({ 'demo-data': 'service_completed_successfully', [VICTORIA]: 'service_healthy' });
    expect(after(VMAUTH)).toEqual({ [VICTORIA]: 'service_healthy' });
    expect(after(GRAFANA)).toEqual({ [VMAUTH]: 'service_started' });
    expect(after(GRAFANA_ORGS)).toEqual({ [GRAFANA]: 'service_healthy' });
    for (const oneShot of ['demo-data', 'history-backfill', GRAFANA_ORGS]) expect(service(compose, oneShot).restart).toBe('no');
  });

  it('should start the Prometheus stack in order: schema, demo data, history, then Prometheus and Grafana', () => {
    const after = (name: string) => Object.fromEntries(Object.entries(service(prometheusCompose, name).depends_on ?? {}).map(([dep, { condition }]) => [dep, condition]));
    expect(after('demo-data')).toEqual({ [MARIADB]: 'service_healthy' });
    expect(after(EXPORTER)).toEqual({ 'demo-data': 'service_completed_successfully' });
    expect(after('history-writer')).toEqual({ 'demo-data': 'service_completed_successfully' });
    expect(after('history-import')).toEqual({ 'history-writer': 'service_completed_successfully' });
    expect(after(PROMETHEUS)).toEqual({ [EXPORTER]: 'service_started', 'history-import': 'service_completed_successfully' });
    expect(after(GRAFANA)).toEqual({ [PROMETHEUS]: 'service_started' });
    for (const oneShot of ['demo-data', 'history-writer', 'history-import']) expect(service(prometheusCompose, oneShot).restart).toBe('no');
  });
});

describe('MariaDB and the demo data', () => {
  it('should initialise the reference schema and the exporter user', () => {
    const mariadb = service(compose, MARIADB);
    expect(mountAt(mariadb, '/docker-entrypoint-initdb.d/10-dasmo-schema.sql').source).toBe(join(REPO_ROOT, 'schema', 'dasmo.sql'));
    expect(mountAt(mariadb, '/docker-entrypoint-initdb.d/20-dasmo-exporter-user.sh').source).toBe(join(REPO_ROOT, 'deploy', 'mariadb', '20-dasmo-exporter-user.sh'));
    expect(mountAt(mariadb, '/var/lib/mysql').kind).toBe('volume');
    expect(mariadb.healthcheck?.test).toEqual(['CMD', 'healthcheck.sh', '--connect', '--innodb_initialized']);
  });

  it('should run the project\'s own demo-data command, once, with the size from DASMO_DEMO_SIZE (small by default)', () => {
    const demo = service(compose, 'demo-data');
    expect(demo.entrypoint).toBeUndefined();
    expect(demo.command).toEqual(['demo-data', '--if-empty', '--size', 'small']);
    const medium = resolvedCompose(cleanEnv({ DASMO_DEMO_SIZE: 'medium' }));
    expect(service(medium, 'demo-data').command).toEqual(['demo-data', '--if-empty', '--size', 'medium']);
  });

  it('should have demo secrets that agree with each other and with the MariaDB users', () => {
    const mariadb = service(compose, MARIADB);
    const secretFile = (name: string) => readRepoFile(`deploy/secrets/demo/${name}`);
    const loader = new URL(secretFile('dasmo-loader-database-url'));
    const exporter = new URL(secretFile('dasmo-exporter-database-url'));
    expect([loader.hostname, loader.port, loader.pathname]).toEqual([MARIADB, '3306', `/${mariadb.environment?.MARIADB_DATABASE}`]);
    expect([exporter.hostname, exporter.port, exporter.pathname]).toEqual([MARIADB, '3306', `/${mariadb.environment?.MARIADB_DATABASE}`]);
    expect(loader.username).toBe(mariadb.environment?.MARIADB_USER);
    expect(decodeURIComponent(loader.password)).toBe(secretFile('dasmo-loader-password'));
    expect(readRepoFile('deploy/mariadb/20-dasmo-exporter-user.sh')).toContain(`\${DASMO_EXPORTER_USER:-${exporter.username}}`);
    expect(decodeURIComponent(exporter.password)).toBe(secretFile('dasmo-exporter-password'));
    expect(mariadb.environment?.MARIADB_PASSWORD_FILE).toBe('/run/secrets/dasmo_loader_password');
    expect(mariadb.environment?.DASMO_EXPORTER_PASSWORD_FILE).toBe('/run/secrets/dasmo_exporter_password');
  });

  it('should read the secrets from DASMO_SECRETS_DIR when it is set', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dasmo-secrets-'));
    try {
      const names = Object.values(compose.secrets).map((secret) => posix.basename(secret.file));
      expect(names).toHaveLength(4 + vmauthUsers().length);
      for (const name of names) writeFileSync(join(dir, name), 'x');
      const elsewhere = resolvedCompose(cleanEnv({ DASMO_SECRETS_DIR: dir }));
      expect(Object.values(elsewhere.secrets).map((secret) => dirname(secret.file))).toEqual(names.map(() => dir));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the services both stacks share', () => {
  it.each(['demo-data', EXPORTER, MARIADB])('%s should be the same in both files (but for the store network)', (name) => {
    const { networks: _networks, ...shared } = service(compose, name);
    expect(shared).toEqual(service(prometheusCompose, name));
  });
});

describe('the exporter', () => {
  it('should read its database URL from a secret file as the SELECT-only user', () => {
    const exporter = service(compose, EXPORTER);
    expect(exporter.environment?.DASMO_DATABASE_URL_FILE).toBe('/run/secrets/dasmo_exporter_database_url');
    expect(exporter.secrets?.map((secret) => secret.source)).toEqual(['dasmo_exporter_database_url']);
    for (const svc of Object.values(compose.services)) expect(Object.keys(svc.environment ?? {})).not.toContain('DASMO_DATABASE_URL');
  });

  it('should keep its state in a named volume', () => {
    const exporter = service(compose, EXPORTER);
    const state = exporter.environment?.DASMO_STATE_DIR as string;
    expect(mountAt(exporter, state).kind).toBe('volume');
    expect(readRepoFile('Dockerfile')).toContain(`DASMO_STATE_DIR=${state}`);
  });

  it('should listen where Prometheus scrapes it', () => {
    const port = /:(\d+)$/.exec(service(compose, EXPORTER).environment?.DASMO_LISTEN_ADDRESS ?? '')?.[1];
    expect(dasmoJob?.static_configs.flatMap((s) => s.targets)).toEqual([`${EXPORTER}:${port}`]);
    expect(service(compose, EXPORTER).ports).toEqual([`127.0.0.1:${port}:${port}/tcp`]);
  });
});

describe('Prometheus (docker-compose.prometheus.yml)', () => {
  it(`should scrape the exporter every minute as job "${config.job}"`, () => {
    expect(dasmoJob).toBeDefined();
    expect(dasmoJob?.scrape_interval ?? prometheusConfig.global.scrape_interval).toBe('1m');
    expect(config.jobSelector).toBe(`job="${dasmoJob?.job_name}"`);
  });

  it('should keep samples long enough to compare a year with the previous one', () => {
    const flag = service(prometheusCompose, PROMETHEUS).command?.find((arg) => arg.startsWith('--storage.tsdb.retention.time='));
    expect(durationDays(at((flag as string).split('='), 1))).toBeGreaterThanOrEqual(730);
    const shorter = resolvedCompose(cleanEnv({ DASMO_PROMETHEUS_RETENTION: '400d' }), PROMETHEUS_FILE);
    expect(service(shorter, PROMETHEUS).command).toContain('--storage.tsdb.retention.time=400d');
  });

  it('should load the generated DASMO rules from the mounted file', () => {
    const prometheus = service(prometheusCompose, PROMETHEUS);
    const configFile = at((prometheus.command?.find((arg) => arg.startsWith('--config.file=')) as string).split('='), 1);
    expect(mountAt(prometheus, configFile).source).toBe(join(REPO_ROOT, 'deploy', 'prometheus', 'prometheus.yml'));
    expect(prometheusConfig.rule_files).toHaveLength(1);
    const ruleTarget = posix.join(posix.dirname(configFile), at(prometheusConfig.rule_files, 0));
    expect(mountAt(prometheus, ruleTarget).source).toBe(join(REPO_ROOT, 'monitoring', 'prometheus', 'dasmo-rules.yml'));
  });

  it('should pass promtool check config with its mounts laid out as in the container', () => {
    const root = mkdtempSync(join(tmpdir(), 'dasmo-prometheus-'));
    try {
      const prometheus = service(prometheusCompose, PROMETHEUS);
      for (const mount of mounts(prometheus).filter((m) => m.kind === 'bind')) {
        mkdirSync(join(root, dirname(mount.target)), { recursive: true });
        copyFileSync(mount.source, join(root, mount.target));
      }
      const configFile = at((prometheus.command?.find((arg) => arg.startsWith('--config.file=')) as string).split('='), 1);
      const result = run(toolPath('promtool'), ['check', 'config', join(root, configFile)]);
      expect(result.stdout).toMatch(/SUCCESS: \d+ rules found/);
      expect(result.status).toBe(0);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('should give backfilled history the instance label of the scrape target', () => {
    const writer = service(prometheusCompose, 'history-writer');
    expect(dasmoJob?.static_configs[0]?.targets[0]).toBe(writer.environment?.DASMO_HISTORY_INSTANCE);
    const script = readRepoFile('deploy/history/write-history.sh');
    expect(script).toContain('instance="${DASMO_HISTORY_INSTANCE:?');
    expect(script).toContain('--out "$out" --instance "$instance"');
    const importer = service(prometheusCompose, 'history-import');
    expect(importer.image).toBe(service(prometheusCompose, PROMETHEUS).image);
    expect(mountAt(importer, importer.environment?.PROMETHEUS_DATA_DIR as string).source).toBe(mountAt(service(prometheusCompose, PROMETHEUS), '/prometheus').source);
    expect(mountAt(importer, importer.environment?.DASMO_HISTORY_DIR as string).source).toBe(mountAt(writer, writer.environment?.DASMO_HISTORY_DIR as string).source);
  });
});

describe('Grafana', () => {
  interface Datasource { uid: string; url: string; type: string; orgId: number; basicAuthUser: string; secureJsonData: { basicAuthPassword: string } }
  interface Providers { providers: Array<{ folder: string; folderUid?: string; options: { path: string } }> }
  const datasources = readYaml<{ datasources: Datasource[] }>('deploy/grafana/provisioning/datasources/dasmo.yaml').datasources;

  it('should query only vmauth, at its service name and default port', () => {
    const url = new URL(config.access.grafana.vmauthUrl);
    expect(url.hostname).toBe(VMAUTH);
    // vmauth listens on its default :8427 (no -httpListenAddr in the service).
    expect(url.port).toBe('8427');
    expect((service(compose, VMAUTH).command ?? []).some((arg) => arg.includes('httpListenAddr'))).toBe(false);
    expect(new Set(datasources.map((datasource) => datasource.url))).toEqual(new Set([config.access.grafana.vmauthUrl]));
  });

  it('should give Grafana and vmauth the same password secret for each vmauth user, and vmauth every password it names', () => {
    const vmauth = service(compose, VMAUTH);
    const grafanaSecrets = (service(compose, GRAFANA).secrets ?? []).map((secret) => secret.source);
    const vmauthSecrets = (vmauth.secrets ?? []).map((secret) => secret.source);
    expect(grafanaSecrets.sort()).toEqual([...vmauthSecrets].sort());
    const named = [...readRepoFile('deploy/vmauth/auth.yml').matchAll(/%\{([A-Z0-9_]+)\}/g)].map((match) => at(match, 1));
    expect(named.length).toBe(config.access.regions.length + 1);
    for (const variable of named) {
      // The vmauth entrypoint reads VAR_FILE; Docker mounts a secret at /run/secrets/<name>.
      const file = vmauth.environment?.[`${variable}_FILE`] ?? '';
      expect([variable, posix.dirname(file)]).toEqual([variable, '/run/secrets']);
      expect(vmauthSecrets).toContain(posix.basename(file));
    }
    for (const datasource of datasources) {
      const file = /^\$__file\{(.+)\}$/.exec(datasource.secureJsonData.basicAuthPassword)?.[1] ?? '';
      expect([datasource.basicAuthUser, posix.dirname(file)]).toEqual([datasource.basicAuthUser, '/run/secrets']);
      expect(grafanaSecrets).toContain(posix.basename(file));
      const variable = `DASMO_VMAUTH_PASSWORD_${datasource.basicAuthUser.toUpperCase().replace('-', '_')}`;
      expect(vmauth.environment?.[`${variable}_FILE`]).toBe(file);
    }
  });

  it('should have demo vmauth passwords that the vmauth entrypoint accepts', () => {
    for (const secret of service(compose, VMAUTH).secrets ?? []) {
      const password = readFileSync(compose.secrets[secret.source]?.file ?? '', 'utf8');
      // deploy/vmauth/entrypoint.sh: at least 16 characters, only these.
      expect([secret.source, /^[A-Za-z0-9._~+/=-]{16,}$/.test(password)]).toEqual([secret.source, true]);
    }
  });

  it('should start vmauth through its entrypoint with the generated config', () => {
    const vmauth = service(compose, VMAUTH);
    expect(vmauth.entrypoint).toEqual(['/bin/sh', '/deploy/entrypoint.sh']);
    expect(mountAt(vmauth, '/deploy/entrypoint.sh').source).toBe(join(REPO_ROOT, 'deploy', 'vmauth', 'entrypoint.sh'));
    expect(mountAt(vmauth, vmauth.environment?.DASMO_VMAUTH_CONFIG as string).source).toBe(join(REPO_ROOT, 'deploy', 'vmauth', 'auth.yml'));
  });

  it('should mount grafana.ini and the dashboards, and read its provisioning from the volume grafana-orgs fills', () => {
    const grafana = service(compose, GRAFANA);
    expect(mountAt(grafana, '/etc/grafana/grafana.ini').source).toBe(join(REPO_ROOT, 'provisioning', 'grafana.ini'));
    const provisioning = grafana.environment?.GF_PATHS_PROVISIONING as string;
    const volume = mountAt(grafana, provisioning);
    expect([volume.kind, volume.readOnly]).toEqual(['volume', true]);
    const oneShot = service(compose, GRAFANA_ORGS);
    const flag = (name: string): string => (oneShot.command?.find((arg) => arg.startsWith(`--${name}=`)) ?? '').slice(name.length + 3);
    expect(oneShot.command?.[0]).toBe('grafana-orgs');
    expect(new URL(flag('grafana-url')).hostname).toBe(GRAFANA);
    expect(mountAt(oneShot, flag('provisioning-to')).source).toBe(volume.source);
    expect(mountAt(oneShot, flag('provisioning-from')).source).toBe(join(REPO_ROOT, 'deploy', 'grafana', 'provisioning'));
    expect(mountAt(oneShot, flag('organizations')).source).toBe(join(REPO_ROOT, 'deploy', 'grafana', 'organizations.json'));
    // The volume takes the ownership of the image that first has the path: the exporter's image
    // has it (its unprivileged user's state directory), Grafana's has not.
    expect(flag('provisioning-to')).toBe(readRepoFile('Dockerfile').match(/DASMO_STATE_DIR=(\S+)/)?.[1]);
    expect(provisioning.startsWith('/etc/grafana/')).toBe(false);
    // The one-shot logs in with Grafana's own admin settings.
    expect(oneShot.environment?.GF_SECURITY_ADMIN_PASSWORD).toBe(grafana.environment?.GF_SECURITY_ADMIN_PASSWORD);
    const provider = readYaml<Providers>('deploy/grafana/provisioning/dashboards/dasmo.yaml').providers[0];
    // By title only, as the alert rules name it (monitoring/config.ts `folder`).
    expect([provider?.folder, provider?.folderUid]).toEqual([config.folder.title, undefined]);
    expect(provider?.options.path).toBe(config.dashboardsPath);
    expect(mountAt(grafana, config.dashboardsPath).source).toBe(join(REPO_ROOT, 'dashboards'));
    expect(mountAt(grafana, '/var/lib/grafana').kind).toBe('volume');
    expect(grafana.healthcheck?.test.join(' ')).toContain('/api/health');
  });

  it('should keep the single-tenant provisioning pointing at Prometheus, for installations without vmauth', () => {
    const datasource = readYaml<{ datasources: Datasource[] }>('provisioning/datasources/dasmo.yaml').datasources[0];
    expect([datasource?.uid, datasource?.url]).toEqual([config.datasource.uid, config.datasource.url]);
    expect(new URL(datasource?.url as string).hostname).toBe(PROMETHEUS);
  });

  it.each(COMPOSE_FILES)('%s should keep anonymous access and sign-up off, with the admin password from the env file', (file) => {
    const ini = readRepoFile('provisioning/grafana.ini');
    expect(ini).toMatch(/\[auth\.anonymous\]\nenabled = false/);
    expect(ini).toMatch(/allow_sign_up = false/);
    const environment = service(file === PROMETHEUS_FILE ? prometheusCompose : compose, GRAFANA).environment ?? {};
    expect(environment.GF_SECURITY_ADMIN_PASSWORD).toEqual(expect.any(String));
    expect(Object.keys(environment).filter((key) => /ANONYMOUS|SIGN_UP|DISABLE_LOGIN/.test(key))).toEqual([]);
    expect(readRepoFile(file)).toContain('${DASMO_GRAFANA_ENV_FILE:-./deploy/grafana/demo.env}');
  });
});

describe('VictoriaMetrics and vmauth (docker-compose.yml)', () => {
  interface ScrapeConfig {
    global: { scrape_interval: string };
    scrape_configs: Array<{ job_name: string; scrape_interval?: string; scrape_timeout?: string; static_configs: Array<{ targets: string[] }> }>;
  }
  const flagOf = (name: string, flag: string, stack: ComposeFile = compose): string | undefined =>
    service(stack, name).command?.find((arg) => arg.startsWith(`${flag}=`))?.slice(flag.length + 1);

  it('should scrape the exporter exactly as Prometheus does: same job, target and interval', () => {
    const file = flagOf(VICTORIA, '-promscrape.config') as string;
    expect(mountAt(service(compose, VICTORIA), file).source).toBe(join(REPO_ROOT, 'deploy', 'victoriametrics', 'scrape.yml'));
    const scrape = readYaml<ScrapeConfig>('deploy/victoriametrics/scrape.yml');
    expect(scrape.scrape_configs.find((job) => job.job_name === config.job)).toEqual(dasmoJob);
    expect(scrape.global.scrape_interval).toBe(prometheusConfig.global.scrape_interval);
  });

  it("should pass victoria-metrics' own check of the scrape config", () => {
    const result = run('victoria-metrics', ['-promscrape.config=deploy/victoriametrics/scrape.yml', '-promscrape.config.dryRun', '-loggerLevel=ERROR']);
    expect([result.status, result.stderr]).toEqual([0, '']);
  });

  it('should keep samples long enough to compare a year with the previous one', () => {
    expect(durationDays(flagOf(VICTORIA, '-retentionPeriod') as string)).toBeGreaterThanOrEqual(730);
    expect(flagOf(VICTORIA, '-retentionPeriod', resolvedCompose(cleanEnv({ DASMO_RETENTION: '400d' })))).toBe('400d');
    expect(mountAt(service(compose, VICTORIA), flagOf(VICTORIA, '-storageDataPath') as string).kind).toBe('volume');
  });

  it('should be reachable from vmauth, its scrape target and the history import only, not from Grafana', () => {
    const on = (name: string) => Object.keys(service(compose, name).networks ?? { default: null }).sort();
    expect(compose.networks?.store?.internal).toBe(true);
    expect(on(VICTORIA)).toEqual(['store']);
    expect(Object.keys(compose.services).filter((name) => on(name).includes('store')).sort()).toEqual([EXPORTER, 'history-backfill', VICTORIA, VMAUTH].sort());
    expect(on(GRAFANA)).toEqual(['default']);
    expect(on(VMAUTH)).toEqual(['default', 'store']);
  });

  it('should send every vmauth user to the VictoriaMetrics service, at the port it listens on', () => {
    const port = /:(\d+)$/.exec(flagOf(VICTORIA, '-httpListenAddr') ?? '')?.[1];
    const prefixes = readYaml<{ users: Array<{ url_map: Array<{ url_prefix: string }> }> }>('deploy/vmauth/auth.yml').users.flatMap((user) => user.url_map.map((route) => new URL(route.url_prefix)));
    expect(new Set(prefixes.map((url) => url.host))).toEqual(new Set([`${VICTORIA}:${port}`]));
  });

  it("should give vmauth every user's password from a secret, with demo values the entrypoint accepts", () => {
    const vmauth = service(compose, VMAUTH);
    const users = vmauthUsers();
    expect(users).toHaveLength(21);
    for (const user of users) {
      const path = vmauth.environment?.[`${user.passwordVariable}_FILE`];
      expect([user.username, path]).toEqual([user.username, expect.stringMatching(/^\/run\/secrets\//)]);
      const secret = (path as string).slice('/run/secrets/'.length);
      expect(vmauth.secrets?.map((s) => s.source)).toContain(secret);
      const demo = readRepoFile(posix.relative(REPO_ROOT, compose.secrets[secret]?.file ?? ''));
      expect([user.username, /^[A-Za-z0-9._~+/=-]{16,}$/.test(demo)]).toEqual([user.username, true]);
    }
    expect(Object.keys(vmauth.environment ?? {}).filter((key) => key.startsWith('DASMO_VMAUTH_PASSWORD_'))).toHaveLength(users.length);
  });

  it('should import the history into VictoriaMetrics with the instance label of the scrape target', () => {
    const history = service(compose, 'history-backfill');
    const url = new URL(history.environment?.DASMO_HISTORY_IMPORT_URL as string);
    expect([url.host, url.pathname]).toEqual([`${VICTORIA}:8428`, '/api/v1/import/prometheus']);
    expect(dasmoJob?.static_configs[0]?.targets[0]).toBe(history.environment?.DASMO_HISTORY_INSTANCE);
    expect(mountAt(history, history.environment?.DASMO_HISTORY_DIR as string).kind).toBe('volume');
  });
});

describe('documented docker compose commands', () => {
  it.each(DOCUMENTED_COMPOSE_COMMANDS)('$command should name only services of the stack', ({ services }) => {
    for (const name of services) expect(Object.keys(compose.services)).toContain(name);
  });
});
