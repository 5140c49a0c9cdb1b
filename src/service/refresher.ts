import type { PublishingGuardSettings } from '../config/publishing-guard-settings';
import type { SourceSettings } from '../config/settings';
import { type Refusal, refusals } from '../snapshot/publishing-guard';
import { SOURCE_NAMES, type SourceName } from '../snapshot/source-table';
import type { SourceTotals } from '../snapshot/source-totals';
import type { Logger } from './logger';
import { publishedSnapshot, type PublishedSnapshot, type SnapshotStore } from './published-snapshot';
import type { SelfMetrics } from './self-metrics';
import type { BuildReply, SourceOutcome } from './snapshot-build-protocol';
import { BuildCancelled, type SnapshotBuild, type StartBuild } from './snapshot-build-thread';
import { saveState } from './state-file';

export type { SourceOutcome } from './snapshot-build-protocol';

export type RefreshTrigger = 'startup' | 'schedule' | 'retry' | 'request';

export interface RefreshOutcome {
  readonly ok: boolean;
  readonly referenceDay: string;
  readonly sources: Readonly<Record<SourceName, SourceOutcome>>;
  /** Series in the new snapshot when ok. */
  readonly seriesCount?: number;
}

interface RefresherDependencies {
  readonly settings: SourceSettings;
  /** Runs a build off the serving thread. */
  readonly startBuild: StartBuild;
  /** The reference day to build now (yesterday in the time zone, in production). */
  readonly referenceDay: () => string;
  readonly nowSeconds: () => number;
  readonly store: SnapshotStore;
  readonly metrics: SelfMetrics;
  readonly logger: Logger;
  readonly stateDir: string | undefined;
  readonly publishingGuard: PublishingGuardSettings;
}

const STOPPED: SourceOutcome = { ok: false, seconds: 0, error: 'the exporter is stopping', cause: 'stopped' };

/** The same outcome for every source: a stopped or dead build thread read none of them. */
function everySource(outcome: SourceOutcome): Record<SourceName, SourceOutcome> {
  return Object.fromEntries(SOURCE_NAMES.map((source) => [source, outcome])) as Record<SourceName, SourceOutcome>;
}

/** The build's outcomes, with each refused source failed with its reason. */
function withRefusals(
  outcomes: Readonly<Record<SourceName, SourceOutcome>>,
  refused: readonly Refusal[],
): Readonly<Record<SourceName, SourceOutcome>> {
  const failed = { ...outcomes };
  for (const { source, reason } of refused) failed[source] = { ...outcomes[source], ok: false, error: `${source} source: ${reason}`, cause: 'refused' };
  return failed;
}

/**
 * Has a build thread read the three sources and build the snapshot, publishes it when all
 * sources were read and none looks collapsed (snapshot/publishing-guard.ts), and keeps the
 * previous one otherwise. Single-flight: a refresh asked for
 * while one runs joins it.
 */
export class Refresher {
  private running: Promise<RefreshOutcome> | undefined;
  private build: SnapshotBuild | undefined;
  /** The last build thread's exit: it replies before it has exited, and stop() waits for both. */
  private lastThreadExited: Promise<void> = Promise.resolve();
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

