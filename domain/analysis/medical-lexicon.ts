/**
 * The English lexicon of the medical screening metrics (DOMAIN.md §10.3.2-§10.3.4): at least the entries the
 * specification requires, in our own lists. Screening heuristics, not diagnoses. Conversations in other languages
 * get no medical metrics yet (warning `UNSUPPORTED_LANGUAGE`; RESOLUTIONS.md 40 ships English first).
 */
export const MEDICAL_LEXICON_VERSION = 'en-medical-1';

export interface WeightedCategory {
  readonly weight: number;
  readonly entries: readonly string[];
}

export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'the a an and or but if then so because as of at by for with about into through to from in on off over under ' +
    'again further once here there when where why how all any both each few more most other some such no nor not ' +
    'only own same than too very can will just should now i me my myself we our ours you your yours he him his she ' +
    'her hers it its they them their what which who whom this that these those am is are was were be been being ' +
    'have has had having do does did doing would could might must shall may yes yeah oh okay ok well'
  ).split(' '),
);

export const FILLERS: readonly string[] = [
  'um',
  'uh',
  'er',
  'erm',
  'hmm',
  'mm',
  'ah',
  'eh',
  'basically',
  'literally',
  'you know',
  'i mean',
  'sort of',
  'kind of',
];

export const VAGUE_REFERENCES: readonly string[] = [
  'thing',
  'things',
  'stuff',
  'whatnot',
  'whatsit',
  'thingy',
  'gizmo',
  'doohickey',
  'whatchamacallit',
  'thingamajig',
  'that thing',
  'something like that',
];

export const TEMPORAL_CONFUSION: readonly string[] = [
  'what day is it',
  'what day is today',
  'what year is it',
  'what month is it',
  'is it morning',
  'is it night',
  'i lost track of time',
  'was that today',
  'was that yesterday',
  'when was that',
  "i can't remember when",
];

export const WORD_FINDING: readonly string[] = [
  "what's the word",
  'what is the word',
  'the word for',
  'what do you call it',
  "what's it called",
  'tip of my tongue',
  "i can't think of the word",
  'i forget the word',
];

export const DEPRESSION: Readonly<Record<string, WeightedCategory>> = {
  negativeEmotions: { weight: 0.25, entries: ['sad', 'unhappy', 'miserable', 'depressed', 'hopeless', 'empty'] },
  negativeThoughts: { weight: 0.3, entries: ['worthless', 'useless', 'a burden', 'my fault', 'no point'] },
  physicalSymptoms: { weight: 0.2, entries: ['exhausted', 'no energy', "can't sleep", 'no appetite'] },
  cognitiveSymptoms: { weight: 0.15, entries: ["can't concentrate", "can't focus", "can't decide"] },
  socialWithdrawal: { weight: 0.1, entries: ["don't want to see anyone", 'stopped going out'] },
  anhedonia: { weight: 0.2, entries: ['lost interest', 'nothing is fun', "don't enjoy anything"] },
};

export const ANXIETY: Readonly<Record<string, WeightedCategory>> = {
  worry: { weight: 0.25, entries: ['worried', 'anxious', 'nervous', 'on edge'] },
  physicalAnxiety: { weight: 0.25, entries: ['heart racing', 'shaking', "can't calm down"] },
  catastrophicThinking: { weight: 0.25, entries: ['something terrible', 'the worst will happen'] },
  avoidance: { weight: 0.15, entries: ['afraid to go out', "can't face it"] },
  hypervigilance: { weight: 0.1, entries: ['jumpy', "can't relax"] },
};

export const GENERAL_PSYCHIATRIC: Readonly<Record<string, WeightedCategory>> = {
  moodInstability: { weight: 0.2, entries: ['mood swings', 'up and down'] },
  selfHarm: { weight: 0.35, entries: ['hurt myself', 'harm myself'] },
  paranoia: { weight: 0.15, entries: ['out to get me', 'spying on me'] },
  dissociation: { weight: 0.15, entries: ['nothing feels real'] },
  psychosis: { weight: 0.15, entries: ['hearing voices', 'seeing things'] },
};

export const NEGATIVE_TONE: readonly string[] = [
  'sad',
  'worried',
  'scared',
  'angry',
  'frustrated',
  'annoyed',
  'upset',
  'mad',
  'irritated',
  'lonely',
];

export const POSITIVE_TONE: readonly string[] = [
  'happy',
  'good',
  'great',
  'wonderful',
  'excellent',
  'amazing',
  'fantastic',
  'hopeful',
  'glad',
  'grateful',
];

/** Coping, support, hope and self-care: counted and reported, never subtracted from a score. */
export const PROTECTIVE_FACTORS: readonly string[] = [
  'my family',
  'my friends',
  'my daughter',
  'my son',
  'my church',
  'my neighbor',
  'my neighbour',
  'support',
  'looking forward',
  'hope',
  'grateful',
  'went for a walk',
  'exercise',
  'took my medicine',
  'took my pills',
  'eating well',
  'sleeping well',
];
