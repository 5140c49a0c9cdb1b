/**
 * The OpenMetrics 1.0.0 text model and its renderer. Families are built once per snapshot and
 * rendered once; label strings are pre-rendered (`a="x",b="y"`, already escaped) because most
 * samples of a family share their group's labels.
 */

export type MetricType = 'gauge' | 'counter' | 'gaugehistogram' | 'info';

export interface Sample {
  /** The full sample name (e.g. `dasmo_applications_received_total`). */
  readonly name: string;
  /** Rendered label pairs without braces, '' for none. */
  readonly labels: string;
  readonly value: number;
}

export interface MetricFamily {
  readonly name: string;
  readonly type: MetricType;
  readonly help: string;
  readonly unit?: string;
  readonly samples: readonly Sample[];
}

export const OPENMETRICS_CONTENT_TYPE = 'application/openmetrics-text; version=1.0.0; charset=utf-8';

const NEEDS_ESCAPE = /[\\\n"]/;

export function escapeLabelValue(value: string): string {
  if (!NEEDS_ESCAPE.test(value)) return value;
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function escapeHelp(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

/** Renders label pairs in the given order; values are escaped, names must be valid already. */
export function renderLabels(pairs: ReadonlyArray<readonly [string, string]>): string {
  return pairs.map(([name, value]) => `${name}="${escapeLabelValue(value)}"`).join(',');
}

/** Appends more rendered pairs to a rendered label string. */
export function joinLabels(base: string, extra: string): string {
  if (base === '') return extra;
  return extra === '' ? base : `${base},${extra}`;
}

export function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  if (Object.is(value, -0)) return '0';
  return String(value);
}

export function renderFamilyHeader(family: MetricFamily): string {
  let header = `# TYPE ${family.name} ${family.type}\n`;
  if (family.unit !== undefined) header += `# UNIT ${family.name} ${family.unit}\n`;
  return `${header}# HELP ${family.name} ${escapeHelp(family.help)}\n`;
}

export function renderSample(sample: Sample, timestampSeconds?: number): string {
  const labels = sample.labels === '' ? '' : `{${sample.labels}}`;
  const timestamp = timestampSeconds === undefined ? '' : ` ${timestampSeconds}`;
  return `${sample.name}${labels} ${formatValue(sample.value)}${timestamp}\n`;
}

/** The families as OpenMetrics text, without the closing `# EOF` (the caller may append more). */
export function renderFamilies(families: readonly MetricFamily[]): string {
  return [...renderedSlices(families, Infinity)].join('');
}

/**
 * The same text as UTF-8 bytes, rendered in slices of about `samplesPerSlice` samples: no
 * string ever holds the whole document (30 MB at INPS scale).
 */
export function renderFamiliesToBytes(families: readonly MetricFamily[], samplesPerSlice = 8_192): Buffer {
  const chunks: Buffer[] = [];
  for (const slice of renderedSlices(families, samplesPerSlice)) chunks.push(Buffer.from(slice, 'utf8'));
  return Buffer.concat(chunks);
}

function* renderedSlices(families: readonly MetricFamily[], samplesPerSlice: number): Generator<string> {
  let parts: string[] = [];
  let samples = 0;
  for (const family of families) {
    parts.push(renderFamilyHeader(family));
    for (const sample of family.samples) {
      parts.push(renderSample(sample));
      samples += 1;
      if (samples >= samplesPerSlice) {
        yield parts.join('');
        parts = [];
        samples = 0;
      }
    }
  }
  if (parts.length > 0) yield parts.join('');
}

export const EOF_LINE = '# EOF\n';
