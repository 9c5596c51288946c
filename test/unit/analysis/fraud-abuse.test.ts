import {
  fraudAlertImportance,
  analyseFraudAbuseWindow,
  fraudRiskLevelOf,
  overallRiskOf,
  type FraudWindowInput,
} from '../../../domain/analysis/fraud-abuse-analysis';
import { escalationOf } from '../../../domain/analysis/fraud-abuse-scores';
import { fraudCountsOf, type FraudCounts } from '../../../domain/analysis/fraud-counts';
import { prepareText } from '../../../domain/analysis/text-preparation';

const T0 = new Date('2026-05-01T12:00:00Z');
const counts = (id: string, turns: string[], day = 0): FraudCounts =>
  fraudCountsOf(id, new Date(T0.getTime() + day * 86_400_000), prepareText(turns, 'en'));

const input = (list: FraudCounts[], fields: Partial<FraudWindowInput> = {}): FraudWindowInput => ({
  id: 'a'.repeat(24),
  orgId: 'b'.repeat(24),
  patientId: 'c'.repeat(24),
  source: 'on_demand',
  timeRange: 'month',
  startDate: new Date(T0.getTime() - 30 * 86_400_000),
  endDate: T0,
  analysisDate: T0,
  conversationCount: list.length,
  messageCount: list.length,
  totalWords: 0,
  confidence: list.length === 0 ? 'none' : 'low',
  counts: list,
  unsupportedConversations: 0,
  previous: null,
  ...fields,
});

