import { UserError } from '../common/user-error';
import { dayOf, parseDay } from './calendar';

export type DemoSize = 'small' | 'medium' | 'large';

/** Applications per size; SR41 flows come out about as many. */
export const APPLICATIONS_PER_SIZE: Record<DemoSize, number> = {
  small: 50_000,
  medium: 500_000,
  large: 5_000_000,
};

/** The data must cover at least the first COVID-19 wave. */
const EARLIEST_LAST_DAY = dayOf(2020, 6, 1);
const LATEST_LAST_DAY = dayOf(2099, 12, 31);

interface ValidatedOptions {
  readonly applications: number;
  readonly seed: number;
  readonly lastDay: number;
}

export function validateOptions(size: string, seed: number, until: string): ValidatedOptions {
  if (!Object.prototype.hasOwnProperty.call(APPLICATIONS_PER_SIZE, size)) {
    throw new UserError(`unknown demo size "${size}" (expected small, medium or large)`);
  }
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new UserError(`the seed must be a non-negative integer, not ${seed}`);
  }
  const lastDay = parseDay(until);
  if (lastDay === undefined) throw new UserError(`"${until}" is not a date in the form YYYY-MM-DD`);
  if (lastDay < EARLIEST_LAST_DAY || lastDay > LATEST_LAST_DAY) {
    throw new UserError(`the last day of demo data must be between 2020-06-01 and 2099-12-31, not ${until}`);
  }
  return { applications: APPLICATIONS_PER_SIZE[size as DemoSize], seed, lastDay };
}
