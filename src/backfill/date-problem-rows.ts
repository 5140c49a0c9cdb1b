import { DATE_PROBLEMS } from '../collectors/date-problems';
import { DayBuckets, IntColumn, type NumberColumn } from './columns';
import { addAt, at } from '../common/checked-index';

const NO_PROBLEMS: readonly number[] = Object.freeze(DATE_PROBLEMS.map(() => 0));

/**
 * The rows of a history left out for a date problem, and from which day each is counted. The
 * per-day SQL counts such a row once its arrival is before E, and on every day when its
 * arrival cannot be read (a zero date) or is in the future (after today, beyond the range).
 */
export class DateProblemRows {
  private readonly group = new IntColumn();
  private readonly problem = new IntColumn();
  private readonly from = new IntColumn();

  constructor(private readonly dayCount: number) {}

  /**
   * @param problem index in DATE_PROBLEMS
   * @param arrived DATEDIFF(arrival, day 0), null when the date cannot be read
   */
  add(group: number, problem: number, arrived: number | null): void {
    this.group.push(group);
    this.problem.push(problem);
    this.from.push(arrived === null || arrived >= this.dayCount ? 0 : Math.max(arrived, 0));
  }

  counts(groupCount: number): DateProblemCounts {
    return new DateProblemCounts(this.group, this.problem, DayBuckets.of(this.from, this.dayCount), groupCount);
  }
}

/** Per group, the rows counted under each date problem at the end of the current day. */
export class DateProblemCounts {
  /** Per group: all rows counted, then one slot per problem. */
  private readonly counts: Float64Array;
  private day = -1;

  constructor(
    private readonly group: NumberColumn,
    private readonly problem: NumberColumn,
    private readonly byDay: DayBuckets,
    groupCount: number,
  ) {
    this.counts = new Float64Array(groupCount * (DATE_PROBLEMS.length + 1));
  }

  advance(): void {
    this.day += 1;
    const stride = DATE_PROBLEMS.length + 1;
    for (const row of this.byDay.on(this.day)) {
      const base = this.group.get(row) * stride;
      addAt(this.counts, base, 1);
      addAt(this.counts, base + 1 + this.problem.get(row), 1);
    }
  }

  /** Group g's counts in the order of DATE_PROBLEMS (one shared array of zeros for a clean group). */
  of(g: number): readonly number[] {
    const base = g * (DATE_PROBLEMS.length + 1);
    if (at(this.counts, base) === 0) return NO_PROBLEMS;
    return DATE_PROBLEMS.map((_, index) => at(this.counts, base + 1 + index));
  }
}
