import { Settings } from 'luxon';
import { isValidTimeZone, offsetMinutesAt, toInstant, toLocal } from '../../../domain/schedules/timezone';

const iso = (date: Date | null) => date?.toISOString();

describe('isValidTimeZone', () => {
  it.each(['America/New_York', 'Europe/London', 'Asia/Kolkata', 'Pacific/Chatham', 'UTC', 'Etc/GMT+5'])(
    'accepts %s',
    (zone) => {
      expect(isValidTimeZone(zone)).toBe(true);
    },
  );

  it.each(['Mars/Olympus_Mons', '', 'America/New_York ', '+05:00', 'UTC+1', 'EST-5'])('rejects %j', (zone) => {
    expect(isValidTimeZone(zone)).toBe(false);
  });

  it('rejects what is not a string', () => {
    expect(isValidTimeZone(undefined)).toBe(false);
    expect(isValidTimeZone(-300)).toBe(false);
  });
});

describe('toInstant on the exact DST transition days (DOMAIN.md §4.3.2)', () => {
  it.each([
    // spring-forward gaps: the local time moves forward by the length of the gap
    ['America/New_York', '2026-03-08', '02:30', '2026-03-08T07:30:00.000Z', '03:30'],
    ['America/New_York', '2026-03-08', '02:00', '2026-03-08T07:00:00.000Z', '03:00'],
    ['America/New_York', '2026-03-08', '02:59', '2026-03-08T07:59:00.000Z', '03:59'],
    ['Europe/London', '2026-03-29', '01:30', '2026-03-29T01:30:00.000Z', '02:30'],
    ['Europe/Berlin', '2026-03-29', '02:30', '2026-03-29T01:30:00.000Z', '03:30'],
    ['Australia/Sydney', '2026-10-04', '02:30', '2026-10-03T16:30:00.000Z', '03:30'],
    ['America/St_Johns', '2026-03-08', '02:30', '2026-03-08T06:00:00.000Z', '03:30'],
    ['Pacific/Chatham', '2026-09-27', '02:50', '2026-09-26T14:05:00.000Z', '03:50'],
    // fall-back overlaps: the earlier of the two instants
    ['America/New_York', '2026-11-01', '01:30', '2026-11-01T05:30:00.000Z', '01:30'],
    ['America/New_York', '2026-11-01', '01:00', '2026-11-01T05:00:00.000Z', '01:00'],
    ['America/New_York', '2026-11-01', '01:59', '2026-11-01T05:59:00.000Z', '01:59'],
    ['Europe/London', '2026-10-25', '01:30', '2026-10-25T00:30:00.000Z', '01:30'],
    ['Europe/Berlin', '2026-10-25', '02:30', '2026-10-25T00:30:00.000Z', '02:30'],
    ['Australia/Sydney', '2026-04-05', '02:30', '2026-04-04T15:30:00.000Z', '02:30'],
    ['America/St_Johns', '2026-11-01', '01:30', '2026-11-01T04:00:00.000Z', '01:30'],
    ['Pacific/Chatham', '2026-04-05', '02:50', '2026-04-04T13:05:00.000Z', '02:50'],
    // just outside the transitions
    ['America/New_York', '2026-03-08', '01:59', '2026-03-08T06:59:00.000Z', '01:59'],
    ['America/New_York', '2026-03-08', '03:00', '2026-03-08T07:00:00.000Z', '03:00'],
    ['America/New_York', '2026-11-01', '00:59', '2026-11-01T04:59:00.000Z', '00:59'],
    ['America/New_York', '2026-11-01', '02:00', '2026-11-01T07:00:00.000Z', '02:00'],
    ['Asia/Kolkata', '2026-03-08', '02:30', '2026-03-07T21:00:00.000Z', '02:30'],
  ])('%s %s %s -> %s (local %s)', (zone, date, time, instant, localTime) => {
    const result = toInstant(date, time, zone);
    expect(iso(result)).toBe(instant);
    expect(toLocal(result!, zone)).toEqual({ date, time: localTime });
  });

  it('does not depend on the season the code runs in (luxon guesses overlaps from Settings.now)', () => {
    const original = Settings.now;
    try {
      const seen = ['2026-07-01T00:00:00Z', '2027-01-15T00:00:00Z'].map((now) => {
        Settings.now = () => Date.parse(now);
        return [
          iso(toInstant('2026-11-01', '01:30', 'America/New_York')),
          iso(toInstant('2026-04-05', '02:30', 'Australia/Sydney')),
        ];
      });
      expect(seen[0]).toEqual(['2026-11-01T05:30:00.000Z', '2026-04-04T15:30:00.000Z']);
      expect(seen[1]).toEqual(seen[0]);
    } finally {
      Settings.now = original;
    }
  });

  it('answers null for an invalid date, time or zone', () => {
    expect(toInstant('2026-02-29', '09:00', 'Europe/Berlin')).toBeNull();
    expect(toInstant('2026-02-28', '24:00', 'Europe/Berlin')).toBeNull();
    expect(toInstant('2026-02-28', '09:00', 'Europe/Atlantis')).toBeNull();
  });
});

describe('toLocal and offsets', () => {
  it('reads the local date and time of an instant, truncated to the minute', () => {
    expect(toLocal(new Date('2026-01-08T03:59:59.999Z'), 'America/New_York')).toEqual({
      date: '2026-01-07',
      time: '22:59',
    });
    expect(toLocal(new Date('2026-01-07T11:30:00Z'), 'Pacific/Chatham')).toEqual({ date: '2026-01-08', time: '01:15' });
  });

  it('knows the half- and three-quarter-hour offsets', () => {
    expect(offsetMinutesAt('Asia/Kolkata', Date.parse('2026-06-01T00:00:00Z'))).toBe(330);
    expect(offsetMinutesAt('America/St_Johns', Date.parse('2026-01-01T00:00:00Z'))).toBe(-210);
    expect(offsetMinutesAt('Pacific/Chatham', Date.parse('2026-01-01T00:00:00Z'))).toBe(825);
    expect(offsetMinutesAt('Pacific/Chatham', Date.parse('2026-07-01T00:00:00Z'))).toBe(765);
  });
});
