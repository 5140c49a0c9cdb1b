import { SECONDS_PER_DAY } from '../contract/ages';
import { DayTable } from './calendar';
import type { Prng } from './prng';
import { WeightedPicker } from './weighted';
import { floor, max, round } from './math';

// Online presentations: mostly working hours, some evenings, few at night.
const PRESENTATION_HOURS = new WeightedPicker(
  Array.from({ length: 24 }, (_, hour) => hour),
  [1, 0.6, 0.4, 0.3, 0.3, 0.5, 1, 3, 7, 10, 11, 11, 9, 6, 7, 9, 9, 8, 6, 4, 3, 2.5, 2, 1.5],
);

// Office work: 8:00 to 18:00 with a lunch dip.
const OFFICE_HOURS = new WeightedPicker([8, 9, 10, 11, 12, 13, 14, 15, 16, 17], [5, 10, 11, 11, 8, 4, 7, 8, 6, 3]);

/** A presentation or reception timestamp on `day`, at any hour that exists in Europe/Rome. */
export function anyTimeOn(rng: Prng, days: DayTable, day: number): number {
  let hour = PRESENTATION_HOURS.pick(rng);
  if (hour === 2 && days.isSpringForward(day)) hour = 3;
  return day * SECONDS_PER_DAY + hour * 3600 + rng.int(0, 3599);
}

/** A timestamp in office hours on `day` (the caller makes sure offices work on it). */
function officeTimeOn(rng: Prng, day: number): number {
  return day * SECONDS_PER_DAY + OFFICE_HOURS.pick(rng) * 3600 + rng.int(0, 3599);
}

/**
 * An office-hours timestamp on the first working day at least `lagDays` (at least 1) after
 * the day of `from`: always strictly later than `from`.
 */
export function officeTimeAfter(rng: Prng, days: DayTable, from: number, lagDays: number): number {
  const day = days.workingDayFrom(floor(from / SECONDS_PER_DAY) + max(1, round(lagDays)));
  return officeTimeOn(rng, day);
}

export function dayOfTimestamp(timestamp: number): number {
  return floor(timestamp / SECONDS_PER_DAY);
}
