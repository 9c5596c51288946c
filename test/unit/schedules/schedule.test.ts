import {
  createSchedule,
  patchSchedule,
  PATCH_EMPTY_MESSAGE,
  replaceSchedule,
  rezoneSchedule,
  type NewScheduleContext,
  type Schedule,
  type ScheduleBody,
  type ScheduleOutcome,
} from '../../../domain/schedules/schedule';
import { toValidationError } from '../../../domain/schedules/validation-problem';

// Thursday 2026-01-08 03:00Z is still Wednesday 2026-01-07 22:00 in New York and already Thursday in Berlin.
const now = new Date('2026-01-08T03:00:00.000Z');
const later = new Date('2026-01-20T12:00:00.000Z');

const context = (over: Partial<NewScheduleContext> = {}): NewScheduleContext => ({
  id: 's1',
  orgId: 'o1',
  patientId: 'p1',
  now,
  patientTimezone: 'America/New_York',
  orgTimezone: 'Europe/Berlin',
  ...over,
});

const weeklyBody: ScheduleBody = { frequency: 'weekly', intervals: [{ day: 1, weeks: 2 }], time: '09:00' };

const ok = (outcome: ScheduleOutcome): Schedule => {
  if (!outcome.ok) throw new Error(`unexpected problems: ${outcome.problems.map((p) => p.message).join(', ')}`);
  return outcome.schedule;
};
const problems = (outcome: ScheduleOutcome): string[] => (outcome.ok ? [] : outcome.problems.map((p) => p.message));

describe('createSchedule', () => {
  it('builds the aggregate with the patient zone, today as anchor and the next call', () => {
    const schedule = ok(createSchedule(weeklyBody, context()));
    expect(schedule).toEqual({
      id: 's1',
      orgId: 'o1',
      patientId: 'p1',
      frequency: 'weekly',
      intervals: [{ day: 1, weeks: 2 }],
      time: '09:00',
      timezone: 'America/New_York',
      timezoneSource: 'patient',
      anchorDate: '2026-01-07',
      isActive: true,
      // the anchor week's Monday (01-05) has passed: two weeks later, 09:00 EST
      nextCallAt: new Date('2026-01-19T14:00:00.000Z'),
      lastOccurrenceAt: null,
      deletedAt: null,
      createdAt: now,
      updatedAt: now,
      version: 1,
    });
  });

  it("falls back to the org's zone, and anchors on the local date there", () => {
    const schedule = ok(createSchedule(weeklyBody, context({ patientTimezone: null })));
    expect(schedule.timezone).toBe('Europe/Berlin');
    expect(schedule.timezoneSource).toBe('org');
    expect(schedule.anchorDate).toBe('2026-01-08');
    // Sunday 2026-01-04 starts the anchor week in Berlin too: Monday 01-19 09:00 CET
    expect(schedule.nextCallAt).toEqual(new Date('2026-01-19T08:00:00.000Z'));
  });

  it('treats a timezone equal to the inherited one as an echo, and a different one as explicit', () => {
    const echo = ok(createSchedule({ ...weeklyBody, timezone: 'America/New_York' }, context()));
    expect(echo.timezoneSource).toBe('patient');
    const explicit = ok(createSchedule({ ...weeklyBody, timezone: 'Asia/Kolkata' }, context()));
    expect(explicit.timezone).toBe('Asia/Kolkata');
    expect(explicit.timezoneSource).toBe('explicit');
    expect(explicit.anchorDate).toBe('2026-01-08');
  });

  it('honours isActive: false and still computes the next call for display', () => {
    const schedule = ok(createSchedule({ ...weeklyBody, isActive: false }, context()));
    expect(schedule.isActive).toBe(false);
    expect(schedule.nextCallAt).toEqual(new Date('2026-01-19T14:00:00.000Z'));
  });

  it('normalises intervals and keeps the time as entered', () => {
    const schedule = ok(
      createSchedule(
        { frequency: 'monthly', intervals: [{ day: 31, weeks: 3 }, { day: 31 }, { day: 1 }], time: '07:05' },
        context(),
      ),
    );
    expect(schedule.intervals).toEqual([{ day: 31 }, { day: 1 }]);
    expect(schedule.time).toBe('07:05');
    expect(schedule.nextCallAt).toEqual(new Date('2026-01-31T12:05:00.000Z'));
  });

  it('daily needs no intervals', () => {
    const schedule = ok(createSchedule({ frequency: 'daily', time: '23:30' }, context()));
    expect(schedule.intervals).toEqual([]);
    expect(schedule.nextCallAt).toEqual(new Date('2026-01-08T04:30:00.000Z'));
  });

  it('reports every problem, in the order of the schedule body', () => {
    const outcome = createSchedule(
      { frequency: 'yearly', intervals: [{ day: 40 }], time: '9:00', timezone: 'Mars/Base' },
      context(),
    );
    expect(problems(outcome)).toEqual([
      '"frequency" must be one of [daily, weekly, monthly]',
      '"time" must match HH:mm',
      '"timezone" must be a valid IANA time zone',
    ]);
    expect(toValidationError(outcome.ok ? [] : outcome.problems).message).toBe(
      '"frequency" must be one of [daily, weekly, monthly], "time" must match HH:mm, "timezone" must be a valid IANA time zone',
    );
  });

  it('uses the specific interval messages', () => {
    expect(problems(createSchedule({ frequency: 'weekly', time: '09:00' }, context()))).toEqual([
      '"intervals" must contain at least one weekday (0-6) for weekly schedules',
    ]);
    expect(problems(createSchedule({ frequency: 'monthly', intervals: [], time: '24:00' }, context()))).toEqual([
      '"intervals" must contain at least one day of the month (1-31) for monthly schedules',
      '"time" must match HH:mm',
    ]);
    expect(
      problems(createSchedule({ frequency: 'weekly', intervals: [{ day: 7 }], time: '09:00' }, context())),
    ).toEqual(['"intervals[0].day" must be less than or equal to 6']);
  });

  it('refuses an inherited zone that is not valid', () => {
    expect(problems(createSchedule(weeklyBody, context({ patientTimezone: 'Not/AZone' })))).toEqual([
      '"timezone" must be a valid IANA time zone',
    ]);
  });
});

