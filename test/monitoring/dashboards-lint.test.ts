/**
 * Lint of the committed dashboards: every target parses and type-checks, uses the datasource
 * variable and only metrics the exporter exposes, reads daily data through last_over_time and
 * never through an extrapolating rate; every panel has a title, a description and a unit.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { config } from '../../monitoring/config';
import { DAILY_DATA_METRICS, KNOWN_METRICS } from '../../monitoring/metrics';
import {
  committedDashboards,
  leafPanels,
  variableQuery,
  type DashboardFile,
  type PanelJson,
} from './support/dashboard-model';
import { referencedVariables, substituteMacros, substituteVariables } from './support/grafana-macros';
import { analysePromql } from './support/promql-ast';
import { promtool } from './support/promtool';

const DATASOURCE = '${datasource}';
const EXTRAPOLATING = new Set(['rate', 'irate', 'increase', 'delta', 'idelta', 'deriv', 'predict_linear']);
const MACROS = { stepSeconds: 3600, scrapeSeconds: 60, rangeSeconds: 90 * 86_400 };

const dashboards = committedDashboards();

interface LintedTarget {
  readonly where: string;
  readonly expr: string;
  readonly dashboard: DashboardFile;
}

/** The expression with every variable at "All" and the macros filled in, as promtool sees it. */
function concrete(expr: string, dashboard: DashboardFile): string {
  const names = dashboard.model.templating.list.map((variable) => variable.name);
  const all = new Map<string, readonly string[] | null>(names.map((name) => [name, null]));
  const allValues = new Map(dashboard.model.templating.list.map((v) => [v.name, v.allValue ?? '.*']));
  return substituteMacros(substituteVariables(expr, all, allValues), MACROS);
}

function targetsOf(dashboard: DashboardFile): LintedTarget[] {
  return leafPanels(dashboard.model).flatMap((panel) =>
    (panel.targets ?? []).map((target) => ({
      where: `${dashboard.file} / "${panel.title ?? '?'}" / ${target.refId ?? '?'}`,
      expr: target.expr ?? '',
      dashboard,
    })),
  );
}

function variableTargets(dashboard: DashboardFile): LintedTarget[] {
  return dashboard.model.templating.list
    .filter((variable) => variable.type === 'query')
    .map((variable) => {
      const query = variableQuery(variable);
      const inner = /^query_result\((.*)\)$/s.exec(query);
      return {
        where: `${dashboard.file} / variable ${variable.name}`,
        expr: inner === null ? query : (inner[1] ?? ''),
        dashboard,
      };
    });
}

const allTargets = dashboards.flatMap((d) => [...targetsOf(d), ...variableTargets(d)]);

describe('dashboards lint', () => {
  it('should find the four DASMO dashboards with their fixed uids', () => {
    expect(dashboards.map((d) => d.model.uid).sort()).toEqual(Object.values(config.dashboardUids).sort());
    expect(allTargets.length).toBeGreaterThan(60);
  });

  describe.each(dashboards.map((d) => [d.file, d] as const))('%s', (_file, dashboard) => {
    const panels = leafPanels(dashboard.model);

    it('should have an Italian DASMO title and a datasource variable', () => {
      expect(dashboard.model.title).toMatch(/^DASMO - /);
      const datasource = dashboard.model.templating.list.find((v) => v.name === 'datasource');
      expect(datasource?.type).toBe('datasource');
    });

    it.each(panels.map((panel) => [panel.title ?? '(untitled)', panel] as const))(
      'panel %s should have title, description, unit and the datasource variable',
      (_title, panel: PanelJson) => {
        expect((panel.title ?? '').trim()).not.toBe('');
        expect((panel.description ?? '').trim().length).toBeGreaterThan(20);
        expect((panel.fieldConfig?.defaults?.unit ?? '').trim()).not.toBe('');
        expect(panel.datasource?.uid).toBe(DATASOURCE);
        expect(panel.targets?.length ?? 0).toBeGreaterThan(0);
        for (const target of panel.targets ?? []) {
          expect(target.datasource?.uid).toBe(DATASOURCE);
          expect((target.expr ?? '').trim()).not.toBe('');
        }
      },
    );

    it('should give every panel a distinct id', () => {
      const ids = dashboard.model.panels.map((panel) => panel.id);
      expect(new Set(ids).size).toBe(ids.length);
    });

    it('should only reference variables it defines', () => {
      const defined = new Set(dashboard.model.templating.list.map((v) => v.name));
      for (const target of [...targetsOf(dashboard), ...variableTargets(dashboard)]) {
        for (const name of referencedVariables(target.expr)) {
          expect({ where: target.where, name, defined: defined.has(name) }).toEqual({
            where: target.where,
            name,
            defined: true,
          });
        }
      }
    });
  });

  it.each(allTargets.map((t) => [t.where, t] as const))('%s should parse and use known metrics', (_where, target) => {
    const facts = analysePromql(concrete(target.expr, target.dashboard));
    expect(facts.errors).toEqual([]);
    expect(facts.metrics.length).toBeGreaterThan(0);
    expect(facts.metrics.filter((metric) => !KNOWN_METRICS.has(metric))).toEqual([]);
    // Daily data must read through last_over_time so one-sample-per-day history works.
    const bare = facts.rangeFunctionOf.filter(([metric, fn]) => DAILY_DATA_METRICS.has(metric) && fn !== 'last_over_time');
    expect(bare).toEqual([]);
    const extrapolated = facts.rangeFunctionOf.filter(
      ([metric, fn]) => metric.startsWith('dasmo_') && fn !== null && EXTRAPOLATING.has(fn) && DAILY_DATA_METRICS.has(metric),
    );
    expect(extrapolated).toEqual([]);
  });

  it('should type-check every target and variable query with promtool', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dasmo-lint-'));
    try {
      const rules = allTargets.map((target, index) => ({
        record: `dasmo_lint:target_${index}`,
        expr: concrete(target.expr, target.dashboard),
      }));
      writeFileSync(join(dir, 'lint.yml'), stringify({ groups: [{ name: 'lint', rules }] }, { lineWidth: 0 }));
      const result = promtool(['check', 'rules', join(dir, 'lint.yml')]);
      expect(result.output).toContain(`SUCCESS: ${rules.length} rules found`);
      expect(result.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('should link the region table and the office rankings to the drill-down dashboards', () => {
    const urls = dashboards.flatMap((d) =>
      leafPanels(d.model).flatMap((panel) => [
        ...(panel.fieldConfig?.defaults?.links ?? []).map((link) => link.url ?? ''),
        ...(panel.fieldConfig?.overrides ?? []).flatMap((o) =>
          o.properties
            .filter((p) => p.id === 'links')
            .flatMap((p) => (p.value as readonly { url: string }[]).map((link) => link.url)),
        ),
      ]),
    );
    const uids = new Set(dashboards.map((d) => d.model.uid));
    expect(urls.length).toBeGreaterThanOrEqual(4);
    for (const url of urls) {
      const uid = /^\/d\/([^/]+)\//.exec(url)?.[1] ?? '';
      expect(uids.has(uid)).toBe(true);
      expect(url).toContain('${datasource:queryparam}');
    }
    expect(urls).toContainEqual(expect.stringMatching(/^\/d\/dasmo-domande\/\?var-region=\$\{__data\.fields\.region\}&/));
    expect(urls).toContainEqual(expect.stringContaining('var-office=${__data.fields.office}'));
  });
});
