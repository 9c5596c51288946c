import { nextOccurrence, type ScheduleRule } from './next-occurrence';
import { isValidLocalTime, TIME_FORMAT_MESSAGE } from './local-time';
import { FREQUENCY_MESSAGE, isFrequency, normalizeIntervals, type Frequency, type Interval } from './recurrence';
import { isValidTimeZone, TIMEZONE_MESSAGE, toLocal, type TimeZone } from './timezone';
import { problem, type ValidationProblem } from './validation-problem';

/** Where a schedule's zone comes from (DOMAIN.md §4.1): `patient`/`org` follow later changes of that zone. */
export type TimezoneSource = 'patient' | 'org' | 'explicit';

/** A recurring wellness call (DOMAIN.md §4.1). The view's `nextCallDate` is `nextCallAt`. */
export interface Schedule extends ScheduleRule {
  readonly id: string;
  readonly orgId: string;
  readonly patientId: string;
  readonly timezoneSource: TimezoneSource;
  readonly isActive: boolean;
  /** Computed even when inactive, for display; only an active schedule has a job. */
  readonly nextCallAt: Date;
  readonly lastOccurrenceAt: Date | null;
  readonly deletedAt: Date | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly version: number;
}

/** The schedule body of API-CONTRACT.md §4.8 (create and replace), already parsed from JSON. */
export interface ScheduleBody {
  readonly frequency: string;
  readonly intervals?: readonly Interval[];
  readonly time: string;
  readonly isActive?: boolean;
  readonly timezone?: string;
}

export type SchedulePatch = Partial<ScheduleBody>;

/** The zones a schedule may inherit: the patient's, else the org's (DOMAIN.md §4.1). */
export interface InheritedZones {
  readonly patientTimezone: TimeZone | null;
  readonly orgTimezone: TimeZone;
}

export interface NewScheduleContext extends InheritedZones {
  readonly id: string;
  readonly orgId: string;
  readonly patientId: string;
  readonly now: Date;
}

export type ScheduleOutcome =
  | { readonly ok: true; readonly schedule: Schedule }
  | { readonly ok: false; readonly problems: readonly ValidationProblem[] };

export const PATCH_EMPTY_MESSAGE = '"value" must have at least 1 key';

interface Fields {
  readonly frequency: string;
  readonly intervals: readonly Interval[] | undefined;
  readonly time: string;
  readonly isActive: boolean;
  /** The `timezone` the client sent, if any. */
  readonly timezone: string | undefined;
}

interface ZoneChoice {
  readonly timezone: TimeZone;
  readonly timezoneSource: TimezoneSource;
}

type Checked =
  | { readonly ok: true; readonly frequency: Frequency; readonly intervals: readonly Interval[] }
  | { readonly ok: false; readonly problems: readonly ValidationProblem[] };

/** Field checks in the order of the schedule body: frequency, intervals, time, isActive, timezone. */
const check = (fields: Fields): Checked => {
  const problems: ValidationProblem[] = [];
  let intervals: readonly Interval[] = [];
  const { frequency } = fields;
  if (!isFrequency(frequency)) {
    problems.push(problem('frequency', FREQUENCY_MESSAGE));
  } else {
    const normalized = normalizeIntervals(frequency, fields.intervals);
    if (normalized.ok) intervals = normalized.intervals;
    else problems.push(...normalized.problems);
  }
  if (!isValidLocalTime(fields.time)) problems.push({ path: 'time', message: TIME_FORMAT_MESSAGE });
  if (typeof fields.isActive !== 'boolean') problems.push(problem('isActive', 'must be a boolean'));
  if (fields.timezone !== undefined && !isValidTimeZone(fields.timezone)) {
    problems.push({ path: 'timezone', message: TIMEZONE_MESSAGE });
  }
  if (problems.length > 0 || !isFrequency(frequency)) return { ok: false, problems };
  return { ok: true, frequency, intervals };
};

const inheritedZone = (zones: InheritedZones): ZoneChoice =>
  zones.patientTimezone !== null
    ? { timezone: zones.patientTimezone, timezoneSource: 'patient' }
    : { timezone: zones.orgTimezone, timezoneSource: 'org' };

/** API-CONTRACT.md §4.8: a `timezone` equal to the effective zone is an echo; a different one becomes explicit. */
const chooseZone = (effective: ZoneChoice, requested: string | undefined): ZoneChoice =>
  requested === undefined || requested === effective.timezone
    ? effective
    : { timezone: requested, timezoneSource: 'explicit' };

const sameIntervals = (a: readonly Interval[], b: readonly Interval[]): boolean =>
  a.length === b.length && a.every((entry, index) => entry.day === b[index].day && entry.weeks === b[index].weeks);

const zoneProblem: readonly ValidationProblem[] = [{ path: 'timezone', message: TIMEZONE_MESSAGE }];

/**
 * CreateSchedule (DOMAIN.md §4.4): validates the body, resolves the zone (patient's, else org's, unless another
 * one is given), anchors "every N weeks" on today's local date and computes `nextCallAt` after `now`.
 * `isActive` is honoured (default true); an inactive schedule still gets `nextCallAt` for display.
 */
