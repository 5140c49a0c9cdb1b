/**
 * The "what Grafana 12.4.3 shows" library (test/monitoring/support/grafana) on hand-written
 * Prometheus answers; every expected text is worked out from Grafana's documented rules
 * (the comments say how), not read back from the library.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createInterpolator,
  dashboardLinks,
  dashboardSlug,
  followDashboardLink,
  panelFramesFromPrometheus,
  panelReduction,
  renderPanel,
  type DashboardContext,
  type FieldView,
  type PrometheusTargetResult,
  type RenderablePanel,
  type VariableDefinition,
} from './support/grafana';
import { committedDashboards, leafPanels } from './support/dashboard-model';
import { at } from '../../src/common/checked-index';

/** 2026-01-01T09:00:00Z, 10:00 in Rome: the evaluation time of the instant queries. */
const T = 1_767_258_000;
const T_MS = T * 1000;

const DEFINITIONS: readonly VariableDefinition[] = [
  { name: 'datasource', type: 'datasource', current: { text: 'DASMO Prometheus', value: 'dasmo-prometheus' } },
  { name: 'region', type: 'query', multi: true, includeAll: true, allValue: '.*', current: { value: '$__all' } },
  { name: 'office', type: 'query', multi: true, includeAll: true, allValue: '.*', current: { value: '$__all' } },
  { name: 'benefit', type: 'custom', multi: true, includeAll: true, allValue: '.*', current: { value: '$__all' } },
  { name: 'cause', type: 'custom', multi: true, includeAll: true, allValue: '.*', current: { value: '$__all' } },
];

function contextWith(selection: Record<string, readonly string[] | null> = {}): DashboardContext {
  return {
    variables: new Map(Object.entries(selection)),
    definitions: DEFINITIONS,
    timeRange: { from: 'now-90d', to: 'now', fromMs: T_MS - 90 * 86_400_000, toMs: T_MS },
    timeZone: 'Europe/Rome',
  };
}

const CONTEXT = contextWith({ region: ['03'], benefit: ['CIGO', 'CIGS'] });

function instant(refId: string, series: readonly [Record<string, string>, string][]): PrometheusTargetResult {
  return {
    refId,
    stepMs: 60_000,
    data: { resultType: 'vector', result: series.map(([metric, value]) => ({ metric, value: [T, value] })) },
  };
}

function field(panel: ReturnType<typeof renderPanel>, displayName: string, frameIndex = 0): FieldView {
  const found = panel.frames[frameIndex]?.fields.find((f) => f.displayName === displayName);
  if (!found) throw new Error(`no field ${displayName} in frame ${frameIndex}`);
  return found;
}

const byName = (name: string, properties: readonly { id: string; value: unknown }[]) => ({
  matcher: { id: 'byName', options: name },
  properties,
});

