/**
 * Defaults the foundation SDK (0.0.21) writes into every model that Grafana 12.4 reads
 * differently: they are removed here, where the dashboards are assembled, so no builder can
 * reintroduce them.
 */
import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';

/**
 * The link without `placement`: Grafana 12 shows in the dashboard's top bar only the links that
 * have none (`inControlsMenu`, the SDK's default, hides them in the controls menu); a data link
 * has no placement at all.
 */
export function withoutPlacement(link: cog.Builder<dashboard.DashboardLink>): cog.Builder<dashboard.DashboardLink> {
  return {
    build: () => {
      const built = link.build();
      delete built.placement;
      return built;
    },
  };
}

/**
 * The panel without `repeatDirection` unless it repeats, and a table without `options.footer`:
 * Grafana 12.4's table has no panel-level footer any more (footers are per field,
 * `custom.footer.reducers`), and the SDK's `{ show: false }` is only migrated away on load.
 */
export function withoutObsoleteDefaults(panel: cog.Builder<dashboard.Panel>): cog.Builder<dashboard.Panel> {
  return {
    build: () => {
      const built = panel.build();
      if (built.repeat === undefined) delete built.repeatDirection;
      if (built.type === 'table' && isRecord(built.options)) delete built.options.footer;
      return built;
    },
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
