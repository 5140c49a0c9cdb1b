import { randomBytes } from 'node:crypto';
import { crc32, gunzipSync, inflateRawSync } from 'node:zlib';
import { gzipMember, openDeflate, openDeflateSync } from '../../src/service/gzip-member';

/** Checks the member by hand (RFC 1952), so that a decoder reading several members cannot hide a second one. */
function singleMember(chunks: readonly Buffer[]): Buffer {
  const member = Buffer.concat(chunks);
  expect([...member.subarray(0, 4)]).toEqual([0x1f, 0x8b, 0x08, 0x00]);
  // inflateRaw stops at the final block: everything after it must be the 8-byte trailer alone.
  const inflated = inflateRawSync(member.subarray(10, member.length - 8));
  expect(member.readUInt32LE(member.length - 8)).toBe(crc32(inflated));
  expect(member.readUInt32LE(member.length - 4)).toBe(inflated.length);
  return inflated;
}

describe('one gzip member from a stored deflate and a tail', () => {
  const head = Buffer.concat([Buffer.from('# TYPE dasmo_x gauge\n'), randomBytes(200_000).toString('base64').match(/.{1,60}/g)?.map((line) => `dasmo_x{l="${line}"} 1\n`).join('') ?? ''].map((part) => Buffer.from(part)));
  const tail = Buffer.from('# TYPE dasmo_build_info gauge\ndasmo_build_info{version="1"} 1\n# EOF\n');

  it.each([
    ['made synchronously (the build thread)', openDeflateSync],
    ['made asynchronously (a restored state file)', openDeflate],
  ])('should decode to head then tail when the head was %s', async (_name, deflate) => {
    const chunks = await gzipMember(await deflate(head), tail);
    const expected = Buffer.concat([head, tail]);
    expect(singleMember(chunks).equals(expected)).toBe(true);
    expect(gunzipSync(Buffer.concat(chunks)).equals(expected)).toBe(true);
  });

  it('should hold the tail alone when there is no head yet', async () => {
    expect(singleMember(await gzipMember(undefined, tail)).equals(tail)).toBe(true);
  });

  it('should reuse the stored deflate as it is', async () => {
    const stored = openDeflateSync(head);
    const chunks = await gzipMember(stored, tail);
    expect(chunks[1]).toBe(stored.bytes);
  });
});
