import { SOURCE_NAMES, type SourceName } from '../snapshot/source-table';
import type { PublishedSnapshot } from './published-snapshot';

export interface SourceStatus {
  readonly up: boolean;
  /** Unix seconds of the last successful read, 0 when never. */
  readonly lastSuccess: number;
  /** Whether a refresh of this process has ended, well or not: until then `up` means nothing. */
  readonly readSinceStart: boolean;
  /** Why the publishing guard refused this source's data at the last complete refresh, if it did. */
  readonly refusal: string | undefined;
}

interface StatusView {
  readonly version: string;
  readonly snapshot: PublishedSnapshot | undefined;
  readonly sources: Readonly<Record<SourceName, SourceStatus>>;
  readonly nextRefresh: Date | null;
  readonly now: Date;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function when(seconds: number): string {
  return seconds > 0 ? new Date(seconds * 1000).toISOString() : 'never';
}

/** A duration in whole units, the two largest: `45 s`, `12 min`, `3 h 25 min`, `2 d 4 h`. */
function formatAge(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return `${s} s`;
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

const NOT_YET = 'not yet refreshed since start';

function snapshotParagraphs(view: StatusView): string {
  const snapshot = view.snapshot;
  if (snapshot === undefined) return '<p>No snapshot loaded yet.</p>';
  const age = formatAge(view.now.getTime() / 1000 - snapshot.refreshedAt);
  const served =
    `<p>Reference date: <strong>${escapeHtml(snapshot.referenceDay)}</strong> (${escapeHtml(snapshot.timezone)}), ` +
    `${snapshot.seriesCount} series, built ${escapeHtml(when(snapshot.refreshedAt))}, ${age} ago.</p>`;
  // A snapshot is published only after a refresh read every source: with none read yet, it is the restored one.
  const restored = SOURCE_NAMES.every((source) => !view.sources[source].readSinceStart);
  return restored ? `${served}\n<p>Restored from the state directory: ${NOT_YET}.</p>` : served;
}

function lastRead(status: SourceStatus): string {
  if (!status.readSinceStart) return NOT_YET;
  if (status.refusal !== undefined) return `refused: ${escapeHtml(status.refusal)}`;
  return status.up ? 'up' : 'down';
}

/** The small landing page at `/`: what is served and how fresh it is. Names no database. */
export function renderStatusPage(view: StatusView): string {
  const rows = SOURCE_NAMES.map((source) => {
    const status = view.sources[source];
    return `<tr><td>${source}</td><td>${lastRead(status)}</td><td>${escapeHtml(when(status.lastSuccess))}</td></tr>`;
  }).join('\n');
  const snapshot = snapshotParagraphs(view);
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
