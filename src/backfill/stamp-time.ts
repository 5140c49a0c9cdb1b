import { DateTime } from 'luxon';
import { UserError } from '../common/user-error';

/**
 * The local time of day at which a backfilled day's samples are stamped. A snapshot for
 * reference day R is produced by the scheduled refresh on R+1 (default 06:30 in
 * DASMO_TIMEZONE), which is when live scraping first sees R; the backfill stamps R's samples
 * at that same instant so history and live data line up.
 */
export interface StampTime {
  readonly hour: number;
  readonly minute: number;
}

export const DEFAULT_STAMP_TIME: StampTime = Object.freeze({ hour: 6, minute: 30 });

const HH_MM = /^(\d{1,2}):(\d{2})$/;
/** `M H * * *`: the only schedules whose refresh time is one fixed time of day. */
const SIMPLE_DAILY = /^(\d{1,2})\s+(\d{1,2})\s+\*\s+\*\s+\*$/;

function checked(hour: number, minute: number): StampTime | null {
  return hour <= 23 && minute <= 59 ? Object.freeze({ hour, minute }) : null;
}

export function parseStampTime(text: string, what = '--stamp-time'): StampTime {
  const match = HH_MM.exec(text.trim());
  const stamp = match === null ? null : checked(Number(match[1]), Number(match[2]));
  if (stamp === null) throw new UserError(`${what} must be a time of day HH:MM (00:00 to 23:59), got ${JSON.stringify(text)}`);
  return stamp;
}

/** The refresh time of a simple daily cron expression `M H * * *`, or null for any other schedule. */
export function dailyScheduleTime(schedule: string): StampTime | null {
  const match = SIMPLE_DAILY.exec(schedule.trim());
  return match === null ? null : checked(Number(match[2]), Number(match[1]));
}

/**
 * --stamp-time when given; otherwise the time of DASMO_REFRESH_SCHEDULE when it is a simple
 * daily schedule; otherwise 06:30, the service's default schedule. A schedule that is set but
 * not simple daily has no single refresh time, so the user must choose one.
 */
export function resolveStampTime(flag: string | undefined, refreshSchedule: string | undefined): StampTime {
  if (flag !== undefined) return parseStampTime(flag);
  if (refreshSchedule === undefined || refreshSchedule.trim() === '') return DEFAULT_STAMP_TIME;
  const time = dailyScheduleTime(refreshSchedule);
  if (time === null) {
    throw new UserError(
      `DASMO_REFRESH_SCHEDULE ${JSON.stringify(refreshSchedule)} is not a simple daily schedule "M H * * *": pass --stamp-time HH:MM`,
    );
  }
  return time;
}

export function formatStampTime(stamp: StampTime): string {
  return `${String(stamp.hour).padStart(2, '0')}:${String(stamp.minute).padStart(2, '0')}`;
}

/**
 * Unix seconds of the day after `day` at the stamp time in `timezone`. A time that does not
 * exist on that day (inside a spring-forward gap) moves forward by the gap, as a clock would.
 */
export function stampSeconds(day: string, stamp: StampTime, timezone: string): number {
  const next = DateTime.fromISO(day, { zone: timezone }).plus({ days: 1 });
  const local = DateTime.fromObject(
    { year: next.year, month: next.month, day: next.day, hour: stamp.hour, minute: stamp.minute },
    { zone: timezone },
  );
  return local.toSeconds();
}
