import type { CallTrigger } from './call';

/**
 * A minimal agent briefing (a subset of DOMAIN.md §6.4: persona, form of address, language, why we call,
 * emergency protocol). The voice-agent issue replaces it with the conversations context's `BuildAgentBriefing`
 * (previous summaries, last contact, topic of the day). Never includes notes, contact data or analyses.
 */
export interface BriefingFacts {
  readonly patientName: string;
  readonly preferredName: string | null;
  readonly language: string;
  readonly trigger: CallTrigger;
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
};

/** The preferred name, else the first word of the name (DOMAIN.md §6.4 item 2). */
export const formOfAddress = (facts: Pick<BriefingFacts, 'patientName' | 'preferredName'>): string => {
  const preferred = facts.preferredName?.trim() ?? '';
  if (preferred !== '') return preferred;
  return facts.patientName.trim().split(/\s+/)[0] ?? '';
};

export const briefingFor = (facts: BriefingFacts): string => {
  const language = LANGUAGE_NAMES[facts.language] ?? 'English';
  const why =
    facts.trigger === 'on_demand'
      ? 'A member of the care team asked you to check in. Greet first: introduce yourself as Bianca and ask how they are.'
      : 'You placed this call for a scheduled wellness check. Greet first: introduce yourself as Bianca and ask how they are.';
  return [
    'You are Bianca, a warm companion for an older adult. Speak in 1-2 short sentences per reply and accept interruptions.',
    'Never diagnose, prescribe or give medical, legal or financial advice. Never ask for passwords, bank or card numbers.',
    `Address the patient as ${formOfAddress(facts)}, sparingly.`,
    `Speak only ${language}; switch only if the patient asks.`,
    why,
    'If the patient mentions chest pain, trouble breathing, a fall, heavy bleeding, thoughts of self-harm or feeling unsafe, tell them to contact emergency services now.',
    'When the patient wants to end, say goodbye: the system ends the call.',
  ].join('\n');
};
