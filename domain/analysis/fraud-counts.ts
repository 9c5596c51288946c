import { EMOTIONAL, FINANCIAL, LARGE_AMOUNT, NEGLECT, PHYSICAL, RELATIONSHIP } from './fraud-lexicon';
import { countEntries, type PreparedSentence, type PreparedText } from './text-preparation';

/**
 * Per-conversation fraud/abuse counts (DOMAIN.md §10.5), summed over a window later: mentions accumulate
 * evidence. Not negation-filtered (§10.3.1). Flagged phrases are the lexicon entries that matched, never the
 * patient's own words, so the stored result carries no transcript text.
 */
export type FinancialCategory = keyof typeof FINANCIAL | 'largeAmounts';
export type RelationshipCategory = keyof typeof RELATIONSHIP;

export interface FraudCounts {
  readonly conversationId: string;
  readonly date: Date;
  readonly financial: Readonly<Record<FinancialCategory, number>>;
  /** Distinct transfer, scam and urgency entries (the financial escalation series). */
  readonly escalationEntries: number;
  readonly physical: {
    readonly injuries: number;
    readonly fear: number;
    readonly punishment: number;
    readonly inconsistent: number;
  };
  readonly emotional: Readonly<Record<keyof typeof EMOTIONAL, number>>;
  readonly neglect: Readonly<Record<keyof typeof NEGLECT, number>>;
  readonly relationship: Readonly<Record<RelationshipCategory, number>>;
  readonly flagged: {
    readonly financial: readonly string[];
    readonly abuse: readonly string[];
    readonly relationship: readonly string[];
    /** New people and suspicious behaviour entries, for `flaggedPeople`. */
    readonly people: readonly string[];
  };
}

const countsFor = <K extends string>(
  sentences: readonly PreparedSentence[],
  lists: Readonly<Record<K, readonly string[]>>,
  flagged: string[],
): Record<K, number> => {
  const counts = {} as Record<K, number>;
  for (const key of Object.keys(lists) as K[]) {
    const hits = countEntries(sentences, lists[key], 'en');
    counts[key] = hits.count;
    for (const entry of hits.matched) if (!flagged.includes(entry)) flagged.push(entry);
  }
  return counts;
};

/** Turns that mention an injury and a vague cause together ("I fell" next to a bruise). */
const inconsistentTurns = (text: PreparedText): number =>
  text.turns.filter(
    (turn) =>
      countEntries(turn.sentences, PHYSICAL.injuries, 'en').count > 0 &&
      countEntries(turn.sentences, PHYSICAL.vagueCauses, 'en').count > 0,
  ).length;

export const fraudCountsOf = (conversationId: string, date: Date, text: PreparedText): FraudCounts => {
  const sentences = text.turns.flatMap((turn) => turn.sentences);
  const financialFlags: string[] = [];
  const abuseFlags: string[] = [];
  const relationshipFlags: string[] = [];
  const lists = countsFor(sentences, FINANCIAL, financialFlags);
  const largeAmounts = text.turns.reduce((total, turn) => total + (turn.text.match(LARGE_AMOUNT)?.length ?? 0), 0);
  if (largeAmounts > 0) financialFlags.unshift('large amount');
  const escalationEntries = (['transferMethods', 'scamIndicators', 'urgencyLanguage'] as const).reduce(
    (total, key) => total + countEntries(sentences, FINANCIAL[key], 'en').matched.length,
    0,
  );
  const physicalLists = { injuries: PHYSICAL.injuries, fear: PHYSICAL.fear, punishment: PHYSICAL.punishment };
  const physical = { ...countsFor(sentences, physicalLists, abuseFlags), inconsistent: inconsistentTurns(text) };
  const emotional = countsFor(sentences, EMOTIONAL, abuseFlags);
  const neglect = countsFor(sentences, NEGLECT, abuseFlags);
  const relationship = countsFor(sentences, RELATIONSHIP, relationshipFlags);
  const people = [
    ...countEntries(sentences, RELATIONSHIP.newPeople, 'en').matched,
    ...countEntries(sentences, RELATIONSHIP.suspiciousBehavior, 'en').matched,
  ];
  return {
    conversationId,
    date,
    financial: { ...lists, largeAmounts },
    escalationEntries,
    physical,
    emotional,
    neglect,
    relationship,
    flagged: { financial: financialFlags, abuse: abuseFlags, relationship: relationshipFlags, people },
  };
};

/** Every abuse hit of a conversation (the abuse escalation series). */
export const abuseHitsOf = (counts: FraudCounts): number =>
  Object.values(counts.physical).reduce((a, b) => a + b, 0) +
  Object.values(counts.emotional).reduce((a, b) => a + b, 0) +
  Object.values(counts.neglect).reduce((a, b) => a + b, 0);
