import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import bcrypt from 'bcryptjs';

// A bcrypt hash of a random string: unknown users cost one comparison too, like known ones.
const DUMMY_HASH = '$2b$10$mRyQJaMbBO4XbjOp49ZxcObrmiGm3t3pg4kuG42kcL3KLfEsuViga';
const CACHE_LIMIT = 256;

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/**
 * Checks `Authorization: Basic` credentials against exporter-toolkit's bcrypt users. User
 * names are compared in constant time; bcrypt runs for unknown users as well. Successful
 * checks are remembered under a keyed digest so that each scrape does not pay bcrypt's cost.
 */
export class BasicAuthenticator {
  private readonly users: ReadonlyArray<{ readonly name: Buffer; readonly hash: string }>;
  private readonly cacheKey = randomBytes(32);
  private readonly verified = new Set<string>();

  constructor(users: ReadonlyMap<string, string>) {
    this.users = [...users].map(([name, hash]) => ({ name: digest(name), hash }));
  }

  async check(authorization: string | undefined): Promise<boolean> {
    const credentials = parseBasic(authorization);
    if (credentials === undefined) return false;
    const wanted = digest(credentials.user);
    let hash = DUMMY_HASH;
    let known = false;
    for (const user of this.users) {
      // No early exit: the loop takes as long whichever user matches.
      if (timingSafeEqual(user.name, wanted)) {
        hash = user.hash;
        known = true;
      }
    }
    const key = createHmac('sha256', this.cacheKey).update(`${credentials.user}\u0000${credentials.password}\u0000${hash}`).digest('hex');
    if (known && this.verified.has(key)) return true;
    const matches = await bcrypt.compare(credentials.password, hash);
    if (!(matches && known)) return false;
    if (this.verified.size >= CACHE_LIMIT) this.verified.clear();
    this.verified.add(key);
    return true;
  }
}

function parseBasic(header: string | undefined): { user: string; password: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (match === null) return undefined;
  const decoded = Buffer.from(match[1] as string, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}
