/**
 * A test oracle for schedule instants built only on the runtime's Intl time-zone data, independent of luxon and of
 * domain/schedules: it finds the instants of a local wall clock by brute force (every UTC offset that is a multiple
 * of 15 minutes between -14:00 and +14:00, which covers every zone the tests use) and applies DOMAIN.md §4.3.2
 * literally (overlap: the earlier instant; gap: the wall clock moved forward by the length of the gap).
 */
export const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

export interface Wall {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

const formatterFor = (zone: string): Intl.DateTimeFormat => {
  let formatter = formatters.get(zone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
};

/** The local wall clock (to the minute) of an instant in a zone. */
export const wallOf = (instantMs: number, zone: string): Wall => {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(zone).formatToParts(new Date(instantMs))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour, minute: parts.minute };
};

export const wallToUtcMs = (wall: Wall): number =>
  Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);

/** Offset of the zone at an instant, in minutes. */
export const offsetAt = (instantMs: number, zone: string): number => {
  const minuteStart = Math.floor(instantMs / MINUTE_MS) * MINUTE_MS;
  return (wallToUtcMs(wallOf(minuteStart, zone)) - minuteStart) / MINUTE_MS;
};

/** Every instant whose local wall clock is exactly `wall`, ascending. */
export const instantsOfWall = (wall: Wall, zone: string): number[] => {
  const asUtc = wallToUtcMs(wall);
  const found: number[] = [];
  for (let offset = -14 * 60; offset <= 14 * 60; offset += 15) {
    const instant = asUtc - offset * MINUTE_MS;
    if (wallToUtcMs(wallOf(instant, zone)) === asUtc) found.push(instant);
  }
  return found.sort((a, b) => a - b);
};

/** The instant at which the zone's offset changes between two instants (binary search to the minute). */
const transitionBetween = (fromMs: number, toMs: number, zone: string): number => {
  let low = fromMs;
  let high = toMs;
  const before = offsetAt(low, zone);
  while (high - low > MINUTE_MS) {
    const middle = Math.floor((low + high) / 2 / MINUTE_MS) * MINUTE_MS;
    if (offsetAt(middle, zone) === before) low = middle;
    else high = middle;
  }
  return high;
};

export interface ExpectedOccurrence {
  readonly instant: number;
  readonly kind: 'normal' | 'overlap' | 'gap';
  /** Length of the gap in minutes, for `gap`. */
  readonly gapMinutes: number;
}

/** DOMAIN.md §4.3.2 applied to one local date and time. */
export const expectedOccurrence = (
  date: { year: number; month: number; day: number },
  hour: number,
  minute: number,
  zone: string,
): ExpectedOccurrence => {
  const wall = { ...date, hour, minute };
  const instants = instantsOfWall(wall, zone);
  if (instants.length === 1) return { instant: instants[0], kind: 'normal', gapMinutes: 0 };
  if (instants.length > 1) return { instant: instants[0], kind: 'overlap', gapMinutes: 0 };
  const asUtc = wallToUtcMs(wall);
  const transition = transitionBetween(asUtc - DAY_MS, asUtc + DAY_MS, zone);
  const gapMinutes = offsetAt(transition, zone) - offsetAt(transition - MINUTE_MS, zone);
  const moved = instantsOfWall(wallOf(asUtc + gapMinutes * MINUTE_MS, 'UTC'), zone);
  if (moved.length !== 1) throw new Error(`no single instant for ${JSON.stringify(wall)} moved by ${gapMinutes} min`);
  return { instant: moved[0], kind: 'gap', gapMinutes };
};

/** Days (as the UTC noon of the day before and after) on which a zone changes its offset, within [from, to). */
export const transitionInstants = (zone: string, fromMs: number, toMs: number): number[] => {
  const found: number[] = [];
  for (let day = fromMs; day + DAY_MS < toMs; day += DAY_MS) {
    if (offsetAt(day, zone) !== offsetAt(day + DAY_MS, zone)) found.push(transitionBetween(day, day + DAY_MS, zone));
  }
  return found;
};
