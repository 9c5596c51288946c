import type { ResponseKind } from '../../../application/ports/voice-agent';

/**
 * The scripted agent's lines (VOICE.md §5.3), English and Spanish (other languages get English): a greeting, keyword
 * rules on the patient's last words, a check-in, a goodbye and an emergency line. Deterministic; an
 * acknowledgement never repeats the previous line.
 */
type Language = 'en' | 'es';

interface Lines {
  readonly greeting: (name: string) => string;
  readonly goodbye: (name: string) => string;
  readonly checkIn: (name: string) => string;
  readonly resume: string;
  readonly emergency: string;
  /** The wellness check-in, asked in order when the patient's words call for no particular reply. */
  readonly topics: readonly string[];
  readonly acknowledgements: readonly string[];
  readonly rules: ReadonlyArray<{ readonly pattern: RegExp; readonly reply: string }>;
  readonly farewell: RegExp;
}

const LINES: Readonly<Record<Language, Lines>> = {
  en: {
    greeting: (name) => `Hello ${name}, this is Bianca. How are you feeling today?`,
    goodbye: (name) => `It was lovely talking with you, ${name}. Take care, goodbye!`,
    checkIn: (name) => `Are you still there, ${name}?`,
    resume: 'Sorry, where were we?',
    emergency: "I'm so sorry. Please call emergency services right now. Is anyone with you?",
    topics: [
      'How did you sleep last night?',
      'What have you had to eat today?',
      'And how is your mood today, all things considered?',
    ],
    acknowledgements: ['That sounds lovely. Tell me more.', 'I see. How has the rest of your week been?'],
    rules: [
      { pattern: /\b(tired|sleep|slept)\b/, reply: "I'm sorry you didn't rest well. Did anything keep you awake?" },
      { pattern: /\b(pain|hurts?)\b/, reply: "I'm sorry you're in pain. Have you told your care team about it?" },
      { pattern: /\b(lonely|alone)\b/, reply: "I'm glad we're talking. Who do you usually chat with during the week?" },
      { pattern: /\b(medication|medicine|pills?)\b/, reply: "Good to hear you're keeping up with your medication." },
    ],
    farewell: /\b(goodbye|bye)\b/,
  },
  es: {
    greeting: (name) => `Hola ${name}, soy Bianca. ¿Cómo se siente hoy?`,
    goodbye: (name) => `Fue un placer hablar con usted, ${name}. Cuídese, ¡adiós!`,
    checkIn: (name) => `¿Sigue ahí, ${name}?`,
    resume: 'Perdone, ¿dónde estábamos?',
    emergency: 'Lo siento mucho. Por favor, llame a los servicios de emergencia ahora mismo. ¿Hay alguien con usted?',
    topics: ['¿Cómo durmió anoche?', '¿Qué ha comido hoy?', '¿Y cómo se siente de ánimo hoy, en general?'],
    acknowledgements: ['Qué bien. Cuénteme más.', 'Entiendo. ¿Y cómo ha ido el resto de la semana?'],
    rules: [
      { pattern: /(cansad|dorm|sueño)/, reply: 'Siento que no haya descansado bien. ¿Algo no le dejó dormir?' },
      { pattern: /(dolor|duele)/, reply: 'Siento que tenga dolor. ¿Se lo ha contado a su equipo de cuidado?' },
      { pattern: /\b(sola|solo)\b/, reply: 'Me alegra que hablemos. ¿Con quién suele charlar durante la semana?' },
      { pattern: /(medicina|medicamento|pastilla)/, reply: 'Me alegra que siga con su medicación.' },
    ],
    farewell: /(adiós|adios|hasta luego)/,
  },
};

export const languageOf = (language: string): Language => (language === 'es' ? 'es' : 'en');

export interface ScriptedLine {
  readonly text: string;
  /** The agent calls `end_call` after this line has played. */
  readonly endsCall: boolean;
  /** The line asked the next check-in topic. */
  readonly askedTopic?: true;
}

/** The line for an explicit request (greeting, check-in, goodbye, resume, emergency). */
export const lineFor = (kind: Exclude<ResponseKind, 'reply'>, language: string, name: string): ScriptedLine => {
  const lines = LINES[languageOf(language)];
  switch (kind) {
    case 'greeting':
      return { text: lines.greeting(name), endsCall: false };
    case 'checkIn':
      return { text: lines.checkIn(name), endsCall: false };
    case 'goodbye':
      return { text: lines.goodbye(name), endsCall: true };
    case 'resume':
      return { text: lines.resume, endsCall: false };
    case 'emergency':
      return { text: lines.emergency, endsCall: false };
  }
};

/**
 * The reply to the patient's last words: a goodbye ends the call; keyword rules; else the next check-in topic
 * (sleep, meals, mood) while `topicsAsked` has not covered them; else an acknowledgement.
 */
export const replyTo = (
  patientText: string,
  language: string,
  name: string,
  previous: string | null,
  topicsAsked = Number.POSITIVE_INFINITY,
): ScriptedLine => {
  const lines = LINES[languageOf(language)];
  const said = patientText.toLowerCase();
  if (lines.farewell.test(said)) return { text: lines.goodbye(name), endsCall: true };
  const rule = lines.rules.find((candidate) => candidate.pattern.test(said) && candidate.reply !== previous);
  if (rule !== undefined) return { text: rule.reply, endsCall: false };
  const topic = lines.topics[topicsAsked];
  if (topic !== undefined) return { text: topic, endsCall: false, askedTopic: true };
  const acknowledgement = lines.acknowledgements.find((line) => line !== previous) ?? lines.acknowledgements[0] ?? '';
  return { text: acknowledgement, endsCall: false };
};
