/**
 * The context cues of DOMAIN.md §7.3.5, for English and Spanish (other languages have none: every match counts).
 * Each cue is a sequence of tokens, as the tokenizer cuts them (lower case, apostrophes kept inside tokens).
 * Broad words that hid real emergencies in the reference (`before`, `story`, `show`, `had a`, `doctor said`) are
 * deliberately not cues.
 */
export interface FilterCues {
  readonly negation: ReadonlySet<string>;
  /** A token ending with this counts as a negation too (`don't`, `can't`, `isn't`). */
  readonly negationSuffix: string | null;
  readonly hypothetical: readonly (readonly string[])[];
  readonly persons: ReadonlySet<string>;
  /** `my` / `mi`: followed by one of `relatives`, it names someone else. */
  readonly possessive: string;
  readonly relatives: ReadonlySet<string>;
  readonly firstPerson: ReadonlySet<string>;
  readonly media: readonly (readonly string[])[];
  readonly past: readonly (readonly string[])[];
  /** `<n> <unit> ago` (en) or `hace <n> <unit>` (es). */
  readonly ago: {
    readonly before: string | null;
    readonly after: string | null;
    readonly numbers: ReadonlySet<string>;
    readonly units: ReadonlySet<string>;
  };
  readonly urgency: readonly (readonly string[])[];
  readonly conjunctions: ReadonlySet<string>;
}

const words = (list: string): string[] => list.split(' ');
const phrases = (...list: string[]): string[][] => list.map(words);

const english: FilterCues = {
  negation: new Set(words('not no never nothing none nobody')),
  negationSuffix: "n't",
  hypothetical: phrases(
    'if',
    'what if',
    'suppose',
    'supposing',
    'imagine',
    'hypothetically',
    'in case',
    'in the event',
    'what would happen',
  ),
  persons: new Set(words('he she they him his her their someone somebody')),
  possessive: 'my',
  relatives: new Set(
    words(
      'husband wife son daughter brother sister mother father mom mum dad friend neighbor neighbour cousin aunt uncle grandson granddaughter grandchild partner',
    ),
  ),
  firstPerson: new Set(words("i i'm i've i'd i'll me myself")),
  media: phrases(
    'on tv',
    'on the news',
    'in the news',
    'on the radio',
    'in a movie',
    'in the movie',
    'in a film',
    'in a book',
    'in a story',
    'in a dream',
    'in my dream',
  ),
  past: phrases(
    'yesterday',
    'last night',
    'last week',
    'last month',
    'last year',
    'when i was',
    'used to',
    'back then',
    'in the past',
    'years back',
  ),
  ago: {
    before: null,
    after: 'ago',
    // Digits count as numbers anywhere; number words up to twelve do too ("a number" in the rule).
    numbers: new Set(words('a an one two three four five six seven eight nine ten eleven twelve few several many')),
    units: new Set(words('day days week weeks month months year years')),
  },
  urgency: phrases('right now', 'help', 'emergency', 'ambulance', 'hurry', 'come quickly'),
  conjunctions: new Set(words('and but then so because although though while')),
};

const spanish: FilterCues = {
  negation: new Set(words('no nunca jamás tampoco ni nada nadie sin')),
  negationSuffix: null,
  // `si` without accent only: `sí` means "yes".
  hypothetical: phrases(
    'si',
    'y si',
    'supongamos',
    'suponiendo',
    'imagina',
    'imagínate',
    'imaginemos',
    'hipotéticamente',
    'en caso de',
    'por si',
  ),
  persons: new Set(words('él ella ellos ellas alguien')),
  possessive: 'mi',
  relatives: new Set(
    words(
      'esposo marido esposa mujer hijo hija hermano hermana madre padre mamá papá amigo amiga vecino vecina primo prima nieto nieta pareja',
    ),
  ),
  firstPerson: new Set(words('yo me mí conmigo')),
  media: phrases(
    'en la tele',
    'en la televisión',
    'en las noticias',
    'en la radio',
    'en una película',
    'en la película',
    'en un libro',
    'en un sueño',
  ),
  past: phrases(
    'ayer',
    'anteayer',
    'anoche',
    'la semana pasada',
    'el mes pasado',
    'el año pasado',
    'cuando era',
    'cuando tenía',
    'solía',
    'en el pasado',
  ),
  ago: {
    before: 'hace',
    after: null,
    numbers: new Set(
      words('un una unos unas pocos varios muchos dos tres cuatro cinco seis siete ocho nueve diez once doce'),
    ),
    units: new Set(words('día días semana semanas mes meses año años')),
  },
  urgency: phrases('ahora mismo', 'ayuda', 'auxilio', 'socorro', 'emergencia', 'urgencia', 'ambulancia', 'rápido'),
  conjunctions: new Set(words('y e pero luego entonces porque aunque mientras')),
};

const CUES: Readonly<Record<string, FilterCues>> = { en: english, es: spanish };

/** The cues of a language, or null for the languages without context filters. */
export const cuesFor = (language: string): FilterCues | null => CUES[language] ?? null;