describe('fraud, abuse and exploitation screening (DOMAIN.md §10.5)', () => {
  it('is complete and all zero with no conversations', () => {
    const analysis = analyseFraudAbuseWindow(input([]));
    expect(analysis).toMatchObject({ overallRiskScore: 0, riskLevel: 'low', confidence: 'none', warnings: [] });
    expect(analysis.financialRisk).toMatchObject({ riskScore: 0, largeAmountMentions: 0, flaggedPhrases: [] });
    expect(analysis.financialRisk.temporalPatterns).toEqual({ hasEscalation: false, trend: 'insufficient_data' });
    expect(analysis.abuseRisk).toMatchObject({ riskScore: 0, physicalAbuseScore: 0, neglectScore: 0 });
    expect(analysis.relationshipRisk).toMatchObject({ riskScore: 0, newPeopleCount: 0, flaggedPeople: [] });
    expect(analysis.recommendations).toEqual([{ category: 'general', priority: 'low', code: 'continue_monitoring' }]);
    expect(fraudAlertImportance(analysis)).toBeNull();
  });

  it('counts large amounts once per mention, and scam, transfer and urgency entries', () => {
    const c = counts('c1', [
      'A man said you won the lottery, I must pay $5,000 dollars in gift cards and keep this secret.',
      'He wants 2 thousand more by wire transfer, and five hundred dollars.',
    ]);
    expect(c.financial.largeAmounts).toBe(3); // "$5,000 dollars", "2 thousand", "hundred dollars"
    expect(c.financial.scamIndicators).toBe(2); // "you won", "lottery"
    expect(c.financial.transferMethods).toBe(2); // "gift cards", "wire transfer"
    expect(c.financial.urgencyLanguage).toBe(1);
    expect(c.escalationEntries).toBe(5);
    expect(c.flagged.financial[0]).toBe('large amount');
  });

  const SCAM_CALL = [
    'A man from tech support said my computer virus needs fixing, I have to buy gift cards today only, act now.',
    "He said you won a prize, send money by western union and don't tell anyone. It was $3,000.",
  ];

  it('weights the sub-scores of the categories that were mentioned (§10.5.1)', () => {
    const analysis = analyseFraudAbuseWindow(input([counts('c1', SCAM_CALL)]));
    // scam 4·12, transfer 2·15, urgency 3·20, large 1·10, help 1·8 over the weights 0.3+0.2+0.15+0.25+0.1
    expect(analysis.financialRisk.riskScore).toBe(32.7);
    expect(analysis.riskLevel).toBe('medium');
    expect(analysis.recommendations.map((r) => r.code)).toEqual(['continue_monitoring']);
  });

  it('scores a repeated gift-card scam as high financial risk with education advice and an alert', () => {
    const analysis = analyseFraudAbuseWindow(input([counts('c1', SCAM_CALL), counts('c2', SCAM_CALL, 1)]));
    expect(analysis.financialRisk.riskScore).toBe(62.4);
    expect(analysis.riskLevel).toBe('high');
    expect(fraudAlertImportance(analysis)).toBe('high');
    expect(analysis.recommendations.map((r) => r.code)).toEqual(
      expect.arrayContaining(['review_accounts', 'scam_education']),
    );
    expect(analysis.warnings.map((w) => w.code)).toEqual(
      expect.arrayContaining(['HIGH_FINANCIAL_RISK', 'TRANSFER_METHODS']),
    );
    expect(analysis.financialRisk.indicators.map((i) => i.type)).toContain('scam_indicators');
  });

  it('raises a high alert for physical abuse above 40 even when the overall level is lower', () => {
    const abuse = counts('c1', [
      'He hit me and pushed me and I have a bruise and a black eye.',
      'I am afraid of him, scared of him. He locked me in and tied me up.',
    ]);
    const analysis = analyseFraudAbuseWindow(input([abuse]));
    expect(analysis.abuseRisk.physicalAbuseScore).toBe(45); // 0.3·min(4·15) + 0.3·min(2·20) + 0.3·min(2·25)
    expect(analysis.abuseRisk.indicators.some((i) => i.type === 'physical_abuse')).toBe(true);
    expect(analysis.riskLevel).toBe('low');
    expect(fraudAlertImportance(analysis)).toBe('high');
  });

  it('detects an inconsistent explanation only when injury and vague cause share a turn', () => {
    expect(counts('c1', ['I have a bruise, I fell.']).physical.inconsistent).toBe(1);
    expect(counts('c1', ['I have a bruise.', 'I fell.']).physical.inconsistent).toBe(0);
  });

  it('finds escalation when the later half clearly exceeds the earlier half', () => {
    expect(escalationOf([0, 0])).toEqual({ hasEscalation: false, trend: 'insufficient_data' });
    expect(escalationOf([0, 0, 2, 3])).toEqual({ hasEscalation: true, trend: 'increasing' });
    expect(escalationOf([3, 3, 1, 1])).toEqual({ hasEscalation: false, trend: 'decreasing' });
    expect(escalationOf([1, 1, 1])).toEqual({ hasEscalation: false, trend: 'stable' });
  });

  it('combines domains by weight, adds 15 when two are high, and maps levels', () => {
    expect(overallRiskOf(0, 0, 0)).toBe(0);
    expect(overallRiskOf(60, 0, 0)).toBe(60);
    expect(overallRiskOf(40, 40, 0)).toBe(55); // 40 + 15
    expect(fraudRiskLevelOf(69.9)).toBe('high');
    expect(fraudRiskLevelOf(70)).toBe('critical');
    expect(fraudRiskLevelOf(29.9)).toBe('low');
  });

  it('warns when risk rose against the previous analysis', () => {
    const previous = analyseFraudAbuseWindow(input([]));
    const scam = counts('c1', [
      'you won the lottery, send money by western union today only, keep it a secret, bitcoin',
    ]);
    const analysis = analyseFraudAbuseWindow(input([scam], { previous }));
    expect(analysis.warnings.map((w) => w.code)).toContain('FINANCIAL_RISK_INCREASED');
  });

  it('lists new people with their conversation and date, and reaches relationship risk', () => {
    const list = [
      counts('c1', ['I met someone online, a new friend. He asked me to sign a power of attorney.'], 0),
      counts('c2', ['My new friend handles my money now and knows my pin.'], 1),
    ];
    const analysis = analyseFraudAbuseWindow(input(list));
    expect(analysis.relationshipRisk.flaggedPeople[0]).toEqual({
      context: 'new friend',
      timestamp: T0,
      conversationId: 'c1',
    });
    expect(analysis.relationshipRisk.suspiciousBehaviorCount).toBe(2);
    expect(analysis.relationshipRisk.riskScore).toBeGreaterThanOrEqual(30);
  });
});

describe('fraud alert importance (DOMAIN.md §10.6)', () => {
  const base = analyseFraudAbuseWindow(input([]));
  it('is urgent when critical, high when high, none below', () => {
    expect(fraudAlertImportance({ ...base, riskLevel: 'critical' })).toBe('urgent');
    expect(fraudAlertImportance({ ...base, riskLevel: 'high' })).toBe('high');
    expect(fraudAlertImportance({ ...base, riskLevel: 'medium' })).toBeNull();
    expect(fraudAlertImportance({ ...base, abuseRisk: { ...base.abuseRisk, physicalAbuseScore: 40 } })).toBeNull();
    expect(fraudAlertImportance({ ...base, abuseRisk: { ...base.abuseRisk, physicalAbuseScore: 40.1 } })).toBe('high');
  });
});
