import type { SourceName } from './source-table';
import type { SourceTotals } from './source-totals';

/** A source whose new data must not replace the last published snapshot, and why (one line). */
export interface Refusal {
  readonly source: SourceName;
  readonly reason: string;
}

const RECEIVED = { applications: 'applications', sr41: 'SR41 flows' } as const;

function percent(share: number): string {
  return `${Number((share * 100).toFixed(2))}%`;
}

/**
 * The sources whose data looks collapsed: a national received total fallen by more than
 * `maxReceivedDrop` from `published` (undefined: nothing published to compare with), or no
 * office at all while applications or flows exist.
 */
export function refusals(published: SourceTotals | undefined, next: SourceTotals, maxReceivedDrop: number): Refusal[] {
  const found: Refusal[] = [];
  if (published !== undefined) {
    for (const source of ['applications', 'sr41'] as const) {
      const before = published[source];
      const after = next[source];
      if (before > 0 && before - after > before * maxReceivedDrop) {
        found.push({
          source,
          reason:
            `national received ${RECEIVED[source]} fell from ${before} to ${after} (-${percent((before - after) / before)}), ` +
            `more than DASMO_MAX_RECEIVED_DROP_PERCENT (${percent(maxReceivedDrop)}) allows`,
        });
      }
    }
  }
  if (next.offices === 0 && next.applications + next.sr41 > 0) {
    found.push({
      source: 'offices',
      reason: `dasmo_sedi lists no office while ${next.applications} applications and ${next.sr41} SR41 flows exist`,
    });
  }
  return found;
}
