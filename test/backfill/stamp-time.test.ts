import { backfillRange } from '../../src/backfill/backfill-range';
import {
  dailyScheduleTime,
  DEFAULT_STAMP_TIME,
  parseStampTime,
  resolveStampTime,
  stampSeconds,
} from '../../src/backfill/stamp-time';
import { UserError } from '../../src/common/user-error';
import { at } from '../../src/common/checked-index';

const ROME = 'Europe/Rome';

describe('stamp time', () => {
  it('should read HH:MM and refuse anything else with a UserError', () => {
    expect(parseStampTime('06:30')).toEqual({ hour: 6, minute: 30 });
    expect(parseStampTime('7:05')).toEqual({ hour: 7, minute: 5 });
    for (const bad of ['24:00', '06:60', '6', '06:30:00', 'noon', '']) {
      expect(() => parseStampTime(bad)).toThrow(UserError);
    }
  });

  it.each([
    ['30 6 * * *', { hour: 6, minute: 30 }],
    ['0 7 * * *', { hour: 7, minute: 0 }],
    [' 15  23 * * * ', { hour: 23, minute: 15 }],
    ['30 6 * * 1-5', null],
    ['*/5 * * * *', null],
    ['0 30 6 * * *', null],
  ])('should take the refresh time of %j only when it is a simple daily schedule', (schedule, expected) => {
    expect(dailyScheduleTime(schedule)).toEqual(expected);
  });

  it('should prefer --stamp-time, then a daily DASMO_REFRESH_SCHEDULE, then 06:30', () => {
    expect(resolveStampTime('05:00', '0 7 * * *')).toEqual({ hour: 5, minute: 0 });
    expect(resolveStampTime(undefined, '0 7 * * *')).toEqual({ hour: 7, minute: 0 });
    expect(resolveStampTime(undefined, undefined)).toEqual(DEFAULT_STAMP_TIME);
    expect(() => resolveStampTime(undefined, '30 6 * * 1-5')).toThrow(/--stamp-time/);
  });

  it.each([
    ['2021-03-26', '2021-03-27T06:30:00+01:00'],
    // R = 2021-03-27: the refresh on 03-28 (a 23-hour day) runs at 06:30 CEST.
    ['2021-03-27', '2021-03-28T06:30:00+02:00'],
    ['2021-03-28', '2021-03-29T06:30:00+02:00'],
    ['2021-10-30', '2021-10-31T06:30:00+01:00'],
    ['2021-10-31', '2021-11-01T06:30:00+01:00'],
  ])('should stamp reference day %s at the 06:30 refresh of the next day in Rome', (day, instant) => {
    expect(stampSeconds(day, DEFAULT_STAMP_TIME, ROME)).toBe(Date.parse(instant) / 1000);
  });

  it('should move a stamp time inside the spring-forward gap forward by the gap', () => {
    expect(stampSeconds('2021-03-27', { hour: 2, minute: 30 }, ROME)).toBe(Date.parse('2021-03-28T03:30:00+02:00') / 1000);
  });
});

describe('backfill range', () => {
  const now = new Date('2021-11-03T10:00:00+01:00');

  it('should hold one window and one stamp per day, the stamps 23, 24 or 25 hours apart', () => {
    const range = backfillRange('2021-10-29', '2021-11-01', ROME, DEFAULT_STAMP_TIME, now);
    expect(range.windows.map((window) => window.day)).toEqual(['2021-10-29', '2021-10-30', '2021-10-31', '2021-11-01']);
    const gaps = range.stamps.slice(1).map((stamp, i) => (stamp - at(range.stamps, i)) / 3600);
    expect(gaps).toEqual([25, 24, 24]);
  });

  it.each([
    ['2021-11-02', '2021-11-01', /--from 2021-11-02 is after --to 2021-11-01/],
    ['2021-10-01', '2021-11-03', /--to 2021-11-03 is after yesterday \(2021-11-02 in Europe\/Rome\)/],
    ['2021-02-30', '2021-03-01', /--from must be a calendar date/],
    ['2021-10-01', '1/11/2021', /--to must be a calendar date/],
  ])('should refuse --from %s --to %s with one clear UserError', (from, to, message) => {
    expect(() => backfillRange(from, to, ROME, DEFAULT_STAMP_TIME, now)).toThrow(UserError);
    expect(() => backfillRange(from, to, ROME, DEFAULT_STAMP_TIME, now)).toThrow(message);
  });

  it('should refuse yesterday while its refresh instant is still to come', () => {
    const early = new Date('2021-11-03T05:00:00+01:00');
    expect(() => backfillRange('2021-10-01', '2021-11-02', ROME, DEFAULT_STAMP_TIME, early)).toThrow(
      /--to 2021-11-02 would be stamped at 2021-11-03 06:30 Europe\/Rome .* still in the future/,
    );
    expect(backfillRange('2021-10-01', '2021-11-01', ROME, DEFAULT_STAMP_TIME, early).to).toBe('2021-11-01');
  });
});
