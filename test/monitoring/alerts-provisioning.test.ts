/**
 * The committed alert files: the Grafana-managed rules and the Prometheus rules say the same
 * thing, every alert is documented, and the provisioning files fit together.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { config } from '../../monitoring/config';
import { registerReadProblems } from './register-joins';
import { REPO_ROOT } from './support/dashboard-model';

interface PromRule {
  alert: string;
  expr: string;
  for: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

interface GrafanaQuery {
  refId: string;
  datasourceUid: string;
  model: {
    expr?: string;
    instant?: boolean;
    type?: string;
    expression?: string;
    reducer?: string;
    conditions?: { evaluator: { type: string; params: number[] } }[];
  };
}

interface GrafanaRule {
  uid: string;
  title: string;
  condition: string;
  for: string;
  noDataState: string;
  data: GrafanaQuery[];
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

function readYaml<T>(path: string): T {
  return parse(readFileSync(join(REPO_ROOT, path), 'utf8')) as T;
}

const prom = readYaml<{ groups: { name: string; rules: PromRule[] }[] }>('monitoring/prometheus/dasmo-rules.yml');
interface GrafanaRuleGroup {
  name: string;
  folder: string;
  interval: string;
  rules: GrafanaRule[];
}

const grafana = readYaml<{ apiVersion: number; groups: GrafanaRuleGroup[] }>('provisioning/alerting/dasmo-rules.yaml');
const datasources = readYaml<{ datasources: { uid: string; type: string; name: string }[] }>('provisioning/datasources/dasmo.yaml');
const providers = readYaml<{ providers: { folder: string; folderUid?: string; options: { path: string } }[] }>(
  'provisioning/dashboards/dasmo.yaml',
);
const contactPoints = readYaml<{ contactPoints: { name: string; receivers: { uid: string; type: string }[] }[] }>(
  'provisioning/alerting/dasmo-contact-points.yaml',
);
const policies = readYaml<{ policies: { receiver: string; routes?: { receiver: string }[] }[] }>(
  'provisioning/alerting/dasmo-notification-policies.yaml',
);
const runbooks = readFileSync(join(REPO_ROOT, 'docs', 'runbooks.md'), 'utf8');
const alertingDoc = readFileSync(join(REPO_ROOT, 'docs', 'alerting.md'), 'utf8');

const promRules = prom.groups.flatMap((group) => group.rules);
const grafanaRules = grafana.groups.flatMap((group) => group.rules);

/** Office-level alerts must name office and region in their description. */
const OFFICE_ALERTS = ['DasmoChronicBacklog', 'DasmoBacklogGrowing', 'DasmoSr41PaymentsOverdue', 'DasmoSr41RejectionShareHigh'];

