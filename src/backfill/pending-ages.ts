import { addAt, at } from '../common/checked-index';

/**
 * The pending items of one source group, by the day they arrived (presentation or receipt),
 * swept forward one reference day at a time. Days are offsets from the first backfilled day
 * (0), negative before it. For each window bound b it keeps the number of items aged at most
 * b days (arrived on or after today - b), updated per event and per day in O(bounds), so a
 * 650-day sweep over thousands of groups never re-scans the pending set.
 *
 * Items arrive only on "today" once the sweep has started (all earlier arrivals are added on
 * day 0), so the oldest pending item is found by a pointer that only moves forward.
 */
export class PendingAges {
  /** Pending items per slot: distinct "ancient" days first, then one slot per day from `denseFrom`. */
  private readonly counts: Int32Array;
  /** Items aged at most `bounds[i]` days, for `today`. */
  private readonly within: Float64Array;
  private readonly denseFrom: number;
  private today = 0;
  private oldestSlot = 0;
  private items = 0;
  /** Sum of the arrival days of the pending items (for the age sum). */
  private daySum = 0;

  /**
   * @param bounds window bounds in days, in any order
   * @param denseFrom first day with its own slot: at most today - max(bounds) for every day swept
   * @param lastDay last day swept (the last slot)
   * @param ancientDays sorted distinct arrival days before `denseFrom`: they are beyond every
   *   bound on every day, so they need a slot only to find the oldest item
   */
  constructor(
    private readonly bounds: readonly number[],
    denseFrom: number,
    lastDay: number,
    private readonly ancientDays: Int32Array = new Int32Array(0),
  ) {
    this.denseFrom = denseFrom;
    this.counts = new Int32Array(ancientDays.length + Math.max(0, lastDay - denseFrom + 1));
    this.within = new Float64Array(bounds.length);
  }

  private slotOf(day: number): number {
    if (day >= this.denseFrom) return this.ancientDays.length + (day - this.denseFrom);
    let low = 0;
    let high = this.ancientDays.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const value = at(this.ancientDays, middle);
      if (value === day) return middle;
      if (value < day) low = middle + 1;
      else high = middle - 1;
    }
    throw new Error(`day ${day} has no slot`);
  }

  private dayOfSlot(slot: number): number {
    const ancient = this.ancientDays.length;
    return slot < ancient ? at(this.ancientDays, slot) : this.denseFrom + (slot - ancient);
  }

  /** Moves the sweep to `day`: items of the day each window leaves fall out of it. */
  moveTo(day: number): void {
    if (day < this.today) throw new Error(`cannot move back from day ${this.today} to ${day}`);
    if (this.items === 0) {
      this.today = day;
      return;
    }
    while (this.today < day) {
      this.bounds.forEach((bound, i) => {
        const leaving = this.today - bound;
        if (leaving >= this.denseFrom) addAt(this.within, i, -at(this.counts, this.slotOf(leaving)));
      });
      this.today += 1;
    }
  }

  private change(day: number, items: number, today: number): void {
    this.moveTo(today);
    const slot = this.slotOf(day);
    addAt(this.counts, slot, items);
    this.items += items;
    this.daySum += day * items;
    this.bounds.forEach((bound, i) => {
      if (day >= today - bound) addAt(this.within, i, items);
    });
  }

  add(day: number, items: number, today: number): void {
    this.change(day, items, today);
  }

  remove(day: number, items: number, today: number): void {
    this.change(day, -items, today);
  }

  /** Number of pending items. */
  get count(): number {
    return this.items;
  }

  /** Items aged at most bounds[index] days on `today`. */
  atMost(index: number): number {
    return at(this.within, index);
  }

  /** Sum of the ages in days on `today`. */
  ageSum(): number {
    return this.items * this.today - this.daySum;
  }

  /** Age in days of the oldest pending item on `today`, or null when nothing is pending. */
  oldestAge(): number | null {
    if (this.items === 0) return null;
    while (at(this.counts, this.oldestSlot) === 0) this.oldestSlot += 1;
    return this.today - this.dayOfSlot(this.oldestSlot);
  }
}
