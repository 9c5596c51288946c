import { mean, round, sum } from './analysis-math';
import { abuseHitsOf, type FraudCounts } from './fraud-counts';
import { RELATIONSHIP_SCALE } from './fraud-lexicon';
import type { AnalysisConfidence, Indicator } from './medical-analysis';

/**
 * The three risk domains of DOMAIN.md §10.5.1-§10.5.3 over a window's per-conversation counts (oldest first).
 * Every score and count is a number; with no conversations they are all 0 (API-CONTRACT.md §3.8).
 */
export type Trend = 'increasing' | 'decreasing' | 'stable' | 'insufficient_data';

export interface TemporalPattern {
  readonly hasEscalation: boolean;
  readonly trend: Trend;
}

export interface FlaggedPerson {
  readonly context: string;
  readonly timestamp: Date;
  readonly conversationId: string;
}

export interface FinancialRisk {
  readonly riskScore: number;
  readonly confidence: AnalysisConfidence;
  readonly indicators: readonly Indicator[];
  readonly largeAmountMentions: number;
  readonly transferMethodMentions: number;
  readonly scamIndicatorMentions: number;
  readonly urgencyMentions: number;
  readonly helpRequestMentions: number;
  readonly relationshipMoneyMentions: number;
  readonly temporalPatterns: TemporalPattern;
  readonly flaggedPhrases: readonly string[];
}

export interface AbuseRisk {
  readonly riskScore: number;
  readonly confidence: AnalysisConfidence;
  readonly indicators: readonly Indicator[];
  readonly physicalAbuseScore: number;
  readonly emotionalAbuseScore: number;
  readonly neglectScore: number;
  readonly injuryMentions: number;
  readonly isolationMentions: number;
  readonly fearMentions: number;
  readonly basicNeedsMentions: number;
  readonly temporalPatterns: TemporalPattern;
  readonly flaggedPhrases: readonly string[];
}

export interface RelationshipRisk {
  readonly riskScore: number;
  readonly confidence: AnalysisConfidence;
  readonly indicators: readonly Indicator[];
  readonly newPeopleCount: number;
  readonly isolationCount: number;
  readonly controlCount: number;
  readonly dependencyCount: number;
  readonly suspiciousBehaviorCount: number;
  readonly temporalChanges: { readonly hasChanges: boolean; readonly trend: Trend };
  readonly flaggedPeople: readonly FlaggedPerson[];
}

const FLAG_LIMIT = 10;

/** §10.5.1 escalation: the mean of the later half against the earlier half, with at least 3 conversations. */
export const escalationOf = (series: readonly number[]): TemporalPattern => {
  const n = series.length;
  if (n < 3) return { hasEscalation: false, trend: 'insufficient_data' };
  const earlier = mean(series.slice(0, Math.floor(n / 2)));
  const recent = mean(series.slice(n - Math.ceil(n / 2)));
  const trend: Trend = recent > 1.1 * earlier ? 'increasing' : recent < 0.9 * earlier ? 'decreasing' : 'stable';
  return { hasEscalation: recent > 1.5 * earlier && recent >= 1, trend };
};

const total = (counts: readonly FraudCounts[], pick: (c: FraudCounts) => number): number => sum(counts.map(pick));

const flags = (counts: readonly FraudCounts[], pick: (c: FraudCounts) => readonly string[]): string[] =>
  [...new Set(counts.flatMap(pick))].slice(0, FLAG_LIMIT);

const term = (count: number, multiplier: number): number => Math.min(count * multiplier, 100);

