import type { Category, Severity } from './emergency-phrase';

/**
 * One seeded global phrase (DOMAIN.md §7.3.3): our own wording, common variants, accented and unaccented
 * spellings. `concept` ties the translations of one concept together (stored as a tag).
 */
export interface SeedPhrase {
  readonly concept: string;
  readonly label: string;
  readonly severity: Severity;
  readonly category: Category;
  readonly pattern: string;
}

type Row = readonly [concept: string, label: string, severity: Severity, category: Category, pattern: string];

export const seedRows = (rows: readonly Row[]): SeedPhrase[] =>
  rows.map(([concept, label, severity, category, pattern]) => ({ concept, label, severity, category, pattern }));

/**
 * English, in full. Never a bare "help": it is an urgency cue (§7.3.5), not an emergency by itself. Negations
 * that belong to the phrase (`can't breathe`) are part of the pattern, so they are not read as denials.
 */
export const ENGLISH_SEEDS: readonly SeedPhrase[] = seedRows([
  ['heart-attack', 'Heart attack', 'CRITICAL', 'Medical', "heart ?attack|(?:i'm|i am) having a heart attack"],
  [
    'cannot-breathe',
    "Can't breathe",
    'CRITICAL',
    'Medical',
    "(?:can't|cannot|can not|can no longer|unable to) breathe|(?:struggling|fighting) to breathe|gasping for (?:air|breath)",
  ],
  ['choking', 'Choking', 'CRITICAL', 'Medical', 'choking|(?:food|something) (?:is )?stuck in my throat'],
  [
    'stroke',
    'Stroke signs',
    'CRITICAL',
    'Medical',
    "(?:having|had) a stroke|stroke symptoms|my face is drooping|(?:can't|cannot) move (?:my|one) (?:arm|leg|side)|my speech is slurred|slurring my words",
  ],
  ['seizure', 'Seizure', 'CRITICAL', 'Medical', 'seizures?|convulsions?|convulsing'],
  [
    'suicidal-intent',
    'Suicidal thoughts',
    'CRITICAL',
    'Safety',
    'suicid(?:e|al)|kill myself|end my (?:own )?life|take my (?:own )?life',
  ],
  [
    'wanting-to-die',
    'Wanting to die',
    'CRITICAL',
    'Safety',
    "want to die|wish i (?:was|were) dead|better off dead|(?:don't|do not) want to (?:live|be alive)|no reason to live|not worth living",
  ],
  ['self-harm', 'Self-harm', 'CRITICAL', 'Safety', '(?:hurt|harm|cut) myself|self[- ]harm'],
  [
    'intruder',
    'Intruder',
    'HIGH',
    'Safety',
    "(?:someone|somebody) (?:broke|has broken|is breaking|just broke) in|(?:there's|there is) (?:someone|somebody|a stranger) in my (?:house|home|apartment)|intruder|burglar",
  ],
  [
    'feeling-unsafe',
    'Feeling unsafe',
    'HIGH',
    'Safety',
    "(?:don't|do not) feel safe|(?:someone|somebody) is (?:hurting|threatening|hitting) me|(?:scared|afraid) for my life",
  ],
  ['fell', 'I fell', 'HIGH', 'Physical', "i(?:'ve| have) fallen|i (?:just )?fell(?: down)?|i(?: have|'ve)? had a fall"],
  [
    'cannot-get-up',
    "Can't get up",
    'HIGH',
    'Physical',
    "(?:can't|cannot|can not|unable to) (?:get up|stand up)|stuck on the floor|(?:lying|laying) on the floor",
  ],
  [
    'chest-pain',
    'Chest pain',
    'HIGH',
    'Medical',
    'chest (?:pains?|pressure|tightness)|pain in my chest|chest (?:hurts|is hurting|feels tight)|pressure (?:in|on) my chest',
  ],
  [
    'trouble-breathing',
    'Trouble breathing',
    'HIGH',
    'Medical',
    '(?:trouble|difficulty|a hard time) breathing|short of breath|shortness of breath',
  ],
  [
    'heavy-bleeding',
    'Heavy bleeding',
    'HIGH',
    'Medical',
    "bleeding (?:heavily|a lot|badly)|(?:won't|will not|can't) stop bleeding|losing a lot of blood",
  ],
  [
    'fainting',
    'Fainting',
    'HIGH',
    'Medical',
    '(?:going to|gonna|about to) (?:pass out|faint)|i (?:just )?(?:fainted|passed out)',
  ],
  [
    'call-ambulance',
    'Call an ambulance',
    'MEDIUM',
    'Request',
    'call (?:an |the )?ambulance|call 9-?1-?1|call (?:the )?(?:emergency services|paramedics)|(?:need|send) an ambulance',
  ],
  [
    'help-me',
    'Help me',
    'MEDIUM',
    'Request',
    'help me|i need (?:some )?help|(?:please|somebody|someone) help|i need assistance',
  ],
]);

