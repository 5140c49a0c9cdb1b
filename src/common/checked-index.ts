/**
 * Index reads for positions the caller has computed and knows to be inside the array. A
 * position outside it is a bug in that computation, not a missing value to default, so it
 * throws rather than reading `undefined` (which a typed array returns silently).
 */
export function at<T extends {} | null>(values: ArrayLike<T>, index: number): T {
  const value = values[index];
  if (value === undefined) throw new RangeError(`index ${index} is outside the ${values.length} values`);
  return value;
}

/** Adds `amount` to `values[index]`, an index inside the typed array. */
export function addAt(values: Float64Array | Int32Array, index: number, amount: number): void {
  values[index] = at(values, index) + amount;
}