describe('replaceSchedule (PUT)', () => {
  const stored = ok(createSchedule(weeklyBody, context()));

  it('keeps the anchor when the body echoes the recurrence, and recomputes from now', () => {
    // {day: 1} normalises to {day: 1, weeks: 1}: a different recurrence, re-anchored on 2026-01-20
    expect(ok(replaceSchedule(stored, { ...weeklyBody, intervals: [{ day: 1 }] }, later)).anchorDate).toBe(
      '2026-01-20',
    );
    const echoed = ok(replaceSchedule(stored, { ...weeklyBody, time: '10:00', timezone: stored.timezone }, later));
    expect(echoed.anchorDate).toBe('2026-01-07');
    expect(echoed.timezoneSource).toBe('patient');
    expect(echoed.nextCallAt).toEqual(new Date('2026-02-02T15:00:00.000Z'));
    expect(echoed.version).toBe(2);
    expect(echoed.updatedAt).toBe(later);
    expect(echoed.createdAt).toBe(now);
  });

  it('re-anchors "every N weeks" when the recurrence changes', () => {
    // set again on Tuesday 2026-01-20: that week's Monday (01-19) has passed, so every 3 weeks from then is 02-09
    const changed = ok(replaceSchedule(stored, { ...weeklyBody, intervals: [{ day: 1, weeks: 3 }] }, later));
    expect(changed.anchorDate).toBe('2026-01-20');
    expect(changed.nextCallAt).toEqual(new Date('2026-02-09T14:00:00.000Z'));
  });

  it('keeps isActive when omitted and takes it when given', () => {
    expect(ok(replaceSchedule(stored, weeklyBody, later)).isActive).toBe(true);
    expect(ok(replaceSchedule(stored, { ...weeklyBody, isActive: false }, later)).isActive).toBe(false);
  });

  it('stores a different zone as explicit', () => {
    const rezoned = ok(replaceSchedule(stored, { ...weeklyBody, timezone: 'Europe/London' }, later));
    expect(rezoned.timezone).toBe('Europe/London');
    expect(rezoned.timezoneSource).toBe('explicit');
    expect(rezoned.nextCallAt).toEqual(new Date('2026-02-02T09:00:00.000Z'));
  });

  it('treats omitted intervals as none', () => {
    expect(ok(replaceSchedule(stored, { frequency: 'daily', time: '09:00' }, later)).intervals).toEqual([]);
    expect(problems(replaceSchedule(stored, { frequency: 'weekly', time: '09:00' }, later))).toEqual([
      '"intervals" must contain at least one weekday (0-6) for weekly schedules',
    ]);
  });
});

