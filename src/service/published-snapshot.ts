import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { SourceName } from '../snapshot/source-table';

const gzipAsync = promisify(gzip);

/**
 * A snapshot ready to serve: its OpenMetrics text (without `# EOF`) as bytes and as one gzip
 * member, both made once when it is published. Immutable; a refresh replaces it whole.
 */
export interface PublishedSnapshot {
  readonly referenceDay: string;
  readonly timezone: string;
  readonly seriesCount: number;
  /** When the refresh that built it finished, unix seconds. */
  readonly refreshedAt: number;
  /** Per source, when it was last read successfully (unix seconds). */
  readonly lastSuccess: Readonly<Record<SourceName, number>>;
  readonly body: Buffer;
  readonly gzipped: Buffer;
}

export type SnapshotMetadata = Omit<PublishedSnapshot, 'body' | 'gzipped'>;

/** A snapshot whose body is already gzipped (by the build worker). */
export function publishedSnapshot(metadata: SnapshotMetadata, body: Buffer, gzipped: Buffer): PublishedSnapshot {
  return Object.freeze({ ...metadata, lastSuccess: Object.freeze({ ...metadata.lastSuccess }), body, gzipped });
}

export async function publishSnapshot(metadata: SnapshotMetadata, text: string | Buffer): Promise<PublishedSnapshot> {
  const body = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  return publishedSnapshot(metadata, body, await gzipAsync(body));
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
