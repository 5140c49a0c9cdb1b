/**
 * Static checks of the multi-tenant Grafana configuration (what can be checked without a
 * running Grafana): the committed deploy/grafana files and deploy/vmauth/auth.yml agree with
 * each other and with monitoring/config.ts, read here directly, not through the generator.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { config, type AccessConfig } from '../../monitoring/config';
import { grafanaOrganizations } from '../../monitoring/access/organizations';
import { vmauthUsers } from '../../monitoring/access/vmauth';
import { REPO_ROOT } from './support/dashboard-model';

interface Datasource {
  name: string;
  uid: string;
  orgId: number;
  type: string;
  url: string;
  basicAuth: boolean;
  basicAuthUser: string;
  jsonData: Record<string, unknown>;
  secureJsonData: Record<string, string>;
}

function read(path: string): string {
  return readFileSync(join(REPO_ROOT, path), 'utf8');
}

const DIR = 'deploy/grafana/provisioning';
const datasources = (parse(read(`${DIR}/datasources/dasmo.yaml`)) as { datasources: Datasource[] }).datasources;
const providers = (parse(read(`${DIR}/dashboards/dasmo.yaml`)) as { providers: Array<{ name: string; orgId: number; options: { path: string } }> }).providers;
const ruleGroups = (parse(read(`${DIR}/alerting/dasmo-rules.yaml`)) as { groups: Array<{ orgId: number; rules: Array<{ data: Array<{ datasourceUid: string }> }> }> }).groups;
const contactPoints = (parse(read(`${DIR}/alerting/dasmo-contact-points.yaml`)) as { contactPoints: Array<{ orgId: number }> }).contactPoints;
const policies = (parse(read(`${DIR}/alerting/dasmo-notification-policies.yaml`)) as { policies: Array<{ orgId: number }> }).policies;
const oneShotList = (JSON.parse(read('deploy/grafana/organizations.json')) as { organizations: Array<{ id: number; name: string }> }).organizations;
const vmauthConfig = parse(read('deploy/vmauth/auth.yml')) as { users: Array<{ username: string; password: string; url_map: Array<{ url_prefix: string }> }> };

/** Every organization as config.access declares it, by hand: national, then each region. */
const NATIONAL = { orgId: config.access.grafana.national.orgId, name: `DASMO - ${config.access.grafana.national.name}`, user: 'national', region: undefined };
const DECLARED = [NATIONAL, ...config.access.regions.map((region) => ({ orgId: region.orgId, name: `DASMO - ${region.name}`, user: `region-${region.code}`, region: region.code }))];

/** The `[[servers.group_mappings]]` tables of ldap.toml, in file order. */
function groupMappings(toml: string): Array<Record<string, string>> {
  return toml
    .split('[[servers.group_mappings]]')
    .slice(1)
    .map((block) => {
      const entries = [...block.matchAll(/^(\w+) = (.+)$/gm)].map((match) => [match[1] ?? '', (match[2] ?? '').replace(/^"(.*)"$/, '$1')]);
      return Object.fromEntries(entries) as Record<string, string>;
    });
}

