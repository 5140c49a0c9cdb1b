import type { RefreshOutcome } from './refresher';

export type RefreshRequestAnswer = { readonly outcome: Promise<RefreshOutcome> } | { readonly retryAfterSeconds: number };

/**
 * The refreshes `POST /-/refresh` may start: at most one per `minIntervalMs`, counted from the
 * start of the last one a request started. A request while that refresh runs joins it (nothing
 * new starts); one that comes too early is told how long to wait. The schedule and its
 * retries do not go through here.
 */
export class RequestedRefreshes {
  private running: Promise<RefreshOutcome> | undefined;
  private lastStartMs = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly run: () => Promise<RefreshOutcome>,
    private readonly minIntervalMs: number,
    private readonly nowMs: () => number,
  ) {}

  request(): RefreshRequestAnswer {
    if (this.running !== undefined) return { outcome: this.running };
    const now = this.nowMs();
    const wait = this.lastStartMs + this.minIntervalMs - now;
    if (wait > 0) return { retryAfterSeconds: Math.ceil(wait / 1000) };
    this.lastStartMs = now;
    const running = this.run().finally(() => {
      this.running = undefined;
    });
    this.running = running;
    return { outcome: running };
  }
}
