/**
 * The slug in a dashboard's URL (/d/<uid>/<slug>), as Grafana's backend makes it from the
 * title (grafana/grafana pkg/infra/slugify/slugify.go): lower case; a-z, 0-9, "-" and "_"
 * kept; space -> "-"; some characters replaced, some dropped, any other written as the hex
 * of its UTF-8 bytes; longer than 50 bytes or empty -> a name-based UUID (SHA-1). Only the
 * Latin-1 replacements are reproduced; another replaced character (Cyrillic, Vietnamese,
 * ...) makes it throw rather than guess.
 */
import { createHash } from 'node:crypto';

const REPLACED: Readonly<Record<string, string>> = {
  ' ': '-', '&': 'and', '@': 'at', '©': 'c', '®': 'r', 'ß': 'ss', 'à': 'a', 'á': 'a', 'â': 'a', 'ä': 'a', 'å': 'a',
  'æ': 'ae', 'ç': 'c', 'è': 'e', 'é': 'e', 'ê': 'e', 'ë': 'e', 'ì': 'i', 'í': 'i', 'î': 'i', 'ï': 'i', 'ò': 'o',
  'ó': 'o', 'ô': 'o', 'õ': 'o', 'ö': 'o', 'ø': 'o', 'ù': 'u', 'ú': 'u', 'û': 'u', 'ü': 'ue', 'ý': 'y', 'þ': 'p',
  'ÿ': 'y', '™': 'tm',
};
const DROPPED = new Set([',', '"', "'", '\n', '\r', '\u0000', '?', '.', '(', ')']);
const KEPT = /^[a-z0-9_-]$/;

/** uuid.NewSHA1(uuid.NameSpaceOID, name): RFC 4122 version 5. */
function uuidV5ForOid(name: string): string {
  const namespaceOid = Buffer.from('6ba7b8129dad11d180b400c04fd430c8', 'hex');
  const hash = createHash('sha1').update(namespaceOid).update(name, 'utf8').digest().subarray(0, 16);
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const hex = hash.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function dashboardSlug(title: string): string {
  let slug = '';
  for (const character of title.trim().toLowerCase()) {
    const replacement = REPLACED[character];
    if (replacement !== undefined) slug += replacement;
    else if (KEPT.test(character)) slug += character;
    else if (DROPPED.has(character)) continue;
    else if (/[\p{L}\p{N}]/u.test(character) && character.charCodeAt(0) > 0xff) {
      throw new Error(`dashboardSlug: Grafana may replace "${character}" in "${title}"; not reproduced`);
    } else slug += Buffer.from(character, 'utf8').toString('hex');
  }
  return Buffer.byteLength(slug) > 50 || slug === '' ? uuidV5ForOid(title) : slug;
}
