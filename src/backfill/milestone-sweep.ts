import type { DayBuckets } from './columns';
import type { MilestoneRows } from './milestone-rows';
import { PendingAges } from './pending-ages';
import { addAt, at } from '../common/checked-index';

type RowHook = (row: number, group: number) => void;

/**
 * Running per-group counts over the days of a backfill: rows received, closed and in their
 * second phase, and the pending rows by arrival day. `advance()` applies one day's events;
 * the counts then describe the end of that day, as the per-day SQL sees it.
 */
export class MilestoneSweep {
  readonly received: Float64Array;
  readonly closed: Float64Array;
  readonly inPhase: Float64Array;
  private readonly ages: Array<PendingAges | undefined>;
  private readonly events: { enter: DayBuckets; phase: DayBuckets; close: DayBuckets };
  private day = -1;

  constructor(
    private readonly rows: MilestoneRows,
    groupCount: number,
    bounds: readonly number[],
  ) {
    this.received = new Float64Array(groupCount);
    this.closed = new Float64Array(groupCount);
    this.inPhase = new Float64Array(groupCount);
    this.ages = buildAges(rows, groupCount, bounds);
    this.events = rows.buckets();
  }

  agesOf(group: number): PendingAges | undefined {
    const ages = this.ages[group];
    ages?.moveTo(this.day);
    return ages;
  }

  /** The ages of a group known to have a dated row pending on some day. */
  private datedAges(group: number): PendingAges {
    const ages = this.ages[group];
    if (ages === undefined) throw new Error(`group ${group} has a dated pending row but no ages`);
    return ages;
  }

  /** Applies the next day's arrivals, phase starts and closings; the hooks see each row once. */
  advance(onEnter?: RowHook, onClose?: RowHook): number {
    const day = (this.day += 1);
    if (day >= this.rows.dayCount) throw new Error('the sweep is past its last day');
    const { group, arrived, phase } = this.rows;
    for (const row of this.events.enter.on(day)) {
      const g = group.get(row);
      addAt(this.received, g, 1);
      const from = arrived.get(row);
      if (this.rows.everPending(row)) this.datedAges(g).add(from, 1, day);
      onEnter?.(row, g);
    }
    for (const row of this.events.phase.on(day)) {
      const g = group.get(row);
      addAt(this.inPhase, g, 1);
    }
    for (const row of this.events.close.on(day)) {
      const g = group.get(row);
      addAt(this.closed, g, 1);
      const from = arrived.get(row);
      if (this.rows.everPending(row)) this.datedAges(g).remove(from, 1, day);
      if (phase.get(row) < day) addAt(this.inPhase, g, -1);
      onClose?.(row, g);
    }
    return day;
  }
}

/**
 * One PendingAges per group that has a dated row pending on some day. Its dense slots start
 * at the group's earliest arrival, but no earlier than the largest bound before day 0:
 * older arrivals are beyond every bound on every day and get a slot each only for "oldest".
 */
function buildAges(rows: MilestoneRows, groupCount: number, bounds: readonly number[]): Array<PendingAges | undefined> {
  const floor = -Math.max(...bounds);
  const earliest = new Float64Array(groupCount).fill(Infinity);
  const ancient = new Map<number, Set<number>>();
  for (let row = 0; row < rows.length; row += 1) {
    const from = rows.arrived.get(row);
    if (!rows.everPending(row)) continue;
    const g = rows.group.get(row);
    if (from < at(earliest, g)) earliest[g] = from;
    if (from < floor) {
      let days = ancient.get(g);
      if (days === undefined) ancient.set(g, (days = new Set()));
      days.add(from);
    }
  }
  const lastDay = rows.dayCount - 1;
  return Array.from(earliest, (first, g) => {
    if (first === Infinity) return undefined;
    const days = ancient.get(g);
    const sorted = days === undefined ? undefined : Int32Array.from([...days].sort((a, b) => a - b));
    return new PendingAges(bounds, Math.max(first, floor), lastDay, sorted);
  });
}
