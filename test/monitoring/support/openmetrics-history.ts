/**
 * Builds one-sample-per-day history for `promtool tsdb create-blocks-from openmetrics` out of
 * the exporter's own `snapshot --reference-date` outputs: each day's samples get the scrape
 * job's labels and that day's timestamp, and the families are merged so each appears once.
 */

export interface DaySnapshot {
  /** OpenMetrics text of `dasmo-exporter snapshot`, ending with `# EOF`. */
  readonly text: string;
  /** Unix seconds to stamp on its samples, whole. */
  readonly timestamp: number;
}

interface Family {
  readonly meta: string[];
  readonly samples: string[];
}

/** `name{labels} value` -> `name{labels,extra} value timestamp`. */
function stamp(line: string, extraLabels: string, timestamp: number): string {
  const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{.*\})?\s+(\S+)$/.exec(line);
  if (match === null) throw new Error(`unexpected sample line: ${line}`);
  const [, name, braces, value] = match;
  const inner = braces === undefined ? '' : braces.slice(1, -1);
  const labels = inner === '' ? extraLabels : `${inner},${extraLabels}`;
  return `${name ?? ''}{${labels}} ${value ?? ''} ${timestamp}`;
}

export function mergeHistory(days: readonly DaySnapshot[], extraLabels: string): string {
  const families = new Map<string, Family>();
  for (const day of days) {
    let current: Family | undefined;
    for (const line of day.text.split('\n')) {
      if (line === '' || line === '# EOF') continue;
      if (line.startsWith('# TYPE ')) {
        const name = line.split(' ')[2] ?? '';
        current = families.get(name);
        if (current === undefined) {
          current = { meta: [line], samples: [] };
          families.set(name, current);
        }
        continue;
      }
      if (line.startsWith('#')) {
        if (current !== undefined && current.samples.length === 0 && !current.meta.includes(line)) current.meta.push(line);
        continue;
      }
      if (current === undefined) throw new Error(`sample before any # TYPE: ${line}`);
      current.samples.push(stamp(line, extraLabels, day.timestamp));
    }
  }
  const out: string[] = [];
  for (const family of families.values()) out.push(family.meta.join('\n'), family.samples.join('\n'));
  out.push('# EOF', '');
  return out.filter((chunk, index) => chunk !== '' || index === out.length - 1).join('\n');
}

/**
 * The same history with every sample's timestamp in milliseconds (VictoriaMetrics' Prometheus
 * import): each sample line ends with its whole-second stamp, so three zeros make milliseconds.
 */
export function inMilliseconds(history: string): string {
  return history
    .split('\n')
    .map((line) => (line === '' || line.startsWith('#') ? line : `${line}000`))
    .join('\n');
}
