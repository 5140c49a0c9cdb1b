import type { OnProgress, ProgressStage } from '../common/progress';
import type { SourceSettings } from '../config/settings';
import type { ApplicationGroup } from '../collectors/applications';
import { collectOffices, type Office } from '../collectors/offices';
import type { Sr41Group } from '../collectors/sr41';
import { snapshotFamilies, type SnapshotPart } from '../snapshot/build-snapshot';
import type { MetricFamily } from '../snapshot/openmetrics';
import { openSourceClients } from '../sources/source-clients';
import { translateDriverError } from '../sources/source-error';
import { APPLICATION_SOURCE } from './application-source';
import type { BackfillRange } from './backfill-range';
import { dayLines } from './day-lines';
import { writeHistory } from './history-writer';
import { ImportError, postChunks } from './import-request';
import type { ImportTarget } from './import-target';
import { openRowStream, type RowStream } from './row-stream';
import { SnapshotHistory } from './snapshot-history';
import { SourceDays } from './source-days';
import { readSourceHistory } from './source-history';
import type { ReplaySource } from './replay-source';
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

/** One source's rows for the whole range, as day offsets of their milestones, ready to be replayed. */
async function replaySource<K, G>(stream: RowStream, range: BackfillRange, source: ReplaySource<K, G>): Promise<SourceDays<K, G>> {
  return new SourceDays(await readSourceHistory(stream, range, source));
}

/** Reads both sources at once (a file needs every day complete before it is written). */
async function readReplay(settings: SourceSettings, range: BackfillRange, onProgress?: OnProgress): Promise<Replay> {
  const reading = onProgress?.('reading sources', 3);
  const applicationStream = openRowStream('applications', settings);
  const flowStream = openRowStream('sr41', settings);
  const [offices, applications, flows] = await Promise.all([
    readOffices(settings).finally(() => reading?.advance()),
    replaySource(applicationStream, range, APPLICATION_SOURCE).finally(() => reading?.advance()),
    replaySource(flowStream, range, SR41_SOURCE).finally(() => reading?.advance()),
  ]).finally(() => Promise.all([applicationStream.close(), flowStream.close()]));
  reading?.finish();
  return { offices, applications, flows, applicationRows: applications.rowCount, flowRows: flows.rowCount };
}

/** Reads one source alone (the import replays one source at a time). */
async function readSource<K, G>(settings: SourceSettings, range: BackfillRange, name: 'applications' | 'sr41', source: ReplaySource<K, G>): Promise<SourceDays<K, G>> {
  const stream = openRowStream(name, settings);
  try {
    return await replaySource(stream, range, source);
  } finally {
    await stream.close();
  }
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
 * Computes the range and sends it to VictoriaMetrics' import API, one request per day and
 * source: first every day of the applications (with the reference date and the office
 * directory), then every day of the payment flows, so that memory holds one source's rows at
 * a time. VictoriaMetrics takes samples in any order; the two parts of a day together are
 * that day's snapshot. A refused request stops the import with an ImportError naming what was
 * refused and what was imported before it.
 */
export async function importBackfill(
  settings: SourceSettings,
  range: BackfillRange,
  extraLabels: string,
  target: ImportTarget,
  onProgress?: OnProgress,
): Promise<BackfillSummary> {
  const offices = await readOffices(settings);
  const send = (part: string, dayFamilies: () => MetricFamily[]): Promise<number> =>
    sendDays(target, range, extraLabels, part, dayFamilies, onProgress?.(`importing ${part.padEnd(12)}`, range.windows.length));
  // Each pass keeps its source's rows only until it returns, so the second never holds both.
  const applicationPass = async (): Promise<{ samples: number; rows: number }> => {
    const applications = await readSource(settings, range, 'applications', APPLICATION_SOURCE);
    const part: SnapshotPart = { common: true, sources: ['applications'] };
    const samples = await send('applications', () => {
      const data = { offices, applications: applications.next(), sr41: [] };
      return snapshotFamilies(at(range.windows, applications.day), data, part);
    });
    return { samples, rows: applications.rowCount };
  };
  const flowPass = async (): Promise<{ samples: number; rows: number }> => {
    const flows = await readSource(settings, range, 'sr41', SR41_SOURCE);
    const part: SnapshotPart = { common: false, sources: ['sr41'] };
    const samples = await send('sr41', () => {
      const data = { offices, applications: [], sr41: flows.next() };
      return snapshotFamilies(at(range.windows, flows.day), data, part);
    });
    return { samples, rows: flows.rowCount };
  };
  const applications = await applicationPass();
  const flows = await flowPass();
  return { days: range.windows.length, samples: applications.samples + flows.samples, applicationRows: applications.rows, flowRows: flows.rows };
}

/**
 * Sends every day of one part, one request at a time: a day is computed only once the one
 * before was accepted, so memory holds one day's families (measured: sending the next day
 * while VictoriaMetrics indexed the one before raised the peak by about 70 MB and was no
 * faster). Resolves to the samples sent.
 */
async function sendDays(
  target: ImportTarget,
  range: BackfillRange,
  extraLabels: string,
  part: string,
  dayFamilies: () => MetricFamily[],
  progress: ProgressStage | undefined,
): Promise<number> {
  let samples = 0;
  for (let day = 0; day < range.windows.length; day += 1) {
    const families = dayFamilies();
    for (const family of families) samples += family.samples.length;
    await sendDay(target, families, range, day, extraLabels, part);
    progress?.advance();
  }
  progress?.finish();
  return samples;
}

async function sendDay(
  target: ImportTarget,
  families: readonly MetricFamily[],
  range: BackfillRange,
  day: number,
  extraLabels: string,
  part: string,
): Promise<void> {
  try {
    await postChunks(target, dayLines(families, at(range.stamps, day), extraLabels));
  } catch (error) {
    if (!(error instanceof ImportError)) throw error;
    const failed = at(range.windows, day).day;
    const before = day === 0 ? 'none of its days' : `its days ${range.from} to ${at(range.windows, day - 1).day}`;
    const earlier = part === 'applications' ? '' : ', and every day of the applications';
    throw new ImportError(`${error.message} (${part} of ${failed}; imported before it: ${before}${earlier})`);
  }
}
