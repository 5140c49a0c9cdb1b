/**
 * The frame of the two backlog dashboards (applications, SR41 flows): the backlog's filter
 * variables, then the rows Sintesi, Giacenze, the flows of the backlog, Sedi.
 */
import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { config } from '../config';
import type { Backlog } from './backlogs';
import { buildDashboard, type Section } from './frame';
import { filterVariables } from './variables';

/** Panel sizes: six figures, three bar charts, two trends or one ranking a row. */
export const LAYOUT = {
  figure: { width: 4, height: 4 },
  bars: { width: 8, height: 10 },
  trend: { width: 12, height: 9 },
  ranking: { width: 24, height: 12 },
} as const;

type Panels = readonly cog.Builder<dashboard.Panel>[];

interface BacklogDashboardSpec {
  readonly backlog: Backlog;
  readonly title: string;
  readonly description: string;
  readonly summary: Panels;
  readonly pending: Panels;
  /** The row of daily arrivals and outcomes, named by the dashboard. */
  readonly flows: Section;
  readonly offices: Panels;
}

export function backlogDashboard(spec: BacklogDashboardSpec): dashboard.Dashboard {
  return buildDashboard({
    uid: spec.backlog.dashboardUid,
    title: spec.title,
    description: spec.description,
    from: config.trendRange,
    variables: filterVariables(spec.backlog.filters),
    sections: [
      { row: 'Sintesi', panels: spec.summary },
      { row: 'Giacenze', panels: spec.pending },
      spec.flows,
      { row: 'Sedi', panels: spec.offices },
    ],
  });
}
