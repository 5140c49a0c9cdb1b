import { PendingAges } from '../../src/backfill/pending-ages';

/** A tiny deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Item {
  readonly arrived: number;
  readonly leaves: number;
}

const BOUNDS = [7, 15, 30, 365, 150];

describe('PendingAges against a brute-force count', () => {
  it.each([1, 2, 3, 4, 5])('should agree on every day of a random history (seed %i)', (seed) => {
    const next = random(seed);
    const days = 120;
    const items: Item[] = [];
    for (let i = 0; i < 400; i += 1) {
      // Some items arrived long before day 0 (beyond every bound), some on or before it, most during the range.
      const roll = next();
      const arrived = roll < 0.05 ? -2000 - Math.floor(next() * 3000) : roll < 0.2 ? -Math.floor(next() * 400) : Math.floor(next() * days);
      const leaves = Math.max(arrived, 0) + 1 + Math.floor(next() * (next() < 0.2 ? 400 : 20));
      items.push({ arrived, leaves });
    }
    const ancient = [...new Set(items.map((item) => item.arrived).filter((day) => day < -365))].sort((a, b) => a - b);
    const earliest = Math.min(...items.map((item) => item.arrived));
    const ages = new PendingAges(BOUNDS, Math.max(earliest, -365), days - 1, Int32Array.from(ancient));
    for (let day = 0; day < days; day += 1) {
      for (const item of items) if (Math.max(item.arrived, 0) === day) ages.add(item.arrived, 1, day);
      for (const item of items) if (item.leaves === day) ages.remove(item.arrived, 1, day);
      ages.moveTo(day);
      const pending = items.filter((item) => item.arrived <= day && item.leaves > day);
      const expected = {
        count: pending.length,
        atMost: BOUNDS.map((bound) => pending.filter((item) => day - item.arrived <= bound).length),
        sum: pending.reduce((total, item) => total + (day - item.arrived), 0),
        oldest: pending.length === 0 ? null : Math.max(...pending.map((item) => day - item.arrived)),
      };
      const actual = {
        count: ages.count,
        atMost: BOUNDS.map((_, index) => ages.atMost(index)),
        sum: ages.ageSum(),
        oldest: ages.oldestAge(),
      };
      expect([day, actual]).toEqual([day, expected]);
    }
  });

  it('should skip quiet days without a call and refuse to go back', () => {
    const ages = new PendingAges([7], 0, 99);
    ages.add(0, 2, 0);
    ages.moveTo(10);
    expect([ages.count, ages.atMost(0), ages.ageSum(), ages.oldestAge()]).toEqual([2, 0, 20, 10]);
    expect(() => ages.moveTo(9)).toThrow(/cannot move back/);
  });
});
