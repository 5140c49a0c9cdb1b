import type { OnProgress } from '../common/progress';
import type { SourceSettings } from '../config/settings';
import type { ApplicationGroup } from '../collectors/applications';
import { collectOffices, type Office } from '../collectors/offices';
import type { Sr41Group } from '../collectors/sr41';
import { snapshotFamilies } from '../snapshot/build-snapshot';
import type { MetricFamily } from '../snapshot/openmetrics';
import { openSourceClients } from '../sources/source-clients';
import { translateDriverError } from '../sources/source-error';
import { APPLICATION_SOURCE } from './application-source';
import type { BackfillRange } from './backfill-range';
import { dayLines } from './day-lines';
import { writeHistory } from './history-writer';
import { ImportError, postChunks } from './import-request';
import type { ImportTarget } from './import-target';
import { openRowStream } from './row-stream';
import { SnapshotHistory } from './snapshot-history';
import { SourceDays } from './source-days';
import { readSourceHistory } from './source-history';
import { SR41_SOURCE } from './sr41-source';
import { at } from '../common/checked-index';

export interface BackfillSummary {
  readonly days: number;
  /** Distinct series over the range; known only when the whole history is held (--out). */
  readonly series?: number;
  readonly samples: number;
  readonly applicationRows: number;
  readonly flowRows: number;
}

async function readOffices(settings: SourceSettings): Promise<Office[]> {
  const sources = openSourceClients(settings);
  try {
    return await collectOffices(sources.clients.offices);
  } catch (error) {
    throw translateDriverError('offices', sources.clients.offices.description, error);
  } finally {
    await sources.close();
  }
}

/** The sources of a range read once, ready to be replayed day by day. */
interface Replay {
  readonly offices: Office[];
  readonly applications: { next(): ApplicationGroup[] };
  readonly flows: { next(): Sr41Group[] };
  readonly applicationRows: number;
  readonly flowRows: number;
}

/**
 * Reads each source once for the whole range: the rows as day offsets of their milestones,
 * to be replayed day by day into the per-day collectors' group shapes.
 */
async function readReplay(settings: SourceSettings, range: BackfillRange, onProgress?: OnProgress): Promise<Replay> {
  const reading = onProgress?.('reading sources', 3);
  const applicationStream = openRowStream('applications', settings);
  const flowStream = openRowStream('sr41', settings);
  const [offices, applicationHistory, flowHistory] = await Promise.all([
    readOffices(settings).finally(() => reading?.advance()),
    readSourceHistory(applicationStream, range, APPLICATION_SOURCE).finally(() => reading?.advance()),
    readSourceHistory(flowStream, range, SR41_SOURCE).finally(() => reading?.advance()),
  ]).finally(() => Promise.all([applicationStream.close(), flowStream.close()]));
  reading?.finish();
  return {
    offices,
    applications: new SourceDays(applicationHistory),
    flows: new SourceDays(flowHistory),
    applicationRows: applicationHistory.rows.length,
    flowRows: flowHistory.rows.length,
  };
}

/**
 * Each day's families, in order, from the very family builders of `snapshot`, so each day is
 * identical to `snapshot --reference-date` for that day. Only the current day is held.
 */
function* dailyFamilies(replay: Replay, range: BackfillRange): Generator<MetricFamily[]> {
  for (const window of range.windows) {
    yield snapshotFamilies(window, { offices: replay.offices, applications: replay.applications.next(), sr41: replay.flows.next() });
  }
}

/** Computes the range's history and streams it to `out` as timestamped OpenMetrics. */
export async function writeBackfill(
  settings: SourceSettings,
  range: BackfillRange,
  extraLabels: string,
  out: NodeJS.WritableStream,
  onProgress?: OnProgress,
): Promise<BackfillSummary> {
  const replay = await readReplay(settings, range, onProgress);
  // promtool needs each series' samples together, so the whole history is turned around first.
  const history = new SnapshotHistory(range.windows.length);
  const computing = onProgress?.('computing days ', range.windows.length);
  let day = 0;
  for (const families of dailyFamilies(replay, range)) {
    history.addDay(day, families);
    day += 1;
    computing?.advance();
  }
  computing?.finish();
  const series = history.seriesCount;
  const writing = onProgress?.('writing        ', series);
  await writeHistory(history, range.stamps, extraLabels, out, () => writing?.advance());
  writing?.finish();
  const { applicationRows, flowRows } = replay;
  return { days: range.windows.length, series, samples: history.sampleCount, applicationRows, flowRows };
}

/**
 * Days sent at once. VictoriaMetrics spends most of a day's request indexing that day's series,
 * so the next day is computed and sent meanwhile; memory holds at most this many days' families
 * besides the sources' rows, and the text is rendered only as each socket takes it.
 */
const DAYS_IN_FLIGHT = 2;

/**
 * Computes the range day by day and sends each day's samples to VictoriaMetrics' import API as
 * one request. A day the target refuses stops the import, once the requests in flight have
 * settled, with an ImportError naming the first refused day and the days imported before it.
 */
export async function importBackfill(
  settings: SourceSettings,
  range: BackfillRange,
  extraLabels: string,
  target: ImportTarget,
  onProgress?: OnProgress,
): Promise<BackfillSummary> {
  const replay = await readReplay(settings, range, onProgress);
  const importing = onProgress?.('importing days ', range.windows.length);
  // Each day's request settles to its error (or undefined), so none is left rejected unobserved.
  const inFlight: Array<Promise<unknown>> = [];
  const settleOldest = async (): Promise<void> => {
    const failure = await inFlight.shift();
    if (failure === undefined) return;
    await Promise.all(inFlight);
    throw failure;
  };
  let day = 0;
  let samples = 0;
  for (const families of dailyFamilies(replay, range)) {
    for (const family of families) samples += family.samples.length;
    const sent = sendDay(target, families, range, day, extraLabels).then(() => importing?.advance());
    inFlight.push(sent.then(() => undefined, (error: unknown) => error ?? new Error('import failed')));
    day += 1;
    if (inFlight.length >= DAYS_IN_FLIGHT) await settleOldest();
  }
  while (inFlight.length > 0) await settleOldest();
  importing?.finish();
  const { applicationRows, flowRows } = replay;
  return { days: range.windows.length, samples, applicationRows, flowRows };
}

async function sendDay(target: ImportTarget, families: readonly MetricFamily[], range: BackfillRange, day: number, extraLabels: string): Promise<void> {
  try {
    await postChunks(target, dayLines(families, at(range.stamps, day), extraLabels));
  } catch (error) {
    if (!(error instanceof ImportError)) throw error;
    const failed = at(range.windows, day).day;
    const before = day === 0 ? 'nothing was imported' : `days ${range.from} to ${at(range.windows, day - 1).day} were imported`;
    throw new ImportError(`${error.message} (day ${failed}; ${before})`);
  }
}
