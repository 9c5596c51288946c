/**
 * The English lexicon of the fraud, abuse and exploitation screening (DOMAIN.md §10.5): at least the entries the
 * specification requires. Broad single words that flagged ordinary talk in the reference ("tax", "verify",
 * "urgent", "amazon", ...) are deliberately not entries. Cues for a caregiver to look closer, never findings.
 */
export const FRAUD_LEXICON_VERSION = 'en-fraud-1';

export const FINANCIAL = {
  transferMethods: [
    'wire transfer',
    'western union',
    'moneygram',
    'gift card',
    'gift cards',
    'prepaid card',
    'bitcoin',
    'crypto',
    'cryptocurrency',
    'venmo',
    'paypal',
    'zelle',
    'cash app',
    'money order',
    "cashier's check",
    'certified check',
  ],
  scamIndicators: [
    'you won',
    "you've won",
    'prize',
    'lottery',
    'sweepstakes',
    'inheritance',
    'unclaimed money',
    'arrest warrant',
    'tech support',
    'computer virus',
    'refund department',
    'your account is suspended',
    'verify your account',
    'irs agent',
    'bail money',
    'grandson in jail',
  ],
  urgencyLanguage: [
    'act now',
    'today only',
    'limited time',
    "don't tell anyone",
    'keep this secret',
    'keep it a secret',
    'last chance',
    'expires today',
  ],
  helpRequests: [
    'need money',
    'lend me',
    'borrow money',
    'can you send',
    'send money',
    'emergency money',
    'help with bills',
    'behind on payments',
    'need cash',
    'short on money',
  ],
  relationshipMoney: [
    'new friend',
    'met someone online',
    'someone i met',
    'person i met',
    'they need money',
    'they asked for money',
    'they want me to send',
  ],
} as const;

const NUMBER_WORDS =
  'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|a few|several';
const BIG_NUMBER = String.raw`(?:\d{1,3}(?:[,.]\d{3})+|\d{4,})`;

/**
 * Large amounts, on the normalised text: `$` + a number of 4+ digits, such a number + dollars/bucks/usd, an
 * amount + thousand/million/grand/k, a number word + dollars/bucks. One alternation, so "$5,000 dollars" counts once.
 */
export const LARGE_AMOUNT = new RegExp(
  [
    String.raw`\$\s?${BIG_NUMBER}(?:\s*(?:dollars|bucks|usd))?`,
    String.raw`(?<![\p{L}\p{N}])${BIG_NUMBER}\s*(?:dollars|bucks|usd)(?![\p{L}\p{N}])`,
    String.raw`(?<![\p{L}\p{N}])(?:\d+(?:[.,]\d+)?|${NUMBER_WORDS})\s*(?:thousand|million|grand|k)(?![\p{L}\p{N}])`,
    String.raw`(?<![\p{L}\p{N}])(?:${NUMBER_WORDS})\s+(?:dollars|bucks)(?![\p{L}\p{N}])`,
  ].join('|'),
  'gu',
);

export const PHYSICAL = {
  injuries: [
    'bruise',
    'bruises',
    'black eye',
    'hit me',
    'punched me',
    'slapped me',
    'pushed me',
    'shoved me',
    'grabbed me',
    'kicked me',
    'hurt me',
  ],
  fear: ['afraid of him', 'afraid of her', 'afraid of them', 'scared of him', 'scared of her', 'scared of them'],
  punishment: ['punish me', 'locked me in', "won't let me eat", 'tied me up'],
  vagueCauses: ['fell', 'accident', 'tripped', 'walked into', "don't remember how"],
} as const;

export const EMOTIONAL = {
  isolation: ["won't let me see", 'keeps me from', 'not allowed to call', 'took my phone'],
  control: ["won't let me", 'makes me', 'controls my money', 'takes my money'],
  threats: ['threatened me', 'threatens to', 'put me in a home', 'will leave me'],
  belittling: ['calls me stupid', 'yells at me', 'screams at me', 'makes fun of me'],
  fear: ['afraid', 'scared', 'frightened', 'terrified'],
} as const;

export const NEGLECT = {
  basicNeeds: [
    'no food',
    'nothing to eat',
    'hungry',
    'no medicine',
    'ran out of medication',
    'no heat',
    'no water',
    "haven't bathed",
  ],
  medicalCare: ["can't get to the doctor", 'missed my appointment', 'nobody gives me my pills'],
  isolation: ['alone all day', 'nobody visits', 'no one comes', 'lonely'],
  timeAlone: ['left alone for days', 'nobody checks on me'],
} as const;

export const RELATIONSHIP = {
  newPeople: [
    'new friend',
    'new neighbor',
    'met someone',
    'someone new',
    'a nice young man',
    'a man called',
    'a woman called',
  ],
  isolation: ["family doesn't visit", "don't see my family", "haven't talked to my kids", 'nobody calls anymore'],
  control: ['handles my money', 'took over my finances', 'manages my accounts', 'has my bank card', 'knows my pin'],
  dependency: ["can't do anything without", 'depend on him', 'depend on her', 'only one who helps me'],
  suspiciousBehavior: [
    'asked me to sign',
    'power of attorney',
    'changed my will',
    'asked for my password',
    'added to my account',
    'told me not to tell',
  ],
} as const;

/** Multipliers and caps of §10.5.3. */
export const RELATIONSHIP_SCALE = {
  newPeople: { multiplier: 8, cap: 30 },
  isolation: { multiplier: 12, cap: 40 },
  control: { multiplier: 15, cap: 45 },
  dependency: { multiplier: 10, cap: 35 },
  suspiciousBehavior: { multiplier: 20, cap: 50 },
} as const;
