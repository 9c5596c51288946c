import fc from 'fast-check';
import { nextOccurrence, type ScheduleRule } from '../../../domain/schedules/next-occurrence';
import type { Interval } from '../../../domain/schedules/recurrence';
import { DAY_MS, expectedOccurrence, transitionInstants, wallOf, type Wall } from './intl-oracle';

/**
 * Properties of `nextOccurrence` over 2026–2028 in zones with northern and southern DST, no DST, and half- and
 * three-quarter-hour offsets. Everything expected is computed by the Intl oracle and the date rule written out
 * again below, not by the code under test.
 */
const ZONES = [
  'America/New_York',
  'Europe/London',
  'Australia/Sydney',
  'Asia/Kolkata',
  'America/St_Johns',
  'Pacific/Chatham',
  'Europe/Berlin',
] as const;

const FROM = Date.UTC(2026, 0, 1);
const TO = Date.UTC(2029, 0, 1) - 1;
const WEEK_ZERO_SUNDAY = Date.UTC(1969, 11, 28);

/** Times around the transitions of these zones (00:00-03:59 local), plus any time of day. */
const timeArbitrary = fc.oneof(
  fc.record({ hour: fc.integer({ min: 0, max: 3 }), minute: fc.constantFrom(0, 1, 15, 29, 30, 44, 45, 50, 59) }),
  fc.record({ hour: fc.integer({ min: 0, max: 23 }), minute: fc.integer({ min: 0, max: 59 }) }),
);

const anchorArbitrary = fc
  .integer({ min: Date.UTC(2025, 5, 1) / DAY_MS, max: Date.UTC(2029, 5, 1) / DAY_MS })
  .map((epochDay) => new Date(epochDay * DAY_MS).toISOString().slice(0, 10));

const weeksArbitrary = fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 52 }));

const recurrenceArbitrary: fc.Arbitrary<Pick<ScheduleRule, 'frequency' | 'intervals'>> = fc.oneof(
  fc.record({
    frequency: fc.constant('daily' as const),
    intervals: fc.array(fc.record({ day: fc.integer({ min: 0, max: 31 }) }), { maxLength: 2 }),
  }),
  fc.record({
    frequency: fc.constant('weekly' as const),
    intervals: fc
      .uniqueArray(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 7 })
      .chain((days) => fc.tuple(...days.map((day) => weeksArbitrary.map((weeks): Interval => ({ day, weeks }))))),
  }),
  fc.record({
    frequency: fc.constant('monthly' as const),
    intervals: fc
      .uniqueArray(fc.oneof(fc.integer({ min: 1, max: 31 }), fc.constantFrom(28, 29, 30, 31)), {
        minLength: 1,
        maxLength: 4,
      })
      .map((days) => days.map((day): Interval => ({ day }))),
  }),
);

const transitionsByZone = new Map<string, number[]>(
  ZONES.map((zone) => [zone, transitionInstants(zone, FROM - DAY_MS, TO + DAY_MS)]),
);

/** Uniform over 2026–2028, or within three days of one of the zone's offset changes. */
const afterArbitrary = (zone: string): fc.Arbitrary<number> => {
  const transitions = transitionsByZone.get(zone) ?? [];
  const uniform = fc.integer({ min: FROM, max: TO });
  if (transitions.length === 0) return uniform;
  const nearTransition = fc
    .tuple(fc.constantFrom(...transitions), fc.integer({ min: -3 * DAY_MS, max: 3 * DAY_MS }))
    .map(([transition, shift]) => Math.min(TO, Math.max(FROM, transition + shift)));
  return fc.oneof(uniform, nearTransition);
};

const ruleArbitrary = (zone: string): fc.Arbitrary<ScheduleRule> =>
  fc.tuple(recurrenceArbitrary, timeArbitrary, anchorArbitrary).map(([recurrence, time, anchorDate]) => ({
    ...recurrence,
    time: `${String(time.hour).padStart(2, '0')}:${String(time.minute).padStart(2, '0')}`,
    timezone: zone,
    anchorDate,
  }));