describe('patchSchedule', () => {
  const stored = ok(createSchedule(weeklyBody, context()));

  it('needs at least one key', () => {
    expect(problems(patchSchedule(stored, {}, later))).toEqual([PATCH_EMPTY_MESSAGE]);
    expect(PATCH_EMPTY_MESSAGE).toBe('"value" must have at least 1 key');
    expect(problems(patchSchedule(stored, { time: undefined }, later))).toEqual([PATCH_EMPTY_MESSAGE]);
  });

  it('changes the time only, keeping the anchor', () => {
    const patched = ok(patchSchedule(stored, { time: '07:15' }, later));
    expect(patched.time).toBe('07:15');
    expect(patched.anchorDate).toBe('2026-01-07');
    expect(patched.nextCallAt).toEqual(new Date('2026-02-02T12:15:00.000Z'));
  });

  it('deactivating still recomputes the next call, from now', () => {
    const patched = ok(patchSchedule(stored, { isActive: false }, later));
    expect(patched.isActive).toBe(false);
    expect(patched.nextCallAt).toEqual(new Date('2026-02-02T14:00:00.000Z'));
  });

  it('validates the merged result', () => {
    const toMonthly = patchSchedule(
      ok(patchSchedule(stored, { intervals: [{ day: 0 }] }, later)),
      { frequency: 'monthly' },
      later,
    );
    expect(problems(toMonthly)).toEqual(['"intervals[0].day" must be greater than or equal to 1']);
    expect(problems(patchSchedule(stored, { time: '25:00' }, later))).toEqual(['"time" must match HH:mm']);
  });

  it('switching to daily keeps the intervals as stored data', () => {
    const patched = ok(patchSchedule(stored, { frequency: 'daily' }, later));
    expect(patched.intervals).toEqual([{ day: 1, weeks: 2 }]);
    expect(patched.anchorDate).toBe('2026-01-20');
    expect(patched.nextCallAt).toEqual(new Date('2026-01-20T14:00:00.000Z'));
  });
});

describe('rezoneSchedule (DOMAIN.md §4.3.2)', () => {
  const fromPatient = ok(createSchedule(weeklyBody, context()));
  const fromOrg = ok(createSchedule(weeklyBody, context({ patientTimezone: null })));
  const explicit = ok(createSchedule({ ...weeklyBody, timezone: 'Asia/Kolkata' }, context()));

  it("follows a change of the patient's zone", () => {
    const rezoned = ok(
      rezoneSchedule(fromPatient, { patientTimezone: 'America/Chicago', orgTimezone: 'Europe/Berlin' }, later),
    );
    expect(rezoned.timezone).toBe('America/Chicago');
    expect(rezoned.timezoneSource).toBe('patient');
    expect(rezoned.anchorDate).toBe('2026-01-07');
    expect(rezoned.nextCallAt).toEqual(new Date('2026-02-02T15:00:00.000Z'));
    expect(rezoned.version).toBe(2);
  });

  it("falls back to the org's zone when the patient's is cleared, and follows the org's changes", () => {
    const cleared = ok(rezoneSchedule(fromPatient, { patientTimezone: null, orgTimezone: 'Europe/Berlin' }, later));
    expect([cleared.timezone, cleared.timezoneSource]).toEqual(['Europe/Berlin', 'org']);
    const orgMoved = ok(rezoneSchedule(fromOrg, { patientTimezone: null, orgTimezone: 'Europe/Lisbon' }, later));
    expect([orgMoved.timezone, orgMoved.timezoneSource]).toEqual(['Europe/Lisbon', 'org']);
    expect(orgMoved.nextCallAt).toEqual(new Date('2026-02-02T09:00:00.000Z'));
  });

  it('leaves explicit and unchanged zones alone (same object)', () => {
    const zones = { patientTimezone: 'America/Chicago', orgTimezone: 'Europe/Berlin' };
    expect(ok(rezoneSchedule(explicit, zones, later))).toBe(explicit);
    const same = { patientTimezone: 'America/New_York', orgTimezone: 'Europe/Berlin' };
    expect(ok(rezoneSchedule(fromPatient, same, later))).toBe(fromPatient);
  });

  it('refuses an invalid inherited zone', () => {
    expect(problems(rezoneSchedule(fromPatient, { patientTimezone: 'Bad/Zone', orgTimezone: 'UTC' }, later))).toEqual([
      '"timezone" must be a valid IANA time zone',
    ]);
  });
});
