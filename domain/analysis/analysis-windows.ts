import { DateTime, IANAZone } from 'luxon';

/**
 * The time windows of the analyses (DOMAIN.md §10.1, §10.2; RESOLUTIONS.md 35). Sentiment's `month` starts at
 * local midnight of the same date one month earlier in the organisation's zone; medical and fraud/abuse periods
 * are the rolling 30, 90 or 365 days ending now; `custom` fraud/abuse windows are given by the caller.
 */
const DAY_MS = 86_400_000;

export const ROLLING_DAYS = { month: 30, quarter: 90, year: 365 } as const;
export type RollingPeriod = keyof typeof ROLLING_DAYS;

export interface AnalysisWindow {
  readonly start: Date;
  readonly end: Date;
}

const zoneOrUtc = (zone: string): string => (IANAZone.isValidZone(zone) ? zone : 'UTC');

/** Local midnight of the date one month before `now` (the 31st falls back to the month's last day). */
export const monthWindowStart = (now: Date, zone: string): Date =>
  DateTime.fromMillis(now.getTime(), { zone: zoneOrUtc(zone) })
    .minus({ months: 1 })
    .startOf('day')
    .toJSDate();

export const rollingWindow = (period: RollingPeriod, now: Date): AnalysisWindow => ({
  start: new Date(now.getTime() - ROLLING_DAYS[period] * DAY_MS),
  end: now,
});

/** The window of post-call and manual analyses: the 30 days ending at `end` (§10.2). */
export const thirtyDaysEnding = (end: Date): AnalysisWindow => ({ start: new Date(end.getTime() - 30 * DAY_MS), end });

/** The local calendar date (`YYYY-MM-DD`) of an instant in `zone`. */
export const localDateIn = (at: Date, zone: string): string =>
  DateTime.fromMillis(at.getTime(), { zone: zoneOrUtc(zone) }).toFormat('yyyy-MM-dd');

export type CustomWindowProblem = 'missing' | 'order' | 'too_long';

/**
 * A custom fraud/abuse window (API-CONTRACT.md §4.14): both dates, start before end, at most one year apart
 * (a leap year's 366 days included, so "the same date next year" is always accepted).
 */
export const customWindowProblem = (start: Date | undefined, end: Date | undefined): CustomWindowProblem | null => {
  if (start === undefined || end === undefined) return 'missing';
  if (start.getTime() >= end.getTime()) return 'order';
  const oneYearLater = DateTime.fromMillis(start.getTime(), { zone: 'UTC' }).plus({ years: 1 }).toMillis();
  if (end.getTime() > oneYearLater) return 'too_long';
  return null;
};

export const CUSTOM_WINDOW_MESSAGES: Readonly<Record<CustomWindowProblem, string>> = {
  missing: 'Custom time range requires startDate and endDate',
  order: '"startDate" must be before "endDate"',
  too_long: '"endDate" must be at most 1 year after "startDate"',
};
