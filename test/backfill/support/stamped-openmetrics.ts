/**
 * An independent reader of timestamped OpenMetrics (the backfill's output) for tests: the
 * samples of each timestamp, keyed like test/support/parse-openmetrics.ts, and the checks
 * promtool relies on: each family declared once, each series in increasing time order, # EOF.
 */
import { seriesKey } from '../../support/parse-openmetrics';
import { at } from '../../../src/common/checked-index';

export interface StampedExposition {
  /** timestamp (unix seconds) -> series key -> value */
  readonly days: Map<number, Map<string, number>>;
  readonly types: Map<string, string>;
  readonly lines: number;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (\S+) (\d+)$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

function unescape(value: string): string {
  return value.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
}

export function parseStamped(text: string, dropLabels: readonly string[] = []): StampedExposition {
  if (!text.endsWith('# EOF\n')) throw new Error('the document does not end with # EOF');
  const days = new Map<number, Map<string, number>>();
  const types = new Map<string, string>();
  const lastTime = new Map<string, number>();
  let family = '';
  let lines = 0;
  for (const line of text.slice(0, -'# EOF\n'.length).split('\n')) {
    if (line === '') continue;
    lines += 1;
    if (line.startsWith('# TYPE ')) {
      const [, , name, type] = line.split(' ');
      if (types.has(name as string)) throw new Error(`family ${name} declared twice`);
      types.set(name as string, type as string);
      family = name as string;
      continue;
    }
    if (line.startsWith('#')) continue;
    const match = SAMPLE.exec(line);
    if (match === null) throw new Error(`not a timestamped sample line: ${line}`);
    const name = at(match, 1);
    if (!name.startsWith(family)) throw new Error(`${name} outside its family ${family}`);
    const labels: Record<string, string> = {};
    for (const pair of (match[3] ?? '').matchAll(LABEL)) labels[at(pair, 1)] = unescape(at(pair, 2));
    const fullKey = seriesKey(name, labels);
    const time = Number(match[5]);
    const previous = lastTime.get(fullKey);
    if (previous !== undefined && previous >= time) throw new Error(`${fullKey} goes back in time at ${time}`);
    lastTime.set(fullKey, time);
    for (const drop of dropLabels) delete labels[drop];
    let day = days.get(time);
    if (day === undefined) days.set(time, (day = new Map()));
    day.set(seriesKey(name, labels), Number(match[4]));
  }
  return { days, types, lines };
}

/** The differences between two sample maps, at most `limit` of them, for readable failures. */
export function differences(actual: ReadonlyMap<string, number>, expected: ReadonlyMap<string, number>, limit = 10): string[] {
  const found: string[] = [];
  for (const [key, value] of expected) {
    const got = actual.get(key);
    if (!Object.is(got, value)) found.push(`${key}: expected ${value}, got ${got}`);
    if (found.length >= limit) return found;
  }
  for (const key of actual.keys()) {
    if (!expected.has(key)) found.push(`${key}: unexpected`);
    if (found.length >= limit) break;
  }
  return found;
}
