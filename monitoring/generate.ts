/**
 * Generates every committed monitoring file from the TypeScript sources. `generatedFiles()`
 * is what the drift test compares with the repository; `npm run generate:monitoring`
 * (generate-main.ts) rewrites them.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  organizationDashboardProviders,
  renderLdapToml,
  renderOrganizationDatasources,
  renderOrganizationList,
} from './access/grafana-organizations';
import { grafanaOrganizations } from './access/organizations';
import { renderVmauthConfig } from './access/vmauth';
import { renderGrafanaRules } from './alerts/grafana-rules';
import { renderPrometheusRules } from './alerts/prometheus-rules';
import { promtoolTestFiles, renderPromtoolTests } from './alerts/promtool-tests';
import { dashboards } from './dashboards';
import { renderDashboard } from './dashboards/frame';
import {
  renderContactPoints,
  renderDashboardProviders,
  renderDatasource,
  renderGrafanaIni,
  renderNotificationPolicies,
  SINGLE_TENANT_ORG_ID,
} from './provisioning';

const PROMETHEUS_RULES_FILE = 'monitoring/prometheus/dasmo-rules.yml';
const PROMETHEUS_DIR = 'monitoring/prometheus';
export const VMAUTH_CONFIG_FILE = 'deploy/vmauth/auth.yml';
/** Provisioning of the multi-tenant organizations, installed by `grafana-orgs` once they exist. */
export const ORGANIZATIONS_PROVISIONING_DIR = 'deploy/grafana/provisioning';
export const ORGANIZATIONS_LIST_FILE = 'deploy/grafana/organizations.json';
export const LDAP_TEMPLATE_FILE = 'deploy/grafana/ldap.toml';

/** Repository-relative path -> file content. */
export function generatedFiles(): Map<string, string> {
  const files = new Map<string, string>();
  for (const generated of dashboards()) files.set(generated.file, renderDashboard(generated.model));
  files.set('provisioning/grafana.ini', renderGrafanaIni());
  // Single tenant: Grafana's organization 1 reading Prometheus directly.
  files.set('provisioning/datasources/dasmo.yaml', renderDatasource());
  files.set('provisioning/dashboards/dasmo.yaml', renderDashboardProviders([{ name: 'dasmo', orgId: SINGLE_TENANT_ORG_ID }]));
  files.set('provisioning/alerting/dasmo-rules.yaml', renderGrafanaRules(SINGLE_TENANT_ORG_ID));
  files.set('provisioning/alerting/dasmo-contact-points.yaml', renderContactPoints(SINGLE_TENANT_ORG_ID));
  files.set('provisioning/alerting/dasmo-notification-policies.yaml', renderNotificationPolicies(SINGLE_TENANT_ORG_ID));
  // Multi-tenant: one organization per directorate, VictoriaMetrics behind vmauth.
  const organizations = grafanaOrganizations();
  const nationalOrgId = organizations.find((organization) => organization.region === undefined)?.orgId ?? SINGLE_TENANT_ORG_ID;
  const dir = ORGANIZATIONS_PROVISIONING_DIR;
  files.set(`${dir}/datasources/dasmo.yaml`, renderOrganizationDatasources(organizations));
  files.set(`${dir}/dashboards/dasmo.yaml`, renderDashboardProviders(organizationDashboardProviders(organizations)));
  files.set(`${dir}/alerting/dasmo-rules.yaml`, renderGrafanaRules(nationalOrgId));
  files.set(`${dir}/alerting/dasmo-contact-points.yaml`, renderContactPoints(nationalOrgId));
  files.set(`${dir}/alerting/dasmo-notification-policies.yaml`, renderNotificationPolicies(nationalOrgId));
  files.set(ORGANIZATIONS_LIST_FILE, renderOrganizationList(organizations));
  files.set(LDAP_TEMPLATE_FILE, renderLdapToml(organizations));
  files.set(VMAUTH_CONFIG_FILE, renderVmauthConfig());
  files.set(PROMETHEUS_RULES_FILE, renderPrometheusRules());
  for (const testFile of promtoolTestFiles()) {
    // The rules file is named relative to the tests file, as promtool resolves it.
    files.set(`${PROMETHEUS_DIR}/${testFile.file}`, renderPromtoolTests(testFile, 'dasmo-rules.yml'));
  }
  return files;
}

export function writeGeneratedFiles(root: string): string[] {
  const written: string[] = [];
  for (const [path, content] of generatedFiles()) {
    const target = join(root, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
    written.push(path);
  }
  return written;
}
