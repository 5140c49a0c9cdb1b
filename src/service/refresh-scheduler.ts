import { Cron } from 'croner';
import type { Logger } from './logger';
import type { RefreshOutcome, RefreshTrigger } from './refresher';

interface ScheduleSettings {
  readonly schedule: string;
  readonly timezone: string;
  readonly retryInitialMs: number;
  readonly retryMaxMs: number;
}

type RunRefresh = (trigger: RefreshTrigger) => Promise<RefreshOutcome>;

/**
 * When refreshes happen: once at start, then on the cron schedule (in the sources' time zone).
 * After a failure, whatever triggered it, retries follow with exponential backoff until one
 * succeeds or the next scheduled run is nearer than the next retry.
 */
export class RefreshScheduler {
  private job: Cron | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private failures = 0;
  private stopped = false;

  constructor(
    private readonly runRefresh: RunRefresh,
    private readonly settings: ScheduleSettings,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.job = new Cron(this.settings.schedule, { timezone: this.settings.timezone, protect: true }, () => {
      // Each scheduled run starts a fresh backoff sequence.
      this.failures = 0;
      void this.trigger('schedule').catch(() => undefined);
    });
    this.logger.info({ event: 'schedule', schedule: this.settings.schedule, timezone: this.settings.timezone, next: this.nextRun()?.toISOString() ?? null }, 'refresh schedule set');
    void this.trigger('startup').catch(() => undefined);
  }

  /** Runs (or joins) a refresh and plans the retries its outcome calls for. */
  async trigger(trigger: RefreshTrigger): Promise<RefreshOutcome> {
    let outcome: RefreshOutcome;
    try {
      outcome = await this.runRefresh(trigger);
    } catch (error) {
      this.logger.error({ event: 'refresh_error', trigger, error: (error as Error).message }, 'refresh failed unexpectedly');
      this.afterFailure();
      throw error;
    }
    if (outcome.ok) this.afterSuccess();
    else this.afterFailure();
    return outcome;
  }

  nextRun(): Date | null {
    return this.job?.nextRun() ?? null;
  }

  stop(): void {
    this.stopped = true;
    this.job?.stop();
    if (this.retryTimer !== undefined) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }

  private afterSuccess(): void {
    this.failures = 0;
    if (this.retryTimer !== undefined) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }

  private afterFailure(): void {
    if (this.stopped || this.retryTimer !== undefined) return;
    const delay = Math.min(this.settings.retryInitialMs * 2 ** this.failures, this.settings.retryMaxMs);
    this.failures += 1;
    const next = this.nextRun();
    if (next !== null && Date.now() + delay >= next.getTime()) {
      this.logger.info({ event: 'retry_skipped', next: next.toISOString() }, 'no retry: the scheduled refresh comes first');
      return;
    }
    this.logger.info({ event: 'retry_planned', attempt: this.failures, delaySeconds: delay / 1000 }, 'refresh will be retried');
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.trigger('retry').catch(() => undefined);
    }, delay);
  }
}