describe('the DOM @grafana/data needs, in a node test environment', () => {
  test("Node's own fetch still works after the DOM is installed", async () => {
    const server = createServer((_request, response) => response.end('pong'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const response = await fetch(`http://127.0.0.1:${port}/`);
      expect(await response.text()).toBe('pong');
    } finally {
      server.close();
    }
    expect(Reflect.get(globalThis, 'document')).toBeDefined();
  });
});

describe('Prometheus answers become the frames Grafana 12.4 builds', () => {
  test('range query: Time with the step as interval, value named after __name__, legend as display name', () => {
    const [frame, ...rest] = panelFramesFromPrometheus(
      [{ refId: 'A', expr: 'dasmo_x', legendFormat: '{{region}} / {{ office }}' }],
      [
        {
          refId: 'A',
          stepMs: 3_600_000,
          data: {
            resultType: 'matrix',
            result: [{ metric: { region: '12', __name__: 'dasmo_x', office: '03' }, values: [[T - 3600, '1'], [T, 'NaN']] }],
          },
        },
      ],
    );
    expect(rest).toEqual([]);
    expect(frame?.fields.map((f) => [f.name, f.type])).toEqual([['Time', 'time'], ['dasmo_x', 'number']]);
    expect(frame?.fields[0]?.config.interval).toBe(3_600_000);
    expect(frame?.fields[0]?.values).toEqual([T_MS - 3_600_000, T_MS]);
    expect(frame?.fields[1]?.values).toEqual([1, NaN]);
    expect(frame?.fields[1]?.config.displayNameFromDS).toBe('12 / 03');
    // Labels arrive with sorted keys (Go marshals its label map sorted).
    expect(Object.keys(frame?.fields[1]?.labels ?? {})).toEqual(['__name__', 'office', 'region']);
  });

  test('no legend format: the series in Prometheus notation; no labels at all: the expression', () => {
    const frames = panelFramesFromPrometheus(
      [{ refId: 'A', expr: 'sum(dasmo_x)', legendFormat: '' }],
      [instant('A', [[{ __name__: 'dasmo_x', region: '12', office: '03' }, '1'], [{}, '2']])],
    );
    expect(frames.map((f) => f.fields[1]?.config.displayNameFromDS)).toEqual([
      'dasmo_x{office="03", region="12"}',
      'sum(dasmo_x)',
    ]);
    expect(frames.map((f) => f.fields[1]?.name)).toEqual(['dasmo_x', 'Value']);
  });

  test('table format: one frame per refId, a string field per label, "Value #A" only beside another table', () => {
    const targets = [
      { refId: 'A', format: 'table', legendFormat: '__auto' },
      { refId: 'B', format: 'table', legendFormat: '__auto' },
    ];
    const a = instant('A', [[{ region: '12', office: '03' }, '40'], [{ region: '07' }, '5']]);
    const b = instant('B', [[{ region: '12', office: '03' }, '2']]);
    const both = panelFramesFromPrometheus(targets, [a, b]);
    expect(both.map((f) => f.fields.map((x) => x.name))).toEqual([
      ['Time', 'office', 'region', 'Value #A'],
      ['Time', 'office', 'region', 'Value #B'],
    ]);
    // The union of the labels; a series without one gets ''.
    expect(both[0]?.fields[1]?.values).toEqual(['03', '']);
    expect(both[0]?.fields[1]?.config).toEqual({ filterable: true });
    const alone = panelFramesFromPrometheus(targets.slice(0, 1), [a]);
    expect(alone[0]?.fields.map((x) => x.name)).toEqual(['Time', 'office', 'region', 'Value']);
  });
});

describe('table panel: merge and organize over two table queries', () => {
  const sedeLink = {
    title: 'Apri la sede ${__data.fields["Sede"]}',
    url: '/d/dasmo-domande/?var-region=${__data.fields.region}&var-office=${__data.fields.office}&${datasource:queryparam}&${__url_time_range}',
  };
  const panel = (organizeOptions: object, more: readonly object[] = []): RenderablePanel => ({
    type: 'table',
    targets: [
      { refId: 'A', expr: 'a', format: 'table', legendFormat: '__auto' },
      { refId: 'B', expr: 'b', format: 'table', legendFormat: '__auto' },
    ],
    transformations: [{ id: 'merge', options: {} }, { id: 'organize', options: organizeOptions }, ...more],
    fieldConfig: {
      defaults: { unit: 'string' },
      overrides: [
        byName('Sede', [
          { id: 'unit', value: 'locale' },
          { id: 'links', value: [sedeLink] },
        ]),
        byName('Domande', [{ id: 'unit', value: 'locale' }]),
        byName('Quota', [
          { id: 'unit', value: 'percentunit' },
          { id: 'decimals', value: 1 },
        ]),
      ],
    },
  });
  const results = [
    instant('A', [[{ region: '12', office: '03' }, '40'], [{ region: '07', office: '4900' }, '1234.5']]),
    instant('B', [[{ region: '12', office: '03' }, '2'], [{ region: '07', office: '4900' }, '0.25']]),
  ];
  const organize = {
    excludeByName: { Time: true },
    indexByName: { region: 0, office: 1, 'Value #A': 2, 'Value #B': 3 },
    renameByName: { region: 'Regione', office: 'Sede', 'Value #A': 'Domande', 'Value #B': 'Quota' },
  };

  test('rows of A and B merged on Time+labels, Time excluded, renamed display names over the original names', () => {
    const rendered = renderPanel(panel(organize), results, CONTEXT);
    expect(rendered.frames).toHaveLength(1);
    expect(rendered.frames[0]?.fields.map((f) => [f.name, f.displayName])).toEqual([
      ['region', 'Regione'],
      ['office', 'Sede'],
      ['Value #A', 'Domande'],
      ['Value #B', 'Quota'],
    ]);
    expect(field(rendered, 'Regione').texts).toEqual(['12', '07']);
    expect(field(rendered, 'Domande').values).toEqual([40, 1234.5]);
    // locale: toLocaleString() in the default locale (en-US here): thousands separated.
    expect(field(rendered, 'Domande').texts).toEqual(['40', '1,234.5']);
    // percentunit, 1 decimal: 100 × value, padded to one decimal.
    expect(field(rendered, 'Quota').texts).toEqual(['200.0%', '25.0%']);
  });

  test('the locale defect: office codes are strings that "locale" reads as numbers', () => {
    expect(Intl.NumberFormat().resolvedOptions().locale).toBe('en-US'); // what the texts below assume
    const withLocale = renderPanel(panel(organize), results, CONTEXT);
    expect(field(withLocale, 'Sede').texts).toEqual(['3', '4,900']);
    const withoutLocale = renderPanel({ ...panel(organize), fieldConfig: { defaults: { unit: 'string' } } }, results, CONTEXT);
    expect(field(withoutLocale, 'Sede').texts).toEqual(['03', '4900']);
  });

  test('${__data.fields.X} is the display text of that row: the link carries the defect too', () => {
    const rendered = renderPanel(panel(organize), results, CONTEXT);
    expect(field(rendered, 'Sede').links[0]).toEqual([
      {
        // Title: default (glob) format; "Sede" found through the configured display name.
        title: 'Apri la sede 3',
        // URL: uriencode format; queryparam and the time range are formatted on their own.
        href: '/d/dasmo-domande/?var-region=12&var-office=3&var-datasource=dasmo-prometheus&from=now-90d&to=now&timezone=Europe%2FRome',
      },
    ]);
    expect(field(rendered, 'Sede').links[1]?.[0]?.href).toContain('?var-region=07&var-office=4,900&') // encodeURI keeps ',';
  });

  test('${__data.fields.region} is empty once organize excludes region', () => {
    const excluded = renderPanel(panel({ ...organize, excludeByName: { Time: true, region: true } }), results, CONTEXT);
    expect(excluded.frames[0]?.fields.map((f) => f.displayName)).toEqual(['Sede', 'Domande', 'Quota']);
    expect(field(excluded, 'Sede').links[0]?.[0]?.href).toBe(
      '/d/dasmo-domande/?var-region=&var-office=3&var-datasource=dasmo-prometheus&from=now-90d&to=now&timezone=Europe%2FRome',
    );
  });

  test('a limit transformation after them keeps the first rows', () => {
    const limited = renderPanel(panel(organize, [{ id: 'limit', options: { limitField: 1 } }]), results, CONTEXT);
    expect(limited.frames[0]?.length).toBe(1);
    expect(field(limited, 'Regione').texts).toEqual(['12']);
  });

  test('custom.hideFrom.viz reaches the field as hidden; an unknown transformation throws', () => {
    const hidden = renderPanel(
      {
        ...panel(organize),
        fieldConfig: { defaults: { custom: { align: 'auto' } }, overrides: [byName('Regione', [{ id: 'custom.hideFrom.viz', value: true }])] },
      },
      results,
      CONTEXT,
    );
    expect(hidden.frames[0]?.fields.map((f) => f.hidden)).toEqual([true, false, false, false]);
    expect(() => renderPanel({ ...panel(organize), transformations: [{ id: 'partitionByValues' }] }, results, CONTEXT)).toThrow(
      /"partitionByValues" not found in/,
    );
  });
});

describe('${__field.*}, ${__value.*} and ${__series.name} in data links', () => {
  const link = {
    title: 'Apri ${__field.labels.region}',
    url: '/d/x/?r=${__field.labels.region}&n=${__field.name}&s=${__series.name}&raw=${__value.raw}&text=${__value.text}&t=${__value.time}',
  };
  const target = (format?: string) => ({ refId: 'A', expr: 'dasmo_x', legendFormat: 'Regione {{region}}', format });
  const series = { __name__: 'dasmo_x', region: '12', office: '03' };

  test('on a range frame the value field carries the series labels', () => {
    const rendered = renderPanel(
      { type: 'timeseries', targets: [target()], fieldConfig: { defaults: { unit: 'short', links: [link] } } },
      [{ refId: 'A', stepMs: 3_600_000, data: { resultType: 'matrix', result: [{ metric: series, values: [[T - 3600, '1500'], [T, '2500']] }] } }],
      CONTEXT,
    );
    const value = field(rendered, 'Regione 12');
    // short: 2500 -> 2.5 thousands, two decimals for a value below 10 -> "2.50 K"; the space is %20.
    expect(value.links[1]).toEqual([
      { title: 'Apri 12', href: `/d/x/?r=12&n=dasmo_x&s=Regione%2012&raw=2500&text=2.50%20K&t=${T_MS}` },
    ]);
    // The time column shows the dashboard's time zone.
    expect(field(rendered, 'Time').texts).toEqual(['2026-01-01 09:00:00', '2026-01-01 10:00:00']);
  });

  test('on a table frame labels are columns, so ${__field.labels.region} is empty', () => {
    const rendered = renderPanel(
      { type: 'table', targets: [target('table')], fieldConfig: { defaults: { links: [link] } } },
      [instant('A', [[series, '7']])],
      CONTEXT,
    );
    expect(field(rendered, 'Value').links[0]?.[0]?.href).toBe(`/d/x/?r=&n=Value&s=Series%20%28A%29&raw=7&text=7&t=${T_MS}`);
    expect(field(rendered, 'Value').links[0]?.[0]?.title).toBe('Apri ');
  });
});

describe('stat panels: NaN and ±Inf, value mappings, reduction with lastNotNull', () => {
  const stat = (mappings: readonly object[]): RenderablePanel => ({
    type: 'stat',
    targets: ['nan', 'inf', 'neg'].map((legendFormat, i) => ({ refId: 'ABC'[i], expr: legendFormat, legendFormat })),
    options: { reduceOptions: { calcs: ['lastNotNull'], values: false, fields: '' } },
    fieldConfig: { defaults: { mappings } },
  });
  const results = [instant('A', [[{}, 'NaN']]), instant('B', [[{}, '+Inf']]), instant('C', [[{}, '-Inf']])];
  const nullOrNaN = { type: 'special', options: { match: 'null+nan', result: { text: 'nessuna definizione', index: 0 } } };
  const onlyNaN = { type: 'special', options: { match: 'nan', result: { text: 'nessuna definizione', index: 0 } } };
  const infinity = { type: 'value', options: { Infinity: { text: 'illimitato', index: 1 } } };

  test('values keep NaN and ±Inf; a value mapping keyed "Infinity" catches +Inf', () => {
    const rendered = renderPanel(stat([nullOrNaN, infinity]), results, CONTEXT);
    expect(rendered.frames.map((f) => f.fields[1]?.values[0])).toEqual([NaN, Infinity, -Infinity]);
    // -Inf has no mapping: the number formatter prints (-Infinity).toLocaleString().
    expect(rendered.frames.map((f) => f.fields[1]?.texts[0])).toEqual(['nessuna definizione', 'illimitato', '-∞']);
  });

  test('lastNotNull skips NaN: the stat shows null, which only "null+nan" maps', () => {
    const withNullAndNaN = renderPanel(stat([nullOrNaN, infinity]), results, CONTEXT);
    expect(panelReduction(stat([nullOrNaN, infinity]), withNullAndNaN, CONTEXT).map((v) => [v.title, v.text])).toEqual([
      ['nan', 'nessuna definizione'],
      ['inf', 'illimitato'],
      ['neg', '-∞'],
    ]);
    const withNaNOnly = renderPanel(stat([onlyNaN]), results, CONTEXT);
    expect(withNaNOnly.frames[0]?.fields[1]?.texts).toEqual(['nessuna definizione']);
    expect(panelReduction(stat([onlyNaN]), withNaNOnly, CONTEXT).map((v) => v.text)).toEqual(['', '∞', '-∞']);
  });

  test('a range mapping without "to" reaches +Inf; a table loses the sign of -Inf', () => {
    const range = { type: 'range', options: { from: 1_000_000, to: null, result: { text: 'oltre un milione', index: 0 } } };
    const rendered = renderPanel(stat([range]), results, CONTEXT);
    expect(rendered.frames.map((f) => f.fields[1]?.texts[0])).toEqual(['NaN', 'oltre un milione', '-∞']);
    const table = renderPanel(
      { type: 'table', targets: [{ refId: 'C', expr: 'neg', format: 'table' }], fieldConfig: { defaults: { mappings: [infinity] } } },
      [results[2] ?? instant('C', [])],
      CONTEXT,
    );
    expect(field(table, 'Value').values).toEqual([Infinity]);
    expect(field(table, 'Value').texts).toEqual(['illimitato']);
  });
});

describe('units', () => {
  const units: readonly [string, string, string][] = [
    // [unit, Prometheus sample, text]: worked out from @grafana/data's value formats
    ['short', '1234567', '1.23 Mil'], // 1.234567 Mil, 2 decimals below 10
    ['percentunit', '0.4212', '42.1%'], // 42.12, 1 decimal below 100
    ['d', '30', '4.29 weeks'], // 30 days / 7, 2 decimals below 10, plural
    ['s', '3725', '1.03 hours'], // 3725 s / 3600
    ['s', '45', '45 s'],
    ['currencyEUR', '1234.5', '€1.23K'],
    ['none', '1234.5', '1235'], // no decimals for a value above 100
    ['dateTimeAsIso', String(T_MS), '2026-01-01 10:00:00'], // in the dashboard's Europe/Rome
  ];
  const panel: RenderablePanel = {
    type: 'stat',
    targets: units.map(([unit], i) => ({ refId: `U${i}`, expr: unit, legendFormat: `${unit} ${i}` })),
    options: { reduceOptions: { calcs: ['lastNotNull'], values: false } },
    fieldConfig: { overrides: units.map(([unit], i) => byName(`${unit} ${i}`, [{ id: 'unit', value: unit }])) },
  };

  test.each(units.map(([unit, sample, text], i) => [unit, sample, text, i] as const))('%s of %s shows %s', (unit, sample, text, i) => {
    const rendered = renderPanel(panel, [instant(`U${i}`, [[{}, sample]])], CONTEXT);
    expect(field(rendered, `${unit} ${i}`).unit).toBe(unit);
    expect(field(rendered, `${unit} ${i}`).texts).toEqual([text]);
    expect(panelReduction(panel, rendered, CONTEXT)).toEqual([
      expect.objectContaining({ title: `${unit} ${i}`, text, calc: 'lastNotNull' }),
    ]);
  });
});

describe('interpolation of variables and macros', () => {
  const interpolate = createInterpolator(
    contextWith({ region: ['03', '12'], office: ['4900'], benefit: null, cause: ["Crisi d'impresa"] }),
  );

  test('formats of a multi-value variable', () => {
    expect(interpolate('${region}')).toBe('{03,12}');
    expect(interpolate('$region|[[region:pipe]]|${region:csv}|${region:regex}')).toBe('{03,12}|03|12|03,12|(03|12)');
    expect(interpolate('${region:queryparam}')).toBe('var-region=03&var-region=12');
    // One value of a multi-value variable is still a list: uriencode wraps it in braces.
    expect(interpolate('${office:uriencode}|${office}')).toBe('%7B4900%7D|4900');
  });

  test('"All" with an allValue: the allValue, except as a URL parameter', () => {
    expect(interpolate('${benefit}|${benefit:regex}|${benefit:text}')).toBe('.*|.*|All');
    expect(interpolate('${benefit:queryparam}')).toBe('var-benefit=$__all');
  });

  test('queryparam and uriencode escape differently', () => {
    // queryparam: the variable's URL state through urlUtil.toUrlParams (' ' -> %20, "'" -> %27)
    expect(interpolate('${cause:queryparam}')).toBe('var-cause=Crisi%20d%27impresa');
    // uriencode: encodeURI plus !'()* escaped; the data-link href default
    expect(interpolate('${datasource}', undefined, 'uriencode')).toBe('dasmo-prometheus');
    expect(interpolate("x ${cause:raw} (y)", undefined, 'uriencode')).toBe("x Crisi d'impresa (y)");
    expect(interpolate('${cause}', undefined, 'uriencode')).toBe('%7BCrisi%20d%27impresa%7D');
  });

  test('time range and all variables, as dashboard links carry them', () => {
    expect(interpolate('${__url_time_range}')).toBe('from=now-90d&to=now&timezone=Europe%2FRome');
    expect(interpolate('$__url_time_range', undefined, 'uriencode')).toBe('from=now-90d&to=now&timezone=Europe%2FRome');
    expect(interpolate('${__all_variables}')).toBe(
      'var-datasource=dasmo-prometheus&var-region=03&var-region=12&var-office=4900&var-benefit=$__all&var-cause=Crisi%20d%27impresa',
    );
    expect(interpolate('${__from}-${__to}|${__timezone}')).toBe(`${T_MS - 90 * 86_400_000}-${T_MS}|Europe/Rome`);
  });

  test('what is not reproduced, or not defined, is an error', () => {
    expect(() => interpolate('${__user.login}')).toThrow(/__user macro is not reproduced/);
    expect(() => interpolate('$nope')).toThrow(/no variable or macro named nope/);
    expect(() => interpolate('${region:lucene}')).toThrow(/variable format "lucene"/);
    expect(() => createInterpolator(contextWith({ nope: ['1'] }))).toThrow(/does not define/);
  });
});

describe('dashboard links', () => {
  const dashboards = [
    { uid: 'dasmo-sr41', title: 'DASMO - Flussi di pagamento SR41', tags: ['dasmo'] },
    { uid: 'dasmo-panoramica', title: 'DASMO - Panoramica nazionale', tags: ['dasmo'] },
    { uid: 'altro', title: 'Altro', tags: ['altro'] },
    { uid: 'dasmo-esportatore', title: 'DASMO - Esportatore', tags: ['dasmo'] },
    {
      uid: 'dasmo-domande',
      title: 'DASMO - Domande di integrazione salariale',
      tags: ['dasmo'],
      links: [
        { title: 'Cruscotti DASMO', type: 'dashboards', tags: ['dasmo'], asDropdown: true, includeVars: true, keepTime: true, url: '' },
        { title: 'Manuale ${region}', type: 'link', url: 'https://example.org/manuale', placement: 'inControlsMenu' },
        { title: 'Nascosto', type: 'dashboards', tags: ['dasmo'], asDropdown: true, placement: 'inControlsMenu' },
      ],
    },
  ];
  const domande = dashboards[4] ?? at(dashboards, 0);
  const allVariables = 'var-datasource=dasmo-prometheus&var-region=03&var-office=$__all&var-benefit=CIGO&var-benefit=CIGS&var-cause=$__all';

  test('no placement: controls bar; inControlsMenu: the menu, except a dropdown, which is shown nowhere', () => {
    const links = dashboardLinks(domande, dashboards, CONTEXT);
    expect(links.map((l) => [l.title, l.placement])).toEqual([
      ['Cruscotti DASMO', 'controls'],
      ['Manuale 03', 'controlsMenu'],
      ['Nascosto', 'nowhere'],
    ]);
    expect(links[1]?.href).toBe('https://example.org/manuale');
  });

  test('a tags link lists the other tagged dashboards by title, each with time range and variables', () => {
    const [tagged] = dashboardLinks(domande, dashboards, CONTEXT);
    expect(tagged?.targets).toEqual([
      { uid: 'dasmo-esportatore', title: 'DASMO - Esportatore', href: `/d/dasmo-esportatore/dasmo---esportatore?from=now-90d&to=now&timezone=Europe%2FRome&${allVariables}` },
      {
        uid: 'dasmo-sr41',
        title: 'DASMO - Flussi di pagamento SR41',
        href: `/d/dasmo-sr41/dasmo---flussi-di-pagamento-sr41?from=now-90d&to=now&timezone=Europe%2FRome&${allVariables}`,
      },
      {
        uid: 'dasmo-panoramica',
        title: 'DASMO - Panoramica nazionale',
        href: `/d/dasmo-panoramica/dasmo---panoramica-nazionale?from=now-90d&to=now&timezone=Europe%2FRome&${allVariables}`,
      },
    ]);
  });

  test("slugs follow Grafana's slugify: replaced, dropped and hex-written characters; long titles become a UUID", () => {
    expect(dashboardSlug('Più vecchia (giorni), SR41 & co.')).toBe('piu-vecchia-giorni-sr41-and-co');
    expect(dashboardSlug('a/b')).toBe('a2fb');
    expect(dashboardSlug('x'.repeat(51))).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('following a link', () => {
  test('a tags-link target parses back into uid, variables (All as null), time range and zone', () => {
    const [tagged] = dashboardLinks(
      { uid: 'dasmo-domande', title: 'D', tags: ['dasmo'], links: [{ type: 'dashboards', tags: ['dasmo'], includeVars: true, keepTime: true }] },
      [{ uid: 'dasmo-sr41', title: 'DASMO - Flussi di pagamento SR41', tags: ['dasmo'] }],
      CONTEXT,
    );
    const followed = followDashboardLink(tagged?.targets[0]?.href ?? '');
    expect(followed).toEqual({
      uid: 'dasmo-sr41',
      slug: 'dasmo---flussi-di-pagamento-sr41',
      variables: new Map([
        ['datasource', ['dasmo-prometheus']],
        ['region', ['03']],
        ['office', null],
        ['benefit', ['CIGO', 'CIGS']],
        ['cause', null],
      ]),
      timeRange: { from: 'now-90d', to: 'now' },
      timeZone: 'Europe/Rome',
    });
    // Round trip: the same selection gives the same URL parameters again.
    const again = createInterpolator({ ...CONTEXT, variables: followed.variables });
    expect(again('$__all_variables')).toBe(createInterpolator(CONTEXT)('$__all_variables'));
  });

  test('a data-link URL: trailing slash, encoded values, no time range', () => {
    expect(followDashboardLink('/d/dasmo-domande/?var-region=12&var-office=4%2C900&var-cause=Crisi%20d%27impresa')).toEqual({
      uid: 'dasmo-domande',
      slug: undefined,
      variables: new Map([
        ['region', ['12']],
        ['office', ['4,900']],
        ['cause', ["Crisi d'impresa"]],
      ]),
      timeRange: undefined,
      timeZone: undefined,
    });
    expect(() => followDashboardLink('/explore?x=1')).toThrow(/not a dashboard URL/);
  });
});

describe('the committed dashboards', () => {
  const dashboards = committedDashboards().map((file) => file.model);
  const labels = { region: '03', region_name: 'Lazio', office: '4900', office_name: 'Roma', source: 's', problem: 'p', benefit: 'CIGO' };

  test.each(dashboards.map((d) => [d.uid, d] as const))('%s: every panel renders and every link resolves', (_uid, dashboard) => {
    const context: DashboardContext = { ...CONTEXT, variables: new Map(), definitions: dashboard.templating.list };
    let dataLinks = 0;
    for (const panel of leafPanels(dashboard)) {
      const results = (panel.targets ?? []).map((target) => instant(target.refId ?? 'A', [[labels, '1']]));
      const rendered = renderPanel(panel, results, context);
      const links = rendered.frames.flatMap((frame) => frame.fields.flatMap((f) => f.links.flat()));
      for (const link of links) expect(followDashboardLink(link.href).uid).toMatch(/^dasmo-/);
      dataLinks += links.length;
      if (panel.type === 'stat' || panel.type === 'bargauge') expect(panelReduction(panel, rendered, context).length).toBeGreaterThan(0);
    }
    expect(dataLinks > 0).toBe(JSON.stringify(dashboard.panels).includes('"links"'));
    for (const link of dashboardLinks(dashboard, dashboards, context)) {
      for (const target of link.targets) expect(followDashboardLink(target.href).timeRange).toEqual({ from: 'now-90d', to: 'now' });
    }
  });

  // In a regional organization vmauth hides every series without a region label: the store answers
  // an empty vector, and a stat with no value shows its field config's `noValue` instead of "No data".
  test("dasmo-esportatore: a figure of the whole exporter, empty in a regional organization, says where it can be seen", () => {
    const exporter = dashboards.find((d) => d.uid === 'dasmo-esportatore');
    if (exporter === undefined) throw new Error('no dasmo-esportatore dashboard');
    const context: DashboardContext = { ...CONTEXT, variables: new Map(), definitions: exporter.templating.list };
    const hidden = leafPanels(exporter).filter((panel) => panel.type === 'stat' && panel.fieldConfig?.defaults?.noValue !== undefined);
    expect(hidden.map((panel) => panel.title)).toEqual(['Esportatore raggiungibile', "Versione dell'esportatore"]);
    for (const panel of hidden) {
      const rendered = renderPanel(panel, (panel.targets ?? []).map((target) => instant(target.refId ?? 'A', [])), context);
      expect(panelReduction(panel, rendered, context).map((value) => value.text)).toEqual(["Nessun dato: visibile solo nell'organizzazione nazionale"]);
    }
  });
});
