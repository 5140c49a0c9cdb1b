/**
 * A small, independent OpenMetrics reader for tests: sample name + labels (sorted) -> value,
 * plus the declared TYPE of each family. Not the code under test.
 */

export interface ParsedExposition {
  readonly samples: Map<string, number>;
  readonly types: Map<string, string>;
  readonly endsWithEof: boolean;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (\S+)( \S+)?$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

export function seriesKey(name: string, labels: Readonly<Record<string, string>> = {}): string {
  const pairs = Object.keys(labels)
    .sort()
    .map((key) => `${key}=${JSON.stringify(labels[key])}`);
  return `${name}{${pairs.join(',')}}`;
}

function unescape(value: string): string {
  return value.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
}

export function parseOpenMetrics(text: string): ParsedExposition {
  const samples = new Map<string, number>();
  const types = new Map<string, string>();
  const lines = text.split('\n');
  for (const line of lines) {
    if (line === '' || line === '# EOF') continue;
    if (line.startsWith('# TYPE ')) {
      const [, , name, type] = line.split(' ');
      types.set(name as string, type as string);
      continue;
    }
    if (line.startsWith('#')) continue;
    const match = SAMPLE.exec(line);
    if (match === null) throw new Error(`not an OpenMetrics sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const [, labelName = '', labelValue = ''] of (match[3] ?? '').matchAll(LABEL)) labels[labelName] = unescape(labelValue);
    const key = seriesKey(match[1] ?? '', labels);
    if (samples.has(key)) throw new Error(`duplicate series ${key}`);
    samples.set(key, Number(match[4]));
  }
  return { samples, types, endsWithEof: text.endsWith('# EOF\n') };
}

/** The distinct values of one label among the samples of `name`. */
export function labelValues(parsed: ParsedExposition, name: string, label: string): string[] {
  const values = new Set<string>();
  for (const key of parsed.samples.keys()) {
    if (!key.startsWith(`${name}{`)) continue;
    const match = new RegExp(`${label}="((?:[^"\\\\]|\\\\.)*)"`).exec(key);
    if (match) values.add(JSON.parse(`"${match[1]}"`) as string);
  }
  return [...values].sort();
}