/** Spanish, in full, with and without accents (transcripts often drop them). */
export const SPANISH_SEEDS: readonly SeedPhrase[] = seedRows([
  [
    'heart-attack',
    'Ataque al corazón',
    'CRITICAL',
    'Medical',
    'ataque (?:al|de) coraz[oó]n|infarto|ataque card[ií]aco',
  ],
  [
    'cannot-breathe',
    'No puedo respirar',
    'CRITICAL',
    'Medical',
    'no (?:puedo|logro) (?:ni )?respirar|me falta el aire|no me entra (?:el )?aire|me estoy asfixiando',
  ],
  [
    'choking',
    'Atragantamiento',
    'CRITICAL',
    'Medical',
    'me (?:estoy )?atragantando|me atragant[eé]|me (?:estoy )?ahogando|se me atasc[oó] (?:algo|la comida) en la garganta',
  ],
  [
    'stroke',
    'Derrame cerebral',
    'CRITICAL',
    'Medical',
    'derrame cerebral|ictus|embolia|accidente cerebrovascular|se me (?:cae|est[aá] cayendo) la cara|no puedo mover (?:el|la|mi) (?:brazo|pierna|lado)',
  ],
  [
    'seizure',
    'Convulsiones',
    'CRITICAL',
    'Medical',
    'convulsi[oó]n|convulsiones|convulsionando|ataque epil[eé]ptico|crisis convulsiva',
  ],
  [
    'suicidal-intent',
    'Pensamientos suicidas',
    'CRITICAL',
    'Safety',
    'suicid(?:arme|io|a|as)|quiero matarme|voy a matarme|me (?:quiero|voy a) matar|quitarme la vida|acabar con mi vida',
  ],
  [
    'wanting-to-die',
    'Quiero morir',
    'CRITICAL',
    'Safety',
    'quiero morir(?:me)?|me quiero morir|ojal[aá] estuviera muert[oa]|no quiero (?:vivir|seguir viviendo)|estar[ií]a mejor muert[oa]',
  ],
  [
    'self-harm',
    'Autolesión',
    'CRITICAL',
    'Safety',
    'hacerme daño|lastimarme|autolesi[oó]n|me (?:quiero|voy a) (?:hacer daño|lastimar)',
  ],
  [
    'intruder',
    'Intruso en casa',
    'HIGH',
    'Safety',
    '(?:alguien|un desconocido) (?:entr[oó]|se meti[oó]|ha entrado|est[aá] entrando) (?:en|a) (?:mi|la) casa|hay (?:alguien|un extra[nñ]o|un desconocido) en (?:mi|la) casa|intrusos?|me est[aá]n robando',
  ],
  [
    'feeling-unsafe',
    'No me siento seguro',
    'HIGH',
    'Safety',
    'no me siento segur[oa]|me (?:est[aá]|est[aá]n) (?:pegando|golpeando|amenazando)|tengo miedo por mi vida',
  ],
  ['fell', 'Me caí', 'HIGH', 'Physical', 'me ca[ií]|me he ca[ií]do|me acabo de caer|tuve una ca[ií]da'],
  [
    'cannot-get-up',
    'No me puedo levantar',
    'HIGH',
    'Physical',
    'no (?:me )?puedo levantar(?:me)?|no puedo ponerme de pie|no logro levantarme',
  ],
  [
    'chest-pain',
    'Dolor de pecho',
    'HIGH',
    'Medical',
    'dolor (?:en el|de|del) pecho|dolor tor[aá]cico|me duele (?:mucho )?el pecho|(?:presi[oó]n|opresi[oó]n) en el pecho',
  ],
  [
    'trouble-breathing',
    'Dificultad para respirar',
    'HIGH',
    'Medical',
    'dificultad para respirar|me cuesta (?:mucho )?respirar|falta de aire',
  ],
  ['heavy-bleeding', 'Sangrado abundante', 'HIGH', 'Medical', 'sangrando mucho|no (?:para|deja) de sangrar|hemorragia'],
  ['fainting', 'Desmayo', 'HIGH', 'Medical', 'me (?:voy a|estoy por) desmayar|me desmay[eé]|perd[ií] el conocimiento'],
  [
    'call-ambulance',
    'Llamen una ambulancia',
    'MEDIUM',
    'Request',
    '(?:llamen|llame|llamar|necesito|manden|env[ií]en) (?:a )?(?:una|la) ambulancia|llam(?:en|e|ar) al (?:911|112)|servicios de emergencias?',
  ],
  [
    'help-me',
    'Ayúdenme',
    'MEDIUM',
    'Request',
    'ay[uú]d(?:e|a|en)me|necesito ayuda|que alguien me ayude|socorro|auxilio',
  ],
]);
