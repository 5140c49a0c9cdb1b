import { AGE_BUCKET_DAYS, SECONDS_PER_DAY } from '../contract/ages';
import { joinLabels, renderLabels, type Sample } from './openmetrics';
import { at } from '../common/checked-index';

/** A label set's pending-age distribution, in days, as the SQL computed it. */
export interface AgeDistribution {
  /** Cumulative counts at each AGE_BUCKET_DAYS bound. */
  readonly buckets: readonly number[];
  readonly count: number;
  readonly sumDays: number;
}

export function emptyAgeDistribution(): { buckets: number[]; count: number; sumDays: number } {
  return { buckets: AGE_BUCKET_DAYS.map(() => 0), count: 0, sumDays: 0 };
}

/** The `le` label value of bucket i, in seconds, in OpenMetrics' canonical float form. */
export function bucketBoundLabel(index: number): string {
  const days = AGE_BUCKET_DAYS[index];
  return days === undefined ? '+Inf' : `${days * SECONDS_PER_DAY}.0`;
}

/** `le="..."` for every bound, then +Inf: the same few strings for every label set. */
const LE_LABELS: readonly string[] = [...AGE_BUCKET_DAYS.keys(), AGE_BUCKET_DAYS.length].map((index) =>
  renderLabels([['le', bucketBoundLabel(index)]]),
);

/** `_bucket` samples for every bound and +Inf, then `_gcount` and `_gsum`, in seconds. */
export function gaugeHistogramSamples(family: string, labels: string, ages: AgeDistribution): Sample[] {
  const bucket = `${family}_bucket`;
  const samples: Sample[] = ages.buckets.map((value, index) => ({
    name: bucket,
    labels: joinLabels(labels, at(LE_LABELS, index)),
    value,
  }));
  samples.push(
    { name: bucket, labels: joinLabels(labels, at(LE_LABELS, AGE_BUCKET_DAYS.length)), value: ages.count },
    { name: `${family}_gcount`, labels, value: ages.count },
    { name: `${family}_gsum`, labels, value: ages.sumDays * SECONDS_PER_DAY },
  );
  return samples;
}

/** One sample per value of an extra label, in the given order. */
export function samplesByLabel(
  name: string,
  labels: string,
  labelName: string,
  values: ReadonlyArray<readonly [string, number]>,
): Sample[] {
  return values.map(([labelValue, value]) => ({
    name,
    labels: joinLabels(labels, renderLabels([[labelName, labelValue]])),
    value,
  }));
}

/** Adds a group's cumulative bucket counts into an accumulator of the same shape. */
export function addAges(
  into: { buckets: number[]; count: number; sumDays: number },
  buckets: readonly number[],
  count: number,
  sumDays: number,
): void {
  buckets.forEach((value, index) => {
    into.buckets[index] = (into.buckets[index] ?? 0) + value;
  });
  into.count += count;
  into.sumDays += sumDays;
}

export function maxOrNull(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.max(a, b);
}

export const DAILY = 'Daily figure for the reference day (data as of the end of that day).';
