/**
 * Where a Grafana dashboard URL leads: `/d/<uid>[/<slug>]?var-x=..&from=..&to=..&timezone=..`
 * read the way Grafana 12 reads its location: query parameters decoded by @grafana/data's
 * urlUtil.parseKeyValue (as @grafana/runtime's locationService does), `var-<name>` values
 * taken by the variables (MultiValueUrlSyncHandler), `$__all` meaning "All".
 */
import './dom';
import { urlUtil } from '@grafana/data';
import { ALL_VARIABLE_VALUE, type VariableSelection } from './dashboard-context';

export interface FollowedLink {
  readonly uid: string;
  readonly slug: string | undefined;
  /** Each `var-<name>` parameter: its values, or null for All. */
  readonly variables: VariableSelection;
  /** `from`/`to` as written in the URL; absent when the URL keeps the dashboard's own. */
  readonly timeRange: { readonly from: string; readonly to: string } | undefined;
  readonly timeZone: string | undefined;
}

function texts(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  const values: unknown[] = Array.isArray(value) ? value : [value];
  return values.map(String);
}

function single(value: unknown, name: string): string | undefined {
  const values = texts(value);
  if (values.length > 1) throw new Error(`the URL repeats ${name}`);
  return values[0];
}

export function followDashboardLink(href: string): FollowedLink {
  const url = new URL(href, 'http://grafana.invalid');
  const path = /^\/d\/([^/]+)(?:\/([^/]+))?\/?$/.exec(url.pathname);
  if (!path?.[1]) throw new Error(`not a dashboard URL: ${href}`);
  const query = urlUtil.parseKeyValue(url.search.replace(/^\?/, ''));
  const variables = new Map<string, readonly string[] | null>();
  for (const [key, value] of Object.entries(query)) {
    if (!key.startsWith('var-')) continue;
    const values = texts(value);
    variables.set(key.slice('var-'.length), values.includes(ALL_VARIABLE_VALUE) ? null : values);
  }
  const from = single(query.from, 'from');
  const to = single(query.to, 'to');
  if ((from === undefined) !== (to === undefined)) throw new Error(`${href} has only one of from and to`);
  return {
    uid: decodeURIComponent(path[1]),
    slug: path[2] === undefined ? undefined : decodeURIComponent(path[2]),
    variables,
    timeRange: from !== undefined && to !== undefined ? { from, to } : undefined,
    timeZone: single(query.timezone, 'timezone'),
  };
}
