import {
  isFrequency,
  matchesDate,
  MONTHLY_INTERVALS_MESSAGE,
  normalizeIntervals,
  WEEKLY_INTERVALS_MESSAGE,
  type Interval,
  type Recurrence,
} from '../../../domain/schedules/recurrence';

const messages = (outcome: ReturnType<typeof normalizeIntervals>) =>
  outcome.ok ? [] : outcome.problems.map((p) => p.message);
const intervals = (outcome: ReturnType<typeof normalizeIntervals>) => (outcome.ok ? outcome.intervals : null);

describe('frequencies', () => {
  it('are daily, weekly and monthly', () => {
    expect(['daily', 'weekly', 'monthly'].every(isFrequency)).toBe(true);
    expect(isFrequency('yearly')).toBe(false);
    expect(isFrequency('Daily')).toBe(false);
  });
});

describe('normalizeIntervals', () => {
  it('weekly: fills weeks = 1 and removes duplicates, keeping the first in input order', () => {
    const given: Interval[] = [
      { day: 3 },
      { day: 1, weeks: 1 },
      { day: 1 },
      { day: 3, weeks: 1 },
      { day: 1, weeks: 2 },
    ];
    expect(intervals(normalizeIntervals('weekly', given))).toEqual([
      { day: 3, weeks: 1 },
      { day: 1, weeks: 1 },
      { day: 1, weeks: 2 },
    ]);
  });

  it('monthly: ignores weeks and removes duplicate days', () => {
    const given: Interval[] = [{ day: 31, weeks: 2 }, { day: 15 }, { day: 31 }, { day: 15, weeks: 9 }];
    expect(intervals(normalizeIntervals('monthly', given))).toEqual([{ day: 31 }, { day: 15 }]);
  });

  it('daily: stores the intervals as given (may be empty), exact duplicates removed', () => {
    expect(intervals(normalizeIntervals('daily', undefined))).toEqual([]);
    expect(intervals(normalizeIntervals('daily', [{ day: 99, weeks: 0 }, { day: 99, weeks: 0 }, { day: 99 }]))).toEqual(
      [{ day: 99, weeks: 0 }, { day: 99 }],
    );
  });

  it('weekly and monthly need at least one interval, with the messages of API-CONTRACT.md §4.8', () => {
    expect(messages(normalizeIntervals('weekly', []))).toEqual([WEEKLY_INTERVALS_MESSAGE]);
    expect(messages(normalizeIntervals('weekly', undefined))).toEqual([
      '"intervals" must contain at least one weekday (0-6) for weekly schedules',
    ]);
    expect(messages(normalizeIntervals('monthly', []))).toEqual([MONTHLY_INTERVALS_MESSAGE]);
    expect(MONTHLY_INTERVALS_MESSAGE).toBe(
      '"intervals" must contain at least one day of the month (1-31) for monthly schedules',
    );
  });

  it('weekly: day 0-6 and weeks 1-52, integers', () => {
    expect(messages(normalizeIntervals('weekly', [{ day: 0 }, { day: 6, weeks: 52 }]))).toEqual([]);
    expect(
      messages(
        normalizeIntervals('weekly', [
          { day: 7 },
          { day: -1, weeks: 0 },
          { day: 2, weeks: 53 },
          { day: 1.5, weeks: 1.5 },
          { day: Number.NaN },
        ]),
      ),
    ).toEqual([
      '"intervals[0].day" must be less than or equal to 6',
      '"intervals[1].day" must be greater than or equal to 0',
      '"intervals[1].weeks" must be greater than or equal to 1',
      '"intervals[2].weeks" must be less than or equal to 52',
      '"intervals[3].day" must be an integer',
      '"intervals[3].weeks" must be an integer',
      '"intervals[4].day" must be a number',
    ]);
  });

  it('monthly: day 1-31, weeks not checked', () => {
    expect(messages(normalizeIntervals('monthly', [{ day: 1 }, { day: 31, weeks: 400 }]))).toEqual([]);
    expect(messages(normalizeIntervals('monthly', [{ day: 0 }, { day: 32 }]))).toEqual([
      '"intervals[0].day" must be greater than or equal to 1',
      '"intervals[1].day" must be less than or equal to 31',
    ]);
  });

  it('names the problem paths', () => {
    const outcome = normalizeIntervals('weekly', [{ day: 1 }, { day: 9 }]);
    expect(outcome.ok ? [] : outcome.problems.map((p) => p.path)).toEqual(['intervals[1].day']);
  });
});

