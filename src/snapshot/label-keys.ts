import type { OfficeDirectory } from './office-directory';
import { UNKNOWN_REGION } from './office-directory';
import { type Benefit, benefitOf, type Cause, causeOf, UNKNOWN_OUTCOME } from './labels';
import type { QualityTally } from './data-quality';
import { renderLabels } from './openmetrics';
import { FOLDED_OFFICE } from './unknown-offices';
import { codePointOrder } from '../common/code-point-order';

/** The labels every application and flow series carries, resolved from one source group. */
interface CommonLabels {
  readonly region: string;
  readonly office: string;
  readonly benefit: Benefit;
  readonly cause: Cause;
}

export interface SourceCodes {
  readonly office: string;
  readonly benefitCode: string | null;
  readonly multiRegion: boolean;
  readonly causeCode: string | null;
}

/**
 * Maps a group's source codes to labels, counting its `rows` under unknown_office or
 * unknown_benefit where the codes are not known; an unknown office outside `ownSeries` is
 * folded into FOLDED_OFFICE and its rows also counted under unknown_office_folded.
 */
export function resolveCommonLabels(
  group: SourceCodes,
  rows: number,
  offices: OfficeDirectory,
  ownSeries: ReadonlySet<string>,
  quality: QualityTally,
): CommonLabels {
  const region = offices.regionOf(group.office);
  let office = group.office;
  if (region === null) {
    quality.add('unknown_office', rows);
    if (!ownSeries.has(office)) {
      quality.add('unknown_office_folded', rows);
      office = FOLDED_OFFICE;
    }
  }
  const benefit = benefitOf(group.benefitCode, group.multiRegion);
  if (benefit === null) quality.add('unknown_benefit', rows);
  return {
    region: region ?? UNKNOWN_REGION,
    office,
    benefit: benefit ?? 'other',
    cause: causeOf(group.causeCode),
  };
}

export function renderCommonLabels(labels: CommonLabels, extra: ReadonlyArray<readonly [string, string]> = []): string {
  return renderLabels([
    ['region', labels.region],
    ['office', labels.office],
    ['benefit', labels.benefit],
    ['cause', labels.cause],
    ...extra,
  ]);
}

/** Entries of a map sorted by key, so that output is stable from one refresh to the next. */
export function sortedEntries<V>(map: ReadonlyMap<string, V>): Array<[string, V]> {
  return [...map].sort(([a], [b]) => codePointOrder(a, b));
}

/** The accumulator of a label set, created on first use. */
export function seriesFor<V>(series: Map<string, V>, labels: string, create: () => V): V {
  let target = series.get(labels);
  if (target === undefined) {
    target = create();
    series.set(labels, target);
  }
  return target;
}

/** The outcome label of a decided or closed group; unknown codes become `other` and are counted. */
export function outcomeLabel(
  code: string | null,
  outcomeOf: (code: string | null) => string | null,
  rows: number,
  quality: QualityTally,
): string {
  const outcome = outcomeOf(code);
  if (outcome !== null) return outcome;
  quality.add('unknown_outcome', rows);
  return UNKNOWN_OUTCOME;
}

export function addTo(counts: Map<string, number>, key: string, value: number): void {
  counts.set(key, (counts.get(key) ?? 0) + value);
}
