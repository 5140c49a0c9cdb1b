import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { BuildReply, BuildRequest, BuiltSnapshot } from './snapshot-build-protocol';

/** A build running in its own thread. */
export interface SnapshotBuild {
  /** The reply; rejects when the thread fails or is cancelled before replying. */
  readonly reply: Promise<BuildReply>;
  /** Stops the thread (its database connections drop with it). */
  cancel(): Promise<void>;
  /** Settles when the thread has exited, however it ended. */
  readonly exited: Promise<void>;
}

export type StartBuild = (request: BuildRequest) => SnapshotBuild;

/** Raised by `reply` after `cancel()`. */
export class BuildCancelled extends Error {
  constructor() {
    super('the snapshot build was cancelled');
    this.name = 'BuildCancelled';
  }
}

/** The worker entry beside this module: .js when compiled, .ts when run from the sources. */
const WORKER_FILE = join(__dirname, `snapshot-worker${extname(__filename)}`);

/** Buffers arrive from the thread as plain Uint8Arrays over the transferred memory. */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function received(reply: BuildReply): BuildReply {
  if (reply.snapshot === undefined) return reply;
  const snapshot: BuiltSnapshot = { ...reply.snapshot, body: asBuffer(reply.snapshot.body), deflated: asBuffer(reply.snapshot.deflated) };
  return { ...reply, snapshot };
}

interface BuildThreadOptions {
  /** The thread's heap limit (V8 old generation); past it the thread dies with an error. */
  readonly memoryLimitMb: number;
  /** Node options of the thread; the process's own by default (tests pass a TypeScript loader). */
  readonly execArgv?: readonly string[];
}

/**
 * Runs one build in a new worker thread, which ends when it has replied: its heap (rows,
 * families, rendered slices) is freed whole, and the serving thread only swaps buffers.
 */
export function startBuildThread(request: BuildRequest, options: BuildThreadOptions): SnapshotBuild {
  const worker = new Worker(WORKER_FILE, {
    workerData: request,
    resourceLimits: { maxOldGenerationSizeMb: options.memoryLimitMb },
    ...(options.execArgv === undefined ? {} : { execArgv: [...options.execArgv] }),
  });
  let cancelled = false;
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  const reply = new Promise<BuildReply>((resolve, reject) => {
    worker.once('message', (message: BuildReply) => {
      resolve(received(message));
      // Its work is done and its buffers are ours: nothing it still holds (a socket being
      // closed) may keep the thread and its heap alive.
      void worker.terminate();
    });
    worker.on('error', (error: unknown) => {
      // Not `instanceof Error`: the thread's errors are rebuilt in the main realm, which need
      // not be the caller's (jest runs tests in a realm of their own).
      const reason = typeof error === 'object' && error !== null && 'message' in error ? String(error.message) : String(error);
      reject(cancelled ? new BuildCancelled() : new Error(`snapshot build thread failed: ${reason}`));
    });
    worker.once('exit', (code) => reject(cancelled ? new BuildCancelled() : new Error(`snapshot build thread exited with code ${code} before replying`)));
  });
  return {
    reply,
    exited,
    async cancel() {
      cancelled = true;
      await worker.terminate();
    },
  };
}