describe('Grafana organizations', () => {
  it('should list the same organizations for the one-shot as monitoring/config.ts declares', () => {
    expect(oneShotList.map(({ id, name }) => [id, name]).sort()).toEqual(DECLARED.map(({ orgId, name }) => [orgId, name]).sort());
    // Grafana numbers organizations in creation order after its own Main Org. (1).
    expect(oneShotList.map((organization) => organization.id)).toEqual(DECLARED.map((organization) => organization.orgId).sort((a, b) => a - b));
    expect(Math.min(...oneShotList.map((organization) => organization.id))).toBeGreaterThan(1);
  });

  it('should give every organization exactly one datasource, querying vmauth as its own user with a password from a secret file', () => {
    for (const organization of DECLARED) {
      const own = datasources.filter((datasource) => datasource.orgId === organization.orgId);
      expect([organization.name, own.length]).toEqual([organization.name, 1]);
      const datasource = own[0] as Datasource;
      expect(datasource).toMatchObject({ type: 'prometheus', url: config.access.grafana.vmauthUrl, basicAuth: true, basicAuthUser: organization.user, uid: config.datasource.uid });
      // Only a placeholder: Grafana reads the file when it provisions; nothing secret in the repository.
      expect(datasource.secureJsonData).toEqual({ basicAuthPassword: `$__file{/run/secrets/dasmo_vmauth_password_${organization.user.replace('-', '_')}}` });
      expect(JSON.stringify(datasource.jsonData)).not.toMatch(/password/i);
    }
    expect(datasources).toHaveLength(DECLARED.length);
  });

  it('should bind each datasource to a vmauth user of deploy/vmauth/auth.yml confined to that organization\'s region', () => {
    for (const datasource of datasources) {
      const user = vmauthConfig.users.find((candidate) => candidate.username === datasource.basicAuthUser);
      expect([datasource.basicAuthUser, user === undefined]).toEqual([datasource.basicAuthUser, false]);
      expect(user?.password).toMatch(/^%\{DASMO_VMAUTH_PASSWORD_[A-Z0-9_]+\}$/);
      const region = DECLARED.find((organization) => organization.orgId === datasource.orgId)?.region;
      const prefixes = (user?.url_map ?? []).map((route) => new URL(route.url_prefix).searchParams.getAll('extra_label'));
      for (const labels of prefixes) expect(labels).toEqual(region === undefined ? [] : [`region=${region}`]);
    }
  });

  it('should let no organization query without its datasource: providers and alerting only in organizations that have one, none in Main Org.', () => {
    const withDatasource = new Set(datasources.map((datasource) => datasource.orgId));
    const named = [...providers.map((p) => p.orgId), ...ruleGroups.map((g) => g.orgId), ...contactPoints.map((c) => c.orgId), ...policies.map((p) => p.orgId)];
    for (const orgId of named) expect([orgId, withDatasource.has(orgId)]).toEqual([orgId, true]);
    expect(withDatasource.has(1)).toBe(false);
    // One provider per organization (two providers of one path in one organization would be duplicates to Grafana).
    expect(providers.map((p) => p.orgId).sort((a, b) => a - b)).toEqual([...withDatasource].sort((a, b) => a - b));
    expect(new Set(providers.map((p) => p.name)).size).toBe(providers.length);
  });

  it('should keep the alert rules, contact point and policy in the national organization, on its datasource', () => {
    expect(new Set([...ruleGroups.map((g) => g.orgId), ...contactPoints.map((c) => c.orgId), ...policies.map((p) => p.orgId)])).toEqual(new Set([NATIONAL.orgId]));
    const queried = new Set(ruleGroups.flatMap((group) => group.rules.flatMap((rule) => rule.data.map((query) => query.datasourceUid))));
    expect([...queried].filter((uid) => uid !== '__expr__')).toEqual([datasources.find((d) => d.orgId === NATIONAL.orgId)?.uid]);
  });

  it('should point every dashboard panel and variable at the dashboard\'s Prometheus datasource variable, so each organization queries its own', () => {
    for (const file of readdirSync(join(REPO_ROOT, 'dashboards'))) {
      const text = read(`dashboards/${file}`);
      const uids = new Set([...text.matchAll(/"datasource":\s*\{[^}]*"uid":\s*"([^"]*)"/g)].map((match) => match[1]));
      expect([file, [...uids]]).toEqual([file, [`\${${config.datasource.variable}}`]]);
      const variable = (JSON.parse(text) as { templating: { list: Array<{ name: string; type: string; query: string; current: { value: string } }> } }).templating.list.find((v) => v.name === config.datasource.variable);
      expect(variable).toMatchObject({ type: 'datasource', query: 'prometheus', current: { value: config.datasource.uid } });
    }
  });

  it('should map a directory group to every organization as Viewer, and the administrators as Admin of the national one first', () => {
    const mappings = groupMappings(read('deploy/grafana/ldap.toml'));
    const groups = config.access.grafana.directoryGroups;
    expect(mappings[0]).toEqual({ group_dn: groups.administrators, org_id: String(NATIONAL.orgId), org_role: 'Admin', grafana_admin: 'true' });
    for (const organization of DECLARED) {
      const group = organization.region === undefined ? groups.national : groups.regions[organization.region];
      const viewers = mappings.filter((mapping) => mapping.org_id === String(organization.orgId) && mapping.org_role === 'Viewer');
      expect([organization.name, viewers]).toEqual([organization.name, [{ group_dn: group, org_id: String(organization.orgId), org_role: 'Viewer' }]]);
    }
    expect(mappings).toHaveLength(DECLARED.length + 1);
    // No mapping to Main Org., and none for every user ("*").
    expect(mappings.filter((mapping) => mapping.org_id === '1' || mapping.group_dn === '*' || mapping.org_id === undefined)).toEqual([]);
    expect(new Set(mappings.map((mapping) => mapping.group_dn)).size).toBe(mappings.length);
  });

  it('should keep the LDAP bind password out of the template and the role sync on', () => {
    expect(read('deploy/grafana/ldap.toml')).toMatch(/^bind_password = "\$\{[A-Z_]+\}"$/m);
    expect(read('provisioning/grafana.ini')).toMatch(/\[auth\.ldap\][^[]*skip_org_role_sync = false/);
  });
});

describe('the organizations generator', () => {
  const withGrafana = (change: Partial<AccessConfig['grafana']>, regions = config.access.regions): AccessConfig => ({
    ...config.access,
    regions,
    grafana: { ...config.access.grafana, ...change },
  });

  it.each([
    [
      'a directory group for a region code not in the config',
      () => grafanaOrganizations(withGrafana({ directoryGroups: { ...config.access.grafana.directoryGroups, regions: { ...config.access.grafana.directoryGroups.regions, '21': 'cn=x' } } })),
      'monitoring config: directoryGroups.regions names region 21, which is not in access.regions',
    ],
    [
      'a duplicated org id',
      () => grafanaOrganizations(withGrafana({}, config.access.regions.map((region) => (region.code === '12' ? { ...region, orgId: 5 } : region)))),
      'monitoring config: org id 5 is given to both DASMO - Lombardia and DASMO - Lazio',
    ],
    [
      'the org id of Grafana\'s Main Org.',
      () => grafanaOrganizations(withGrafana({ national: { name: 'Nazionale', orgId: 1 } })),
      'monitoring config: DASMO - Nazionale has org id 1: ids are whole numbers from 2 (1 is Grafana\'s own Main Org.)',
    ],
    [
      'a missing password secret name',
      () => grafanaOrganizations(config.access, vmauthUsers().map((user) => (user.username === 'region-07' ? { ...user, passwordSecret: '' } : user))),
      'monitoring config: DASMO - Liguria queries as vmauth user region-07, which has no password secret name',
    ],
    [
      'a region without a directory group',
      () => {
        const { ['09']: _dropped, ...others } = config.access.grafana.directoryGroups.regions;
        return grafanaOrganizations(withGrafana({ directoryGroups: { ...config.access.grafana.directoryGroups, regions: others } }));
      },
      'monitoring config: region 09 (Toscana) has no group in directoryGroups.regions',
    ],
  ])('should refuse %s in one line', (_name, generate, message) => {
    expect(generate).toThrow(new Error(message));
  });

  it('should accept the committed config', () => {
    expect(grafanaOrganizations().map((organization) => organization.orgId)).toEqual(DECLARED.map((organization) => organization.orgId).sort((a, b) => a - b));
  });
});
