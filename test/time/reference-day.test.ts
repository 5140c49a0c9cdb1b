import { daysBetween, defaultReferenceDay, parseIsoDay, referenceWindow } from '../../src/time/reference-day';
import { UserError } from '../../src/common/user-error';

describe('referenceWindow', () => {
  it.each([
    // day, E (wall clock), start and end epoch seconds computed with `date -u -d '<local midnight with offset>' +%s`
    ['2021-03-28', '2021-03-29 00:00:00', 1616886000, 1616968800, 23],
    ['2021-10-31', '2021-11-01 00:00:00', 1635631200, 1635721200, 25],
    ['2021-03-27', '2021-03-28 00:00:00', 1616799600, 1616886000, 24],
    ['2020-02-29', '2020-03-01 00:00:00', 1582930800, 1583017200, 24],
    ['2021-12-31', '2022-01-01 00:00:00', 1640905200, 1640991600, 24],
  ])('should bound %s in Europe/Rome exactly', (day, end, start, endEpoch, hours) => {
    const window = referenceWindow(day, 'Europe/Rome');
    expect(window.day).toBe(day);
    expect(window.endExclusive).toBe(end);
    expect(window.startEpochSeconds).toBe(start);
    expect(window.endEpochSeconds).toBe(endEpoch);
    expect((window.endEpochSeconds - window.startEpochSeconds) / 3600).toBe(hours);
  });

  it('should follow another time zone', () => {
    expect(referenceWindow('2021-03-14', 'America/New_York').endEpochSeconds - referenceWindow('2021-03-14', 'America/New_York').startEpochSeconds).toBe(23 * 3600);
    expect(referenceWindow('2021-03-28', 'UTC').startEpochSeconds).toBe(1616889600);
  });
});

describe('defaultReferenceDay', () => {
  it('should be yesterday in the time zone, not in UTC', () => {
    // 2021-03-28 23:30 UTC is already 2021-03-29 01:30 in Rome: yesterday there is the 28th.
    expect(defaultReferenceDay(new Date('2021-03-28T23:30:00Z'), 'Europe/Rome')).toBe('2021-03-28');
    expect(defaultReferenceDay(new Date('2021-03-28T23:30:00Z'), 'UTC')).toBe('2021-03-27');
    expect(defaultReferenceDay(new Date('2021-01-01T00:30:00+01:00'), 'Europe/Rome')).toBe('2020-12-31');
  });
});

describe('parseIsoDay', () => {
  it.each(['2021-02-29', '2021-13-01', '21-03-01', '2021-3-1', '2021-03-01T00:00', '', 'yesterday'])('should reject %j with a UserError', (text) => {
    expect(() => parseIsoDay(text)).toThrow(UserError);
  });

  it('should accept a leap day', () => {
    expect(parseIsoDay('2020-02-29')).toBe('2020-02-29');
  });
});

describe('daysBetween', () => {
  it('should list every calendar day inclusively across DST and month ends', () => {
    expect(daysBetween('2021-03-27', '2021-03-29')).toEqual(['2021-03-27', '2021-03-28', '2021-03-29']);
    expect(daysBetween('2020-02-28', '2020-03-01')).toEqual(['2020-02-28', '2020-02-29', '2020-03-01']);
    expect(daysBetween('2021-01-02', '2021-01-01')).toEqual([]);
  });
});
