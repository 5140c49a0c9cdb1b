import { DateTime } from 'luxon';
import { UserError } from '../common/user-error';
import { daysBetween, defaultReferenceDay, parseIsoDay, referenceWindow, type ReferenceWindow } from '../time/reference-day';
import { MAX_RANGE_DAYS } from './columns';
import { formatStampTime, type StampTime, stampSeconds } from './stamp-time';

/** The reference days of a backfill, their windows and the instant each day's samples carry. */
export interface BackfillRange {
  readonly from: string;
  readonly to: string;
  readonly timezone: string;
  readonly windows: readonly ReferenceWindow[];
  /** Unix seconds stamped on day i's samples: the refresh instant on the day after. */
  readonly stamps: readonly number[];
}

/**
 * Validates --from/--to and builds the range. Only complete days can be backfilled (up to
 * yesterday in the time zone), and never a day whose refresh instant is still in the future:
 * a sample from the future would make Prometheus reject live scrapes until that instant.
 */
export function backfillRange(from: string, to: string, timezone: string, stamp: StampTime, now: Date): BackfillRange {
  parseIsoDay(from, '--from');
  parseIsoDay(to, '--to');
  if (from > to) throw new UserError(`--from ${from} is after --to ${to}`);
  const yesterday = defaultReferenceDay(now, timezone);
  if (to > yesterday) {
    throw new UserError(`--to ${to} is after yesterday (${yesterday} in ${timezone}): only complete days can be backfilled`);
  }
  const lastStamp = stampSeconds(to, stamp, timezone);
  if (lastStamp * 1000 > now.getTime()) {
    const at = DateTime.fromSeconds(lastStamp, { zone: timezone }).toFormat('yyyy-MM-dd HH:mm');
    throw new UserError(
      `--to ${to} would be stamped at ${at} ${timezone} (refresh time ${formatStampTime(stamp)}), which is still in the future: ` +
        'end the range a day earlier or wait until then',
    );
  }
  const days = daysBetween(from, to);
  if (days.length > MAX_RANGE_DAYS) throw new UserError(`--from ${from} to --to ${to} is ${days.length} days; a backfill covers at most ${MAX_RANGE_DAYS}`);
  return Object.freeze({
    from,
    to,
    timezone,
    windows: Object.freeze(days.map((day) => referenceWindow(day, timezone, now))),
    stamps: Object.freeze(days.map((day) => stampSeconds(day, stamp, timezone))),
  });
}
