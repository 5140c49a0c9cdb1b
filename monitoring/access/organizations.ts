/**
 * The Grafana organizations of a multi-tenant installation: one per regional directorate and a
 * national one, each with its fixed id, the vmauth user its one datasource queries as, the
 * secret holding that user's password and the directory group whose members see it. Built
 * from `config.access`; every inconsistency there is one line naming it.
 */
import { config, type AccessConfig } from '../config';
import { NATIONAL_USER, vmauthUsers, type VmauthUser } from './vmauth';

export interface GrafanaOrganization {
  readonly orgId: number;
  /** "DASMO - Lombardia", "DASMO - Nazionale". */
  readonly name: string;
  /** The region it sees, undefined for the national organization. */
  readonly region: string | undefined;
  /** The vmauth user its datasource queries as. */
  readonly vmauthUser: string;
  /** The Docker secret holding that user's password. */
  readonly passwordSecret: string;
  /** Members of this directory group are Viewers of the organization. */
  readonly directoryGroup: string;
}

/** Grafana's own first organization ("Main Org."), which every new user joins and which has no datasource. */
const GRAFANA_MAIN_ORG_ID = 1;

function fail(message: string): never {
  throw new Error(`monitoring config: ${message}`);
}

function organizationName(directorate: string): string {
  return `DASMO - ${directorate}`;
}

/** Every organization, in increasing id order: the order the one-shot creates them in. */
export function grafanaOrganizations(access: AccessConfig = config.access, users: readonly VmauthUser[] = vmauthUsers(access)): GrafanaOrganization[] {
  const { grafana } = access;
  const groups = grafana.directoryGroups;
  const known = new Set(access.regions.map((region) => region.code));
  for (const code of Object.keys(groups.regions)) {
    if (!known.has(code)) fail(`directoryGroups.regions names region ${code}, which is not in access.regions`);
  }
  if (groups.administrators.trim() === '') fail('directoryGroups.administrators is empty');
  if (groups.national.trim() === '') fail('directoryGroups.national is empty');
  if (!grafana.passwordFilesDir.startsWith('/')) fail(`passwordFilesDir ${grafana.passwordFilesDir} must be an absolute path`);

  const secretOf = (username: string, orgName: string): string => {
    const secret = users.find((user) => user.username === username)?.passwordSecret ?? '';
    if (!/^[a-z0-9_]+$/.test(secret)) fail(`${orgName} queries as vmauth user ${username}, which has no password secret name`);
    return secret;
  };
  const nationalName = organizationName(grafana.national.name);
  const organizations: GrafanaOrganization[] = [
    {
      orgId: grafana.national.orgId,
      name: nationalName,
      region: undefined,
      vmauthUser: NATIONAL_USER,
      passwordSecret: secretOf(NATIONAL_USER, nationalName),
      directoryGroup: groups.national,
    },
    ...access.regions.map((region) => {
      const name = organizationName(region.name);
      const username = `region-${region.code}`;
      const group = groups.regions[region.code];
      if (group === undefined || group.trim() === '') fail(`region ${region.code} (${region.name}) has no group in directoryGroups.regions`);
      return { orgId: region.orgId, name, region: region.code, vmauthUser: username, passwordSecret: secretOf(username, name), directoryGroup: group };
    }),
  ];
  const byId = new Map<number, string>();
  for (const organization of organizations) {
    const { orgId, name } = organization;
    if (!Number.isInteger(orgId) || orgId <= GRAFANA_MAIN_ORG_ID) {
      fail(`${name} has org id ${orgId}: ids are whole numbers from 2 (1 is Grafana's own Main Org.)`);
    }
    const other = byId.get(orgId);
    if (other !== undefined) fail(`org id ${orgId} is given to both ${other} and ${name}`);
    byId.set(orgId, name);
  }
  return organizations.sort((a, b) => a.orgId - b.orgId);
}
