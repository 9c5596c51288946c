import { nextOccurrence, occurrenceOn, SCAN_DAYS, type ScheduleRule } from '../../../domain/schedules/next-occurrence';
import type { Interval } from '../../../domain/schedules/recurrence';

const NY = 'America/New_York';

const daily = (time: string, timezone = NY): ScheduleRule => ({
  frequency: 'daily',
  intervals: [],
  time,
  timezone,
  anchorDate: '2026-01-01',
});
const weekly = (intervals: Interval[], time: string, anchorDate: string, timezone = NY): ScheduleRule => ({
  frequency: 'weekly',
  intervals,
  time,
  timezone,
  anchorDate,
});
const monthly = (days: number[], time: string, timezone = 'Europe/Berlin'): ScheduleRule => ({
  frequency: 'monthly',
  intervals: days.map((day) => ({ day })),
  time,
  timezone,
  anchorDate: '2026-01-01',
});

const next = (rule: ScheduleRule, after: string) => nextOccurrence(rule, new Date(after))?.toISOString() ?? null;

/** The first `count` occurrences after `after`, chaining each result as the next `after`. */
const series = (rule: ScheduleRule, after: string, count: number): string[] => {
  const found: string[] = [];
  let cursor = new Date(after);
  for (let i = 0; i < count; i += 1) {
    const result = nextOccurrence(rule, cursor);
    if (result === null) break;
    found.push(result.toISOString());
    cursor = result;
  }
  return found;
};

describe('daily', () => {
  it('is later today, else tomorrow, strictly after `after`', () => {
    const rule = daily('09:00');
    expect(next(rule, '2026-01-15T13:59:59.999Z')).toBe('2026-01-15T14:00:00.000Z');
    expect(next(rule, '2026-01-15T14:00:00.000Z')).toBe('2026-01-16T14:00:00.000Z');
    expect(next(rule, '2026-01-15T14:00:00.001Z')).toBe('2026-01-16T14:00:00.000Z');
  });

  it('uses the local date of `after` in the zone, not its UTC date', () => {
    // 2026-01-16T03:00Z is still 2026-01-15 22:00 in New York
    expect(next(daily('23:00'), '2026-01-16T03:00:00.000Z')).toBe('2026-01-16T04:00:00.000Z');
    // and already 2026-01-16 16:15 in Chatham (+13:45)
    expect(next(daily('16:00', 'Pacific/Chatham'), '2026-01-16T02:30:00.000Z')).toBe('2026-01-17T02:15:00.000Z');
  });

  it('keeps the local time across DST changes (no drift)', () => {
    expect(series(daily('09:00'), '2026-03-06T12:00:00Z', 4)).toEqual([
      '2026-03-06T14:00:00.000Z',
      '2026-03-07T14:00:00.000Z',
      '2026-03-08T13:00:00.000Z',
      '2026-03-09T13:00:00.000Z',
    ]);
    expect(series(daily('09:00'), '2026-10-31T12:00:00Z', 3)).toEqual([
      '2026-10-31T13:00:00.000Z',
      '2026-11-01T14:00:00.000Z',
      '2026-11-02T14:00:00.000Z',
    ]);
  });
});

describe('New York on its DST days (2026-03-08 and 2026-11-01)', () => {
  it('02:30 on the spring-forward day does not exist: 03:30 EDT, then 02:30 again the next day', () => {
    expect(series(daily('02:30'), '2026-03-07T12:00:00Z', 3)).toEqual([
      '2026-03-08T07:30:00.000Z',
      '2026-03-09T06:30:00.000Z',
      '2026-03-10T06:30:00.000Z',
    ]);
  });

  it('01:30 on the fall-back day happens twice: only the earlier (EDT) one is an occurrence', () => {
    expect(series(daily('01:30'), '2026-10-30T12:00:00Z', 3)).toEqual([
      '2026-10-31T05:30:00.000Z',
      '2026-11-01T05:30:00.000Z',
      '2026-11-02T06:30:00.000Z',
    ]);
    // between the two 01:30s, the next one is tomorrow's
    expect(next(daily('01:30'), '2026-11-01T06:00:00.000Z')).toBe('2026-11-02T06:30:00.000Z');
  });

  it('02:30 on the fall-back day and 01:30 on the spring-forward day are ordinary', () => {
    expect(next(daily('02:30'), '2026-11-01T04:00:00.000Z')).toBe('2026-11-01T07:30:00.000Z');
    expect(next(daily('01:30'), '2026-03-08T04:00:00.000Z')).toBe('2026-03-08T06:30:00.000Z');
  });

  it('weekly on Sundays at 02:30 and 01:30 across both changes', () => {
    expect(series(weekly([{ day: 0 }], '02:30', '2026-03-01'), '2026-03-02T00:00:00Z', 2)).toEqual([
      '2026-03-08T07:30:00.000Z',
      '2026-03-15T06:30:00.000Z',
    ]);
    expect(series(weekly([{ day: 0 }], '01:30', '2026-10-25'), '2026-10-26T00:00:00Z', 2)).toEqual([
      '2026-11-01T05:30:00.000Z',
      '2026-11-08T06:30:00.000Z',
    ]);
  });

  it('an `after` inside the gap or the overlap still finds the right instant', () => {
    // 2026-03-08T07:00Z is 03:00 EDT, right after the gap
    expect(next(daily('03:15'), '2026-03-08T07:00:00.000Z')).toBe('2026-03-08T07:15:00.000Z');
    // 2026-11-01T06:10Z is 01:10 EST, inside the second pass through 01:xx
    expect(next(daily('01:20'), '2026-11-01T06:10:00.000Z')).toBe('2026-11-02T06:20:00.000Z');
    expect(next(daily('02:00'), '2026-11-01T06:10:00.000Z')).toBe('2026-11-01T07:00:00.000Z');
  });
});

