import {
  civilDateOf,
  daysInMonth,
  epochDayOfLocalDate,
  mod,
  weekIndexOf,
  weekdayOf,
  type LocalDate,
} from './local-date';
import { problem, type ValidationProblem } from './validation-problem';

/** Recurrence rules of a schedule (DOMAIN.md §4.1 and §4.3.1, API-CONTRACT.md §3.8 and §4.8). */
export const FREQUENCIES = ['daily', 'weekly', 'monthly'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

export const MIN_WEEKS = 1;
export const MAX_WEEKS = 52;

/**
 * `weekly`: `day` 0–6 (0 = Sunday) and `weeks` 1–52, "every N weeks" counted from the anchor week.
 * `monthly`: `day` 1–31, a day past the month's end meaning its last day; `weeks` ignored.
 * `daily`: not used for recurrence, stored as given.
 */
export interface Interval {
  readonly day: number;
  readonly weeks?: number;
}

export interface Recurrence {
  readonly frequency: Frequency;
  readonly intervals: readonly Interval[];
  /** Local date on which `frequency`/`intervals` were last set: week 0 of "every N weeks". */
  readonly anchorDate: LocalDate;
}

export const FREQUENCY_MESSAGE = `must be one of [${FREQUENCIES.join(', ')}]`;
export const WEEKLY_INTERVALS_MESSAGE = '"intervals" must contain at least one weekday (0-6) for weekly schedules';
export const MONTHLY_INTERVALS_MESSAGE =
  '"intervals" must contain at least one day of the month (1-31) for monthly schedules';

export const isFrequency = (value: unknown): value is Frequency =>
  typeof value === 'string' && (FREQUENCIES as readonly string[]).includes(value);

const integerProblem = (path: string, value: unknown, min: number, max: number): ValidationProblem | null => {
  if (typeof value !== 'number' || Number.isNaN(value)) return problem(path, 'must be a number');
  if (!Number.isInteger(value)) return problem(path, 'must be an integer');
  if (value < min) return problem(path, `must be greater than or equal to ${min}`);
  if (value > max) return problem(path, `must be less than or equal to ${max}`);
  return null;
};

const withoutDuplicates = (intervals: readonly Interval[], key: (interval: Interval) => string): Interval[] => {
  const seen = new Set<string>();
  return intervals.filter((interval) => {
    const id = key(interval);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
};

export type IntervalsOutcome =
  | { readonly ok: true; readonly intervals: readonly Interval[] }
  | { readonly ok: false; readonly problems: readonly ValidationProblem[] };

/**
 * Validates and normalises the intervals of a frequency, keeping the first of duplicate entries in input order:
 * - `daily`: as given, exact duplicates removed;
 * - `weekly`: `{day, weeks}` with `weeks` defaulting to 1; duplicates by `(day, weeks)`;
 * - `monthly`: `{day}` (`weeks` is ignored, so dropped); duplicates by `day`.
 */
export const normalizeIntervals = (
  frequency: Frequency,
  intervals: readonly Interval[] | undefined,
): IntervalsOutcome => {
  const given = intervals ?? [];
  if (frequency === 'daily') {
    return { ok: true, intervals: withoutDuplicates(given, (entry) => `${entry.day}:${String(entry.weeks)}`) };
  }
  if (given.length === 0) {
    const message = frequency === 'weekly' ? WEEKLY_INTERVALS_MESSAGE : MONTHLY_INTERVALS_MESSAGE;
    return { ok: false, problems: [{ path: 'intervals', message }] };
  }
  const problems: ValidationProblem[] = [];
  const normalized: Interval[] = [];
  given.forEach((entry, index) => {
    const path = `intervals[${index}]`;
    if (frequency === 'weekly') {
      const weeks = entry.weeks ?? MIN_WEEKS;
      const dayProblem = integerProblem(`${path}.day`, entry.day, 0, 6);
      const weeksProblem = integerProblem(`${path}.weeks`, weeks, MIN_WEEKS, MAX_WEEKS);
      if (dayProblem !== null) problems.push(dayProblem);
      if (weeksProblem !== null) problems.push(weeksProblem);
      normalized.push({ day: entry.day, weeks });
    } else {
      const dayProblem = integerProblem(`${path}.day`, entry.day, 1, 31);
      if (dayProblem !== null) problems.push(dayProblem);
      normalized.push({ day: entry.day });
    }
  });
  if (problems.length > 0) return { ok: false, problems };
  const key =
    frequency === 'weekly' ? (entry: Interval) => `${entry.day}:${entry.weeks}` : (entry: Interval) => `${entry.day}`;
  return { ok: true, intervals: withoutDuplicates(normalized, key) };
};

/**
 * The date rule of DOMAIN.md §4.3.1 as a predicate over epoch days (local dates). A weekly recurrence with an
 * invalid anchor date, or an interval with `weeks` below 1, matches nothing.
 */
export const dateMatcher = (recurrence: Recurrence): ((epochDay: number) => boolean) => {
  const { intervals } = recurrence;
  switch (recurrence.frequency) {
    case 'daily':
      return () => true;
    case 'weekly': {
      const anchorDay = epochDayOfLocalDate(recurrence.anchorDate);
      if (anchorDay === null) return () => false;
      const anchorWeek = weekIndexOf(anchorDay);
      return (epochDay) => {
        const weekday = weekdayOf(epochDay);
        const weeksSinceAnchor = weekIndexOf(epochDay) - anchorWeek;
        return intervals.some((interval) => {
          const weeks = interval.weeks ?? MIN_WEEKS;
          return interval.day === weekday && weeks >= MIN_WEEKS && mod(weeksSinceAnchor, weeks) === 0;
        });
      };
    }
    case 'monthly':
      return (epochDay) => {
        const date = civilDateOf(epochDay);
        const lastDay = daysInMonth(date.year, date.month);
        return intervals.some((interval) => Math.min(interval.day, lastDay) === date.day);
      };
  }
};

export const matchesDate = (recurrence: Recurrence, date: LocalDate): boolean => {
  const epochDay = epochDayOfLocalDate(date);
  return epochDay !== null && dateMatcher(recurrence)(epochDay);
};
