import { SOURCE_NAMES, type SourceName } from '../config/settings';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { buildSnapshotInSteps } from '../snapshot/build-snapshot';
import { type CollectedSources, collectSources, requireAll, type SourceClients } from '../snapshot/collect-sources';
import { referenceWindow } from '../time/reference-day';
import type { Logger } from './logger';
import { publishSnapshot, type PublishedSnapshot, type SnapshotStore } from './published-snapshot';
import type { SelfMetrics } from './self-metrics';
import { saveState } from './state-file';

export type RefreshTrigger = 'startup' | 'schedule' | 'retry' | 'request';

export interface SourceOutcome {
  readonly ok: boolean;
  readonly seconds: number;
  readonly rows?: number;
  /** One line, no secrets (SourceError messages name sources by redacted URL). */
  readonly error?: string;
}

export interface RefreshOutcome {
  readonly ok: boolean;
  readonly referenceDay: string;
  readonly sources: Readonly<Record<SourceName, SourceOutcome>>;
  /** Series in the new snapshot when ok. */
  readonly seriesCount?: number;
}

export interface RefresherDependencies {
  readonly clients: SourceClients;
  readonly timezone: string;
  /** The reference day to build now (yesterday in the time zone, in production). */
  readonly referenceDay: () => string;
  readonly nowSeconds: () => number;
  readonly store: SnapshotStore;
  readonly metrics: SelfMetrics;
  readonly logger: Logger;
  readonly stateDir: string | undefined;
}

/**
 * Reads the three sources, builds and publishes a new snapshot when all succeeded, and keeps
 * the previous one otherwise. Single-flight: a refresh asked for while one runs joins it.
 */
export class Refresher {
  private running: Promise<RefreshOutcome> | undefined;
  private stopping = false;

  constructor(private readonly deps: RefresherDependencies) {}

  refresh(trigger: RefreshTrigger): Promise<RefreshOutcome> {
    if (this.running === undefined) {
      this.running = this.run(trigger).finally(() => {
        this.running = undefined;
      });
    }
    return this.running;
  }

  /** The refresh in progress, if any (shutdown lets it fail quietly once the pools close). */
  get inFlight(): Promise<RefreshOutcome> | undefined {
    return this.running;
  }

  markStopping(): void {
    this.stopping = true;
  }

  private async run(trigger: RefreshTrigger): Promise<RefreshOutcome> {
    const { logger, metrics, store } = this.deps;
    const referenceDay = this.deps.referenceDay();
    const window = referenceWindow(referenceDay, this.deps.timezone);
    logger.info({ event: 'refresh_start', trigger, referenceDay }, 'refresh started');
    const collected = await collectSources(this.deps.clients, window);
    if (this.stopping) return { ok: false, referenceDay, sources: this.sourceOutcomes(collected) };
    const now = this.deps.nowSeconds();
    const previous = store.current;
    const lastSuccess = {} as Record<SourceName, number>;
    for (const source of SOURCE_NAMES) {
      const result = collected[source];
      metrics.recordRead(source, result.ok, result.seconds, now);
      lastSuccess[source] = result.ok ? now : (previous?.lastSuccess[source] ?? 0);
      if (result.ok) {
        logger.info({ event: 'source_read', source, referenceDay, seconds: result.seconds, rows: result.rows }, `read ${source}`);
      } else {
        logger.error(
          { event: 'source_failed', source, referenceDay, seconds: result.seconds, cause: result.error.code, error: result.error.message },
          `reading ${source} failed`,
        );
      }
    }
    const sources = this.sourceOutcomes(collected);
    if (!SOURCE_NAMES.every((source) => collected[source].ok)) {
      logger.warn(
        { event: 'refresh_failed', trigger, referenceDay, servedDay: previous?.referenceDay ?? null },
        previous === undefined ? 'refresh failed; no snapshot to serve yet' : `refresh failed; still serving the snapshot of ${previous.referenceDay}`,
      );
      return { ok: false, referenceDay, sources };
    }
    // Built in steps: scrapes of the current snapshot go on being answered meanwhile.
    const snapshot = await buildSnapshotInSteps(window, requireAll(collected), () => nextTurn().then(() => undefined));
    const published = await publishSnapshot(
      { referenceDay, timezone: this.deps.timezone, seriesCount: snapshot.seriesCount, refreshedAt: now, lastSuccess },
      snapshot.body,
    );
    store.replace(published);
    metrics.setSnapshotSeries(published.seriesCount);
    await this.persist(published);
    logger.info({ event: 'refresh_end', trigger, referenceDay, series: published.seriesCount, bytes: published.body.length }, 'snapshot published');
    return { ok: true, referenceDay, sources, seriesCount: published.seriesCount };
  }

  private async persist(published: PublishedSnapshot): Promise<void> {
    if (this.deps.stateDir === undefined) return;
    const { body, gzipped: _gzipped, ...metadata } = published;
    try {
      await saveState(this.deps.stateDir, metadata, body);
    } catch (error) {
      // Serving goes on; only a restart would lose this snapshot.
      this.deps.logger.error(
        { event: 'state_save_failed', dir: this.deps.stateDir, cause: (error as NodeJS.ErrnoException).code ?? 'error' },
        'could not persist the snapshot',
      );
    }
  }

  private sourceOutcomes(collected: CollectedSources): Record<SourceName, SourceOutcome> {
    const outcomes = {} as Record<SourceName, SourceOutcome>;
    for (const source of SOURCE_NAMES) {
      const result = collected[source];
      outcomes[source] = result.ok
        ? { ok: true, seconds: result.seconds, rows: result.rows }
        : { ok: false, seconds: result.seconds, error: result.error.message };
    }
    return outcomes;
  }
}
