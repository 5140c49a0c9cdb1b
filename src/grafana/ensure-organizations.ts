/**
 * The organizations one-shot: waits for Grafana, creates the missing organizations with the
 * ids the provisioning expects, installs the provisioning that names them and makes Grafana
 * load it. It renames and deletes nothing: an organization whose name or id disagrees with the
 * list stops it, in one line, before it changes anything.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { UserError } from '../common/user-error';
import { type GrafanaAdminApi, type GrafanaOrganization, type ProvisioningKind } from './grafana-admin-api';
import { installProvisioning } from './install-provisioning';
import type { WantedOrganization } from './organization-list';

const POLL_INTERVAL_MS = 1_000;
/** Datasources first: the alert rules and the dashboards query them. */
const RELOAD_ORDER: readonly ProvisioningKind[] = ['datasources', 'dashboards', 'alerting'];

export interface OneShotOptions {
  readonly grafanaUrl: string;
  readonly waitSeconds: number;
  readonly provisioning: { readonly from: string; readonly to: string } | undefined;
}

/** Polls Grafana's health until it answers or `waitSeconds` have passed. */
async function waitForGrafana(api: GrafanaAdminApi, options: OneShotOptions): Promise<void> {
  const deadline = Date.now() + options.waitSeconds * 1000;
  let last = 'no answer yet';
  for (;;) {
    try {
      if (await api.isHealthy()) return;
      last = 'its health check does not report the database ok';
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    if (Date.now() >= deadline) throw new UserError(`Grafana at ${options.grafanaUrl} was not ready within ${options.waitSeconds} s (${last})`, 1);
    await sleep(POLL_INTERVAL_MS);
  }
}

/**
 * The organizations to create, in id order, once the present ones are checked against the list:
 * a name under another id, an id under another name, or a missing id Grafana can no longer give
 * (it numbers new organizations after the highest it has) is one line and changes nothing.
 */
function organizationsToCreate(wanted: readonly WantedOrganization[], present: readonly GrafanaOrganization[]): WantedOrganization[] {
  const missing: WantedOrganization[] = [];
  for (const organization of wanted) {
    const byName = present.find((candidate) => candidate.name === organization.name);
    const byId = present.find((candidate) => candidate.id === organization.id);
    if (byName !== undefined && byName.id !== organization.id) {
      throw new UserError(`organization "${organization.name}" has id ${byName.id} in Grafana, but the provisioning expects id ${organization.id}`, 1);
    }
    if (byId !== undefined && byId.name !== organization.name) {
      throw new UserError(`organization id ${organization.id} is "${byId.name}" in Grafana, but the provisioning expects "${organization.name}"`, 1);
    }
    if (byName === undefined) missing.push(organization);
  }
  const highest = Math.max(...present.map((organization) => organization.id));
  const unreachable = missing.find((organization) => organization.id <= highest);
  if (unreachable !== undefined) {
    throw new UserError(`organization "${unreachable.name}" is missing with id ${unreachable.id}, but Grafana already numbers its organizations up to ${highest} and would give it another id`, 1);
  }
  return missing;
}

export async function ensureOrganizations(api: GrafanaAdminApi, wanted: readonly WantedOrganization[], options: OneShotOptions, out: NodeJS.WritableStream): Promise<void> {
  await waitForGrafana(api, options);
  const present = await api.organizations();
  const missing = organizationsToCreate(wanted, present);
  for (const organization of missing) {
    const id = await api.createOrganization(organization.name);
    if (id !== organization.id) {
      throw new UserError(`Grafana created "${organization.name}" with id ${id}, but the provisioning expects id ${organization.id}: set that id in monitoring/config.ts and regenerate`, 1);
    }
    out.write(`organization ${id} "${organization.name}": created\n`);
  }
  out.write(`organizations: ${missing.length} created, ${wanted.length - missing.length} already present\n`);
  if (options.provisioning === undefined) return;
  const changed = installProvisioning(options.provisioning.from, options.provisioning.to);
  out.write(`provisioning: ${changed.length} file(s) changed in ${options.provisioning.to}\n`);
  // Reloading unchanged files changes nothing in Grafana, and a run interrupted before its
  // reload would otherwise leave the files installed but never loaded.
  for (const kind of RELOAD_ORDER) await api.reloadProvisioning(kind);
  out.write(`provisioning: reloaded ${RELOAD_ORDER.join(', ')}\n`);
}
