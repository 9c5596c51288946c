/**
 * What the simulated line does for a number (VOICE.md §5.2). Testers provoke each outcome from the app with the
 * last four digits of the patient's phone: `0001` no answer, `0002` busy, `0003` voicemail, `0004` dial failure,
 * `0005` answers and hangs up after the greeting, `0006` answers and stays silent; anything else answers and talks
 * through the `friendly` script in the patient's language (English unless Spanish).
 */
export type SimulatedOutcome =
  'talks' | 'no-answer' | 'busy' | 'voicemail' | 'dial-failure' | 'hangs-up-after-greeting' | 'silent';

const BY_LAST_DIGITS: Readonly<Record<string, SimulatedOutcome>> = {
  '0001': 'no-answer',
  '0002': 'busy',
  '0003': 'voicemail',
  '0004': 'dial-failure',
  '0005': 'hangs-up-after-greeting',
  '0006': 'silent',
};

export const outcomeForNumber = (to: string): SimulatedOutcome => BY_LAST_DIGITS[to.slice(-4)] ?? 'talks';

/** The `friendly` script: four patient turns, the last one a goodbye (the agent then ends the call). */
const FRIENDLY: Readonly<Record<'en' | 'es', readonly string[]>> = {
  en: [
    "I'm doing well, thank you. I slept a bit badly, I was tired this morning.",
    "My daughter is coming to visit on Sunday, I'm looking forward to it.",
    'I took my medication after breakfast, as always.',
    "That's all for today. Thank you, goodbye!",
  ],
  es: [
    'Estoy bien, gracias. Dormí un poco mal, estaba cansada esta mañana.',
    'Mi hija viene de visita el domingo, tengo muchas ganas.',
    'Tomé mi medicina después del desayuno, como siempre.',
    'Eso es todo por hoy. Gracias, ¡adiós!',
  ],
};

export const friendlyScript = (language: string): readonly string[] => FRIENDLY[language === 'es' ? 'es' : 'en'];

/** How long saying `text` takes (VOICE.md §5.1 `SyntheticVoice`: at least 600 ms, 65 ms per character). */
export const utteranceMs = (text: string): number => Math.max(600, 65 * text.length);
