import { extname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import type { BcryptReply, BcryptRequest } from './bcrypt-protocol';
import { FairQueue } from './fair-queue';

/** The worker entry beside this module: .js when compiled, .ts when run from the sources. */
const WORKER_FILE = join(__dirname, `bcrypt-worker${extname(__filename)}`);

interface BcryptThreadsOptions {
  /** Threads running bcrypt, each one check at a time. */
  readonly threads: number;
  /** Checks that may wait per client address, and in all; past them a check is refused. */
  readonly perClientLimit: number;
  readonly totalLimit: number;
  /**
   * After each check a thread rests this many times as long as the check took, so that a flood
   * of checks leaves the serving thread the CPU it needs (1: each thread uses at most half a core).
   */
  readonly restFactor: number;
  /** Node options of the threads; the process's own by default (tests pass a TypeScript loader). */
  readonly execArgv?: readonly string[];
}

interface Job {
  readonly request: BcryptRequest;
  resolve(reply: BcryptReply): void;
  reject(error: Error): void;
}

interface Thread {
  readonly worker: Worker;
  job: Job | undefined;
  /** When the job was posted (performance.now()). */
  started: number;
  resting: boolean;
}

/**
 * A small pool of threads running bcrypt, fed from a queue that serves client addresses in
 * turn: a client flooding wrong passwords slows down its own checks, hardly anyone else's.
 */
export class BcryptThreads {
  private readonly threads = new Set<Thread>();
  private readonly queue: FairQueue<Job>;
  private closed = false;

  constructor(private readonly options: BcryptThreadsOptions) {
    this.queue = new FairQueue(options.perClientLimit, options.totalLimit);
    for (let i = 0; i < options.threads; i += 1) this.spawn();
  }

  /** Whether `password` matches `hash`; undefined at once when `client` (or everyone) has too many checks waiting. */
  compare(client: string, password: string, hash: string): Promise<{ readonly matches: boolean; readonly ms: number }> | undefined {
    return this.run(client, { op: 'compare', password, hash })?.then((reply) => ('matches' in reply ? reply : { matches: false, ms: 0 }));
  }

  /** A bcrypt hash of `password` at `cost`. */
  async hash(client: string, password: string, cost: number): Promise<string> {
    const reply = await this.run(client, { op: 'hash', password, cost });
    if (reply === undefined || !('hash' in reply)) throw new Error('no hash from the password-check thread');
    return reply.hash;
  }

  private run(client: string, request: BcryptRequest): Promise<BcryptReply> | undefined {
    if (this.closed) return Promise.reject(new Error('the password-check threads are stopped'));
    let job: Job | undefined;
    const reply = new Promise<BcryptReply>((resolve, reject) => {
      job = { request, resolve, reject };
    });
    if (!this.queue.push(client, job as Job)) return undefined;
    this.dispatch();
    return reply;
  }

  async close(): Promise<void> {
    this.closed = true;
    const threads = [...this.threads];
    this.threads.clear();
    await Promise.all(threads.map((thread) => thread.worker.terminate()));
    for (let job = this.queue.shift(); job !== undefined; job = this.queue.shift()) job.reject(new Error('the password-check threads are stopped'));
  }

  private spawn(): void {
    const worker = new Worker(WORKER_FILE, this.options.execArgv === undefined ? {} : { execArgv: [...this.options.execArgv] });
    const thread: Thread = { worker, job: undefined, started: 0, resting: false };
    // Idle threads must not keep a stopping process alive.
    worker.unref();
    worker.on('message', (reply: BcryptReply) => {
      const job = thread.job;
      thread.job = undefined;
      job?.resolve(reply);
      thread.resting = true;
      setTimeout(() => {
        thread.resting = false;
        this.dispatch();
      }, (performance.now() - thread.started) * this.options.restFactor).unref();
    });
    const lost = (reason: string): void => {
      if (!this.threads.delete(thread)) return;
      thread.job?.reject(new Error(`password-check thread failed: ${reason}`));
      if (!this.closed) {
        this.spawn();
        this.dispatch();
      }
    };
    // Not `instanceof Error`: the thread's errors are rebuilt in the main realm.
    worker.on('error', (error: unknown) => lost(typeof error === 'object' && error !== null && 'message' in error ? String(error.message) : String(error)));
    worker.on('exit', (code) => lost(`exited with code ${code}`));
    this.threads.add(thread);
  }

  private dispatch(): void {
    for (const thread of this.threads) {
      if (thread.job !== undefined || thread.resting) continue;
      const job = this.queue.shift();
      if (job === undefined) return;
      thread.job = job;
      thread.started = performance.now();
      thread.worker.postMessage(job.request);
    }
  }
}