  /**
   * Cancels the build in progress, if any (the refresh it belonged to ends quietly, uncounted),
   * and waits for that refresh to end, so that a state file being written is written whole,
   * and for its thread to be gone.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.build?.cancel();
    await this.running?.catch(() => undefined);
    await this.lastThreadExited;
  }

  private async run(trigger: RefreshTrigger): Promise<RefreshOutcome> {
    const { logger, metrics, store } = this.deps;
    const referenceDay = this.deps.referenceDay();
    logger.info({ event: 'refresh_start', trigger, referenceDay }, 'refresh started');
    const reply = await this.buildOffThread(referenceDay);
    if (reply === undefined) {
      return { ok: false, referenceDay, sources: everySource(STOPPED) };
    }
    const now = this.deps.nowSeconds();
    const previous = store.current;
    const built = reply.snapshot;
    const refused = built === undefined ? [] : this.refusals(referenceDay, previous?.totals ?? undefined, built.totals);
    const outcomes = withRefusals(reply.sources, refused);
    const lastSuccess = {} as Record<SourceName, number>;
    for (const source of SOURCE_NAMES) {
      const result = outcomes[source];
      metrics.recordRead(source, result.ok, result.seconds, now);
      // The guard ran only on a build that read every source; otherwise its last verdict stands.
      if (built !== undefined) metrics.recordRefusal(source, refused.find((refusal) => refusal.source === source)?.reason);
      lastSuccess[source] = result.ok ? now : (previous?.lastSuccess[source] ?? 0);
      if (result.ok) {
        logger.info({ event: 'source_read', source, referenceDay, seconds: result.seconds, rows: result.rows }, `read ${source}`);
      } else {
        logger.error(
          { event: 'source_failed', source, referenceDay, seconds: result.seconds, cause: result.cause, error: result.error },
          result.cause === 'refused' ? `refused the data of ${source}` : `reading ${source} failed`,
        );
      }
    }
    if (built === undefined || refused.length > 0) {
      logger.warn(
        { event: 'refresh_failed', trigger, referenceDay, servedDay: previous?.referenceDay ?? null },
        previous === undefined ? 'refresh failed; no snapshot to serve yet' : `refresh failed; still serving the snapshot of ${previous.referenceDay}`,
      );
      return { ok: false, referenceDay, sources: outcomes };
    }
    const published = publishedSnapshot(
      {
        referenceDay,
        timezone: this.deps.settings.timezone,
        seriesCount: built.seriesCount,
        refreshedAt: now,
        lastSuccess,
        totals: built.totals,
        regions: built.regions,
      },
      built.body,
      { bytes: built.deflated, crc32: built.crc32, length: built.body.length },
    );
    store.replace(published);
    metrics.setSnapshotSeries(published.seriesCount);
    metrics.setRegions(published.regions);
    await this.persist(published, built.sha256);
    logger.info({ event: 'refresh_end', trigger, referenceDay, series: published.seriesCount, bytes: published.body.length }, 'snapshot published');
    return { ok: true, referenceDay, sources: reply.sources, seriesCount: published.seriesCount };
  }

  /**
   * The sources whose new data must not replace the published snapshot; none when an operator
   * accepted this reference day's data (DASMO_ACCEPT_REFUSED_REFERENCE_DATE), which is logged.
   */
  private refusals(referenceDay: string, published: SourceTotals | undefined, totals: SourceTotals): Refusal[] {
    const { maxReceivedDrop, acceptedDay } = this.deps.publishingGuard;
    const found = refusals(published, totals, maxReceivedDrop);
    if (found.length === 0 || acceptedDay !== referenceDay) return found;
    for (const { source, reason } of found) {
      this.deps.logger.warn({ event: 'refusal_accepted', source, referenceDay, reason }, `publishing ${source} as accepted by DASMO_ACCEPT_REFUSED_REFERENCE_DATE`);
    }
    return [];
  }

  /**
   * The build's reply, or undefined when the exporter stopped it. A thread that dies (a crash,
   * running out of memory) fails every source, so it is counted and alerted on like any
   * failed read.
   */
  private async buildOffThread(referenceDay: string): Promise<BuildReply | undefined> {
    if (this.stopping) return undefined;
    const started = process.hrtime.bigint();
    const build = this.deps.startBuild({ settings: this.deps.settings, referenceDay });
    this.build = build;
    this.lastThreadExited = build.exited;
    try {
      return await build.reply;
    } catch (error) {
      if (error instanceof BuildCancelled) return undefined;
      return {
        sources: everySource({
          ok: false,
          seconds: Number(process.hrtime.bigint() - started) / 1e9,
          error: error instanceof Error ? error.message : String(error),
          cause: 'thread',
        }),
      };
    } finally {
      this.build = undefined;
    }
  }

  private async persist(published: PublishedSnapshot, bodySha256: string): Promise<void> {
    if (this.deps.stateDir === undefined) return;
    const { body, deflated: _deflated, ...metadata } = published;
    try {
      await saveState(this.deps.stateDir, metadata, body, bodySha256);
    } catch (error) {
      // Serving goes on; only a restart would lose this snapshot.
      this.deps.metrics.recordStateSaveFailure();
      this.deps.logger.error(
        { event: 'state_save_failed', dir: this.deps.stateDir, cause: (error as NodeJS.ErrnoException).code ?? 'error' },
        'could not persist the snapshot',
      );
    }
  }
}
