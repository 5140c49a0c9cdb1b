/**
 * Generates every committed monitoring file from the TypeScript sources. `generatedFiles()`
 * is what the drift test compares with the repository; run this file to rewrite them:
 *
 *   npx tsc -p monitoring/tsconfig.json && node dist/monitoring/generate.js
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { renderVmauthConfig } from './access/vmauth';
import { renderGrafanaRules } from './alerts/grafana-rules';
import { renderPrometheusRules } from './alerts/prometheus-rules';
import { promtoolTestFiles, renderPromtoolTests } from './alerts/promtool-tests';
import { dashboards } from './dashboards';
import { renderDashboard } from './dashboards/frame';
import {
  renderContactPoints,
  renderDashboardProvider,
  renderDatasource,
  renderGrafanaIni,
  renderNotificationPolicies,
} from './provisioning';

const PROMETHEUS_RULES_FILE = 'monitoring/prometheus/dasmo-rules.yml';
const PROMETHEUS_DIR = 'monitoring/prometheus';
export const VMAUTH_CONFIG_FILE = 'deploy/vmauth/auth.yml';

/** Repository-relative path -> file content. */
export function generatedFiles(): Map<string, string> {
  const files = new Map<string, string>();
  for (const generated of dashboards()) files.set(generated.file, renderDashboard(generated.model));
  files.set('provisioning/grafana.ini', renderGrafanaIni());
  files.set('provisioning/datasources/dasmo.yaml', renderDatasource());
  files.set('provisioning/dashboards/dasmo.yaml', renderDashboardProvider());
  files.set('provisioning/alerting/dasmo-rules.yaml', renderGrafanaRules());
  files.set('provisioning/alerting/dasmo-contact-points.yaml', renderContactPoints());
  files.set('provisioning/alerting/dasmo-notification-policies.yaml', renderNotificationPolicies());
  files.set(VMAUTH_CONFIG_FILE, renderVmauthConfig());
  files.set(PROMETHEUS_RULES_FILE, renderPrometheusRules());
  for (const testFile of promtoolTestFiles()) {
    // The rules file is named relative to the tests file, as promtool resolves it.
    files.set(`${PROMETHEUS_DIR}/${testFile.file}`, renderPromtoolTests(testFile, 'dasmo-rules.yml'));
  }
  return files;
}

function writeGeneratedFiles(root: string): string[] {
  const written: string[] = [];
  for (const [path, content] of generatedFiles()) {
    const target = join(root, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
    written.push(path);
  }
  return written;
}

if (require.main === module) {
  const root = resolve(process.argv[2] ?? process.cwd());
  for (const path of writeGeneratedFiles(root)) process.stdout.write(`wrote ${path}\n`);
}
