import { SECONDS_PER_DAY } from '../contract/ages';
import { floor } from './math';
import { at } from '../common/checked-index';

/**
 * Calendar arithmetic on wall-clock time, as the source tables store it (DATETIME in the
 * source time zone, Europe/Rome). A day is an integer count of days since 1970-01-01; a
 * timestamp is `day * 86400 + second of the day`. Plain numbers keep the generation of
 * millions of rows fast.
 */

const MS_PER_DAY = SECONDS_PER_DAY * 1000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The day number of `YYYY-MM-DD`, or undefined if it is not a real calendar date. */
export function parseDay(text: string): number | undefined {
  const match = DATE_PATTERN.exec(text);
  if (match === null) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) {
    return undefined;
  }
  return ms / MS_PER_DAY;
}

export function dayOf(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

export function formatDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** 0 = Sunday ... 6 = Saturday (1970-01-01 was a Thursday). */
export function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** A month as `year * 12 + (month - 1)`, to step through authorised periods. */
export function monthOf(day: number): number {
  const date = new Date(day * MS_PER_DAY);
  return date.getUTCFullYear() * 12 + date.getUTCMonth();
}

export function firstDayOfMonth(month: number): number {
  return Date.UTC(floor(month / 12), month % 12, 1) / MS_PER_DAY;
}

export function lastDayOfMonth(month: number): number {
  return firstDayOfMonth(month + 1) - 1;
}

/** Easter Sunday (anonymous Gregorian algorithm). */
export function easterSunday(year: number): number {
  const a = year % 19;
  const b = floor(year / 100);
  const c = year % 100;
  const d = floor(b / 4);
  const e = b % 4;
  const f = floor((b + 8) / 25);
  const g = floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = floor((a + 11 * h + 22 * l) / 451);
  const month = floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return dayOf(year, month, day);
}

/** National public holidays in Italy (offices closed). */
export function isItalianHoliday(day: number): boolean {
  const date = new Date(day * MS_PER_DAY);
  const key = (date.getUTCMonth() + 1) * 100 + date.getUTCDate();
  const fixed = [101, 106, 425, 501, 602, 815, 1101, 1208, 1225, 1226];
  return fixed.includes(key) || day === easterSunday(date.getUTCFullYear()) + 1;
}

export function isWorkingDay(day: number): boolean {
  const wd = weekday(day);
  return wd !== 0 && wd !== 6 && !isItalianHoliday(day);
}

/**
 * The day Europe/Rome moves clocks forward (last Sunday of March): wall times from 02:00 to
 * 02:59 do not exist on it, so no generated timestamp may fall there.
 */
export function isSpringForward(day: number): boolean {
  const date = new Date(day * MS_PER_DAY);
  if (date.getUTCMonth() !== 2 || weekday(day) !== 0) return false;
  return date.getUTCDate() + 7 > 31;
}

/**
 * Precomputed facts for a range of days, so the hot loops never build Date objects:
 * the `YYYY-MM-DD` text, whether offices work, and the next working day.
 */
export class DayTable {
  private readonly texts: string[] = [];
  private readonly working: Uint8Array;
  private readonly nextWorking: Int32Array;
  private readonly springForward: Uint8Array;

  constructor(
    readonly first: number,
    readonly last: number,
  ) {
    const n = last - first + 1;
    this.working = new Uint8Array(n);
    this.nextWorking = new Int32Array(n);
    this.springForward = new Uint8Array(n);
    for (let i = 0; i < n; i += 1) {
      this.texts.push(formatDay(first + i));
      this.working[i] = isWorkingDay(first + i) ? 1 : 0;
      this.springForward[i] = isSpringForward(first + i) ? 1 : 0;
    }
    let next = last + 1;
    while (!isWorkingDay(next)) next += 1;
    for (let i = n - 1; i >= 0; i -= 1) {
      if (this.working[i] === 1) next = first + i;
      this.nextWorking[i] = next;
    }
  }

  /** `day` itself if offices work on it, else the first working day after it. */
  workingDayFrom(day: number): number {
    if (this.inRange(day)) return at(this.nextWorking, day - this.first);
    let d = day;
    while (!isWorkingDay(d)) d += 1;
    return d;
  }

  isSpringForward(day: number): boolean {
    return this.inRange(day) ? this.springForward[day - this.first] === 1 : isSpringForward(day);
  }

  /** `YYYY-MM-DD HH:MM:SS` for a timestamp. */
  format(timestamp: number): string {
    const day = floor(timestamp / SECONDS_PER_DAY);
    const second = timestamp - day * SECONDS_PER_DAY;
    const text = this.inRange(day) ? this.texts[day - this.first] : formatDay(day);
    const hour = floor(second / 3600);
    const minute = floor((second % 3600) / 60);
    return `${text} ${TWO_DIGITS[hour]}:${TWO_DIGITS[minute]}:${TWO_DIGITS[second % 60]}`;
  }

  private inRange(day: number): boolean {
    return day >= this.first && day <= this.last;
  }
}

const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
