import { MS_PER_DAY, epochDayOfLocalDate, type LocalDate } from './local-date';
import { minuteOfDay, parseLocalTime, type LocalTime } from './local-time';
import { dateMatcher, type Recurrence } from './recurrence';
import { instantFromWallClock, isValidTimeZone, wallClockMs, type TimeZone } from './timezone';

/** What decides when a schedule calls (DOMAIN.md §4.3.1–§4.3.3). */
export interface ScheduleRule extends Recurrence {
  readonly time: LocalTime;
  readonly timezone: TimeZone;
}

/** DOMAIN.md §4.3.3: local dates are scanned for up to 400 days. */
export const SCAN_DAYS = 400;

const MS_PER_MINUTE = 60_000;

/**
 * `next(after)` of DOMAIN.md §4.3.3: the smallest occurrence instant strictly after `after`, or null when there is
 * none within the scan (invalid intervals, time or zone).
 *
 * An occurrence is `time` on a matching local date in `timezone`, resolved with the gap and overlap rules of
 * §4.3.2 (`instantFromWallClock`). Local dates are scanned from `after`'s local date: an earlier date's occurrence
 * is never later than `after` (an overlap resolves to its earlier instant, and no gap in the tz database spans a
 * midnight other than by skipping whole days, whose occurrences then coincide with the next day's). Occurrence instants grow with the local date, so the first match
 * after `after` is the smallest.
 */
export const nextOccurrence = (rule: ScheduleRule, after: Date): Date | null => {
  const afterMs = after.getTime();
  const timeOfDay = parseLocalTime(rule.time);
  if (!Number.isFinite(afterMs) || timeOfDay === null || !isValidTimeZone(rule.timezone)) return null;
  const matches = dateMatcher(rule);
  const timeMs = minuteOfDay(timeOfDay) * MS_PER_MINUTE;
  const firstDay = Math.floor(wallClockMs(afterMs, rule.timezone) / MS_PER_DAY);
  for (let epochDay = firstDay; epochDay <= firstDay + SCAN_DAYS; epochDay += 1) {
    if (!matches(epochDay)) continue;
    const instant = instantFromWallClock(epochDay * MS_PER_DAY + timeMs, rule.timezone);
    if (instant > afterMs) return new Date(instant);
  }
  return null;
};

/** The occurrence instant on one local date, or null when the date does not match the rule. */
export const occurrenceOn = (rule: ScheduleRule, date: LocalDate): Date | null => {
  const timeOfDay = parseLocalTime(rule.time);
  const epochDay = epochDayOfLocalDate(date);
  if (timeOfDay === null || epochDay === null || !isValidTimeZone(rule.timezone)) return null;
  if (!dateMatcher(rule)(epochDay)) return null;
  return new Date(instantFromWallClock(epochDay * MS_PER_DAY + minuteOfDay(timeOfDay) * MS_PER_MINUTE, rule.timezone));
};
