import type { OnProgress } from '../common/progress';
import type { SourceSettings } from '../config/settings';
import { collectOffices, type Office } from '../collectors/offices';
import { snapshotFamilies } from '../snapshot/build-snapshot';
import { openSourceClients } from '../sources/source-clients';
import { translateDriverError } from '../sources/source-error';
import { APPLICATION_SOURCE } from './application-source';
import type { BackfillRange } from './backfill-range';
import { writeHistory } from './history-writer';
import { openRowStream } from './row-stream';
import { SnapshotHistory } from './snapshot-history';
import { SourceDays } from './source-days';
import { readSourceHistory } from './source-history';
import { SR41_SOURCE } from './sr41-source';

export interface BackfillSummary {
  readonly days: number;
  readonly series: number;
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

/**
 * Every day's snapshot of the range from one pass over each source: the rows are read once
 * as day offsets of their milestones, replayed day by day into the per-day collectors' group
 * shapes, and fed to the very family builders of `snapshot`, so each day is identical to
 * `snapshot --reference-date` for that day.
 */
async function computeHistory(
  settings: SourceSettings,
  range: BackfillRange,
  onProgress?: OnProgress,
): Promise<{ history: SnapshotHistory; applicationRows: number; flowRows: number }> {
  const reading = onProgress?.('reading sources', 3);
  const applicationStream = openRowStream('applications', settings);
  const flowStream = openRowStream('sr41', settings);
  const [offices, applicationHistory, flowHistory] = await Promise.all([
    readOffices(settings).finally(() => reading?.advance()),
    readSourceHistory(applicationStream, range, APPLICATION_SOURCE).finally(() => reading?.advance()),
    readSourceHistory(flowStream, range, SR41_SOURCE).finally(() => reading?.advance()),
  ]).finally(() => Promise.all([applicationStream.close(), flowStream.close()]));
  reading?.finish();
  const applications = new SourceDays(applicationHistory);
  const flows = new SourceDays(flowHistory);
  const history = new SnapshotHistory(range.windows.length);
  const computing = onProgress?.('computing days ', range.windows.length);
  range.windows.forEach((window, day) => {
    history.addDay(day, snapshotFamilies(window, { offices, applications: applications.next(), sr41: flows.next() }));
    computing?.advance();
  });
  computing?.finish();
  return { history, applicationRows: applicationHistory.rows.length, flowRows: flowHistory.rows.length };
}

/** Computes the range's history and streams it to `out` as timestamped OpenMetrics. */
export async function writeBackfill(
  settings: SourceSettings,
  range: BackfillRange,
  extraLabels: string,
  out: NodeJS.WritableStream,
  onProgress?: OnProgress,
): Promise<BackfillSummary> {
  const { history, applicationRows, flowRows } = await computeHistory(settings, range, onProgress);
  const series = history.seriesCount;
  const writing = onProgress?.('writing        ', series);
  await writeHistory(history, range.stamps, extraLabels, out, () => writing?.advance());
  writing?.finish();
  return { days: range.windows.length, series, samples: history.sampleCount, applicationRows, flowRows };
}
