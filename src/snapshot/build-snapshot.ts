import type { ReferenceWindow } from '../time/reference-day';
import { dataQualityFamily, type QualityTally } from './data-quality';
import { declareFamily } from './declared-family';
import { OfficeDirectory } from './office-directory';
import { type MetricFamily, renderFamilies, renderFamiliesToBytes } from './openmetrics';
import { type SourceData, sourceDefinition, SOURCE_NAMES, type SourceName } from './source-table';

/** One day's metrics, built once and rendered once (without the closing `# EOF`). */
interface Snapshot {
  readonly window: ReferenceWindow;
  readonly families: readonly MetricFamily[];
  readonly seriesCount: number;
  readonly text: string;
}

const REFERENCE_DATE = declareFamily({
  name: 'dasmo_snapshot_reference_date_seconds',
  type: 'gauge',
  unit: 'seconds',
  help: 'Start of the reference day of the daily snapshot (midnight in DASMO_TIMEZONE), unix seconds.',
});

/**
 * The same reference date once per region of dasmo_sedi: a user whose every query is confined
 * to one region (vmauth's `extra_label=region=NN`) cannot see the family above, which has no
 * region label, but sees their region's copy.
 */
const REGION_REFERENCE_DATE = declareFamily({
  name: 'dasmo_region_snapshot_reference_date_seconds',
  type: 'gauge',
  unit: 'seconds',
  help:
    'Start of the reference day of the daily snapshot, unix seconds, repeated for each region of dasmo_sedi ' +
    '(the same value as dasmo_snapshot_reference_date_seconds, for users who see one region only).',
});

function referenceDateFamilies(window: ReferenceWindow, offices: OfficeDirectory): MetricFamily[] {
  const start = window.startEpochSeconds;
  return [
    REFERENCE_DATE.family([REFERENCE_DATE.sample('', start)]),
    REGION_REFERENCE_DATE.family(REGION_REFERENCE_DATE.byLabel('', 'region', offices.regionCodes().map((region) => [region, start]))),
  ];
}

/**
 * Which part of a snapshot to build: the common families (reference date, office directory)
 * or not, and the families and data-quality samples of which sources. The parts of a split
 * together hold exactly the whole snapshot's samples.
 */
export interface SnapshotPart {
  readonly common: boolean;
  readonly sources: readonly SourceName[];
}

const WHOLE: SnapshotPart = Object.freeze({ common: true, sources: SOURCE_NAMES });

/** The reference date (also per region), the office directory, every source's families in the table's order, then data quality (offices last). */
export function snapshotFamilies(window: ReferenceWindow, data: SourceData, part: SnapshotPart = WHOLE): MetricFamily[] {
  const offices = new OfficeDirectory(data.offices);
  const families = part.common ? [...referenceDateFamilies(window, offices), offices.infoFamily()] : [];
  const tallies: QualityTally[] = [];
  for (const source of part.sources) {
    const built = sourceDefinition(source).families?.(data[source], offices);
    if (built === undefined) continue;
    families.push(...built.families);
    tallies.push(built.quality);
  }
  families.push(dataQualityFamily(part.common ? [...tallies, offices.quality] : tallies));
  return families;
}

function seriesCount(families: readonly MetricFamily[]): number {
  return families.reduce((total, family) => total + family.samples.length, 0);
}

export function buildSnapshot(window: ReferenceWindow, data: SourceData): Snapshot {
  const families = snapshotFamilies(window, data);
  return Object.freeze({ window, families, seriesCount: seriesCount(families), text: renderFamilies(families) });
}

/**
 * The same document as `buildSnapshot(...).text`, as bytes, without the whole text ever in one
 * string; with the region codes of its offices, for which the self-metrics repeat their
 * freshness facts.
 */
export function buildSnapshotBytes(
  window: ReferenceWindow,
  data: SourceData,
): { readonly seriesCount: number; readonly body: Buffer; readonly regions: readonly string[] } {
  const families = snapshotFamilies(window, data);
  return { seriesCount: seriesCount(families), body: renderFamiliesToBytes(families), regions: new OfficeDirectory(data.offices).regionCodes() };
}
