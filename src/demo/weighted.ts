import type { Prng } from './prng';
import { floor } from './math';
import { at } from '../common/checked-index';

/**
 * Picks among fixed items with fixed weights in O(1) per draw (Walker's alias method), which
 * matters when millions of rows each pick an office.
 */
export class WeightedPicker<T extends {} | null> {
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
    let s = small.pop();
    let l = large.pop();
    while (s !== undefined && l !== undefined) {
      const scaledS = at(scaled, s);
      const scaledL = at(scaled, l) + scaledS - 1;
      this.probability[s] = scaledS;
      this.alias[s] = l;
      scaled[l] = scaledL;
      (scaledL < 1 ? small : large).push(l);
      s = small.pop();
      l = large.pop();
    }
    // What is left, including an item popped when the other list was already empty, is full.
    for (const i of [...small, ...large, s, l]) {
      if (i === undefined) continue;
      this.probability[i] = 1;
      this.alias[i] = i;
    }
  }

  pick(rng: Prng): T {
    const u = rng.next() * this.items.length;
    const i = floor(u);
    return at(this.items, u - i < at(this.probability, i) ? i : at(this.alias, i));
  }
}

/** A picker from `[item, weight]` pairs, for the small literal tables of the generator. */
export function weighted<T extends {} | null>(pairs: ReadonlyArray<readonly [T, number]>): WeightedPicker<T> {
  return new WeightedPicker(
    pairs.map(([item]) => item),
    pairs.map(([, weight]) => weight),
  );
}
