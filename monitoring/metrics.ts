/**
 * The metric names the exporter exposes (the metrics contract), plus the series Prometheus
 * itself writes for the scrape job. The dashboard lint rejects any other name.
 */

/** Daily data: they change once a day and are read through `last_over_time`. */
const DATA_METRICS = [
  'dasmo_applications_pending',
  'dasmo_applications_pending_age_seconds_bucket',
  'dasmo_applications_pending_age_seconds_gcount',
  'dasmo_applications_pending_age_seconds_gsum',
  'dasmo_applications_oldest_pending_age_seconds',
  'dasmo_applications_received_total',
  'dasmo_applications_decided_total',
  'dasmo_sr41_flows_pending',
  'dasmo_sr41_flows_pending_critical',
  'dasmo_sr41_workers_pending',
  'dasmo_sr41_pending_age_seconds_bucket',
  'dasmo_sr41_pending_age_seconds_gcount',
  'dasmo_sr41_pending_age_seconds_gsum',
  'dasmo_sr41_oldest_pending_age_seconds',
  'dasmo_sr41_flows_received_total',
  'dasmo_sr41_flows_closed_total',
  'dasmo_sr41_workers_paid_total',
  'dasmo_sr41_paid_euros_total',
  'dasmo_office_info',
  'dasmo_snapshot_reference_date_seconds',
  'dasmo_region_snapshot_reference_date_seconds',
  'dasmo_data_quality_rows',
] as const;

/** The exporter's own health, read live. */
const SELF_METRICS = [
  'dasmo_source_up',
  'dasmo_region_source_up',
  'dasmo_source_refused',
  'dasmo_refresh_last_success_timestamp_seconds',
  'dasmo_region_refresh_last_success_timestamp_seconds',
  'dasmo_refresh_duration_seconds',
  'dasmo_refresh_failures_total',
  'dasmo_snapshot_series',
  'dasmo_build_info',
  'process_resident_memory_bytes',
  'process_cpu_seconds_total',
] as const;

/** Written by Prometheus for every scrape of the job. */
const SCRAPE_METRICS = ['up', 'scrape_duration_seconds', 'scrape_samples_scraped'] as const;

export type MetricName =
  | (typeof DATA_METRICS)[number]
  | (typeof SELF_METRICS)[number]
  | (typeof SCRAPE_METRICS)[number];

export const KNOWN_METRICS: ReadonlySet<string> = new Set<string>([
  ...DATA_METRICS,
  ...SELF_METRICS,
  ...SCRAPE_METRICS,
]);

export const DAILY_DATA_METRICS: ReadonlySet<string> = new Set<string>(DATA_METRICS);
