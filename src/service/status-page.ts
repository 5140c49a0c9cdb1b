import { SOURCE_NAMES, type SourceName } from '../config/settings';
import type { PublishedSnapshot } from './published-snapshot';

export interface SourceStatus {
  readonly up: boolean;
  /** Unix seconds of the last successful read, 0 when never. */
  readonly lastSuccess: number;
}

export interface StatusView {
  readonly version: string;
  readonly snapshot: PublishedSnapshot | undefined;
  readonly sources: Readonly<Record<SourceName, SourceStatus>>;
  readonly nextRefresh: Date | null;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function when(seconds: number): string {
  return seconds > 0 ? new Date(seconds * 1000).toISOString() : 'never';
}

/** The small landing page at `/`: what is served and how fresh it is. Names no database. */
export function renderStatusPage(view: StatusView): string {
  const rows = SOURCE_NAMES.map((source) => {
    const status = view.sources[source];
    return `<tr><td>${source}</td><td>${status.up ? 'up' : 'down'}</td><td>${escapeHtml(when(status.lastSuccess))}</td></tr>`;
  }).join('\n');
  const snapshot =
    view.snapshot === undefined
      ? '<p>No snapshot loaded yet.</p>'
      : `<p>Reference date: <strong>${escapeHtml(view.snapshot.referenceDay)}</strong> (${escapeHtml(view.snapshot.timezone)}), ` +
        `${view.snapshot.seriesCount} series, built ${escapeHtml(when(view.snapshot.refreshedAt))}.</p>`;
  const next = view.nextRefresh === null ? '' : `<p>Next scheduled refresh: ${escapeHtml(view.nextRefresh.toISOString())}</p>`;
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>DASMO exporter</title></head>
<body>
<h1>DASMO exporter</h1>
${snapshot}
${next}
<table>
<thead><tr><th>source</th><th>last read</th><th>last success</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<ul>
<li><a href="metrics">metrics</a></li>
<li><a href="-/healthy">health</a></li>
<li><a href="-/ready">readiness</a></li>
</ul>
<p>version ${escapeHtml(view.version)}</p>
</body>
</html>
`;
}
