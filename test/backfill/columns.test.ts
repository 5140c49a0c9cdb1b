import { CompactColumn } from '../../src/backfill/columns';

/** Pushes every value and reads every row back. */
function roundTrip(values: readonly number[]): number[] {
  const column = new CompactColumn();
  values.forEach((value) => column.push(value));
  expect(column.length).toBe(values.length);
  return values.map((_, row) => column.get(row));
}

describe('CompactColumn: the narrowest array that holds every value, widened as values need it', () => {
  // More than one chunk (65,536 rows) before each widening, so that earlier chunks are converted.
  const flags = Array.from({ length: 70_000 }, (_, row) => row % 3 === 0 ? 1 : 0);

  it('should give back flags exactly', () => {
    expect(roundTrip(flags)).toEqual(flags);
  });

  it('should keep every earlier row when a count beyond a byte arrives, and hold counts up to 2^32 - 1', () => {
    const values = [...flags, 256, 4_294_967_295, 7];
    expect(roundTrip(values)).toEqual(values);
  });

  it('should keep every earlier row when a fraction, a negative or a number beyond 32 bits arrives', () => {
    for (const wide of [2.5, -1, 4_294_967_296, 2 ** 53 - 1, 123_456_789_012.34]) {
      const values = [...flags, 300, wide, 1];
      expect(roundTrip(values)).toEqual(values);
    }
  });

  it('should widen flags straight to 8 bytes when a fraction, NaN or an infinity arrives', () => {
    for (const wide of [0.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      const values = [...flags, wide, 1];
      expect(roundTrip(values)).toEqual(values);
    }
  });

  it('should refuse a row past its length', () => {
    const column = new CompactColumn();
    column.push(1);
    expect(() => column.get(1)).toThrow('row 1 is past the 1 rows');
  });
});
