import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { PublishedSnapshot } from './published-snapshot';

const gzipAsync = promisify(gzip);

/** A scrape's body as the chunks to write in order; the snapshot chunk is shared, never copied. */
export interface Exposition {
  readonly chunks: readonly Buffer[];
  readonly length: number;
}

/**
 * One scrape's document: the pre-rendered snapshot followed by the live self-metrics tail
 * (which ends with `# EOF`). Gzipped, it is the snapshot's stored gzip member followed by a
 * fresh member for the tail: a multi-member gzip stream decodes to the concatenation.
 */
export async function composeExposition(snapshot: PublishedSnapshot | undefined, tail: string, compress: boolean): Promise<Exposition> {
  const tailBytes = Buffer.from(tail, 'utf8');
  const tailChunk = compress ? await gzipAsync(tailBytes) : tailBytes;
  const chunks = snapshot === undefined ? [tailChunk] : [compress ? snapshot.gzipped : snapshot.body, tailChunk];
  return { chunks, length: chunks.reduce((total, chunk) => total + chunk.length, 0) };
}
