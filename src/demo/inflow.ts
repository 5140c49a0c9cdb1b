import { dayOf, isItalianHoliday, weekday } from './calendar';
import { exp, max, min, round } from './math';

/** The first day of demo data: CIG for COVID-19 starts in March 2020. */
export const FIRST_DAY = dayOf(2020, 3, 1);

const COVID_END = dayOf(2021, 12, 31);

/** Applications per day, in arbitrary national units, split by cause. */
interface DailyIntensity {
  readonly covid: number;
  readonly ordinary: number;
}

function bump(day: number, peak: number, width: number, height: number): number {
  const z = (day - peak) / width;
  return height * exp(-0.5 * z * z);
}

const WAVES: ReadonlyArray<readonly [peak: number, width: number, height: number]> = [
  [dayOf(2020, 4, 8), 16, 100],
  [dayOf(2020, 5, 20), 14, 40],
  [dayOf(2020, 11, 12), 12, 55],
  [dayOf(2021, 3, 22), 12, 50],
];
const PLATEAU_FROM = dayOf(2020, 3, 16);

/**
 * The shape of the inflow: the COVID-19 waves of April-May 2020, November 2020 and March
 * 2021 over a plateau until the end of 2021 (then fading out), and ordinary applications
 * throughout at a low base rate, fewer while COVID-19 cover absorbed them.
 */
export function intensity(day: number): DailyIntensity {
  if (day < FIRST_DAY) return { covid: 0, ordinary: 0 };
  let covid = 0;
  for (const [peak, width, height] of WAVES) covid += bump(day, peak, width, height);
  const ramp = min(1, max(0, (day - PLATEAU_FROM) / 10));
  covid += 12 * ramp * (day <= COVID_END ? 1 : exp(-(day - COVID_END) / 30));
  const ordinary = day <= COVID_END ? 1.2 : 2;
  return { covid, ordinary };
}

/** Presentations are online and happen on any day, but far fewer on weekends and holidays. */
function dayFactor(day: number): number {
  if (isItalianHoliday(day)) return 0.2;
  const wd = weekday(day);
  if (wd === 0) return 0.15;
  if (wd === 6) return 0.3;
  return 1;
}

/** How congested offices are on `day`, from 1 (quiet) to 3.5 (peak of the first wave). */
export function congestion(day: number): number {
  return 1 + (2.5 * intensity(day).covid) / 112;
}

/**
 * Integer application counts for each day from FIRST_DAY to `lastDay`, summing exactly to
 * `total` (cumulative rounding, so no day drifts).
 */
export function dailyCounts(total: number, lastDay: number): number[] {
  const weights: number[] = [];
  for (let day = FIRST_DAY; day <= lastDay; day += 1) {
    const { covid, ordinary } = intensity(day);
    weights.push((covid + ordinary) * dayFactor(day));
  }
  const sum = weights.reduce((a, b) => a + b, 0);
  const counts: number[] = [];
  let cumulative = 0;
  let assigned = 0;
  for (const w of weights) {
    cumulative += w;
    const upTo = round((total * cumulative) / sum);
    counts.push(upTo - assigned);
    assigned = upTo;
  }
  return counts;
}
