import { addAt, at } from '../common/checked-index';

/** Growable typed-array columns: millions of rows at 4 or 8 bytes each instead of one object per row. */

type NumberArray = Int32Array | Float64Array;

/** A typed array that doubles its capacity as values are pushed. */
class GrowableColumn<A extends NumberArray> {
  private data: A;
  length = 0;

  constructor(private readonly allocate: (capacity: number) => A) {
    this.data = allocate(1024);
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = this.allocate(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length] = value;
    this.length += 1;
  }

  get(index: number): number {
    if (index >= this.length) throw new RangeError(`row ${index} is past the ${this.length} rows`);
    return at(this.data, index);
  }

  /** The filled part, without copying. */
  view(): A {
    return this.data.subarray(0, this.length) as A;
  }
}

export class IntColumn extends GrowableColumn<Int32Array> {
  constructor() {
    super((capacity) => new Int32Array(capacity));
  }
}

export class FloatColumn extends GrowableColumn<Float64Array> {
  constructor() {
    super((capacity) => new Float64Array(capacity));
  }
}

/**
 * Row numbers bucketed by the day of one kind of event (a counting sort): the rows of day d
 * are `rows[start[d]]` to `rows[start[d + 1] - 1]`, in row order. Days outside
 * [0, dayCount) are left out.
 */
export class DayBuckets {
  private constructor(
    private readonly start: Int32Array,
    private readonly rows: Int32Array,
  ) {}

  static of(days: Int32Array, dayCount: number): DayBuckets {
    const start = new Int32Array(dayCount + 1);
    for (const day of days) if (day >= 0 && day < dayCount) addAt(start, day + 1, 1);
    for (let day = 0; day < dayCount; day += 1) addAt(start, day + 1, at(start, day));
    const next = start.slice(0, dayCount);
    const rows = new Int32Array(at(start, dayCount));
    let row = 0;
    for (const day of days) {
      if (day >= 0 && day < dayCount) {
        rows[at(next, day)] = row;
        addAt(next, day, 1);
      }
      row += 1;
    }
    return new DayBuckets(start, rows);
  }

  on(day: number): Int32Array {
    return this.rows.subarray(at(this.start, day), at(this.start, day + 1));
  }
}

/** Group ids of the distinct source-code tuples, in order of first appearance. */
export class GroupIds<K> {
  private readonly ids = new Map<string, number>();
  readonly keys: K[] = [];

  idOf(key: string, make: () => K): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.keys.length;
      this.ids.set(key, id);
      this.keys.push(make());
    }
    return id;
  }
}
