import { ApplicationDrafter, endOfDay } from './applications';
import { DayTable } from './calendar';
import { Prng } from './prng';
import { exp, max, min } from './math';
import { at } from '../common/checked-index';

/** The share of all applications still pending at the end of the last day. */
const TARGET_PENDING_SHARE = 0.022;

/** How many days back an application can still be pending without being stuck. */
const NATURAL_WINDOW_DAYS = 330;
const SAMPLES_PER_DAY = 200;

export interface PendingPlan {
  /** Multiplies decision times; 1 unless the last day falls in a wave. */
  readonly durationScale: number;
  /** Scales stuckShape: see stuckProbability. */
  readonly stuckCoefficient: number;
}

/** Relative chance of an application of `ageDays` being a chronic one: young ones more. */
function stuckShape(ageDays: number): number {
  return exp(-ageDays / 60) + 0.2 * exp(-ageDays / 500);
}

export function stuckProbability(plan: PendingPlan, ageDays: number): number {
  return min(1, plan.stuckCoefficient * stuckShape(ageDays));
}

/**
 * Chooses how fast decisions are and how many chronic applications there are, so that the
 * expected pending share on the last day is TARGET_PENDING_SHARE whatever that day is. The
 * recent applications still in their normal review are estimated by drafting samples with
 * the same model the generator uses (from a stream of their own, so the data does not move).
 */
export function planPending(counts: readonly number[], firstDay: number, days: DayTable, seed: number): PendingPlan {
  const lastDay = firstDay + counts.length - 1;
  const total = counts.reduce((a, b) => a + b, 0);
  const target = TARGET_PENDING_SHARE * total;
  const windowStart = max(firstDay, lastDay - NATURAL_WINDOW_DAYS);

  const naturalShares = (scale: number): number[] => {
    const drafter = new ApplicationDrafter(days, scale);
    const rng = new Prng(seed, 'pending-calibration');
    const shares: number[] = [];
    for (let day = windowStart; day <= lastDay; day += 1) {
      let pending = 0;
      for (let i = 0; i < SAMPLES_PER_DAY; i += 1) {
        if (drafter.draft(rng, day).decidedAt > endOfDay(lastDay)) pending += 1;
      }
      shares.push(pending / SAMPLES_PER_DAY);
    }
    return shares;
  };

  let durationScale = 1;
  let natural = naturalShares(durationScale);
  const expectedNatural = (shares: number[]): number =>
    shares.reduce((sum, share, i) => sum + share * at(counts, windowStart - firstDay + i), 0);
  // In the middle of a wave most of the target would be ordinary work in progress: speed up.
  while (expectedNatural(natural) > 0.6 * target && durationScale > 0.05) {
    durationScale *= 0.8;
    natural = naturalShares(durationScale);
  }

  const expectedPending = (coefficient: number): number => {
    const plan = { durationScale, stuckCoefficient: coefficient };
    let sum = 0;
    for (let day = firstDay; day <= lastDay; day += 1) {
      const q = day >= windowStart ? at(natural, day - windowStart) : 0;
      const p = stuckProbability(plan, lastDay - day);
      sum += at(counts, day - firstDay) * (1 - (1 - q) * (1 - p));
    }
    return sum;
  };
  let low = 0;
  let high = 1;
  while (expectedPending(high) < target && high < 1e9) high *= 2;
  for (let i = 0; i < 60; i += 1) {
    const mid = (low + high) / 2;
    if (expectedPending(mid) < target) low = mid;
    else high = mid;
  }
  return { durationScale, stuckCoefficient: (low + high) / 2 };
}
