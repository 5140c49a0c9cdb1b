/**
 * Lint of the committed dashboards: every target parses and type-checks, uses the datasource
 * variable and only metrics the exporter exposes, reads daily data through last_over_time and
 * never through an extrapolating rate; every panel has a title, a description and a unit. Then
 * what Grafana 12.4 does with the model: data links read only fields or labels that exist,
 * code columns stay text, links sit in the top bar, top-N tables stay top-N.
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
import { registerReadProblems } from './register-joins';
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

  it.each(allTargets.map((t) => [t.where, t] as const))(
    '%s should parse, use known metrics, read the register deduplicated',
    (_where, target) => {
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
      // A renamed office must join once, under its latest names.
      expect(registerReadProblems(target.expr)).toEqual([]);
    },
  );

  it('should read daily trends one point per day (a 1d step, trend windows, the reference-day guard) and nothing else that way', () => {
    const data = dashboards.filter((d) => d.model.uid !== config.dashboardUids.exporter);
    const panels = data.flatMap((d) => leafPanels(d.model).map((panel) => ({ where: `${d.file} / "${panel.title ?? '?'}"`, panel })));
    const problems: string[] = [];
    for (const { where, panel } of panels) {
      for (const expr of (panel.targets ?? []).map((target) => target.expr ?? '')) {
        if (panel.type === 'timeseries') {
          if (panel.interval !== '1d') problems.push(`${where}: min interval ${String(panel.interval)}`);
          if (expr.includes(`[${config.sampleLookback}]`)) problems.push(`${where}: reads [${config.sampleLookback}], the instant reading`);
          if (!/\) and on \(\) abs\(.*dasmo_region_snapshot_reference_date_seconds.*\) - time\(\)\) < 43200$/.test(expr)) {
            problems.push(`${where}: no reference-day guard`);
          }
        } else if (expr.includes('offset -')) {
          problems.push(`${where}: an instant panel reads ahead (offset -)`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(panels.filter(({ panel }) => panel.type === 'timeseries').length).toBeGreaterThanOrEqual(15);
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
    expect(urls).toContainEqual(expect.stringContaining('var-region=${__data.fields.region}&var-office=${__data.fields.office}'));
    expect(urls).toContainEqual(expect.stringMatching(/^\/d\/dasmo-domande\/\?var-region=\$\{__field\.labels\.region\}&/));
  });
});

interface LinkJson {
  readonly title?: string;
  readonly url?: string;
  readonly placement?: string;
}

interface OrganizeOptions {
  readonly excludeByName?: Readonly<Record<string, boolean>>;
  readonly includeByName?: Readonly<Record<string, boolean>>;
  readonly renameByName?: Readonly<Record<string, string>>;
}

/** The parts of a panel's JSON that Grafana reads between the query and the screen. */
interface ModelPanel extends PanelJson {
  readonly repeat?: string;
  readonly repeatDirection?: string;
  readonly options?: Readonly<Record<string, unknown>>;
  readonly transformations?: readonly { readonly id: string; readonly options?: unknown }[];
  readonly targets?: readonly (NonNullable<PanelJson['targets']>[number] & { readonly legendFormat?: string })[];
}

const NO_DECISION_TEXT = 'nessuna definizione';

const modelPanels = dashboards.flatMap((d) =>
  leafPanels(d.model).map((panel) => ({ where: `${d.file} / "${panel.title ?? '?'}"`, panel: panel as ModelPanel })),
);
const tables = modelPanels.filter(({ panel }) => panel.type === 'table');

function overrideValues(panel: ModelPanel, property: string): unknown[] {
  return (panel.fieldConfig?.overrides ?? []).flatMap((o) => o.properties.filter((p) => p.id === property).map((p) => p.value));
}

function dataLinks(panel: ModelPanel): LinkJson[] {
  const fromOverrides = overrideValues(panel, 'links').flatMap((value) => value as readonly LinkJson[]);
  return [...((panel.fieldConfig?.defaults?.links ?? []) as readonly LinkJson[]), ...fromOverrides];
}

function organizeOptions(panel: ModelPanel): OrganizeOptions {
  return (panel.transformations?.find((t) => t.id === 'organize')?.options ?? {}) as OrganizeOptions;
}

interface SortByOptions {
  readonly sort?: readonly { readonly field?: string; readonly desc?: boolean }[];
}

