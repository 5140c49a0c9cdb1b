import type { Prng } from './prng';
import { floor } from './math';

/**
 * Picks among fixed items with fixed weights in O(1) per draw (Walker's alias method), which
 * matters when millions of rows each pick an office.
 */
export class WeightedPicker<T> {
  private readonly probability: Float64Array;
  private readonly alias: Int32Array;

  constructor(
    private readonly items: readonly T[],
    weights: readonly number[],
  ) {
    const n = items.length;
    if (n === 0 || weights.length !== n) throw new Error('WeightedPicker needs one weight per item');
    const total = weights.reduce((sum, w) => sum + w, 0);
    if (!(total > 0) || weights.some((w) => w < 0 || !Number.isFinite(w))) {
      throw new Error('WeightedPicker needs finite non-negative weights with a positive sum');
    }
    this.probability = new Float64Array(n);
    this.alias = new Int32Array(n);
    const scaled = weights.map((w) => (w * n) / total);
    const small: number[] = [];
    const large: number[] = [];
    scaled.forEach((p, i) => (p < 1 ? small : large).push(i));
    while (small.length > 0 && large.length > 0) {
      const s = small.pop() as number;
      const l = large.pop() as number;
      this.probability[s] = scaled[s];
      this.alias[s] = l;
      scaled[l] = scaled[l] + scaled[s] - 1;
      (scaled[l] < 1 ? small : large).push(l);
    }
    for (const i of [...small, ...large]) {
      this.probability[i] = 1;
      this.alias[i] = i;
    }
  }

  pick(rng: Prng): T {
    const u = rng.next() * this.items.length;
    const i = floor(u);
    return this.items[u - i < this.probability[i] ? i : this.alias[i]];
  }
}

/** A picker from `[item, weight]` pairs, for the small literal tables of the generator. */
export function weighted<T>(pairs: ReadonlyArray<readonly [T, number]>): WeightedPicker<T> {
  return new WeightedPicker(
    pairs.map(([item]) => item),
    pairs.map(([, weight]) => weight),
  );
}
