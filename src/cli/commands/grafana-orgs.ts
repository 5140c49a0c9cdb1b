import { readFileSync } from 'node:fs';
import type { Environment } from '../../config/settings';
import { UserError } from '../../common/user-error';
import { GrafanaAdminApi, type GrafanaCredentials } from '../../grafana/grafana-admin-api';
import { ensureOrganizations } from '../../grafana/ensure-organizations';
import { readOrganizationList } from '../../grafana/organization-list';

export interface GrafanaOrgsCliOptions {
  readonly grafanaUrl: string;
  readonly organizations: string;
  readonly provisioningFrom?: string;
  readonly provisioningTo?: string;
  readonly wait: string;
}

/**
 * Grafana's own variables for its admin account, so that the one-shot reads the same env file
 * as Grafana; `__FILE` is Grafana's convention for a secret file.
 */
function adminCredentials(env: Environment): GrafanaCredentials {
  const user = env.GF_SECURITY_ADMIN_USER ?? 'admin';
  const file = env.GF_SECURITY_ADMIN_PASSWORD__FILE;
  const direct = env.GF_SECURITY_ADMIN_PASSWORD;
  if (file !== undefined && direct !== undefined) throw new UserError('set GF_SECURITY_ADMIN_PASSWORD or GF_SECURITY_ADMIN_PASSWORD__FILE, not both', 2);
  if (file !== undefined) {
    try {
      return { user, password: readFileSync(file, 'utf8').trim() };
    } catch (error) {
      throw new UserError(`GF_SECURITY_ADMIN_PASSWORD__FILE names ${file}, which cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`, 2);
    }
  }
  if (direct === undefined || direct === '') throw new UserError('GF_SECURITY_ADMIN_PASSWORD (or GF_SECURITY_ADMIN_PASSWORD__FILE) must hold the Grafana admin password', 2);
  return { user, password: direct };
}

function grafanaUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UserError(`--grafana-url ${text} is not a URL`, 2);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UserError(`--grafana-url ${text} must be http or https`, 2);
  if (url.username !== '' || url.password !== '') throw new UserError('--grafana-url must not hold credentials: use GF_SECURITY_ADMIN_USER and GF_SECURITY_ADMIN_PASSWORD', 2);
  return text.replace(/\/+$/, '');
}

function waitSeconds(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 3600) throw new UserError(`--wait ${text} must be whole seconds from 1 to 3600`, 2);
  return Number(text);
}

/** `dasmo-exporter grafana-orgs`: creates the organizations, installs their provisioning, reloads it. */
export async function runGrafanaOrgs(options: GrafanaOrgsCliOptions, env: Environment, out: NodeJS.WritableStream): Promise<void> {
  const url = grafanaUrl(options.grafanaUrl);
  const wait = waitSeconds(options.wait);
  if ((options.provisioningFrom === undefined) !== (options.provisioningTo === undefined)) {
    throw new UserError('--provisioning-from and --provisioning-to go together', 2);
  }
  const wanted = readOrganizationList(options.organizations);
  const api = new GrafanaAdminApi(url, adminCredentials(env));
  const provisioning =
    options.provisioningFrom === undefined || options.provisioningTo === undefined ? undefined : { from: options.provisioningFrom, to: options.provisioningTo };
  await ensureOrganizations(api, wanted, { grafanaUrl: url, waitSeconds: wait, provisioning }, out);
}
