import { type ParsedExposition, parseOpenMetrics, seriesKey } from '../../support/parse-openmetrics';
import { request, type RequestOptions } from './http-client';

export interface Scrape {
  readonly status: number;
  readonly text: string;
  readonly parsed: ParsedExposition;
  /** The snapshot part: everything before the self-metrics (which start with prom-client's process metrics). */
  readonly snapshotText: string;
  value(name: string, labels?: Record<string, string>): number | undefined;
}

const SELF_METRICS_START = '# HELP process_cpu_user_seconds ';

export async function scrape(baseUrl: string, options: RequestOptions = {}): Promise<Scrape> {
  const response = await request(`${baseUrl}/metrics`, options);
  const parsed = parseOpenMetrics(response.text);
  const start = response.text.indexOf(SELF_METRICS_START);
  if (start < 0) throw new Error('no self-metrics in the document');
  return {
    status: response.status,
    text: response.text,
    parsed,
    snapshotText: response.text.slice(0, start),
    value: (name, labels = {}) => parsed.samples.get(seriesKey(name, labels)),
  };
}

export const SOURCES = ['applications', 'sr41', 'offices'] as const;
