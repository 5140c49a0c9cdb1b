import { SECONDS_PER_DAY } from '../contract/ages';
import type { QualityTally } from './data-quality';
import type { DeclaredFamily } from './declared-family';
import { addAges, emptyAgeDistribution, maxOrNull } from './family-samples';
import { renderCommonLabels, resolveCommonLabels, seriesFor, type SourceCodes, sortedEntries } from './label-keys';
import type { OfficeDirectory } from './office-directory';
import type { Sample } from './openmetrics';
import { unknownOfficesWithSeries } from './unknown-offices';
import { DATE_PROBLEMS } from '../collectors/date-problems';
import { at } from '../common/checked-index';

/** What an applications or SR41 group has besides its own figures: its codes, and its pending ages. */
interface PendingGroup extends SourceCodes {
  readonly missingDate: number;
  /** Rows left out for each of DATE_PROBLEMS, in its order. */
  readonly dateProblems: readonly number[];
  readonly received: number;
  readonly ageBuckets: readonly number[];
  readonly ageSumDays: number;
  readonly oldestDays: number | null;
}

/** The accumulator of one label set: what every pending source counts, and the source's own figures. */
export interface PendingSeries {
  received: number;
  ages: ReturnType<typeof emptyAgeDistribution>;
  oldestDays: number | null;
}

/** How one source's groups are labelled and added up, beyond what every pending source shares. */
export interface SeriesShape<Group extends PendingGroup, Series extends PendingSeries> {
  create(): Series;
  /** Label pairs after region, office, benefit and cause, counting unknown codes in `quality`. */
  extraLabels(group: Group, quality: QualityTally): ReadonlyArray<readonly [string, string]>;
  /** The group's pending count over all phases. */
  pending(group: Group): number;
  /** Adds the group's own figures. */
  add(target: Series, group: Group, quality: QualityTally): void;
}

/** Merges source groups into label sets, sorted by labels; only label sets that received something appear. */
export function aggregateGroups<Group extends PendingGroup, Series extends PendingSeries>(
  groups: readonly Group[],
  offices: OfficeDirectory,
  quality: QualityTally,
  shape: SeriesShape<Group, Series>,
): Array<[string, Series]> {
  const series = new Map<string, Series>();
  const ownSeries = unknownOfficesWithSeries(groups, offices);
  for (const group of groups) {
    quality.add('missing_date', group.missingDate);
    DATE_PROBLEMS.forEach((problem, index) => quality.add(problem, at(group.dateProblems, index)));
    if (group.received === 0) continue;
    const extra = shape.extraLabels(group, quality);
    const labels = renderCommonLabels(resolveCommonLabels(group, group.received, offices, ownSeries, quality), extra);
    const target = seriesFor(series, labels, shape.create);
    target.received += group.received;
    addAges(target.ages, group.ageBuckets, shape.pending(group), group.ageSumDays);
    target.oldestDays = maxOrNull(target.oldestDays, group.oldestDays);
    shape.add(target, group, quality);
  }
  return sortedEntries(series);
}

/** The age of a label set's oldest pending item, only where something is pending. */
export function oldestPendingSample(family: DeclaredFamily, labels: string, series: PendingSeries): Sample | undefined {
  if (series.oldestDays === null || series.ages.count === 0) return undefined;
  return family.sample(labels, series.oldestDays * SECONDS_PER_DAY);
}
