import { gzipMember } from './gzip-member';
import type { PublishedSnapshot } from './published-snapshot';

/** A scrape's body as the chunks to write in order; the snapshot chunk is shared, never copied. */
interface Exposition {
  readonly chunks: readonly Buffer[];
  readonly length: number;
}

/**
 * One scrape's document: the pre-rendered snapshot followed by the live self-metrics tail
 * (which ends with `# EOF`). Gzipped, it is one gzip member: the snapshot's stored deflate
 * followed by the tail compressed now, so that every gzip decoder (curl, wget, single-stream
 * ones) reads the whole document.
 */
export async function composeExposition(snapshot: PublishedSnapshot | undefined, tail: string, compress: boolean): Promise<Exposition> {
  const tailBytes = Buffer.from(tail, 'utf8');
  const chunks = compress ? await gzipMember(snapshot?.deflated, tailBytes) : snapshot === undefined ? [tailBytes] : [snapshot.body, tailBytes];
  return { chunks, length: chunks.reduce((total, chunk) => total + chunk.length, 0) };
}
