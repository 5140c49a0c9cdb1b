import { AGE_BUCKET_DAYS } from '../contract/ages';
import type { NumberColumn } from './columns';
import type { DateProblemCounts } from './date-problem-rows';
import { MilestoneSweep } from './milestone-sweep';
import type { PendingAges } from './pending-ages';
import type { GroupFigures, Measure } from './replay-source';
import type { SourceHistory } from './source-history';
import { addAt, at } from '../common/checked-index';

const NO_AGES: readonly number[] = Object.freeze(AGE_BUCKET_DAYS.map(() => 0));
/** Index of the critical age among the sweep's bounds, after the age buckets. */
const CRITICAL = AGE_BUCKET_DAYS.length;

/**
 * Replays a source history day by day: each `next()` returns the groups of the next reference
 * day exactly as the source's per-day collector returns them for that day.
 */
export class SourceDays<K, G> {
  private readonly sweep: MilestoneSweep;
  private readonly dateProblems: DateProblemCounts;
  private readonly figures: CurrentFigures;

  /** The day the last `next()` replayed (-1 before the first). */
  day = -1;

  constructor(private readonly history: SourceHistory<K, G>) {
    const critical = history.source.criticalAgeDays;
    const bounds = critical === null ? AGE_BUCKET_DAYS : [...AGE_BUCKET_DAYS, critical];
    this.sweep = new MilestoneSweep(history.rows, history.groups.length, bounds);
    this.dateProblems = history.dateProblemRows.counts(history.groups.length);
    this.figures = new CurrentFigures(history, this.sweep, this.dateProblems);
  }

  get rowCount(): number {
    return this.history.rows.length;
  }

  next(): G[] {
    this.day += 1;
    const { onEnter, onClose } = this.figures;
    this.dateProblems.advance();
    if (this.history.measures.length === 0) this.sweep.advance();
    else this.sweep.advance(onEnter, onClose);
    const { source, groups: keys } = this.history;
    const groups: G[] = [];
    keys.forEach((key, g) => {
      if (this.figures.select(g)) groups.push(source.group(key, this.figures));
    });
    return groups;
  }
}

/** The figures of one group at a time, refilled in place for each group of each day. */
class CurrentFigures implements GroupFigures {
  missingDate = 0;
  dateProblems: readonly number[] = [];
  received = 0;
  closed = 0;
  pendingInPhase = 0;
  pendingBeforePhase = 0;
  ageBuckets = NO_AGES;
  ageSumDays = 0;
  oldestDays: number | null = null;
  pendingCritical = 0;
  private group = 0;
  private readonly units: readonly NumberColumn[];
  private readonly measures: readonly Measure[];
  /** Per measure, per group: the units of the rows received so far, and of those closed. */
  private readonly receivedUnits: Float64Array[];
  private readonly closedUnits: Float64Array[];

  constructor(
    private readonly history: SourceHistory<unknown, unknown>,
    private readonly sweep: MilestoneSweep,
    private readonly problemCounts: DateProblemCounts,
  ) {
    const groups = history.groups.length;
    this.units = history.measureUnits;
    this.measures = history.measures;
    this.receivedUnits = history.measures.map(() => new Float64Array(groups));
    this.closedUnits = history.measures.map(() => new Float64Array(groups));
  }

  readonly onEnter = (row: number, g: number): void => addUnits(this.receivedUnits, this.units, row, g);
  readonly onClose = (row: number, g: number): void => addUnits(this.closedUnits, this.units, row, g);

  /** Fills in group g's figures for the sweep's day; false when the group has no row that day. */
  select(g: number): boolean {
    const { received, closed, inPhase } = this.sweep;
    this.received = at(received, g);
    this.missingDate = at(this.history.missingDate, g);
    this.dateProblems = this.problemCounts.of(g);
    if (this.received === 0 && this.missingDate === 0 && this.dateProblems.every((rows) => rows === 0)) return false;
    this.group = g;
    this.closed = at(closed, g);
    this.pendingInPhase = at(inPhase, g);
    this.pendingBeforePhase = this.received - this.closed - this.pendingInPhase;
    const ages: PendingAges | undefined = this.sweep.agesOf(g);
    this.ageBuckets = ages === undefined ? NO_AGES : AGE_BUCKET_DAYS.map((_, index) => ages.atMost(index));
    this.ageSumDays = ages === undefined ? 0 : ages.ageSum();
    this.oldestDays = ages === undefined ? null : ages.oldestAge();
    this.pendingCritical = ages === undefined || this.history.source.criticalAgeDays === null ? 0 : ages.count - ages.atMost(CRITICAL);
    return true;
  }

  receivedSum(measure: number): number {
    return at(this.measures, measure).toNumber(at(at(this.receivedUnits, measure), this.group));
  }

  closedSum(measure: number): number {
    return at(this.measures, measure).toNumber(at(at(this.closedUnits, measure), this.group));
  }
}

function addUnits(sums: readonly Float64Array[], units: readonly NumberColumn[], row: number, g: number): void {
  sums.forEach((sum, m) => addAt(sum, g, at(units, m).get(row)));
}
