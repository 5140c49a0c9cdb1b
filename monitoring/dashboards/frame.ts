/**
 * The frame every DASMO dashboard shares: fixed uid, tag, time settings, links to the other
 * DASMO dashboards, rows of panels, stable panel ids.
 */
import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { config } from '../config';
import { withoutObsoleteDefaults, withoutPlacement } from './sdk-defaults';

export interface Section {
  readonly row: string;
  readonly panels: readonly cog.Builder<dashboard.Panel>[];
}

interface DashboardSpec {
  readonly uid: string;
  readonly title: string;
  readonly description: string;
  readonly from: string;
  readonly variables: readonly cog.Builder<dashboard.VariableModel>[];
  readonly sections: readonly Section[];
}

export function buildDashboard(spec: DashboardSpec): dashboard.Dashboard {
  const builder = new dashboard.DashboardBuilder(spec.title)
    .uid(spec.uid)
    .description(spec.description)
    .tags([config.dashboardTag])
    .readonly()
    .timezone('Europe/Rome')
    .weekStart('monday')
    .time({ from: spec.from, to: 'now' })
    .refresh('')
    .tooltip(dashboard.DashboardCursorSync.Crosshair)
    .variables([...spec.variables])
    .link(
      withoutPlacement(
        new dashboard.DashboardLinkBuilder('Cruscotti DASMO')
          .type(dashboard.DashboardLinkType.Dashboards)
          .tags([config.dashboardTag])
          .asDropdown(true)
          .includeVars(true)
          .keepTime(true)
          .targetBlank(false)
          .icon('external link')
          .tooltip('Gli altri cruscotti DASMO')
          .url(''),
      ),
    );
  for (const section of spec.sections) {
    builder.withRow(new dashboard.RowBuilder(section.row));
    for (const panel of section.panels) builder.withPanel(withoutObsoleteDefaults(panel));
  }
  const built = builder.build();
  (built.panels ?? []).forEach((panel, index) => {
    panel.id = index + 1;
  });
  return built;
}

/** Dashboard JSON as committed: two-space indentation, final newline. */
export function renderDashboard(model: dashboard.Dashboard): string {
  return `${JSON.stringify(model, null, 2)}\n`;
}

/**
 * A URL to a DASMO dashboard: `params` set variables from the clicked row, `keep` carries
 * the current values of other variables; time range and datasource always follow.
 */
export function dashboardUrl(
  uid: string,
  params: Readonly<Record<string, string>>,
  keep: readonly string[] = [],
): string {
  const query = Object.entries(params)
    .map(([name, value]) => `var-${name}=${value}`)
    .concat([...keep, config.datasource.variable].map((name) => `\${${name}:queryparam}`))
    .concat(['${__url_time_range}'])
    .join('&');
  return `/d/${uid}/?${query}`;
}
