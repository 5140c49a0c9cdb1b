import type { MetricFamily, Sample } from '../snapshot/openmetrics';

/** One series over the days of a backfill: values from its first day on, NaN where absent. */
interface SeriesHistory {
  readonly name: string;
  readonly labels: string;
  readonly firstDay: number;
  readonly values: Float64Array;
}

interface FamilyHistory {
  /** The family's metadata (name, type, unit, help) as the per-day snapshot declares it. */
  readonly family: Omit<MetricFamily, 'samples'>;
  /** In order of first appearance. */
  readonly series: readonly SeriesHistory[];
}

interface TrackedSeries extends SeriesHistory {
  /** Index among the samples of the last day the family was added. */
  position: number;
}

interface TrackedFamily {
  readonly family: Omit<MetricFamily, 'samples'>;
  readonly series: TrackedSeries[];
  readonly index: Map<string, TrackedSeries>;
  /** The series of the last added day, in sample order. */
  previous: TrackedSeries[];
}

/**
 * The daily snapshots of a backfill turned around: per family, per series, per day, which is
 * the order promtool needs (a family's samples together, each series' samples in time order).
 * A series absent on a day holds NaN there; no snapshot sample is ever NaN (every value is a
 * count or a sum of finite numbers), so NaN cannot be mistaken for a value.
 */
export class SnapshotHistory {
  private readonly families = new Map<string, TrackedFamily>();
  private samples = 0;

  constructor(readonly dayCount: number) {}

  addDay(day: number, families: readonly MetricFamily[]): void {
    for (const { samples, ...family } of families) {
      let target = this.families.get(family.name);
      if (target === undefined) {
        target = { family, series: [], index: new Map(), previous: [] };
        this.families.set(family.name, target);
      } else if (target.family.type !== family.type || target.family.help !== family.help || target.family.unit !== family.unit) {
        throw new Error(`family ${family.name} changed its metadata on day ${day}`);
      }
      this.addSamples(target, day, samples);
    }
  }

  /**
   * A family's samples come in the same order day after day, with a few series appearing or
   * disappearing, so each sample is first compared with the series that followed the last
   * match the day before; only on a change is the series looked up by name and labels
   * (hashing every label string of every day costs more than the rest of the backfill).
   */
  private addSamples(target: TrackedFamily, day: number, samples: readonly Sample[]): void {
    const order: TrackedSeries[] = new Array<TrackedSeries>(samples.length);
    let next = 0;
    samples.forEach((sample, position) => {
      // A match is always checked by name and labels: `next` only makes the first guess good.
      let series: TrackedSeries | undefined = target.previous[next];
      if (series === undefined || series.name !== sample.name || series.labels !== sample.labels) {
        const key = `${sample.name}{${sample.labels}`;
        series = target.index.get(key);
        if (series === undefined) {
          series = {
            name: sample.name,
            labels: sample.labels,
            firstDay: day,
            values: new Float64Array(this.dayCount - day).fill(NaN),
            position: -1,
          };
          target.index.set(key, series);
          target.series.push(series);
        }
      }
      if (series.position >= next) next = series.position + 1;
      series.position = position;
      series.values[day - series.firstDay] = sample.value;
      order[position] = series;
    });
    target.previous = order;
    this.samples += samples.length;
  }

  get sampleCount(): number {
    return this.samples;
  }

  get seriesCount(): number {
    let count = 0;
    for (const family of this.families.values()) count += family.series.length;
    return count;
  }

  familyHistories(): FamilyHistory[] {
    return [...this.families.values()].map(({ family, series }) => ({ family, series }));
  }
}
