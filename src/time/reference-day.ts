import { DateTime, IANAZone } from 'luxon';
import { UserError } from '../common/user-error';

/**
 * The reference day R of a snapshot and the bounds the SQL compares against. The source
 * DATETIME columns hold wall-clock time in the source time zone, so the exclusive end E is a
 * wall-clock string (midnight starting the day after R): comparing against it is exact on
 * 23- and 25-hour days alike. Epoch seconds are only for what Prometheus sees.
 */
export interface ReferenceWindow {
  /** R as YYYY-MM-DD. */
  readonly day: string;
  /** E, the start of the day after R, as 'YYYY-MM-DD 00:00:00' wall-clock time. */
  readonly endExclusive: string;
  /** The start of R in the time zone, unix seconds. */
  readonly startEpochSeconds: number;
  /** The start of the day after R in the time zone, unix seconds. */
  readonly endEpochSeconds: number;
  readonly timezone: string;
  /**
   * The start of the day after the day the window was made (its "today"), as wall-clock
   * 'YYYY-MM-DD 00:00:00': a source date from then on is in the future (`future_date`).
   */
  readonly futureFrom: string;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

export function assertTimezone(timezone: string, settingName = 'DASMO_TIMEZONE'): string {
  if (!IANAZone.isValidZone(timezone)) {
    throw new UserError(`${settingName} is not a known IANA time zone: ${JSON.stringify(timezone)}`);
  }
  return timezone;
}

/** Validates a YYYY-MM-DD calendar date and returns it unchanged. */
export function parseIsoDay(text: string, what = '--reference-date'): string {
  if (!ISO_DAY.test(text) || !DateTime.fromISO(text, { zone: 'UTC' }).isValid) {
    throw new UserError(`${what} must be a calendar date YYYY-MM-DD, got ${JSON.stringify(text)}`);
  }
  return text;
}

export function referenceWindow(day: string, timezone: string, now: Date = new Date()): ReferenceWindow {
  parseIsoDay(day);
  const start = DateTime.fromISO(day, { zone: timezone }).startOf('day');
  const next = start.plus({ days: 1 }).startOf('day');
  const tomorrow = DateTime.fromJSDate(now, { zone: timezone }).plus({ days: 1 });
  return Object.freeze({
    day,
    endExclusive: `${next.toISODate()} 00:00:00`,
    startEpochSeconds: start.toSeconds(),
    endEpochSeconds: next.toSeconds(),
    timezone,
    futureFrom: `${tomorrow.toISODate()} 00:00:00`,
  });
}

/** Yesterday in the time zone, the day whose data the nightly loads have completed. */
export function defaultReferenceDay(now: Date, timezone: string): string {
  const day = DateTime.fromJSDate(now, { zone: timezone }).minus({ days: 1 }).toISODate();
  if (day === null) throw new Error(`cannot compute yesterday in ${timezone}`);
  return day;
}

/** Every day from `from` to `to` inclusive, as YYYY-MM-DD. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  let cursor = DateTime.fromISO(parseIsoDay(from, 'from'), { zone: 'UTC' });
  const last = DateTime.fromISO(parseIsoDay(to, 'to'), { zone: 'UTC' });
  while (cursor <= last) {
    days.push(cursor.toISODate() as string);
    cursor = cursor.plus({ days: 1 });
  }
  return days;
}
