/** Upper bounds (inclusive, in days) of the backlog-age gauge histograms; +Inf is implied. */
export const AGE_BUCKET_DAYS: readonly number[] = [7, 15, 30, 60, 90, 120, 180, 365];

export const SECONDS_PER_DAY = 86_400;

/** A pending item older than this many days counts as "alta criticita" for SR41 flows. */
export const SR41_CRITICAL_AGE_DAYS = 150;

/** The `le` label value of bucket i, in seconds, in OpenMetrics' canonical float form. */
export function bucketBoundLabel(index: number): string {
  const days = AGE_BUCKET_DAYS[index];
  return days === undefined ? '+Inf' : `${days * SECONDS_PER_DAY}.0`;
}
