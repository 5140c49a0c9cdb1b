import type { SourceName } from '../snapshot/source-table';
import type { SourceTotals } from '../snapshot/source-totals';
import { openDeflate, type OpenDeflate } from './gzip-member';

/**
 * A snapshot ready to serve: its OpenMetrics text (without `# EOF`) as bytes and compressed
 * (to be followed by the self-metrics in one gzip member), both made once when it is published. Immutable; a refresh replaces it whole.
 */
export interface PublishedSnapshot {
  readonly referenceDay: string;
  readonly timezone: string;
  readonly seriesCount: number;
  /** When the refresh that built it finished, unix seconds. */
  readonly refreshedAt: number;
  /** Per source, when it was last read successfully (unix seconds). */
  readonly lastSuccess: Readonly<Record<SourceName, number>>;
  /** What the publishing guard compares the next refresh with; null from a state file written before it existed. */
  readonly totals: SourceTotals | null;
  /**
   * The region codes of its offices: the self-metrics repeat their freshness facts once for
   * each, for users who see one region only. Empty from a state file written before it existed.
   */
  readonly regions: readonly string[];
  readonly body: Buffer;
  readonly deflated: OpenDeflate;
}

export type SnapshotMetadata = Omit<PublishedSnapshot, 'body' | 'deflated'>;

/** A snapshot whose body is already compressed (by the build worker). */
export function publishedSnapshot(metadata: SnapshotMetadata, body: Buffer, deflated: OpenDeflate): PublishedSnapshot {
  return Object.freeze({
    ...metadata,
    lastSuccess: Object.freeze({ ...metadata.lastSuccess }),
    regions: Object.freeze([...metadata.regions]),
    body,
    deflated: Object.freeze({ ...deflated }),
  });
}

export async function publishSnapshot(metadata: SnapshotMetadata, text: string | Buffer): Promise<PublishedSnapshot> {
  const body = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  return publishedSnapshot(metadata, body, await openDeflate(body));
}

/** Holds the snapshot being served. Replacing it is one reference swap, so a scrape sees one or the other. */
export class SnapshotStore {
  private snapshot: PublishedSnapshot | undefined;

  get current(): PublishedSnapshot | undefined {
    return this.snapshot;
  }

  replace(next: PublishedSnapshot): void {
    this.snapshot = next;
  }
}