export const createSchedule = (body: ScheduleBody, context: NewScheduleContext): ScheduleOutcome => {
  const checked = check({
    frequency: body.frequency,
    intervals: body.intervals,
    time: body.time,
    isActive: body.isActive ?? true,
    timezone: body.timezone,
  });
  if (!checked.ok) return checked;
  const zone = chooseZone(inheritedZone(context), body.timezone);
  if (!isValidTimeZone(zone.timezone)) return { ok: false, problems: zoneProblem };
  const rule: ScheduleRule = {
    frequency: checked.frequency,
    intervals: checked.intervals,
    time: body.time,
    timezone: zone.timezone,
    anchorDate: toLocal(context.now, zone.timezone).date,
  };
  const nextCallAt = nextOccurrence(rule, context.now);
  if (nextCallAt === null) return { ok: false, problems: zoneProblem };
  return {
    ok: true,
    schedule: {
      id: context.id,
      orgId: context.orgId,
      patientId: context.patientId,
      ...rule,
      timezoneSource: zone.timezoneSource,
      isActive: body.isActive ?? true,
      nextCallAt,
      lastOccurrenceAt: null,
      deletedAt: null,
      createdAt: context.now,
      updatedAt: context.now,
      version: 1,
    },
  };
};

/**
 * The merged fields applied to a stored schedule. The anchor date moves to today only when the normalised
 * `frequency` or `intervals` actually change, so an echoed body (the app sends back the whole schedule) keeps
 * the week parity of "every N weeks".
 */
const applyFields = (schedule: Schedule, fields: Fields, now: Date): ScheduleOutcome => {
  const checked = check(fields);
  if (!checked.ok) return checked;
  const zone = chooseZone(schedule, fields.timezone);
  if (!isValidTimeZone(zone.timezone)) return { ok: false, problems: zoneProblem };
  const recurrenceChanged =
    checked.frequency !== schedule.frequency || !sameIntervals(checked.intervals, schedule.intervals);
  const rule: ScheduleRule = {
    frequency: checked.frequency,
    intervals: checked.intervals,
    time: fields.time,
    timezone: zone.timezone,
    anchorDate: recurrenceChanged ? toLocal(now, zone.timezone).date : schedule.anchorDate,
  };
  const nextCallAt = nextOccurrence(rule, now);
  if (nextCallAt === null) return { ok: false, problems: zoneProblem };
  return {
    ok: true,
    schedule: {
      ...schedule,
      ...rule,
      timezoneSource: zone.timezoneSource,
      isActive: fields.isActive,
      nextCallAt,
      updatedAt: now,
      version: schedule.version + 1,
    },
  };
};

/** ReplaceSchedule (PUT): the whole body; omitted `isActive` keeps the current value, omitted `intervals` is []. */
export const replaceSchedule = (schedule: Schedule, body: ScheduleBody, now: Date): ScheduleOutcome =>
  applyFields(
    schedule,
    {
      frequency: body.frequency,
      intervals: body.intervals ?? [],
      time: body.time,
      isActive: body.isActive ?? schedule.isActive,
      timezone: body.timezone,
    },
    now,
  );

/** PatchSchedule: at least one key; the stored schedule merged with the patch must be valid. */
export const patchSchedule = (schedule: Schedule, patch: SchedulePatch, now: Date): ScheduleOutcome => {
  if (Object.values(patch).every((value) => value === undefined)) {
    return { ok: false, problems: [{ path: 'value', message: PATCH_EMPTY_MESSAGE }] };
  }
  return applyFields(
    schedule,
    {
      frequency: patch.frequency ?? schedule.frequency,
      intervals: patch.intervals ?? schedule.intervals,
      time: patch.time ?? schedule.time,
      isActive: patch.isActive ?? schedule.isActive,
      timezone: patch.timezone,
    },
    now,
  );
};

/**
 * RezoneSchedules (DOMAIN.md §4.3.2): a schedule that follows the patient's or the org's zone takes the newly
 * inherited zone and a `nextCallAt` recomputed after `now`. Explicit zones, and unchanged ones, are left as they
 * are (the same object is returned, so the caller can skip the write and the job).
 */
export const rezoneSchedule = (schedule: Schedule, zones: InheritedZones, now: Date): ScheduleOutcome => {
  if (schedule.timezoneSource === 'explicit') return { ok: true, schedule };
  const zone = inheritedZone(zones);
  if (zone.timezone === schedule.timezone && zone.timezoneSource === schedule.timezoneSource) {
    return { ok: true, schedule };
  }
  const nextCallAt = isValidTimeZone(zone.timezone) ? nextOccurrence({ ...schedule, ...zone }, now) : null;
  if (nextCallAt === null) return { ok: false, problems: zoneProblem };
  return { ok: true, schedule: { ...schedule, ...zone, nextCallAt, updatedAt: now, version: schedule.version + 1 } };
};
