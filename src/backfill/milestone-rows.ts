import { DayBuckets, DayColumn, IntColumn, type NumberColumn } from './columns';

/**
 * The milestones of each source row as day offsets from the first backfilled day (day 0),
 * normalised to the events the sweep applies. A row of the per-day snapshot for day R is:
 *   received  when it arrived by the end of R           (day >= enter)
 *   closed    when it arrived and closed by the end of R (day >= close)
 *   pending   when received and not closed, in the second phase (review started, or settled)
 *             from `phase` on.
 * Every comparison "x < E" of the per-day SQL (E = midnight after R) is "day(x) <= R", so a
 * milestone counts from its calendar day on; the SQL clamps days before the range to -1 and
 * days after it (or none) to NULL.
 */

export class MilestoneRows {
  readonly group = new IntColumn();
  /** Exact arrival day (may be far before day 0). */
  readonly arrived = new IntColumn();
  /** Day the row starts its second phase while pending; `dayCount` when it never does in range. */
  readonly phase = new DayColumn();
  /** Day the row closes; `dayCount` when it does not close within the range. */
  readonly close = new DayColumn();

  constructor(readonly dayCount: number) {}

  get length(): number {
    return this.group.length;
  }

  /**
   * @param arrived DATEDIFF(arrival, day 0)
   * @param phase day the second phase starts (-1 before the range), null if not by the last day
   * @param close day of the closing milestone (-1 before the range), null if not by the last day
   */
  add(group: number, arrived: number, phase: number | null, close: number | null): void {
    const enter = Math.max(arrived, 0);
    const closeDay = close === null ? this.dayCount : Math.max(enter, close);
    let phaseDay = phase === null ? this.dayCount : Math.max(enter, phase);
    if (phaseDay >= closeDay) phaseDay = this.dayCount;
    this.group.push(group);
    this.arrived.push(arrived);
    this.phase.push(phaseDay);
    this.close.push(closeDay);
  }

  /** Whether the row is pending on at least one day of the range. */
  everPending(row: number): boolean {
    return this.close.get(row) > this.enterDay(row);
  }

  /** The day the row is received: its arrival, day 0 for earlier arrivals (derived, not kept: 4 bytes a row). */
  enterDay(row: number): number {
    return Math.max(this.arrived.get(row), 0);
  }

  private enterDays(): NumberColumn {
    return { length: this.length, get: (row) => this.enterDay(row) };
  }

  buckets(): { enter: DayBuckets; phase: DayBuckets; close: DayBuckets } {
    return {
      enter: DayBuckets.of(this.enterDays(), this.dayCount),
      phase: DayBuckets.of(this.phase, this.dayCount),
      close: DayBuckets.of(this.close, this.dayCount),
    };
  }
}
