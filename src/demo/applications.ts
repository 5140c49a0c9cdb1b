import { SECONDS_PER_DAY } from '../contract/ages';
import { DayTable } from './calendar';
import { anyTimeOn, officeTimeAfter } from './clock';
import { congestion, intensity } from './inflow';
import type { Office } from './offices';
import type { Prng } from './prng';
import { WeightedPicker, weighted } from './weighted';
import { max, min, round } from './math';

export type Benefit = 'CIGO' | 'CIGS' | 'CIGD' | 'ASO' | 'CISOA';
export type Cause = 'COVID19' | 'ORDINARIA';
type ApplicationOutcome = 'AUTORIZZATA' | 'RESPINTA' | 'ANNULLATA';

/** One row of dasmo_domande; timestamps as calendar.ts numbers, null when not reached yet. */
export interface Application {
  id: number;
  office: string;
  benefit: Benefit;
  multiRegion: boolean;
  cause: Cause;
  presentedAt: number;
  reviewedAt: number | null;
  decidedAt: number | null;
  outcome: ApplicationOutcome | null;
  workers: number;
}

/** An application's whole life as it would go, before cutting it at the last day. */
export interface Draft {
  readonly benefit: Benefit;
  readonly multiRegion: boolean;
  readonly cause: Cause;
  readonly presentedAt: number;
  readonly reviewedAt: number | null;
  readonly decidedAt: number;
  readonly outcome: ApplicationOutcome;
  readonly workers: number;
}

// Under COVID-19 causes CIGS did not apply; only ordinary causes see CIGS.
const COVID_MIX = weighted<Benefit>([['CIGO', 35], ['ASO', 25], ['CIGD', 38], ['CISOA', 2]]);
const ORDINARY_MIX = weighted<Benefit>([['CIGO', 33], ['ASO', 24], ['CIGD', 33], ['CISOA', 2], ['CIGS', 8]]);
const OUTCOMES = weighted<ApplicationOutcome>([['AUTORIZZATA', 90], ['RESPINTA', 8], ['ANNULLATA', 2]]);

/** Median and log-sd of the workers on an application, by benefit: mostly small employers. */
const WORKERS: Record<Benefit, readonly [number, number]> = {
  CIGO: [6, 1.2],
  CIGS: [30, 1.1],
  CIGD: [2.5, 0.9],
  ASO: [4, 1.1],
  CISOA: [3, 0.9],
};

const MAX_LAG_DAYS = 150;
const REVIEW_LAG_DAYS = 3;
const DECISION_LAG_DAYS = 5;
/** CISOA waits for the provincial commission's opinion (within 20 days). */
const CISOA_COMMISSION_DAYS = 12;

export class ApplicationDrafter {
  constructor(
    private readonly days: DayTable,
    /** Below 1 when the last day falls in a wave and decisions must be faster (pending.ts). */
    private readonly durationScale: number,
  ) {}

  // Drafts come day after day: the day's inflow figures are computed once.
  private cachedDay = Number.NaN;
  private covid = 0;
  private ordinary = 0;
  private load = 1;

  draft(rng: Prng, day: number): Draft {
    if (day !== this.cachedDay) {
      ({ covid: this.covid, ordinary: this.ordinary } = intensity(day));
      this.load = congestion(day) * this.durationScale;
      this.cachedDay = day;
    }
    const { covid, ordinary, load } = this;
    const cause: Cause = rng.next() * (covid + ordinary) < covid ? 'COVID19' : 'ORDINARIA';
    const benefit = (cause === 'COVID19' ? COVID_MIX : ORDINARY_MIX).pick(rng);
    const multiRegion = benefit === 'CIGD' && cause === 'COVID19' && rng.chance(0.015);
    const [median, sigma] = multiRegion ? [40, 1] : WORKERS[benefit];
    const workers = min(5000, max(1, round(rng.logNormal(median, sigma))));
    const presentedAt = anyTimeOn(rng, this.days, day);
    const outcome = OUTCOMES.pick(rng);
    const lag = (typicalDays: number): number => min(MAX_LAG_DAYS, rng.logNormal(typicalDays * load, 0.9));

    if (outcome === 'ANNULLATA' && rng.chance(0.5)) {
      // Withdrawn or superseded before anybody looked at it.
      const decidedAt = officeTimeAfter(rng, this.days, presentedAt, lag(4));
      return { benefit, multiRegion, cause, presentedAt, reviewedAt: null, decidedAt, outcome, workers };
    }
    const reviewedAt = officeTimeAfter(rng, this.days, presentedAt, lag(REVIEW_LAG_DAYS));
    const extra = benefit === 'CISOA' ? CISOA_COMMISSION_DAYS : 0;
    const decidedAt = officeTimeAfter(rng, this.days, reviewedAt, lag(DECISION_LAG_DAYS) + extra * this.durationScale);
    return { benefit, multiRegion, cause, presentedAt, reviewedAt, decidedAt, outcome, workers };
  }
}

/**
 * Cuts a draft at the end of the last day: what has not happened by then is null. A `stuck`
 * application is a chronic one that stays pending whatever its draft said; some of those have
 * been looked at, some not.
 */
type ApplicationState = Omit<Application, 'id' | 'office'>;

export function cutAt(draft: Draft, endOfLastDay: number, stuck: boolean, rng: Prng): ApplicationState {
  const reviewed = draft.reviewedAt !== null && draft.reviewedAt <= endOfLastDay ? draft.reviewedAt : null;
  if (stuck || draft.decidedAt > endOfLastDay) {
    const keepReview = !stuck || rng.chance(0.55);
    return { ...draft, reviewedAt: keepReview ? reviewed : null, decidedAt: null, outcome: null };
  }
  return { ...draft };
}

/** Ties drafts to offices and ids. */
export function toApplication(
  id: number,
  officePicker: WeightedPicker<Office>,
  rng: Prng,
  state: ApplicationState,
): Application {
  return { id, office: officePicker.pick(rng).code, ...state };
}

export function endOfDay(day: number): number {
  return day * SECONDS_PER_DAY + SECONDS_PER_DAY - 1;
}
