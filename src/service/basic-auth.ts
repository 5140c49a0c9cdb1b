import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { BcryptThreads } from './bcrypt-threads';

const CACHE_LIMIT = 256;
/** A refused check is answered no sooner than this many times a check at the slowest cost took at start. */
const FLOOR_FACTOR = 2;
const PER_CLIENT_WAITING = 8;
const TOTAL_WAITING = 256;
const LOGGED_USER_LENGTH = 64;

/** `busy`: not checked, because that client (or everyone) already had too many checks waiting. */
export type AuthFailureReason = 'rejected' | 'busy';

type AuthOutcome =
  | { readonly ok: true }
  /** No `Authorization: Basic` header (a browser's first request): nothing was checked. */
  | { readonly ok: false; readonly reason: 'missing' }
  | { readonly ok: false; readonly reason: AuthFailureReason; readonly user: string };

interface AuthenticatorOptions {
  /** Node options of the password-check threads (tests pass a TypeScript loader). */
  readonly execArgv?: readonly string[];
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

function cost(hash: string): number {
  return Number(hash.slice(4, 6));
}

/**
 * Checks `Authorization: Basic` credentials against exporter-toolkit's bcrypt users without
 * ever running bcrypt on the serving thread. Credentials that passed once are remembered under
 * a keyed digest and answered at once, so Prometheus, which sends the same ones at every scrape,
 * never waits behind anyone. Every other check runs bcrypt in a thread of a small pool, fed
 * client address by client address in turn; unknown users are checked against a hash at the
 * slowest configured cost, and a refused check is answered no sooner than a fixed floor, so its
 * timing does not tell whether the user exists nor what its hash costs.
 */
export class BasicAuthenticator {
  private readonly users: ReadonlyArray<{ readonly name: Buffer; readonly hash: string }>;
  private readonly cacheKey = randomBytes(32);
  private readonly verified = new Set<string>();

  private constructor(
    users: ReadonlyMap<string, string>,
    private readonly threads: BcryptThreads,
    private readonly unknownUserHash: string,
    /** How long a refused check takes at least, in ms. */
    readonly floorMs: number,
  ) {
    this.users = [...users].map(([name, hash]) => ({ name: digest(name), hash }));
  }

  /** Starts the threads and measures the floor (the time of one check at the slowest configured cost). */
  static async start(users: ReadonlyMap<string, string>, options: AuthenticatorOptions = {}): Promise<BasicAuthenticator> {
    const threads = new BcryptThreads({
      threads: Math.max(1, Math.min(2, availableParallelism() - 1)),
      perClientLimit: PER_CLIENT_WAITING,
      totalLimit: TOTAL_WAITING,
      restFactor: 1,
      ...(options.execArgv === undefined ? {} : { execArgv: options.execArgv }),
    });
    try {
      const slowest = Math.max(...[...users.values()].map(cost));
      const unknownUserHash = await threads.hash('start', randomBytes(16).toString('hex'), slowest);
      const measured = await threads.compare('start', randomBytes(16).toString('hex'), unknownUserHash);
      const floorMs = Math.ceil((measured?.ms ?? 0) * FLOOR_FACTOR);
      return new BasicAuthenticator(users, threads, unknownUserHash, floorMs);
    } catch (error) {
      await threads.close();
      throw error;
    }
  }

  /** `client` (the peer address) only decides whose turn it is in the queue of checks. */
  async check(authorization: string | undefined, client: string): Promise<AuthOutcome> {
    const arrived = performance.now();
    const credentials = parseBasic(authorization);
    if (credentials === undefined) return { ok: false, reason: 'missing' };
    const wanted = digest(credentials.user);
    let hash = this.unknownUserHash;
    let known = false;
    for (const user of this.users) {
      // No early exit: the loop takes as long whichever user matches.
      if (timingSafeEqual(user.name, wanted)) {
        hash = user.hash;
        known = true;
      }
    }
    const key = createHmac('sha256', this.cacheKey).update(`${credentials.user}\u0000${credentials.password}\u0000${hash}`).digest('hex');
    if (known && this.verified.has(key)) return { ok: true };
    const comparison = this.threads.compare(client, credentials.password, hash);
    const matches = comparison !== undefined && (await comparison).matches;
    if (matches && known) {
      if (this.verified.size >= CACHE_LIMIT) this.verified.clear();
      this.verified.add(key);
      return { ok: true };
    }
    const wait = arrived + this.floorMs - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    return { ok: false, reason: comparison === undefined ? 'busy' : 'rejected', user: credentials.user.slice(0, LOGGED_USER_LENGTH) };
  }

  close(): Promise<void> {
    return this.threads.close();
  }
}

function parseBasic(header: string | undefined): { user: string; password: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  const encoded = match?.[1];
  if (encoded === undefined) return undefined;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}