export const financialRiskOf = (counts: readonly FraudCounts[], confidence: AnalysisConfidence): FinancialRisk => {
  const f = (key: keyof FraudCounts['financial']) => total(counts, (c) => c.financial[key]);
  const categories = [
    { count: f('largeAmounts'), score: term(f('largeAmounts'), 10), weight: 0.25 },
    { count: f('transferMethods'), score: term(f('transferMethods'), 15), weight: 0.2 },
    { count: f('scamIndicators'), score: term(f('scamIndicators'), 12), weight: 0.3 },
    { count: f('urgencyLanguage'), score: term(f('urgencyLanguage'), 20), weight: 0.15 },
    { count: f('helpRequests'), score: term(f('helpRequests'), 8), weight: 0.1 },
    { count: f('relationshipMoney'), score: term(f('relationshipMoney'), 15), weight: 0.15 },
  ].filter((category) => category.count > 0);
  const temporalPatterns = escalationOf(counts.map((c) => c.escalationEntries));
  const weighted =
    categories.length === 0 ? 0 : sum(categories.map((c) => c.score * c.weight)) / sum(categories.map((c) => c.weight));
  const riskScore = categories.length === 0 ? 0 : Math.min(100, weighted + (temporalPatterns.hasEscalation ? 20 : 0));
  const indicators: Indicator[] = [];
  const add = (type: string, count: number, severity: Indicator['severity']) => {
    if (count > 0) indicators.push({ type, severity, value: count });
  };
  add('large_amounts', f('largeAmounts'), f('largeAmounts') > 2 ? 'high' : 'medium');
  add('transfer_methods', f('transferMethods'), 'high');
  add('scam_indicators', f('scamIndicators'), 'high');
  add('urgency_language', f('urgencyLanguage'), 'high');
  add('help_requests', f('helpRequests'), 'medium');
  add('relationship_money', f('relationshipMoney'), 'high');
  if (temporalPatterns.hasEscalation) indicators.push({ type: 'escalation', severity: 'high', value: 1 });
  return {
    riskScore: round(riskScore, 1),
    confidence,
    indicators,
    largeAmountMentions: f('largeAmounts'),
    transferMethodMentions: f('transferMethods'),
    scamIndicatorMentions: f('scamIndicators'),
    urgencyMentions: f('urgencyLanguage'),
    helpRequestMentions: f('helpRequests'),
    relationshipMoneyMentions: f('relationshipMoney'),
    temporalPatterns,
    flaggedPhrases: flags(counts, (c) => c.flagged.financial),
  };
};

export const abuseRiskOf = (counts: readonly FraudCounts[], confidence: AnalysisConfidence): AbuseRisk => {
  const p = (key: keyof FraudCounts['physical']) => total(counts, (c) => c.physical[key]);
  const e = (key: keyof FraudCounts['emotional']) => total(counts, (c) => c.emotional[key]);
  const n = (key: keyof FraudCounts['neglect']) => total(counts, (c) => c.neglect[key]);
  const physical = Math.min(
    0.3 * term(p('injuries'), 15) +
      0.3 * term(p('fear'), 20) +
      0.3 * term(p('punishment'), 25) +
      0.1 * term(p('inconsistent'), 30),
    100,
  );
  const emotional = Math.min(
    0.25 * term(e('isolation'), 15) +
      0.25 * term(e('control'), 20) +
      0.2 * term(e('threats'), 25) +
      0.15 * term(e('belittling'), 18) +
      0.15 * term(e('fear'), 15),
    100,
  );
  const neglect = Math.min(
    0.3 * term(n('basicNeeds'), 20) +
      0.35 * term(n('medicalCare'), 25) +
      0.2 * term(n('isolation'), 15) +
      0.15 * term(n('timeAlone'), 18),
    100,
  );
  const temporalPatterns = escalationOf(counts.map(abuseHitsOf));
  const riskScore = Math.min(
    0.4 * physical + 0.35 * emotional + 0.25 * neglect + (temporalPatterns.hasEscalation ? 15 : 0),
    100,
  );
  const indicators: Indicator[] = [];
  const domain = (type: string, score: number) => {
    if (score > 30) indicators.push({ type, severity: score > 60 ? 'high' : 'medium', value: round(score, 1) });
  };
  domain('physical_abuse', physical);
  domain('emotional_abuse', emotional);
  domain('neglect', neglect);
  if (temporalPatterns.hasEscalation) indicators.push({ type: 'escalation', severity: 'high', value: 1 });
  return {
    riskScore: round(riskScore, 1),
    confidence,
    indicators,
    physicalAbuseScore: round(physical, 1),
    emotionalAbuseScore: round(emotional, 1),
    neglectScore: round(neglect, 1),
    injuryMentions: p('injuries'),
    isolationMentions: e('isolation') + n('isolation'),
    fearMentions: p('fear') + e('fear'),
    basicNeedsMentions: n('basicNeeds'),
    temporalPatterns,
    flaggedPhrases: flags(counts, (c) => c.flagged.abuse),
  };
};

