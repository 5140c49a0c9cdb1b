/**
 * The ages the exporter's contract counts in. Collectors, snapshot, backfill, demo data and the
 * monitoring config all read them from here, below every one of them.
 */

/** Upper bounds (inclusive, in days) of the backlog-age gauge histograms; +Inf is implied. */
export const AGE_BUCKET_DAYS: readonly number[] = [7, 15, 30, 60, 90, 120, 180, 365];

/** A pending item older than this many days counts as "alta criticita" for SR41 flows. */
export const SR41_CRITICAL_AGE_DAYS = 150;

export const SECONDS_PER_DAY = 86_400;
