import {
  civilDateOf,
  daysInMonth,
  epochDayOf,
  epochDayOfLocalDate,
  localDateOfEpochDay,
  parseLocalDate,
  weekIndexOf,
  weekdayOf,
} from '../../../domain/schedules/local-date';
import {
  formatLocalTime,
  isValidLocalTime,
  LOCAL_TIME_PATTERN,
  minuteOfDay,
  parseLocalTime,
} from '../../../domain/schedules/local-time';

describe('local time (HH:mm, 24-hour)', () => {
  it.each(['00:00', '09:05', '12:30', '19:59', '23:59'])('accepts %s', (value) => {
    expect(isValidLocalTime(value)).toBe(true);
  });

  it.each(['24:00', '23:60', '9:05', '09:5', '0900', '09:00:00', ' 09:00', '09:00 ', '', '2:30 PM', '-1:00'])(
    'rejects %j',
    (value) => {
      expect(isValidLocalTime(value)).toBe(false);
      expect(parseLocalTime(value)).toBeNull();
    },
  );

  it('rejects what is not a string', () => {
    expect(isValidLocalTime(930)).toBe(false);
    expect(isValidLocalTime(null)).toBe(false);
  });

  it('is the pattern of API-CONTRACT.md §3.5', () => {
    expect(LOCAL_TIME_PATTERN.source).toBe('^([01]\\d|2[0-3]):[0-5]\\d$');
  });

  it('parses, formats and counts minutes', () => {
    expect(parseLocalTime('07:45')).toEqual({ hour: 7, minute: 45 });
    expect(parseLocalTime('23:59')).toEqual({ hour: 23, minute: 59 });
    expect(formatLocalTime({ hour: 3, minute: 5 })).toBe('03:05');
    expect(minuteOfDay({ hour: 23, minute: 59 })).toBe(1439);
  });
});

describe('local dates as epoch days', () => {
  it('counts days from 1970-01-01 in both directions', () => {
    expect(epochDayOf({ year: 1970, month: 1, day: 1 })).toBe(0);
    expect(epochDayOf({ year: 1969, month: 12, day: 31 })).toBe(-1);
    expect(epochDayOfLocalDate('2026-03-08')).toBe(20520);
    expect(localDateOfEpochDay(20520)).toBe('2026-03-08');
    expect(civilDateOf(-1)).toEqual({ year: 1969, month: 12, day: 31 });
  });

  it('numbers weekdays from Sunday = 0', () => {
    expect(weekdayOf(0)).toBe(4); // 1970-01-01, a Thursday
    expect(weekdayOf(epochDayOfLocalDate('2026-03-08')!)).toBe(0); // a Sunday
    expect(weekdayOf(epochDayOfLocalDate('2026-03-14')!)).toBe(6);
    expect(weekdayOf(-4)).toBe(0); // 1969-12-28, a Sunday
  });

  it('starts a new week index on Sunday', () => {
    const saturday = epochDayOfLocalDate('2026-03-07')!;
    expect(weekIndexOf(saturday + 1)).toBe(weekIndexOf(saturday) + 1);
    expect(weekIndexOf(saturday + 7)).toBe(weekIndexOf(saturday + 1));
    expect(weekIndexOf(-4)).toBe(0);
    expect(weekIndexOf(-5)).toBe(-1);
  });

  it('knows month lengths, leap years included', () => {
    expect(daysInMonth(2026, 2)).toBe(28);
    expect(daysInMonth(2028, 2)).toBe(29);
    expect(daysInMonth(2100, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(daysInMonth(2026, 4)).toBe(30);
    expect(daysInMonth(2026, 12)).toBe(31);
  });

  it('parses only real calendar dates', () => {
    expect(parseLocalDate('2028-02-29')).toEqual({ year: 2028, month: 2, day: 29 });
    expect(parseLocalDate('2026-02-29')).toBeNull();
    expect(parseLocalDate('2026-13-01')).toBeNull();
    expect(parseLocalDate('2026-00-10')).toBeNull();
    expect(parseLocalDate('2026-1-01')).toBeNull();
    expect(parseLocalDate('2026-01-01T00:00')).toBeNull();
  });
});
