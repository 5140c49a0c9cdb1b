/**
 * Days "written exactly as the stack's live scraping would store them", for the series of one
 * office: live, VictoriaMetrics scrapes the exporter every minute and stores the snapshot in
 * force at that minute, so a reference day's values are stored once a minute from its refresh
 * instant until the next one. This reads the backfilled history (`backfill --out`, one sample
 * per day, series by series, day by day) and adds the samples of every other minute of the
 * last days, for the series of `office` only: all ~250,000 series at one sample a minute would
 * be ~10^10 samples for 30 days, far beyond this machine. The result goes both to an
 * OpenMetrics file for promtool and to VictoriaMetrics' import endpoint.
 */
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

export const LIVE_SCRAPE_SECONDS = 60;
/** Text posted to VictoriaMetrics per request. */
const IMPORT_CHUNK_BYTES = 16 * 1024 * 1024;

export interface LiveScrapePlan {
  /** The backfilled history, as `backfill --out` wrote it. */
  readonly historyFile: string;
  readonly office: string;
  /** Unix seconds: scraped samples start here ... */
  readonly fromSeconds: number;
  /** ... and end before here (the benchmark's "now"). */
  readonly untilSeconds: number;
  readonly openMetricsFile: string;
  readonly importUrl: string;
}

export interface LiveScrapeFigures {
  readonly series: number;
  readonly samples: number;
}

const SAMPLE = /^(\S+?(?:\{.*\})?) (\S+) (\d+)$/;

class ImportBatches {
  private text: string[] = [];
  private bytes = 0;

  constructor(private readonly url: string) {}

  async add(lines: readonly string[]): Promise<void> {
    for (const line of lines) {
      this.text.push(line);
      this.bytes += line.length + 1;
    }
    if (this.bytes >= IMPORT_CHUNK_BYTES) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.text.length === 0) return;
    const body = `${this.text.join('\n')}\n`;
    this.text = [];
    this.bytes = 0;
    const response = await fetch(this.url, { method: 'POST', body });
    if (!response.ok) throw new Error(`VictoriaMetrics refused live samples: ${response.status} ${(await response.text()).split('\n')[0] ?? ''}`);
  }
}

async function write(out: WriteStream, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

export async function writeLiveScrapes(plan: LiveScrapePlan): Promise<LiveScrapeFigures> {
  const officeLabel = `office="${plan.office}"`;
  const out = createWriteStream(plan.openMetricsFile);
  const batches = new ImportBatches(plan.importUrl);
  let pendingMeta: string[] = [];
  let series = 0;
  let samples = 0;
  // The previous daily sample of the current series, expanded once the next one (or another series) is read.
  let previous: { key: string; value: string; stamp: number } | undefined;

  /** A series' last daily sample stays in force for a day at most: its next refresh drops it. */
  const seriesEnd = (): number => Math.min(plan.untilSeconds, (previous?.stamp ?? 0) + 86_400);
  const expand = async (until: number): Promise<void> => {
    if (previous === undefined) return;
    const forPromtool: string[] = [];
    const forImport: string[] = [];
    for (let t = previous.stamp + LIVE_SCRAPE_SECONDS; t < until; t += LIVE_SCRAPE_SECONDS) {
      if (t < plan.fromSeconds) continue;
      forPromtool.push(`${previous.key} ${previous.value} ${t}\n`);
      forImport.push(`${previous.key} ${previous.value} ${t * 1000}`);
    }
    if (forPromtool.length === 0) return;
    samples += forPromtool.length;
    await write(out, forPromtool.join(''));
    await batches.add(forImport);
  };

  for await (const line of createInterface({ input: createReadStream(plan.historyFile), crlfDelay: Infinity })) {
    if (line.startsWith('#')) {
      await expand(seriesEnd());
      previous = undefined;
      if (line.startsWith('# TYPE ')) pendingMeta = [];
      if (line !== '# EOF') pendingMeta.push(line);
      continue;
    }
    if (!line.includes(officeLabel)) continue;
    const match = SAMPLE.exec(line);
    if (match === null) throw new Error(`unexpected line in ${plan.historyFile}: ${line.slice(0, 200)}`);
    const [, key = '', value = '', stampText = ''] = match;
    const stamp = Number(stampText);
    if (previous !== undefined && previous.key === key) await expand(stamp);
    else {
      await expand(seriesEnd());
      series += 1;
    }
    if (pendingMeta.length > 0) {
      await write(out, `${pendingMeta.join('\n')}\n`);
      pendingMeta = [];
    }
    previous = { key, value, stamp };
  }
  await expand(seriesEnd());
  await write(out, '# EOF\n');
  out.end();
  await once(out, 'finish');
  await batches.flush();
  return { series, samples };
}
