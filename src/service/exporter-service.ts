import { SOURCE_NAMES } from '../snapshot/source-table';
import { defaultReferenceDay } from '../time/reference-day';
import { BasicAuthenticator } from './basic-auth';
import { createHttpApp } from './http-app';
import { listen, type RunningServer } from './http-server';
import type { Logger } from './logger';
import { publishSnapshot, SnapshotStore } from './published-snapshot';
import { type RefreshOutcome, Refresher } from './refresher';
import { RefreshScheduler } from './refresh-scheduler';
import { RequestedRefreshes } from './requested-refreshes';
import { SelfMetrics } from './self-metrics';
import type { ServiceSettings } from './service-settings';
import { startBuildThread } from './snapshot-build-thread';
import { isLoadProblem, loadState, prepareStateDir } from './state-file';

/** What tests (and only tests) replace. */
export interface ServiceDependencies {
  readonly logger: Logger;
  readonly version: string;
  readonly clock?: () => Date;
  /** Defaults to yesterday in the time zone by `clock`. */
  readonly referenceDay?: () => string;
  /** Node options for the build threads (tests load the TypeScript sources with them). */
  readonly buildThreadExecArgv?: readonly string[];
  /** Node options for the password-check threads (as above). */
  readonly authThreadExecArgv?: readonly string[];
}

/** How long shutdown waits for in-flight responses, leaving room to stop the build thread within 10 s. */
const SHUTDOWN_GRACE_MS = 7_000;

/**
 * The long-running exporter: loads the persisted snapshot, serves HTTP, refreshes at start and
 * on schedule. `start()` then `stop()`, once each.
 */
export class ExporterService {
  private readonly store = new SnapshotStore();
  private readonly metrics: SelfMetrics;
  private readonly clock: () => Date;
  private server: RunningServer | undefined;
  private refresher: Refresher | undefined;
  private scheduler: RefreshScheduler | undefined;
  private authenticator: BasicAuthenticator | undefined;

  constructor(
    private readonly settings: ServiceSettings,
    private readonly deps: ServiceDependencies,
  ) {
    this.metrics = new SelfMetrics(deps.version);
    this.clock = deps.clock ?? (() => new Date());
  }

  get url(): string {
    if (this.server === undefined) throw new Error('the service is not started');
    return this.server.url;
  }

  async start(): Promise<void> {
    const { settings, deps } = this;
    const logger = deps.logger;
    if (settings.stateDir !== undefined) {
      await prepareStateDir(settings.stateDir);
      await this.restoreState(settings.stateDir);
    } else {
      logger.warn({ event: 'no_state_dir' }, 'DASMO_STATE_DIR is not set: the snapshot will not survive a restart');
    }
    for (const source of SOURCE_NAMES) {
      logger.info({ event: 'source', source, database: settings.source.sources[source].redacted }, `source ${source}`);
    }
    const timezone = settings.source.timezone;
    this.refresher = new Refresher({
      settings: settings.source,
      startBuild: (request) => startBuildThread(request, { memoryLimitMb: settings.buildMemoryLimitMb, execArgv: deps.buildThreadExecArgv }),
      referenceDay: deps.referenceDay ?? (() => defaultReferenceDay(this.clock(), timezone)),
      nowSeconds: () => Math.floor(this.clock().getTime() / 1000),
      store: this.store,
      metrics: this.metrics,
      logger,
      stateDir: settings.stateDir,
      publishingGuard: settings.publishingGuard,
    });
    const refresher = this.refresher;
    this.scheduler = new RefreshScheduler((trigger) => refresher.refresh(trigger), {
      schedule: settings.refreshSchedule,
      timezone,
      retryInitialMs: settings.retryInitialMs,
      retryMaxMs: settings.retryMaxMs,
    }, logger);
    const scheduler = this.scheduler;
    const users = settings.web.basicAuthUsers;
    if (users.size > 0) {
      this.authenticator = await BasicAuthenticator.start(users, deps.authThreadExecArgv === undefined ? {} : { execArgv: deps.authThreadExecArgv });
      logger.info({ event: 'auth_floor', floorMs: this.authenticator.floorMs }, `refused logins are answered after ${this.authenticator.floorMs} ms at the earliest`);
    }
    const requested = new RequestedRefreshes(() => scheduler.trigger('request'), settings.refreshMinIntervalMs, () => this.clock().getTime());
    const app = createHttpApp({
      version: deps.version,
      store: this.store,
      metrics: this.metrics,
      authenticator: this.authenticator,
      unauthenticatedRefresh: settings.unauthenticatedRefresh,
      headers: settings.web.headers,
      refresh: () => requested.request(),
      nextRefresh: () => scheduler.nextRun(),
      clock: this.clock,
      logger,
    });
    this.server = await listen(app, settings.listen, settings.web.tls);
    logger.info(
      { event: 'listening', url: this.server.url, tls: settings.web.tls !== undefined, basicAuth: users.size > 0 },
      `listening on ${this.server.url}`,
    );
    scheduler.start();
  }

  /** Runs a refresh now, or joins the one running (as POST /-/refresh does, without its minimum interval). */
  refresh(): Promise<RefreshOutcome> {
    if (this.scheduler === undefined) throw new Error('the service is not started');
    return this.scheduler.trigger('request');
  }

  /** Stops accepting, finishes in-flight responses, stops the build thread and its connections. */
  async stop(): Promise<void> {
    this.scheduler?.stop();
    // A refresh a client waits on may still finish within the grace period; one nobody
    // waits on is cut short by stopping its build thread, and that is not counted as a failure.
    await this.server?.close(SHUTDOWN_GRACE_MS);
    await this.refresher?.stop();
    await this.authenticator?.close();
    this.deps.logger.info({ event: 'stopped' }, 'stopped');
  }

  private async restoreState(dir: string): Promise<void> {
    const loaded = await loadState(dir);
    if (loaded === undefined) return;
    if (isLoadProblem(loaded)) {
      this.deps.logger.warn({ event: 'state_ignored', dir, problem: loaded.problem }, 'persisted snapshot ignored');
      return;
    }
    const published = await publishSnapshot(loaded.metadata, loaded.body);
    this.store.replace(published);
    this.metrics.setSnapshotSeries(published.seriesCount);
    this.metrics.setRegions(published.regions);
    for (const source of SOURCE_NAMES) this.metrics.restoreLastSuccess(source, published.lastSuccess[source]);
    this.deps.logger.info(
      { event: 'state_loaded', referenceDay: published.referenceDay, series: published.seriesCount },
      `serving the persisted snapshot of ${published.referenceDay} until the first refresh`,
    );
  }
}
