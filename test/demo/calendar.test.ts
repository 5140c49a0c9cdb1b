import { SECONDS_PER_DAY } from '../../src/contract/ages';
import {
  DayTable,
  dayOf,
  easterSunday,
  firstDayOfMonth,
  formatDay,
  isItalianHoliday,
  isSpringForward,
  isWorkingDay,
  lastDayOfMonth,
  monthOf,
  parseDay,
  weekday,
} from '../../src/demo/calendar';
import { anyTimeOn, officeTimeAfter } from '../../src/demo/clock';
import { Prng } from '../../src/demo/prng';

describe('calendar', () => {
  it('parses and formats days', () => {
    expect(parseDay('2020-03-01')).toBe(dayOf(2020, 3, 1));
    expect(formatDay(dayOf(2024, 2, 29))).toBe('2024-02-29');
    expect(parseDay('2023-02-29')).toBeUndefined();
    expect(parseDay('2023-13-01')).toBeUndefined();
    expect(parseDay('23-01-01')).toBeUndefined();
    expect(parseDay('2023-01-01 ')).toBeUndefined();
  });

  it('knows weekdays, months, Easter and Italian holidays', () => {
    expect(weekday(dayOf(2026, 11, 22))).toBe(0);
    expect(weekday(dayOf(2020, 3, 2))).toBe(1);
    expect(formatDay(easterSunday(2021))).toBe('2021-04-04');
    expect(formatDay(easterSunday(2024))).toBe('2024-03-31');
    expect(isItalianHoliday(dayOf(2024, 4, 1))).toBe(true); // Easter Monday
    expect(isItalianHoliday(dayOf(2021, 6, 2))).toBe(true);
    expect(isWorkingDay(dayOf(2021, 6, 2))).toBe(false);
    expect(isWorkingDay(dayOf(2021, 6, 3))).toBe(true);
    const month = monthOf(dayOf(2020, 2, 10));
    expect(formatDay(firstDayOfMonth(month))).toBe('2020-02-01');
    expect(formatDay(lastDayOfMonth(month))).toBe('2020-02-29');
    expect(formatDay(lastDayOfMonth(month + 11))).toBe('2021-01-31');
  });

  it('finds the days Europe/Rome springs forward', () => {
    expect(isSpringForward(dayOf(2021, 3, 28))).toBe(true);
    expect(isSpringForward(dayOf(2021, 3, 21))).toBe(false);
    expect(isSpringForward(dayOf(2021, 10, 31))).toBe(false);
  });

  it('formats timestamps and finds working days through a DayTable', () => {
    const table = new DayTable(dayOf(2021, 1, 1), dayOf(2021, 12, 31));
    const saturday = dayOf(2021, 5, 29);
    expect(table.workingDayFrom(saturday)).toBe(dayOf(2021, 5, 31));
    expect(table.workingDayFrom(dayOf(2021, 6, 2))).toBe(dayOf(2021, 6, 3));
    expect(table.format(saturday * SECONDS_PER_DAY + 7 * 3600 + 5 * 60 + 9)).toBe('2021-05-29 07:05:09');
    expect(table.format(dayOf(2022, 1, 1) * SECONDS_PER_DAY)).toBe('2022-01-01 00:00:00');
  });
});

describe('clock', () => {
  const table = new DayTable(dayOf(2021, 1, 1), dayOf(2021, 12, 31));

  it('never stamps a wall time that does not exist in Europe/Rome', () => {
    const rng = new Prng(3);
    const day = dayOf(2021, 3, 28);
    const hours = new Set(
      Array.from({ length: 5000 }, () => Math.floor((anyTimeOn(rng, table, day) - day * SECONDS_PER_DAY) / 3600)),
    );
    expect(hours.has(2)).toBe(false);
    expect(hours.has(3)).toBe(true);
  });

  it('puts office work on a later working day, in office hours', () => {
    const rng = new Prng(4);
    const from = dayOf(2021, 5, 28) * SECONDS_PER_DAY + 17 * 3600;
    const stamps = Array.from({ length: 1000 }, () => officeTimeAfter(rng, table, from, 0));
    const monday = dayOf(2021, 5, 31) * SECONDS_PER_DAY;
    expect(Math.min(...stamps)).toBeGreaterThanOrEqual(monday + 8 * 3600);
    expect(Math.max(...stamps)).toBeLessThan(monday + 18 * 3600);
  });
});