describe('weekly', () => {
  it('takes the nearest listed weekday', () => {
    const rule = weekly([{ day: 1 }, { day: 3 }, { day: 5 }], '10:00', '2026-01-04');
    // Wednesday 2026-01-07 10:00 EST = 15:00Z
    expect(series(rule, '2026-01-06T16:00:00Z', 4)).toEqual([
      '2026-01-07T15:00:00.000Z',
      '2026-01-09T15:00:00.000Z',
      '2026-01-12T15:00:00.000Z',
      '2026-01-14T15:00:00.000Z',
    ]);
  });

  it('every 2 weeks, anchored on the week in which it was set', () => {
    // set on Wednesday 2026-01-07: that week's Monday (01-05) has passed, so the next is 01-19
    const rule = weekly([{ day: 1, weeks: 2 }], '09:00', '2026-01-07');
    expect(series(rule, '2026-01-07T20:00:00Z', 3)).toEqual([
      '2026-01-19T14:00:00.000Z',
      '2026-02-02T14:00:00.000Z',
      '2026-02-16T14:00:00.000Z',
    ]);
    // set on Sunday 2026-01-11 instead: a new week, so Monday 01-12 is on
    expect(next(weekly([{ day: 1, weeks: 2 }], '09:00', '2026-01-11'), '2026-01-11T20:00:00Z')).toBe(
      '2026-01-12T14:00:00.000Z',
    );
  });

  it('every 52 weeks is found within the scan', () => {
    const rule = weekly([{ day: 2, weeks: 52 }], '08:00', '2026-01-01');
    // the anchor week's Tuesday (2025-12-30) is before `after`; the next is 52 weeks later
    expect(next(rule, '2026-01-01T12:00:00Z')).toBe('2026-12-29T13:00:00.000Z');
    expect(SCAN_DAYS).toBe(400);
  });

  it('finds nothing without weekdays', () => {
    expect(nextOccurrence(weekly([], '09:00', '2026-01-01'), new Date('2026-01-01T00:00:00Z'))).toBeNull();
  });
});

describe('monthly', () => {
  it('on a fixed day of the month', () => {
    // Berlin: 09:00 CET = 08:00Z, CEST = 07:00Z
    expect(series(monthly([15], '09:00'), '2026-01-15T08:00:00Z', 3)).toEqual([
      '2026-02-15T08:00:00.000Z',
      '2026-03-15T08:00:00.000Z',
      '2026-04-15T07:00:00.000Z',
    ]);
  });

  it('the 31st falls on the last day of shorter months', () => {
    expect(series(monthly([31], '09:00'), '2026-01-01T00:00:00Z', 5)).toEqual([
      '2026-01-31T08:00:00.000Z',
      '2026-02-28T08:00:00.000Z',
      '2026-03-31T07:00:00.000Z',
      '2026-04-30T07:00:00.000Z',
      '2026-05-31T07:00:00.000Z',
    ]);
  });

  it('in a leap year February ends on the 29th', () => {
    expect(series(monthly([31], '09:00'), '2028-02-01T00:00:00Z', 2)).toEqual([
      '2028-02-29T08:00:00.000Z',
      '2028-03-31T07:00:00.000Z',
    ]);
    expect(next(monthly([30], '09:00'), '2028-02-28T12:00:00Z')).toBe('2028-02-29T08:00:00.000Z');
    expect(next(monthly([29], '09:00'), '2027-02-27T12:00:00Z')).toBe('2027-02-28T08:00:00.000Z');
  });

  it('two days that clamp to the same date give one occurrence', () => {
    expect(series(monthly([30, 31], '09:00'), '2026-02-01T00:00:00Z', 3)).toEqual([
      '2026-02-28T08:00:00.000Z',
      '2026-03-30T07:00:00.000Z',
      '2026-03-31T07:00:00.000Z',
    ]);
    expect(series(monthly([28, 31], '09:00'), '2026-02-27T00:00:00Z', 2)).toEqual([
      '2026-02-28T08:00:00.000Z',
      '2026-03-28T08:00:00.000Z',
    ]);
  });

  it('several days in one month, in date order whatever their order in the list', () => {
    expect(series(monthly([20, 5], '06:45', 'Asia/Kolkata'), '2026-06-01T00:00:00Z', 3)).toEqual([
      '2026-06-05T01:15:00.000Z',
      '2026-06-20T01:15:00.000Z',
      '2026-07-05T01:15:00.000Z',
    ]);
  });
});

describe('occurrenceOn', () => {
  it('is the instant on a matching date and null on others', () => {
    expect(occurrenceOn(daily('02:30'), '2026-03-08')?.toISOString()).toBe('2026-03-08T07:30:00.000Z');
    expect(occurrenceOn(monthly([31], '09:00'), '2026-02-28')?.toISOString()).toBe('2026-02-28T08:00:00.000Z');
    expect(occurrenceOn(monthly([31], '09:00'), '2026-02-27')).toBeNull();
    expect(occurrenceOn(daily('09:00'), '2026-02-30')).toBeNull();
  });
});

describe('unusable input', () => {
  it('answers null for an invalid time, zone or instant', () => {
    const after = new Date('2026-01-01T00:00:00Z');
    expect(nextOccurrence(daily('9:00'), after)).toBeNull();
    expect(nextOccurrence(daily('09:00', 'Nowhere/Special'), after)).toBeNull();
    expect(nextOccurrence(daily('09:00'), new Date(Number.NaN))).toBeNull();
  });
});