interface CalendarDay {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const dayOf = (utcMidnight: number): CalendarDay => {
  const date = new Date(utcMidnight);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
};

const utcMidnightOf = (date: CalendarDay): number => Date.UTC(date.year, date.month - 1, date.day);

/** DOMAIN.md §4.3.1 written out independently of domain/schedules/recurrence.ts. */
const dateMatches = (rule: ScheduleRule, date: CalendarDay): boolean => {
  const midnight = utcMidnightOf(date);
  if (rule.frequency === 'daily') return true;
  if (rule.frequency === 'weekly') {
    const weekday = new Date(midnight).getUTCDay();
    const week = Math.floor((midnight - WEEK_ZERO_SUNDAY) / (7 * DAY_MS));
    const anchorWeek = Math.floor((Date.parse(`${rule.anchorDate}T00:00:00Z`) - WEEK_ZERO_SUNDAY) / (7 * DAY_MS));
    return rule.intervals.some((interval) => {
      const weeks = interval.weeks ?? 1;
      return interval.day === weekday && (((week - anchorWeek) % weeks) + weeks) % weeks === 0;
    });
  }
  const lastDayOfMonth = new Date(Date.UTC(date.year, date.month, 0)).getUTCDate();
  return rule.intervals.some((interval) => Math.min(interval.day, lastDayOfMonth) === date.day);
};

const hourMinute = (time: string) => ({ hour: Number(time.slice(0, 2)), minute: Number(time.slice(3)) });

const sameDay = (wall: Wall, date: CalendarDay) =>
  wall.year === date.year && wall.month === date.month && wall.day === date.day;

describe.each(ZONES)('nextOccurrence in %s', (zone) => {
  it('has DST transitions to test where the zone has them', () => {
    const count = transitionsByZone.get(zone)!.length;
    if (zone === 'Asia/Kolkata') expect(count).toBe(0);
    else expect(count).toBe(6);
  });

  it('is the first occurrence strictly after `after`, at the local time or per the gap rule, and stable', () => {
    fc.assert(
      fc.property(ruleArbitrary(zone), afterArbitrary(zone), (rule, after) => {
        const result = nextOccurrence(rule, new Date(after));
        expect(result).not.toBeNull();
        const resultMs = result!.getTime();
        const { hour, minute } = hourMinute(rule.time);

        // (a) strictly after `after`
        expect(resultMs).toBeGreaterThan(after);

        // (b) the local wall clock is `time`, unless `time` does not exist that day (then moved by the gap)
        const wall = wallOf(resultMs, zone);
        const date: CalendarDay = { year: wall.year, month: wall.month, day: wall.day };
        const expected = expectedOccurrence(date, hour, minute, zone);
        expect(resultMs).toBe(expected.instant);
        if (expected.kind === 'gap') {
          expect(wall.hour * 60 + wall.minute).toBe(hour * 60 + minute + expected.gapMinutes);
        } else {
          expect({ hour: wall.hour, minute: wall.minute }).toEqual({ hour, minute });
        }

        // (c) the local date matches the recurrence rule
        expect(dateMatches(rule, date)).toBe(true);

        // (d) no occurrence strictly between `after` and the result, checked day by day from the day before
        // `after`'s local date up to the result's date
        const afterWall = wallOf(after, zone);
        const resultDay = utcMidnightOf(date);
        for (let day = utcMidnightOf(afterWall) - DAY_MS; day <= resultDay; day += DAY_MS) {
          const candidate = dayOf(day);
          if (!dateMatches(rule, candidate)) continue;
          const instant = expectedOccurrence(candidate, hour, minute, zone).instant;
          if (sameDay(wall, candidate)) expect(instant).toBe(resultMs);
          else expect(instant > after && instant < resultMs).toBe(false);
        }

        // (e) stable: asking again from just before the result gives the result
        expect(nextOccurrence(rule, new Date(resultMs - 1))?.getTime()).toBe(resultMs);
      }),
      { numRuns: 250 },
    );
  });

  it('walks the occurrences in order without skipping or repeating one', () => {
    fc.assert(
      fc.property(ruleArbitrary(zone), afterArbitrary(zone), (rule, after) => {
        const first = nextOccurrence(rule, new Date(after))!;
        const second = nextOccurrence(rule, first)!;
        expect(second.getTime()).toBeGreaterThan(first.getTime());
        const between = nextOccurrence(rule, new Date(Math.floor((first.getTime() + second.getTime()) / 2)));
        expect(between?.getTime()).toBe(second.getTime());
        // a second occurrence never falls on the same local date (an overlap gives one call)
        expect(sameDay(wallOf(second.getTime(), zone), wallOf(first.getTime(), zone))).toBe(false);
      }),
      { numRuns: 100 },
    );
  });
});
