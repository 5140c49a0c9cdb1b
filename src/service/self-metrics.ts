import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import { SOURCE_NAMES, type SourceName } from '../snapshot/source-table';
import { EOF_LINE } from '../snapshot/openmetrics';
import type { AuthFailureReason } from './basic-auth';
import type { SourceStatus } from './status-page';

/**
 * A copy of a gauge labelled by source, once for each region of the served snapshot, read from
 * the original at every scrape: a user whose queries are confined to one region (vmauth's
 * `extra_label=region=NN`) cannot see the original, which has no region label.
 */
function regionCopy(
  original: { readonly name: string; readonly gauge: Gauge<'source'> },
  regions: () => readonly string[],
  registers: Registry<typeof Registry.OPENMETRICS_CONTENT_TYPE>[],
): void {
  new Gauge({
    name: original.name.replace(/^dasmo_/, 'dasmo_region_'),
    help: `${original.name}, repeated for each region of the snapshot being served.`,
    labelNames: ['region', 'source'],
    registers,
    async collect() {
      this.reset();
      const { values } = await original.gauge.get();
      for (const region of regions()) {
        for (const { labels, value } of values) this.set({ region, source: String(labels.source) }, value);
      }
    },
  });
}

/**
 * The exporter's own metrics (process metrics included), rendered live at every scrape and
 * appended to the pre-rendered snapshot. None of these names may appear in a snapshot.
 */
export class SelfMetrics {
  readonly registry = new Registry<typeof Registry.OPENMETRICS_CONTENT_TYPE>();
  private readonly sourceUp: Gauge<'source'>;
  private readonly lastSuccess: Gauge<'source'>;
  private readonly duration: Gauge<'source'>;
  private readonly failures: Counter<'source'>;
  private readonly refused: Gauge<'source'>;
  private readonly snapshotSeries: Gauge;
  private readonly authFailures: Counter<'reason'>;
  private readonly stateSaveFailures: Counter;
  private regions: readonly string[] = [];
  private readonly status = new Map<SourceName, SourceStatus>(
    SOURCE_NAMES.map((source) => [source, { up: false, lastSuccess: 0, readSinceStart: false, refusal: undefined }]),
  );

  constructor(version: string) {
    this.registry.setContentType(Registry.OPENMETRICS_CONTENT_TYPE);
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.sourceUp = new Gauge({
      name: 'dasmo_source_up',
      help: 'Whether the last refresh read this source (1) or failed on it (0).',
      labelNames: ['source'],
      registers,
    });
    this.lastSuccess = new Gauge({
      name: 'dasmo_refresh_last_success_timestamp_seconds',
      help: 'When this source was last read successfully, unix seconds (0: never).',
      labelNames: ['source'],
      registers,
    });
    this.duration = new Gauge({
      name: 'dasmo_refresh_duration_seconds',
      help: 'How long the last read of this source took, successful or not.',
      labelNames: ['source'],
      registers,
    });
    this.failures = new Counter({
      name: 'dasmo_refresh_failures_total',
      help: 'Reads of this source that failed (connection, timeout, query or schema error).',
      labelNames: ['source'],
      registers,
    });
    this.refused = new Gauge({
      name: 'dasmo_source_refused',
      help:
        'Whether the publishing guard refused the data of this source at the last refresh that read every source (1): ' +
        'it looked collapsed, and the last good snapshot is still served.',
      labelNames: ['source'],
      registers,
    });
    this.snapshotSeries = new Gauge({
      name: 'dasmo_snapshot_series',
      help: 'Series in the snapshot being served (0: none loaded yet).',
      registers,
    });
    this.authFailures = new Counter({
      name: 'dasmo_auth_failures_total',
      help: 'Requests with basic-auth credentials that were refused: rejected (wrong user or password) or busy (too many checks waiting).',
      labelNames: ['reason'],
      registers,
    });
    this.stateSaveFailures = new Counter({
      name: 'dasmo_state_save_failures_total',
      help: 'Published snapshots that could not be written to DASMO_STATE_DIR (disk full, permissions); serving goes on.',
      registers,
    });
    const servedRegions = (): readonly string[] => this.regions;
    regionCopy({ name: 'dasmo_source_up', gauge: this.sourceUp }, servedRegions, registers);
    regionCopy({ name: 'dasmo_refresh_last_success_timestamp_seconds', gauge: this.lastSuccess }, servedRegions, registers);
    const buildInfo = new Gauge({
      name: 'dasmo_build_info',
      help: 'The exporter version, always 1.',
      labelNames: ['version'],
      registers,
    });
    buildInfo.set({ version }, 1);
    for (const source of SOURCE_NAMES) {
      this.sourceUp.set({ source }, 0);
      this.lastSuccess.set({ source }, 0);
      this.duration.set({ source }, 0);
      this.failures.inc({ source }, 0);
      this.refused.set({ source }, 0);
    }
    this.snapshotSeries.set(0);
    for (const reason of ['rejected', 'busy'] as const) this.authFailures.inc({ reason }, 0);
    this.stateSaveFailures.inc(0);
  }

  recordRead(source: SourceName, ok: boolean, seconds: number, nowSeconds: number): void {
    this.sourceUp.set({ source }, ok ? 1 : 0);
    this.duration.set({ source }, seconds);
    if (ok) this.lastSuccess.set({ source }, nowSeconds);
    else this.failures.inc({ source });
    const status = this.sourceStatus(source);
    this.status.set(source, { ...status, up: ok, lastSuccess: ok ? nowSeconds : status.lastSuccess, readSinceStart: true });
  }

  /** The publishing guard's verdict on this source's data: why it was refused, or undefined. */
  recordRefusal(source: SourceName, reason: string | undefined): void {
    this.refused.set({ source }, reason === undefined ? 0 : 1);
    this.status.set(source, { ...this.sourceStatus(source), refusal: reason });
  }

  sourceStatus(source: SourceName): SourceStatus {
    return this.status.get(source) ?? { up: false, lastSuccess: 0, readSinceStart: false, refusal: undefined };
  }

  /** Restores the last-success times of a persisted snapshot, without claiming the source is up. */
  restoreLastSuccess(source: SourceName, seconds: number): void {
    this.lastSuccess.set({ source }, seconds);
    this.status.set(source, { ...this.sourceStatus(source), lastSuccess: seconds });
  }

  recordAuthFailure(reason: AuthFailureReason): void {
    this.authFailures.inc({ reason });
  }

  recordStateSaveFailure(): void {
    this.stateSaveFailures.inc();
  }

  setSnapshotSeries(count: number): void {
    this.snapshotSeries.set(count);
  }

  /** The region codes of the snapshot being served: the per-region copies are repeated for these. */
  setRegions(regions: readonly string[]): void {
    this.regions = [...regions];
  }

  /** The self-metrics as OpenMetrics text, ending with `# EOF`. */
  async render(): Promise<string> {
    const text = await this.registry.metrics();
    return text.endsWith(EOF_LINE) ? text : `${text.replace(/\n?$/, '\n')}${EOF_LINE}`;
  }
}
