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
 * Opens the backlog's dashboard on the clicked row; the filters the source dashboard
 * (`from`) shares with it keep their current values.
 */
export function drillDownLink(title: string, level: RankedLevel, to: Backlog, from: readonly FilterName[] = []): DataLink {
  const keys = RANKED_BY[level];
  const params = Object.fromEntries(keys.map((label) => [label, `\${__data.fields.${label}}`]));
  const carried = to.filters.filter((name) => from.includes(name) && !keys.includes(name));
  return { title, url: dashboardUrl(to.dashboardUid, params, carried) };
}

export interface RankingColumn {
  /** Italian column header. */
  readonly header: string;
  /** Grouped by the level's labels (`RANKED_BY`); the names are joined on. */
  readonly expr: string;
  readonly unit?: Unit;
  readonly decimals?: number;
  readonly thresholds?: readonly dashboard.Threshold[];
}

export interface RankingSpec {
  readonly title: string;
  readonly description: string;
  readonly level: RankedLevel;
  /** The link of the code column. */
  readonly link: DataLink;
  readonly columns: readonly RankingColumn[];
  /** Header of the column to sort by, descending. */
  readonly sortBy: string;
  readonly width: number;
  readonly height: number;
}

function keyColumns(level: RankedLevel, link: DataLink): TableColumn[] {
  if (level === 'region') {
    return [
      { field: 'region', header: 'Regione', link },
      { field: 'region_name', header: 'Direzione regionale' },
    ];
  }
  return [
    { field: 'office', header: 'Sede', link },
    { field: 'office_name', header: 'Denominazione' },
    { field: 'region_name', header: 'Direzione regionale' },
  ];
}

export function rankingTable(spec: RankingSpec): table.PanelBuilder {
  const withNames = spec.level === 'office' ? withOfficeNames : withRegionNames;
  return tablePanel({
    title: spec.title,
    description: spec.description,
    unit: UNITS.count,
    width: spec.width,
    height: spec.height,
    targets: spec.columns.map((column) => ({ expr: withNames(column.expr), instant: true, format: 'table' })),
    columns: [
      ...keyColumns(spec.level, spec.link),
      ...spec.columns.map((column, index) => ({
        field: `Value #${refId(index)}`,
        header: column.header,
        unit: column.unit,
        decimals: column.decimals,
        thresholds: column.thresholds,
      })),
    ],
    sortBy: spec.sortBy,
  });
}
