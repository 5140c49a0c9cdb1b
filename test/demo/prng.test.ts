import { Prng, hashString } from '../../src/demo/prng';
import { WeightedPicker, weighted } from '../../src/demo/weighted';

function draws(rng: Prng, n: number): number[] {
  return Array.from({ length: n }, () => rng.uint32());
}

describe('Prng', () => {
  it('repeats the same sequence for the same seed and stream', () => {
    expect(draws(new Prng(42, 'a'), 100)).toEqual(draws(new Prng(42, 'a'), 100));
  });

  it('gives different sequences for different seeds, streams and high seed bits', () => {
    const base = draws(new Prng(42, 'a'), 20);
    expect(draws(new Prng(43, 'a'), 20)).not.toEqual(base);
    expect(draws(new Prng(42, 'b'), 20)).not.toEqual(base);
    expect(draws(new Prng(42 + 2 ** 32, 'a'), 20)).not.toEqual(base);
  });

  it('draws uniform values in [0, 1) and integers within bounds', () => {
    const rng = new Prng(1);
    const values = Array.from({ length: 100000 }, () => rng.next());
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    expect(values.reduce((a, b) => a + b, 0) / values.length).toBeCloseTo(0.5, 2);
    const seen = new Set<number>();
    for (let i = 0; i < 1000; i += 1) seen.add(rng.int(3, 7));
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7]);
  });

  it('draws log-normal values around the median', () => {
    const rng = new Prng(5);
    const values = Array.from({ length: 20001 }, () => rng.logNormal(10, 0.8)).sort((a, b) => a - b);
    expect(values[10000]).toBeGreaterThan(9.5);
    expect(values[10000]).toBeLessThan(10.5);
  });

  it('hashes strings stably', () => {
    expect(hashString('4900')).toBe(hashString('4900'));
    expect(hashString('4900')).not.toBe(hashString('7000'));
    expect(hashString('4900', 1)).not.toBe(hashString('4900', 2));
  });
});

describe('WeightedPicker', () => {
  it('picks items in proportion to their weights', () => {
    const picker = weighted<string>([['a', 1], ['b', 3], ['c', 6], ['never', 0]]);
    const rng = new Prng(9);
    const counts = new Map<string, number>();
    const n = 100000;
    for (let i = 0; i < n; i += 1) {
      const item = picker.pick(rng);
      counts.set(item, (counts.get(item) ?? 0) + 1);
    }
    expect((counts.get('a') ?? 0) / n).toBeCloseTo(0.1, 1);
    expect((counts.get('b') ?? 0) / n).toBeCloseTo(0.3, 1);
    expect((counts.get('c') ?? 0) / n).toBeCloseTo(0.6, 1);
    expect(counts.has('never')).toBe(false);
  });

  it('rejects unusable weights', () => {
    expect(() => new WeightedPicker(['a'], [0])).toThrow();
    expect(() => new WeightedPicker(['a', 'b'], [1])).toThrow();
    expect(() => new WeightedPicker(['a'], [Number.NaN])).toThrow();
  });
});
