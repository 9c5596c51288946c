import type { Category, Severity } from '../../domain/emergencies/emergency-phrase';

/**
 * The emergency runtime instruction (DOMAIN.md §6.4, VOICE.md §4.13). Instructions to the agent are written in
 * English (§6.4) and name the language the patient must be answered in; for the languages we can word safely a
 * calm model sentence is given in that language, so the first words the patient hears are the right ones.
 */
const LANGUAGE_NAMES: Readonly<Record<string, string>> = {
  en: 'English',
  es: 'Spanish',
  fr: 'French',
  de: 'German',
  pt: 'Portuguese',
  it: 'Italian',
  zh: 'Chinese',
  ja: 'Japanese',
  ru: 'Russian',
  ar: 'Arabic',
};

const CALM_LINES: Readonly<Record<string, string>> = {
  en: 'Please stay calm and contact emergency services right now.',
  es: 'Por favor, mantenga la calma y contacte ahora mismo con los servicios de emergencia.',
  fr: 'Restez calme, s’il vous plaît, et contactez les services d’urgence tout de suite.',
  de: 'Bitte bleiben Sie ruhig und wenden Sie sich sofort an den Rettungsdienst.',
  pt: 'Por favor, mantenha a calma e contacte os serviços de emergência agora mesmo.',
  it: 'Per favore, mantenga la calma e contatti subito i servizi di emergenza.',
};

export interface EmergencyInstructionInput {
  readonly language: string;
  readonly severity: Severity;
  readonly category: Category;
  /** True only once a notification to a caregiver was accepted by its provider (§7.3.8 step 2). */
  readonly caregiversReached: boolean;
}

export const emergencyInstructionText = (input: EmergencyInstructionInput): string => {
  const language = LANGUAGE_NAMES[input.language] ?? LANGUAGE_NAMES['en'];
  const model = CALM_LINES[input.language];
  const reached = input.caregiversReached
    ? 'Tell the patient that their caregiver has been alerted by text message, and suggest contacting emergency services for immediate help.'
    : 'Advise the patient to contact emergency services now. Do not claim that anyone has been alerted.';
  return [
    `Emergency (${input.severity} ${input.category}): the patient may need urgent help.`,
    `In your very next reply, in ${language}, speak slowly, calmly and warmly, in one or two short sentences.`,
    reached,
    'Say "emergency services", never a specific phone number, and do not offer to place a call.',
    model === undefined ? '' : `For example: "${model}"`,
  ]
    .filter((line) => line !== '')
    .join(' ');
};
