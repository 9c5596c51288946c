import { MS_PER_DAY, localDateOfEpochDay, mod } from '../schedules/local-date';
import { isValidTimeZone, wallClockMs } from '../schedules/timezone';

/**
 * `BuildAgentBriefing` (DOMAIN.md §6.4): the instructions a call's voice agent is opened with, in the spec's order
 * — persona and rules, the patient, language, last contact, previous conversations, why we call, the wellbeing
 * topic of the day, the emergency protocol. Written in English; stored summaries are inserted as stored. Never
 * includes notes, analyses, contact or billing data. At most 6,000 characters: the oldest summaries go first.
 */
export const BRIEFING_VERSION = 'briefing-2';
export const BRIEFING_MAX_CHARS = 6000;
export const MAX_PREVIOUS_SUMMARIES = 5;
const SUMMARY_MAX_CHARS = 500;

export const WELLBEING_TOPICS = [
  'sleep',
  'appetite',
  'pain',
  'energy',
  'medication adherence',
  'social connection',
] as const;

export interface PreviousConversation {
  /** When the call ended (dated in the patient's zone). */
  readonly endedAt: Date;
  readonly summary: string;
}

export interface BriefingInput {
  readonly patientName: string;
  readonly preferredName: string | null;
  readonly age: number | null;
  readonly language: string;
  /** `on_demand` ("Call now") or a scheduled / retry call. */
  readonly onDemand: boolean;
  readonly lastContactAt: Date | null;
  /** The patient's zone (else the organisation's): the topic's day and the summaries' dates. */
  readonly timezone: string;
  /** The patient's finalized conversations with a `done` summary, in any order. */
  readonly previous: readonly PreviousConversation[];
  readonly now: Date;
}

const LANGUAGE_NAMES: Readonly<Record<string, string>> = {
  en: 'English',
  es: 'Spanish',
  fr: 'French',
  de: 'German',
  zh: 'Chinese',
  ja: 'Japanese',
  pt: 'Portuguese',
  it: 'Italian',
  ru: 'Russian',
  ko: 'Korean',
  ar: 'Arabic',
  hi: 'Hindi',
};

const PERSONA = [
  `Briefing ${BRIEFING_VERSION}.`,
  'You are Bianca, a warm companion for an older adult, talking on the phone. Voice first: 1-2 short sentences per reply; accept interruptions.',
  "Speak one language only. Use the patient's name sparingly. Avoid repeating questions.",
  'Never diagnose, prescribe or give therapy; give no medical, legal or financial advice.',
  'Never ask for or repeat back passwords, bank or card numbers, or government ids.',
  'Be factual and never invent facts about the patient.',
  'Be alert to signs of scams or mistreatment: listen without accusing, and encourage the patient to talk to their care team.',
  'When the patient wants to end, say goodbye: the system ends the call.',
].join('\n');

const EMERGENCY = [
  'Emergency protocol: if the patient mentions chest pain, trouble breathing, choking, signs of a stroke, a seizure, a fall and being unable to get up, heavy bleeding, thoughts of self-harm or feeling unsafe, tell them to contact emergency services now.',
  'Say "emergency services", never a specific number, and never offer to place a call.',
  'Say that their caregiver has been alerted only when the system tells you so.',
].join('\n');

/** The preferred name, else the first word of the name (§6.4 item 2). */
export const formOfAddress = (patientName: string, preferredName: string | null): string => {
  const preferred = preferredName?.trim() ?? '';
  if (preferred !== '') return preferred;
  return patientName.trim().split(/\s+/)[0] ?? '';
};

const plural = (n: number, unit: string): string => `${n} ${unit}${n === 1 ? '' : 's'} ago`;

/** Time since the last contact, humanised in the buckets of §6.4 item 4. */
export const humaniseSince = (from: Date, now: Date): string => {
  const ms = Math.max(0, now.getTime() - from.getTime());
  const minutes = Math.floor(ms / 60_000);
  const hours = Math.floor(ms / 3_600_000);
  const days = Math.floor(ms / MS_PER_DAY);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return plural(minutes, 'minute');
  if (hours < 2) return 'about an hour ago';
  if (hours < 24) return plural(hours, 'hour');
  if (hours < 48) return 'yesterday';
  if (days < 7) return plural(days, 'day');
  if (days < 30) return plural(Math.floor(days / 7), 'week');
  if (days < 365) return plural(Math.floor(days / 30), 'month');
  return plural(Math.floor(days / 365), 'year');
};

const epochDayIn = (at: Date, zone: string): number =>
  Math.floor(wallClockMs(at.getTime(), isValidTimeZone(zone) ? zone : 'UTC') / MS_PER_DAY);

/** `epochDay(today in the patient's zone) mod 6` (§6.4 item 7): the same topic all day, a new one tomorrow. */
export const topicOfTheDay = (now: Date, zone: string): string =>
  WELLBEING_TOPICS[mod(epochDayIn(now, zone), WELLBEING_TOPICS.length)] ?? WELLBEING_TOPICS[0];

/** Up to 5 newest, oldest first, one line each: `<local date> — <summary, ≤ 500 characters>`. */
const previousLines = (input: BriefingInput): string[] =>
  [...input.previous]
    .filter((p) => p.summary.trim() !== '')
    .sort((a, b) => b.endedAt.getTime() - a.endedAt.getTime())
    .slice(0, MAX_PREVIOUS_SUMMARIES)
    .reverse()
    .map(
      (p) =>
        `${localDateOfEpochDay(epochDayIn(p.endedAt, input.timezone))} — ${p.summary.trim().slice(0, SUMMARY_MAX_CHARS)}`,
    );

const sections = (input: BriefingInput, previous: readonly string[]): string[] => {
  const name = input.patientName.trim();
  const age = input.age === null ? '' : ` Age: ${input.age}.`;
  const language = LANGUAGE_NAMES[input.language] ?? 'English';
  const lastContact =
    input.lastContactAt === null
      ? 'This is your first conversation with this patient.'
      : `Your last conversation with this patient was ${humaniseSince(input.lastContactAt, input.now)}; do not repeat recent questions.`;
  const why = input.onDemand
    ? 'A member of the care team asked you to check in. Greet first: introduce yourself as Bianca and ask how they are.'
    : 'You placed this call for a scheduled wellness check. Greet first: introduce yourself as Bianca and ask how they are.';
  return [
    PERSONA,
    `Patient: ${name}. Address them as ${formOfAddress(input.patientName, input.preferredName)}.${age}`,
    `Speak only ${language}; switch only if the patient asks.`,
    lastContact,
    ...(previous.length === 0
      ? []
      : [
          `Previous conversations (oldest first):\n${previous.join('\n')}\nUse this for continuity; do not mention previous calls unless the patient does.`,
        ]),
    why,
    `Wellbeing topic of the day: ${topicOfTheDay(input.now, input.timezone)}. Ask gently only if it fits the conversation.`,
    EMERGENCY,
  ];
};

/** The briefing text; drops the oldest summaries while it is longer than 6,000 characters. */
export const buildAgentBriefing = (input: BriefingInput): string => {
  let previous = previousLines(input);
  for (;;) {
    const text = sections(input, previous).join('\n\n');
    if (text.length <= BRIEFING_MAX_CHARS || previous.length === 0) return text.slice(0, BRIEFING_MAX_CHARS);
    previous = previous.slice(1);
  }
};