/** The transformations after `organize`, as `id` or `id field [desc]`, and the limit, e.g. `limit 20`. */
function afterOrganize(panel: ModelPanel): string[] {
  const all = panel.transformations ?? [];
  return all.slice(all.findIndex((t) => t.id === 'organize') + 1).map((t) => {
    if (t.id === 'sortBy') {
      const [key] = (t.options as SortByOptions | undefined)?.sort ?? [];
      return `sortBy ${key?.field ?? '?'}${key?.desc === true ? ' desc' : ''}`;
    }
    if (t.id === 'limit') return `limit ${String((t.options as { limitField?: unknown } | undefined)?.limitField)}`;
    return t.id;
  });
}

/** The header of the table's code column: the renamed `office` label, else `region`. */
function codeHeader(panel: ModelPanel): string | undefined {
  const renamed = organizeOptions(panel).renameByName ?? {};
  return renamed.office ?? renamed.region;
}

/** Fields left after the organize transformation (Grafana drops the others from the frame). */
function keptFields(panel: ModelPanel): string[] {
  const { includeByName = {}, excludeByName = {} } = organizeOptions(panel);
  return Object.keys(includeByName).filter((name) => includeByName[name] === true && excludeByName[name] !== true);
}

/** Prometheus table frames: `Value #A`... are numbers, every label a string. */
function fieldType(field: string): 'number' | 'string' {
  return /^Value( #[A-Z])?$/.test(field) ? 'number' : 'string';
}

/** The unit Grafana applies to a field: the default, then each matching override in order. */
function effectiveUnit(panel: ModelPanel, field: string): string | undefined {
  const displayName = organizeOptions(panel).renameByName?.[field] ?? field;
  let unit = panel.fieldConfig?.defaults?.unit;
  for (const override of panel.fieldConfig?.overrides ?? []) {
    const { id, options } = override.matcher;
    const matches =
      id === 'byName'
        ? options === displayName
        : id === 'byType'
          ? options === fieldType(field)
          : id === 'byRegexp'
            ? new RegExp(String(options)).test(displayName)
            : (() => {
                throw new Error(`unsupported matcher ${id}: teach effectiveUnit about it`);
              })();
    if (!matches) continue;
    for (const property of override.properties) if (property.id === 'unit') unit = property.value as string;
  }
  return unit;
}

/** `topk(...)` of an expression, with its arguments, or null. */
function topkOf(expr: string): string | null {
  const start = expr.indexOf('topk(');
  if (start < 0) return null;
  let depth = 0;
  for (let i = start + 'topk'.length; i < expr.length; i += 1) {
    if (expr[i] === '(') depth += 1;
    if (expr[i] === ')') depth -= 1;
    if (depth === 0) return expr.slice(start, i + 1);
  }
  return null;
}

function hasNoDecisionMapping(mappings: unknown): boolean {
  return (mappings as readonly { type: string; options: { match?: string; result?: { text?: string } } }[]).some(
    (m) => m.type === 'special' && m.options.match === 'null+nan' && m.options.result?.text === NO_DECISION_TEXT,
  );
}

describe('dashboards as Grafana 12.4 reads them', () => {
  it.each(modelPanels.map(({ where, panel }) => [where, panel] as const))(
    '%s: data links read only fields the transformations keep, or labels the series have',
    (_where, panel) => {
      for (const link of dataLinks(panel)) {
        const url = link.url ?? '';
        for (const [, field] of url.matchAll(/\$\{__data\.fields\.(\w+)\}/g)) {
          // A row of a table: any other panel reduces series to values, without rows.
          expect({ url, type: panel.type }).toEqual({ url, type: 'table' });
          expect({ url, kept: keptFields(panel) }).toEqual({ url, kept: expect.arrayContaining([field]) });
        }
        for (const [, label] of url.matchAll(/\$\{__field\.labels\.(\w+)\}/g)) {
          expect({ url, type: panel.type }).not.toEqual({ url, type: 'table' });
          const legends = (panel.targets ?? []).map((target) => target.legendFormat ?? '');
          expect({ url, legends }).toEqual({ url, legends: expect.arrayContaining([expect.stringContaining(`{{${label}}}`)]) });
        }
      }
    },
  );

  it.each(tables.map(({ where, panel }) => [where, panel] as const))(
    '%s: code and name columns stay text, value columns carry a number unit',
    (_where, panel) => {
      const fields = keptFields(panel);
      expect(fields.length).toBeGreaterThan(0);
      for (const field of fields) {
        const unit = effectiveUnit(panel, field);
        if (fieldType(field) === 'string') {
          // Any number unit turns region "03" into "3" and office "4900" into "4,900".
          expect({ field, unit }).toEqual({ field, unit: 'string' });
        } else {
          expect({ field, unit }).toEqual({ field, unit: expect.not.stringMatching(/^(string)?$/) });
        }
      }
    },
  );

  it.each(dashboards.map((d) => [d.file, d] as const))('%s: links have no placement, so they show in the top bar', (_file, d) => {
    const links = (d.model.links ?? []) as readonly LinkJson[];
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) expect(link).not.toHaveProperty('placement');
    for (const { panel } of modelPanels) for (const link of dataLinks(panel)) expect(link).not.toHaveProperty('placement');
  });

  it.each(modelPanels.map(({ where, panel }) => [where, panel] as const))(
    '%s: no repeatDirection without repeat, no pre-12 table footer',
    (_where, panel) => {
      if (panel.repeat === undefined) expect(panel).not.toHaveProperty('repeatDirection');
      expect(panel.options ?? {}).not.toHaveProperty('footer');
    },
  );

  it.each(tables.map(({ where, panel }) => [where, panel] as const))(
    '%s: no query picks its own top N; a top-N table keeps its first rows after the merge, ties cut by code',
    (_where, panel) => {
      // A topk in each query picks its own members of a tie: the merge shows rows without names.
      for (const target of panel.targets ?? []) expect({ expr: target.expr, topk: topkOf(target.expr ?? '') }).toEqual({ expr: target.expr, topk: null });
      const steps = afterOrganize(panel);
      const limit = steps.find((step) => step.startsWith('limit '));
      if (limit === undefined) {
        expect(steps).toEqual([]);
        return;
      }
      const [sorted] = (panel.options?.sortBy ?? []) as readonly { displayName?: string; desc?: boolean }[];
      expect(sorted?.desc).toBe(true);
      expect(steps).toEqual([`sortBy ${codeHeader(panel) ?? '?'}`, `sortBy ${sorted?.displayName ?? '?'} desc`, limit]);
    },
  );

  it('should limit "Sedi con più domande in giacenza da oltre 90 giorni" to the ranking size', () => {
    const chronic = tables.find(({ panel }) => panel.title === `Sedi con più domande in giacenza da oltre ${config.chronicAgeDays} giorni`);
    if (chronic === undefined) throw new Error('no chronic offices ranking');
    expect(afterOrganize(chronic.panel).at(-1)).toBe(`limit ${config.rankingSize}`);
  });

  it('should show "nessuna definizione", never Infinity or NaN, when nothing was decided', () => {
    const clearance = modelPanels.filter(({ panel }) => (panel.title ?? '').startsWith('Giorni per smaltire'));
    expect(clearance.map(({ panel }) => panel.type).sort()).toEqual(['stat', 'timeseries']);
    const column = tables.flatMap(({ panel }) =>
      Object.entries(organizeOptions(panel).renameByName ?? {})
        .filter(([, header]) => header === 'Giorni per smaltire')
        .map(([field]) => ({ panel, refId: /^Value #([A-Z])$/.exec(field)?.[1] })),
    );
    expect(column).toHaveLength(1);
    const exprs = [
      ...clearance.flatMap(({ panel }) => (panel.targets ?? []).map((target) => target.expr ?? '')),
      ...column.map(({ panel, refId }) => panel.targets?.find((target) => target.refId === refId)?.expr ?? ''),
    ];
    // The decision pace is filtered to > 0: no division by zero, so no +Inf or NaN to show.
    for (const expr of exprs) expect(expr).toContain(`) / ${config.paceDays} > 0)`);
    const stat = clearance.find(({ panel }) => panel.type === 'stat')?.panel;
    expect(hasNoDecisionMapping((stat?.fieldConfig?.defaults as { mappings?: unknown } | undefined)?.mappings ?? [])).toBe(true);
    const table = column[0]?.panel;
    const columnMappings = (table?.fieldConfig?.overrides ?? [])
      .filter((o) => o.matcher.options === 'Giorni per smaltire')
      .flatMap((o) => o.properties.filter((p) => p.id === 'mappings').map((p) => p.value));
    expect(columnMappings.some(hasNoDecisionMapping)).toBe(true);
  });
});