describe('alert rules', () => {
  it('should cover the alerts the issue asks for', () => {
    expect(promRules.map((rule) => rule.alert).sort()).toEqual(
      [
        'DasmoBacklogGrowing',
        'DasmoChronicBacklog',
        'DasmoDataQualityRows',
        'DasmoExporterDown',
        'DasmoRefreshOverdue',
        'DasmoSnapshotStale',
        'DasmoSourceDown',
        'DasmoSourceRefused',
        'DasmoSr41PaymentsOverdue',
        'DasmoSr41RejectionShareHigh',
      ].sort(),
    );
  });

  it.each(promRules.map((rule) => [rule.alert, rule] as const))('%s should be labelled, described and documented', (name, rule) => {
    expect(['critical', 'warning', 'info']).toContain(rule.labels.severity);
    expect(rule.annotations.summary).toMatch(/^[A-Z].*\.$/);
    expect(rule.annotations.summary).not.toContain('{{');
    expect(rule.annotations.description).toContain('{{');
    // Absolute, so that the link works from Grafana's alert pages and from notifications.
    expect(rule.annotations.runbook_url).toBe(`${config.runbookBaseUrl}#${name.toLowerCase()}`);
    expect(new URL(rule.annotations.runbook_url ?? '').protocol).toMatch(/^https?:$/);
    expect(runbooks).toMatch(new RegExp(`^## ${name}$`, 'm'));
    expect(alertingDoc).toContain(name);
    if (OFFICE_ALERTS.includes(name)) {
      for (const label of ['office_name', 'office', 'region_name', 'region']) {
        expect(rule.annotations.description).toContain(`{{ $labels.${label} }}`);
      }
    }
  });

  it.each(promRules.map((rule) => [rule.alert, rule] as const))(
    '%s should be the same Grafana rule: query -> reduce -> threshold',
    (name, rule) => {
      const twin = grafanaRules.find((candidate) => candidate.title === name);
      expect(twin).toBeDefined();
      if (twin === undefined) return;
      const [query, reduce, threshold] = twin.data;
      expect(twin.data).toHaveLength(3);
      expect(query?.datasourceUid).toBe(datasources.datasources[0]?.uid);
      expect(query?.model.instant).toBe(true);
      expect(reduce?.model).toMatchObject({ type: 'reduce', expression: query?.refId, reducer: 'last' });
      expect(threshold?.model).toMatchObject({ type: 'threshold', expression: reduce?.refId });
      expect(twin.condition).toBe(threshold?.refId);
      const evaluator = threshold?.model.conditions?.[0]?.evaluator;
      const op = evaluator?.type === 'gt' ? '>' : evaluator?.type === 'lt' ? '<' : '?';
      const comparison = `(${query?.model.expr ?? ''}) ${op} ${evaluator?.params[0] ?? ''}`;
      expect(rule.expr === comparison || rule.expr.startsWith(`${comparison} or absent(`)).toBe(true);
      // An `absent` fallback in Prometheus is Grafana's NoData -> Alerting.
      expect(twin.noDataState).toBe(rule.expr.includes(' or absent(') ? 'Alerting' : 'OK');
      expect(twin.for).toBe(rule.for);
      expect(twin.labels).toEqual(rule.labels);
      expect(twin.annotations.summary).toBe(rule.annotations.summary);
      expect(twin.annotations.runbook_url).toBe(rule.annotations.runbook_url);
      expect(twin.annotations.description?.split('$values.B.Value').join('$value')).toBe(rule.annotations.description);
    },
  );

  it.each(promRules.map((rule) => [rule.alert, rule] as const))(
    '%s should join the office register deduplicated to its latest names',
    (_name, rule) => {
      const grafanaExpr = grafanaRules.find((candidate) => candidate.title === rule.alert)?.data[0]?.model.expr ?? '';
      expect(registerReadProblems(rule.expr)).toEqual([]);
      expect(registerReadProblems(grafanaExpr)).toEqual([]);
    },
  );

  it('should put the Grafana rules in the dashboards folder with unique uids', () => {
    expect(grafana.apiVersion).toBe(1);
    for (const group of grafana.groups) {
      expect(group.folder).toBe(providers.providers[0]?.folder);
      // The file format names a folder by title only: a uid key here would be ignored.
      expect(Object.keys(group).sort()).toEqual(['folder', 'interval', 'name', 'orgId', 'rules']);
      expect(group.interval).toMatch(/^\d+[smh]$/);
    }
    const uids = grafanaRules.map((rule) => rule.uid);
    expect(new Set(uids).size).toBe(uids.length);
    for (const uid of uids) expect(uid.length).toBeLessThanOrEqual(40);
  });
});

describe('provisioning', () => {
  it('should provision one Prometheus datasource with a fixed uid', () => {
    expect(datasources.datasources).toEqual([
      expect.objectContaining({ uid: 'dasmo-prometheus', type: 'prometheus' }),
    ]);
  });

  it('should provision the dashboards into the one DASMO folder the alert rules use', () => {
    expect(providers.providers).toEqual([expect.objectContaining({ folder: 'DASMO' })]);
    // Alert provisioning (which runs first) creates the folder by title with a random uid; a
    // provider pinning a uid would then create a second "DASMO" folder instead of finding it.
    expect(providers.providers[0]?.folderUid).toBeUndefined();
    expect(new Set(grafana.groups.map((group) => group.folder))).toEqual(new Set(['DASMO']));
  });

  it('should route every alert to the placeholder contact point', () => {
    const names = contactPoints.contactPoints.map((point) => point.name);
    expect(names).toHaveLength(1);
    const receivers = [policies.policies[0]?.receiver, ...(policies.policies[0]?.routes ?? []).map((r) => r.receiver)];
    for (const receiver of receivers) expect(names).toContain(receiver);
  });

  it('should keep anonymous access and sign-up off', () => {
    const ini = readFileSync(join(REPO_ROOT, 'provisioning', 'grafana.ini'), 'utf8');
    const section = (name: string): string => {
      const start = ini.indexOf(`[${name}]`);
      if (start < 0) return '';
      const end = ini.indexOf('\n[', start + 1);
      return ini.slice(start, end < 0 ? undefined : end);
    };
    expect(section('auth.anonymous')).toMatch(/^enabled = false$/m);
    expect(section('users')).toMatch(/^allow_sign_up = false$/m);
  });
});
