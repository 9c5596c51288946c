import {
  BRIEFING_MAX_CHARS,
  buildAgentBriefing,
  humaniseSince,
  topicOfTheDay,
  WELLBEING_TOPICS,
  type BriefingInput,
} from '../../../domain/conversations/agent-briefing';

/** DOMAIN.md §6.4: what the voice agent is told, in order, bounded, deterministic. */
const NOW = new Date('2026-03-10T15:00:00.000Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

const input = (overrides: Partial<BriefingInput> = {}): BriefingInput => ({
  patientName: 'Margaret Olsen',
  preferredName: null,
  age: 82,
  language: 'es',
  onDemand: false,
  lastContactAt: null,
  timezone: 'America/Los_Angeles',
  previous: [],
  now: NOW,
  ...overrides,
});

describe('buildAgentBriefing', () => {
  it('carries the sections in the specified order, with the form of address and language', () => {
    const text = buildAgentBriefing(input());
    const order = [
      'You are Bianca',
      'Patient: Margaret Olsen. Address them as Margaret. Age: 82.',
      'Speak only Spanish; switch only if the patient asks.',
      'This is your first conversation with this patient.',
      'You placed this call for a scheduled wellness check.',
      'Wellbeing topic of the day:',
      'Emergency protocol:',
    ].map((part) => text.indexOf(part));
    expect(order.every((index) => index >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(text).toContain('Never diagnose, prescribe or give therapy');
    expect(text).toContain('never a specific number');
  });

  it('prefers the preferred name and says why an on-demand call was placed', () => {
    const text = buildAgentBriefing(input({ preferredName: ' Maggie ', onDemand: true, age: null }));
    expect(text).toContain('Address them as Maggie.');
    expect(text).not.toContain('Age:');
    expect(text).toContain('A member of the care team asked you to check in.');
  });

  it('lists the 5 newest summaries oldest first, dated in the patient zone, cut to 500 characters', () => {
    const previous = [1, 2, 3, 4, 5, 6].map((n) => ({
      endedAt: new Date(`2026-03-0${n}T05:00:00.000Z`),
      summary: `call ${n} ${'x'.repeat(n === 6 ? 600 : 1)}`,
    }));
    const text = buildAgentBriefing(input({ previous: [...previous].reverse() }));
    // 05:00Z is the evening before in Los Angeles.
    expect(text).not.toContain('call 1 ');
    const lines = text.split('\n').filter((line) => / — call \d/.test(line));
    expect(lines.map((line) => line.slice(0, 10))).toEqual([
      '2026-03-01',
      '2026-03-02',
      '2026-03-03',
      '2026-03-04',
      '2026-03-05',
    ]);
    expect(lines[4]).toBe(`2026-03-05 — call 6 ${'x'.repeat(493)}`);
    expect(text).toContain('do not mention previous calls unless the patient does');
  });

  it('stays within 6,000 characters by dropping the oldest summaries first', () => {
    const previous = [1, 2, 3, 4, 5].map((n) => ({ endedAt: ago(n * DAY), summary: `S${n}:${'y'.repeat(497)}` }));
    const full = buildAgentBriefing(input({ previous }));
    expect(full.length).toBeLessThanOrEqual(BRIEFING_MAX_CHARS);
    expect(full).toContain('S5:');
    const long = buildAgentBriefing(input({ previous, patientName: `Ann ${'z'.repeat(3400)}` }));
    expect(long.length).toBeLessThanOrEqual(BRIEFING_MAX_CHARS);
    expect(long).not.toContain('S5:');
    expect(long).toContain('S1:');
  });

  it('never carries anything it was not given (no notes, contact or analysis fields exist in the input)', () => {
    const text = buildAgentBriefing(input({ lastContactAt: ago(3 * DAY) }));
    expect(text).toContain('was 3 days ago; do not repeat recent questions.');
    expect(text).not.toMatch(/\+1\d{10}|@/);
  });
});

describe('humaniseSince', () => {
  it.each([
    [30_000, 'just now'],
    [MIN, '1 minute ago'],
    [59 * MIN, '59 minutes ago'],
    [90 * MIN, 'about an hour ago'],
    [2 * HOUR, '2 hours ago'],
    [30 * HOUR, 'yesterday'],
    [2 * DAY, '2 days ago'],
    [7 * DAY, '1 week ago'],
    [29 * DAY, '4 weeks ago'],
    [30 * DAY, '1 month ago'],
    [364 * DAY, '12 months ago'],
    [365 * DAY, '1 year ago'],
    [800 * DAY, '2 years ago'],
  ])('%i ms -> %s', (ms, words) => {
    expect(humaniseSince(ago(ms), NOW)).toBe(words);
  });
});

describe('topicOfTheDay', () => {
  it('is epochDay(today in the zone) mod 6: stable through the local day, next topic the next day', () => {
    // 2026-03-10 is epoch day 20522 (20522 mod 6 = 2 -> pain).
    expect(topicOfTheDay(new Date('2026-03-10T12:00:00.000Z'), 'UTC')).toBe('pain');
    expect(topicOfTheDay(new Date('2026-03-10T23:59:00.000Z'), 'UTC')).toBe('pain');
    expect(topicOfTheDay(new Date('2026-03-11T00:00:00.000Z'), 'UTC')).toBe('energy');
    // Still the 10th in Los Angeles.
    expect(topicOfTheDay(new Date('2026-03-11T03:00:00.000Z'), 'America/Los_Angeles')).toBe('pain');
    const week = [0, 1, 2, 3, 4, 5].map((d) => topicOfTheDay(new Date(NOW.getTime() + d * DAY), 'UTC'));
    expect(new Set(week)).toEqual(new Set(WELLBEING_TOPICS));
  });
});
