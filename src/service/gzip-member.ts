import { promisify } from 'node:util';
import { constants, crc32, deflateRaw, deflateRawSync } from 'node:zlib';

const deflateRawAsync = promisify(deflateRaw);

/**
 * A body compressed once so that a scrape can extend it: raw deflate ending with a sync flush
 * (no final block), so that more deflate blocks may follow, with the CRC-32 and length of what
 * it holds, from which the gzip trailer of the whole is computed.
 */
export interface OpenDeflate {
  readonly bytes: Buffer;
  readonly crc32: number;
  readonly length: number;
}

// ID1 ID2, CM deflate, no flags, no mtime, no extra flags, OS unknown (RFC 1952).
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff]);
const EMPTY: OpenDeflate = Object.freeze({ bytes: Buffer.alloc(0), crc32: 0, length: 0 });

export function openDeflateSync(body: Buffer): OpenDeflate {
  return { bytes: deflateRawSync(body, { finishFlush: constants.Z_SYNC_FLUSH }), crc32: crc32(body), length: body.length };
}

export async function openDeflate(body: Buffer): Promise<OpenDeflate> {
  return { bytes: await deflateRawAsync(body, { finishFlush: constants.Z_SYNC_FLUSH }), crc32: crc32(body), length: body.length };
}

/**
 * One gzip member holding `head` then `tail`, as the chunks to write in order: the gzip header,
 * head's stored deflate (shared, not copied), tail compressed now with the final block, and the
 * trailer with the CRC-32 and length of the whole. Only `tail` is compressed per call.
 */
export async function gzipMember(head: OpenDeflate | undefined, tail: Buffer): Promise<Buffer[]> {
  const start = head ?? EMPTY;
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc32(tail, start.crc32), 0);
  trailer.writeUInt32LE((start.length + tail.length) % 2 ** 32, 4);
  return [GZIP_HEADER, start.bytes, await deflateRawAsync(tail), trailer];
}