describe('matchesDate (DOMAIN.md §4.3.1)', () => {
  const weekly = (list: Interval[], anchorDate = '2026-01-07'): Recurrence => ({
    frequency: 'weekly',
    intervals: list,
    anchorDate,
  });
  const monthly = (...days: number[]): Recurrence => ({
    frequency: 'monthly',
    intervals: days.map((day) => ({ day })),
    anchorDate: '2026-01-01',
  });

  it('daily matches every date', () => {
    const rule: Recurrence = { frequency: 'daily', intervals: [], anchorDate: '2026-01-01' };
    expect(['2026-01-01', '2026-02-28', '2028-02-29', '2025-06-15'].every((d) => matchesDate(rule, d))).toBe(true);
  });

  it('weekly matches the listed weekdays (0 = Sunday)', () => {
    const rule = weekly([{ day: 0 }, { day: 3 }]);
    expect(matchesDate(rule, '2026-03-08')).toBe(true); // Sunday
    expect(matchesDate(rule, '2026-03-11')).toBe(true); // Wednesday
    expect(matchesDate(rule, '2026-03-09')).toBe(false); // Monday
    expect(matchesDate(rule, '2026-03-14')).toBe(false); // Saturday
  });

  it('every 2 weeks counts from the anchor week, weeks starting on Sunday', () => {
    // anchor Wednesday 2026-01-07 lies in the week of Sunday 2026-01-04
    const rule = weekly([{ day: 1, weeks: 2 }]);
    expect(matchesDate(rule, '2026-01-05')).toBe(true);
    expect(matchesDate(rule, '2026-01-12')).toBe(false);
    expect(matchesDate(rule, '2026-01-19')).toBe(true);
    expect(matchesDate(rule, '2025-12-29')).toBe(false); // before the anchor: -1 week
    expect(matchesDate(rule, '2025-12-22')).toBe(true); // -2 weeks
    // Saturday 2026-01-10 is the same week as the anchor; Sunday 2026-01-11 starts the next one
    expect(matchesDate(weekly([{ day: 1, weeks: 2 }], '2026-01-10'), '2026-01-05')).toBe(true);
    expect(matchesDate(weekly([{ day: 1, weeks: 2 }], '2026-01-11'), '2026-01-05')).toBe(false);
    expect(matchesDate(weekly([{ day: 1, weeks: 2 }], '2026-01-11'), '2026-01-12')).toBe(true);
  });

  it('each weekly interval keeps its own period', () => {
    const rule = weekly([
      { day: 1, weeks: 3 },
      { day: 4, weeks: 1 },
    ]);
    expect(['2026-01-05', '2026-01-26'].every((d) => matchesDate(rule, d))).toBe(true);
    expect(['2026-01-12', '2026-01-19'].some((d) => matchesDate(rule, d))).toBe(false);
    expect(['2026-01-08', '2026-01-15', '2026-01-22'].every((d) => matchesDate(rule, d))).toBe(true);
  });

  it('a weekly rule with an unusable anchor or period matches nothing', () => {
    expect(matchesDate(weekly([{ day: 1 }], 'not-a-date'), '2026-01-05')).toBe(false);
    expect(matchesDate(weekly([{ day: 1, weeks: 0 }]), '2026-01-05')).toBe(false);
  });

  it('monthly: a day past the end of the month falls on its last day', () => {
    expect(matchesDate(monthly(31), '2026-01-31')).toBe(true);
    expect(matchesDate(monthly(31), '2026-02-28')).toBe(true);
    expect(matchesDate(monthly(31), '2026-04-30')).toBe(true);
    expect(matchesDate(monthly(31), '2026-03-30')).toBe(false);
    expect(matchesDate(monthly(31), '2028-02-28')).toBe(false); // leap year: the 29th is the last day
    expect(matchesDate(monthly(31), '2028-02-29')).toBe(true);
    expect(matchesDate(monthly(29), '2026-02-28')).toBe(true);
    expect(matchesDate(monthly(29), '2028-02-28')).toBe(false);
    expect(matchesDate(monthly(15), '2026-02-15')).toBe(true);
    expect(matchesDate(monthly(15), '2026-02-16')).toBe(false);
  });

  it('answers false for an invalid date', () => {
    expect(matchesDate(monthly(31), '2026-02-31')).toBe(false);
  });
});
