import { addAt, at } from '../common/checked-index';

/** Growable typed-array columns: millions of rows at 1 to 8 bytes each instead of one object per row. */

type NumberArray = Uint8Array | Int16Array | Int32Array | Uint32Array | Float64Array;

/** The longest backfill, in days (about 89 years): its day offsets fit in 16 bits. */
export const MAX_RANGE_DAYS = 32_000;

/** Rows per chunk of a column: big enough to make chunks cheap, small enough to waste little. */
const CHUNK_BITS = 16;
const CHUNK_ROWS = 1 << CHUNK_BITS;
const IN_CHUNK = CHUNK_ROWS - 1;

/** Read access to a column of numbers by row, for code that only reads. */
export interface NumberColumn {
  readonly length: number;
  get(index: number): number;
}

/**
 * A column that grows by fixed-size chunks: no copy when it grows and at most one partly
 * filled chunk, where doubling one array would hold up to twice the rows and, while growing,
 * both arrays at once (hundreds of MB for millions of rows).
 */
class ChunkedColumn<A extends NumberArray> implements NumberColumn {
  protected readonly chunks: A[] = [];
  length = 0;

  constructor(protected allocate: (capacity: number) => A) {}

  push(value: number): void {
    const offset = this.length & IN_CHUNK;
    if (offset === 0) this.chunks.push(this.allocate(CHUNK_ROWS));
    at(this.chunks, this.chunks.length - 1)[offset] = value;
    this.length += 1;
  }

  get(index: number): number {
    if (index >= this.length) throw new RangeError(`row ${index} is past the ${this.length} rows`);
    return at(at(this.chunks, index >>> CHUNK_BITS), index & IN_CHUNK);
  }
}

/** Day offsets within a range: 2 bytes a row (a range has at most MAX_RANGE_DAYS days). */
export class DayColumn extends ChunkedColumn<Int16Array> {
  constructor() {
    super((capacity) => new Int16Array(capacity));
  }

  override push(day: number): void {
    if (day < -1 || day > MAX_RANGE_DAYS) throw new RangeError(`day offset ${day} is outside a range of at most ${MAX_RANGE_DAYS} days`);
    super.push(day);
  }
}

export class IntColumn extends ChunkedColumn<Int32Array> {
  constructor() {
    super((capacity) => new Int32Array(capacity));
  }
}

/** The arrays of a CompactColumn, narrowest first, each with the values it holds exactly. */
const COMPACT_ARRAYS: ReadonlyArray<{ readonly allocate: (capacity: number) => NumberArray; holds(value: number): boolean }> = [
  { allocate: (capacity) => new Uint8Array(capacity), holds: (value) => Number.isInteger(value) && value >= 0 && value <= 0xff },
  { allocate: (capacity) => new Uint32Array(capacity), holds: (value) => Number.isInteger(value) && value >= 0 && value <= 0xffff_ffff },
  { allocate: (capacity) => new Float64Array(capacity), holds: () => true },
];

/**
 * Any numbers, in the narrowest array that holds every value pushed so far exactly: 1 byte a
 * row for flags, 4 for counts of workers or cents, 8 only once a value needs it (a fraction,
 * a negative, a larger number), when every chunk is widened at once. A payment flow's five
 * measures take 11 bytes a row on the large demo dataset instead of 40.
 */
export class CompactColumn extends ChunkedColumn<NumberArray> {
  private width = 0;

  constructor() {
    super(at(COMPACT_ARRAYS, 0).allocate);
  }

  override push(value: number): void {
    if (!at(COMPACT_ARRAYS, this.width).holds(value)) this.widenFor(value);
    super.push(value);
  }

  /** Straight to the narrowest array that holds `value` (the last holds every number). */
  private widenFor(value: number): void {
    this.width = COMPACT_ARRAYS.findIndex((array, width) => width > this.width && array.holds(value));
    this.allocate = at(COMPACT_ARRAYS, this.width).allocate;
    this.chunks.forEach((chunk, index) => {
      const wider = this.allocate(CHUNK_ROWS);
      wider.set(chunk);
      this.chunks[index] = wider;
    });
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

  static of(days: NumberColumn, dayCount: number): DayBuckets {
    const start = new Int32Array(dayCount + 1);
    for (let row = 0; row < days.length; row += 1) {
      const day = days.get(row);
      if (day >= 0 && day < dayCount) addAt(start, day + 1, 1);
    }
    for (let day = 0; day < dayCount; day += 1) addAt(start, day + 1, at(start, day));
    const next = start.slice(0, dayCount);
    const rows = new Int32Array(at(start, dayCount));
    for (let row = 0; row < days.length; row += 1) {
      const day = days.get(row);
      if (day >= 0 && day < dayCount) {
        rows[at(next, day)] = row;
        addAt(next, day, 1);
      }
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