/** §10.5.3 temporal change: the last third of the conversations against the first third. */
const temporalChangeOf = (counts: readonly FraudCounts[]): { hasChanges: boolean; trend: Trend } => {
  const n = counts.length;
  if (n < 3) return { hasChanges: false, trend: 'insufficient_data' };
  const third = Math.ceil(n / 3);
  const early = counts.slice(0, third);
  const late = counts.slice(n - third);
  const grew = (pick: (c: FraudCounts) => number) => {
    const before = total(early, pick);
    const after = total(late, pick);
    return after > 1.5 * before && after >= 1;
  };
  const hasChanges = grew((c) => c.relationship.isolation) || grew((c) => c.relationship.newPeople);
  const before = total(early, (c) => c.relationship.isolation + c.relationship.newPeople);
  const after = total(late, (c) => c.relationship.isolation + c.relationship.newPeople);
  const trend: Trend =
    hasChanges || after > 1.1 * before ? 'increasing' : after < 0.9 * before ? 'decreasing' : 'stable';
  return { hasChanges, trend };
};

export const relationshipRiskOf = (
  counts: readonly FraudCounts[],
  confidence: AnalysisConfidence,
): RelationshipRisk => {
  const r = (key: keyof typeof RELATIONSHIP_SCALE) => total(counts, (c) => c.relationship[key]);
  const keys = Object.keys(RELATIONSHIP_SCALE) as (keyof typeof RELATIONSHIP_SCALE)[];
  const present = keys.filter((key) => r(key) > 0).length;
  const temporalChanges = temporalChangeOf(counts);
  const scaled = sum(
    keys.map((key) => Math.min(r(key) * RELATIONSHIP_SCALE[key].multiplier, RELATIONSHIP_SCALE[key].cap)),
  );
  const riskScore = Math.min(100, scaled + (temporalChanges.hasChanges ? 20 : 0) + (present >= 3 ? 15 : 0));
  const indicators: Indicator[] = [];
  const add = (type: string, count: number, when: boolean, high: boolean) => {
    if (when) indicators.push({ type, severity: high ? 'high' : 'medium', value: count });
  };
  add('new_people', r('newPeople'), r('newPeople') > 2, r('newPeople') > 5);
  add('isolation', r('isolation'), r('isolation') > 0, r('isolation') > 3);
  add('control', r('control'), r('control') > 0, r('control') > 2);
  add('dependency', r('dependency'), r('dependency') > 0, r('dependency') > 2);
  add('suspicious_behavior', r('suspiciousBehavior'), r('suspiciousBehavior') > 0, true);
  if (temporalChanges.hasChanges) indicators.push({ type: 'temporal_changes', severity: 'high', value: 1 });
  return {
    riskScore: round(riskScore, 1),
    confidence,
    indicators,
    newPeopleCount: r('newPeople'),
    isolationCount: r('isolation'),
    controlCount: r('control'),
    dependencyCount: r('dependency'),
    suspiciousBehaviorCount: r('suspiciousBehavior'),
    temporalChanges,
    flaggedPeople: counts
      .flatMap((c) =>
        c.flagged.people.map((context) => ({ context, timestamp: c.date, conversationId: c.conversationId })),
      )
      .slice(0, FLAG_LIMIT),
  };
};
