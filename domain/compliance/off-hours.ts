import { DateTime } from 'luxon';

/**
 * The off-hours rule of DOMAIN.md §2.4.9: PHI touched while the organisation's local time lies in the off-hours
 * window (22:00–06:00 by default, configurable) is reported once per caregiver per local night.
 */
export interface OffHoursWindow {
  /** Minutes after local midnight when off-hours start. */
  readonly startMinute: number;
  /** Minutes after local midnight when they end (before the start: the window crosses midnight). */
  readonly endMinute: number;
}

export interface OffHoursNight {
  /** The local date the night began on (`yyyy-MM-dd`): one report per caregiver per key. */
  readonly nightKey: string;
  /** When the night's window opened, as an instant (the dedup horizon). */
  readonly startedAt: Date;
}

/** Parses `HH:mm` (24-hour clock) into minutes after midnight; null when it is not a valid time of day. */
export const parseTimeOfDay = (text: string): number | null => {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  if (match === null) return null;
  return Number(match[1]) * 60 + Number(match[2]);
};

export const offHoursWindow = (start: string, end: string): OffHoursWindow => {
  const startMinute = parseTimeOfDay(start);
  const endMinute = parseTimeOfDay(end);
  if (startMinute === null || endMinute === null) throw new Error(`invalid off-hours window ${start}-${end}`);
  return { startMinute, endMinute };
};

/** The default window of §2.4.9. */
export const DEFAULT_OFF_HOURS: OffHoursWindow = { startMinute: 22 * 60, endMinute: 6 * 60 };

const localTime = (at: Date, timeZone: string): DateTime => {
  const local = DateTime.fromJSDate(at, { zone: timeZone });
  // An unknown zone must not switch the rule off: judge by UTC instead.
  return local.isValid ? local : DateTime.fromJSDate(at, { zone: 'utc' });
};

/**
 * The night `at` falls in, in `timeZone`, or null when it is not off-hours. A window that crosses midnight
 * belongs to the date it started on, so 23:30 and the following 01:00 are the same night. An empty window
 * (start = end) never matches.
 */
export const offHoursNight = (at: Date, timeZone: string, window: OffHoursWindow): OffHoursNight | null => {
  const { startMinute, endMinute } = window;
  if (startMinute === endMinute) return null;
  const local = localTime(at, timeZone);
  const minute = local.hour * 60 + local.minute;
  const crossesMidnight = startMinute > endMinute;
  const inside = crossesMidnight
    ? minute >= startMinute || minute < endMinute
    : minute >= startMinute && minute < endMinute;
  if (!inside) return null;
  const nightDate = crossesMidnight && minute < endMinute ? local.minus({ days: 1 }) : local;
  const opened = nightDate.set({
    hour: Math.floor(startMinute / 60),
    minute: startMinute % 60,
    second: 0,
    millisecond: 0,
  });
  return { nightKey: nightDate.toFormat('yyyy-MM-dd'), startedAt: opened.toJSDate() };
};
