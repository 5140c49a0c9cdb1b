/**
 * Ranking tables of offices or regions: the code (a link to a drill-down dashboard), the
 * register's names, then one column per instant query, sorted by one of them.
 */
import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import type * as table from '@grafana/grafana-foundation-sdk/table';
import { withOfficeNames, withRegionNames } from '../promql';
import type { Backlog } from './backlogs';
import { dashboardUrl } from './frame';
import { refId, tablePanel, UNITS, type DataLink, type TableColumn, type Unit } from './panels';
import type { FilterName } from './variables';

export type RankedLevel = 'region' | 'office';

/** The labels a ranking's queries group by. */
export const RANKED_BY: Readonly<Record<RankedLevel, readonly FilterName[]>> = {
  region: ['region'],
  office: ['region', 'office'],
};

/**
 * Where a data link reads the clicked item's labels: `row` in a table (`${__data.fields.x}`,
 * a field of the row, which the table's transformations must keep), `series` in a panel of
 * series such as a bar gauge (`${__field.labels.x}`: there is no row there, only the series'
 * labels).
 */
type LinkSource = 'row' | 'series';

function labelReference(source: LinkSource, label: string): string {
  return source === 'row' ? `\${__data.fields.${label}}` : `\${__field.labels.${label}}`;
}

/**
 * Opens the backlog's dashboard on the clicked item; the filters the source dashboard
 * (`from`) shares with it keep their current values.
 */
export function drillDownLink(
  title: string,
  level: RankedLevel,
  to: Backlog,
  source: LinkSource,
  from: readonly FilterName[] = [],
): DataLink {
  const keys = RANKED_BY[level];
  const params = Object.fromEntries(keys.map((label) => [label, labelReference(source, label)]));
  const carried = to.filters.filter((name) => from.includes(name) && !keys.includes(name));
  return { title, url: dashboardUrl(to.dashboardUid, params, carried) };
}

export interface RankingColumn {
  /** Italian column header. */
  readonly header: string;
  /** Grouped by the level's labels (`RANKED_BY`); the names are joined on. */
  readonly expr: string;
  /** Count when not given. */
  readonly unit?: Unit;
  readonly decimals?: number;
  readonly thresholds?: readonly dashboard.Threshold[];
  readonly mappings?: readonly dashboard.ValueMapping[];
}

interface RankingSpec {
  readonly title: string;
  readonly description: string;
  readonly level: RankedLevel;
  /** The link of the code column. */
  readonly link: DataLink;
  readonly columns: readonly RankingColumn[];
  /** Header of the column to sort by, descending. */
  readonly sortBy: string;
  /** Only this many rows, the highest of `sortBy`; among equal values, the lowest codes. */
  readonly rowLimit?: number;
  readonly width: number;
  readonly height: number;
}

/** Header of the code column: the link, and the tie-break of a limited ranking. */
const CODE_HEADER: Readonly<Record<RankedLevel, string>> = { region: 'Regione', office: 'Sede' };

/** The code, linked, then the names; every label the link reads is kept (hidden if not shown). */
function keyColumns(level: RankedLevel, link: DataLink): TableColumn[] {
  if (level === 'region') {
    return [
      { field: 'region', header: CODE_HEADER.region, link },
      { field: 'region_name', header: 'Direzione regionale' },
    ];
  }
  return [
    { field: 'office', header: CODE_HEADER.office, link },
    { field: 'office_name', header: 'Denominazione' },
    { field: 'region_name', header: 'Direzione regionale' },
    { field: 'region', header: 'Codice regione', hidden: true },
  ];
}

/**
 * A limited table keeps its first rows in Grafana, after the merge (`TableRowLimit`): every
 * query returns every row, restricted to the rows the sort column has, so that no row lacks
 * the value it is ranked by (Grafana's numeric sort takes a missing value as equal to any).
 */
function restricted(level: RankedLevel, expr: string, sortColumn: RankingColumn, rowLimit: number | undefined): string {
  if (rowLimit === undefined || expr === sortColumn.expr) return expr;
  return `(${expr}) and on (${RANKED_BY[level].join(', ')}) (${sortColumn.expr})`;
}

function sortColumnOf(spec: RankingSpec): RankingColumn {
  const found = spec.columns.find((column) => column.header === spec.sortBy);
  if (found === undefined) throw new Error(`ranking "${spec.title}" sorts by "${spec.sortBy}", which is not one of its columns`);
  return found;
}

export function rankingTable(spec: RankingSpec): table.PanelBuilder {
  const withNames = spec.level === 'office' ? withOfficeNames : withRegionNames;
  const sortColumn = sortColumnOf(spec);
  return tablePanel({
    title: spec.title,
    description: spec.description,
    width: spec.width,
    height: spec.height,
    targets: spec.columns.map((column) => ({
      expr: withNames(restricted(spec.level, column.expr, sortColumn, spec.rowLimit)),
      instant: true,
      format: 'table',
    })),
    columns: [
      ...keyColumns(spec.level, spec.link),
      ...spec.columns.map((column, index) => ({
        field: `Value #${refId(index)}`,
        header: column.header,
        unit: column.unit ?? UNITS.count,
        decimals: column.decimals,
        thresholds: column.thresholds,
        mappings: column.mappings,
      })),
    ],
    sortBy: spec.sortBy,
    rowLimit: spec.rowLimit === undefined ? undefined : { rows: spec.rowLimit, tieBreak: CODE_HEADER[spec.level] },
  });
}
