/**
 * A dashboard's own links (`dashboard.links`) as Grafana 12.4 renders them.
 * - Where: links without `placement` are in the controls bar (dashboard-scene/scene/
 *   DashboardLinksControls.tsx); `placement: "inControlsMenu"` ones are in the controls
 *   menu, except dropdowns, which that menu leaves out (DashboardControlsMenu.tsx); any
 *   other placement is shown nowhere.
 * - What: the link service (features/panel/panellinks/link_srv.ts getLinkUrl/getAnchorInfo)
 *   appends `$__url_time_range` for keepTime and then `$__all_variables` for includeVars,
 *   interpolates the URL (default format), prefixes the app sub-URL and sanitises it.
 *   A "dashboards" link searches the dashboards having all its tags (limit 100, by title),
 *   leaves out the current one, and links each at its search URL /d/<uid>/<slug>
 *   (dashboard/components/SubMenu/DashboardLinksDashboard.tsx resolveLinks).
 */
import './dom';
import { locationUtil, textUtil, urlUtil, type InterpolateFunction } from '@grafana/data';
import type { DashboardLinkJson } from '../dashboard-model';
import type { DashboardContext } from './dashboard-context';
import { dashboardSlug } from './dashboard-slug';
import { createInterpolator } from './interpolate';

/** The part of a dashboard JSON these links need; the dashboard model's DashboardJson fits it. */
export interface LinkedDashboard {
  readonly uid: string;
  readonly title: string;
  readonly tags?: readonly string[];
  readonly links?: readonly DashboardLinkJson[];
}

export type LinkPlacement = 'controls' | 'controlsMenu' | 'nowhere';

export interface LinkTarget {
  readonly uid: string;
  readonly title: string;
  readonly href: string;
}

export interface DashboardLinkView {
  readonly type: string;
  readonly placement: LinkPlacement;
  readonly asDropdown: boolean;
  /** The link's text (a "dashboards" dropdown's button text). */
  readonly title: string;
  readonly tooltip: string;
  /** The link's URL; for "dashboards" links, the one built from `url` (unused by Grafana). */
  readonly href: string;
  /** For "dashboards" links: the dashboards listed, in order. */
  readonly targets: readonly LinkTarget[];
}

const SEARCH_LIMIT = 100;

function placementOf(link: DashboardLinkJson): LinkPlacement {
  if (link.placement === undefined) return 'controls';
  if (link.placement === 'inControlsMenu' && link.asDropdown !== true) return 'controlsMenu';
  return 'nowhere';
}

function linkUrl(link: DashboardLinkJson, url: string, interpolate: InterpolateFunction): string {
  let result = url;
  if (link.keepTime === true) result = urlUtil.appendQueryToUrl(result, '$__url_time_range');
  if (link.includeVars === true) result = urlUtil.appendQueryToUrl(result, '$__all_variables');
  return textUtil.sanitizeUrl(locationUtil.assureBaseUrl(interpolate(result)));
}

function taggedDashboards(tags: readonly string[], dashboards: readonly LinkedDashboard[]): LinkedDashboard[] {
  return dashboards
    .filter((dashboard) => tags.every((tag) => dashboard.tags?.includes(tag) === true))
    .sort((a, b) => (a.title.toLowerCase() < b.title.toLowerCase() ? -1 : a.title.toLowerCase() > b.title.toLowerCase() ? 1 : 0))
    .slice(0, SEARCH_LIMIT);
}

/**
 * The links of `dashboard` as a user of it sees them, with `context` its current variables
 * and time range; `dashboards` are the ones a tag search can find (the committed ones).
 */
export function dashboardLinks(
  dashboard: LinkedDashboard,
  dashboards: readonly LinkedDashboard[],
  context: DashboardContext,
): DashboardLinkView[] {
  const interpolate = createInterpolator(context);
  return (dashboard.links ?? []).map((link) => {
    const type = link.type ?? 'link';
    const targets =
      type === 'dashboards'
        ? taggedDashboards(link.tags ?? [], dashboards)
            .filter((hit) => hit.uid !== dashboard.uid)
            .map((hit) => ({
              uid: hit.uid,
              title: textUtil.sanitize(hit.title),
              href: linkUrl(link, `/d/${hit.uid}/${dashboardSlug(hit.title)}`, interpolate),
            }))
        : [];
    return {
      type,
      placement: placementOf(link),
      asDropdown: link.asDropdown === true,
      title: interpolate(link.title ?? ''),
      tooltip: interpolate(link.tooltip ?? ''),
      href: linkUrl(link, link.url ?? '', interpolate),
      targets,
    };
  });
}
