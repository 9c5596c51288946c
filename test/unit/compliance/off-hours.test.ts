import { DEFAULT_OFF_HOURS, offHoursNight, offHoursWindow, parseTimeOfDay } from '../../../domain/compliance/off-hours';

const NY = 'America/New_York';
const night = (iso: string, zone = NY, window = DEFAULT_OFF_HOURS) => offHoursNight(new Date(iso), zone, window);

describe('off-hours window', () => {
  it('parses 24-hour times and refuses anything else', () => {
    expect(parseTimeOfDay('22:00')).toBe(1320);
    expect(parseTimeOfDay('06:30')).toBe(390);
    expect(parseTimeOfDay('24:00')).toBeNull();
    expect(parseTimeOfDay('6:00')).toBeNull();
    expect(() => offHoursWindow('22:00', 'late')).toThrow('invalid off-hours window');
  });

  it('is off-hours from 22:00 to before 06:00 local time', () => {
    // June: New York is UTC-4.
    expect(night('2026-06-03T01:59:00Z')).toBeNull(); // 21:59
    expect(night('2026-06-03T02:00:00Z')?.nightKey).toBe('2026-06-02'); // 22:00
    expect(night('2026-06-03T09:59:00Z')?.nightKey).toBe('2026-06-02'); // 05:59
    expect(night('2026-06-03T10:00:00Z')).toBeNull(); // 06:00
    expect(night('2026-06-03T16:00:00Z')).toBeNull(); // noon
  });

  it('gives 23:00 and the following 01:00 the same night, starting at 22:00 local', () => {
    const late = night('2026-06-03T03:00:00Z');
    const early = night('2026-06-03T05:00:00Z');
    expect(late).toEqual(early);
    expect(late?.startedAt.toISOString()).toBe('2026-06-03T02:00:00.000Z');
    expect(night('2026-06-04T03:00:00Z')?.nightKey).toBe('2026-06-03');
  });

  it('judges by the organisation zone, not UTC', () => {
    // 03:00Z is 23:00 in New York but 05:00 in Berlin (both off-hours) and 12:00 in Tokyo.
    expect(night('2026-06-03T03:00:00Z', 'Europe/Berlin')?.nightKey).toBe('2026-06-02');
    expect(night('2026-06-03T03:00:00Z', 'Asia/Tokyo')).toBeNull();
  });

  it('keeps one night across the spring-forward change', () => {
    // 2026-03-08 02:00 EST jumps to 03:00 EDT.
    const before = night('2026-03-08T04:00:00Z'); // 23:00 EST on the 7th
    const after = night('2026-03-08T10:30:00Z'); // 06:30 EDT: already day
    const dawn = night('2026-03-08T09:30:00Z'); // 05:30 EDT
    expect(before?.nightKey).toBe('2026-03-07');
    expect(dawn?.nightKey).toBe('2026-03-07');
    expect(after).toBeNull();
    expect(before?.startedAt.toISOString()).toBe('2026-03-08T03:00:00.000Z');
    // 10:00Z would be 05:00 EST without the change; with it, 06:00 EDT ends the night.
    expect(night('2026-03-08T10:00:00Z')).toBeNull();
  });

  it('keeps one night across the fall-back change, when 01:30 happens twice', () => {
    const first = night('2026-11-01T05:30:00Z'); // 01:30 EDT
    const second = night('2026-11-01T06:30:00Z'); // 01:30 EST
    expect(first?.nightKey).toBe('2026-10-31');
    expect(second?.nightKey).toBe('2026-10-31');
    expect(night('2026-11-01T10:59:00Z')?.nightKey).toBe('2026-10-31'); // 05:59 EST
    expect(night('2026-11-01T11:00:00Z')).toBeNull(); // 06:00 EST
  });

  it('supports a window that does not cross midnight, and an empty one', () => {
    const small = offHoursWindow('01:00', '05:00');
    expect(night('2026-06-03T03:00:00Z', NY, small)).toBeNull(); // 23:00
    expect(night('2026-06-03T06:00:00Z', NY, small)?.nightKey).toBe('2026-06-03'); // 02:00
    expect(night('2026-06-03T03:00:00Z', NY, offHoursWindow('22:00', '22:00'))).toBeNull();
  });

  it('falls back to UTC for an unknown zone instead of switching the rule off', () => {
    expect(night('2026-06-03T23:00:00Z', 'Mars/Olympus')?.nightKey).toBe('2026-06-03');
    expect(night('2026-06-03T12:00:00Z', 'Mars/Olympus')).toBeNull();
  });
});
