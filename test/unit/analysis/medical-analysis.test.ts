import {
  computeConversationMetrics,
  flowScoreOf,
  repetitionScoreOf,
  type ConversationMetrics,
} from '../../../domain/analysis/conversation-metrics';
import { confidenceOf, riskLevelOfHealth, severityAt } from '../../../domain/analysis/medical-analysis';
import {
  analyseMedicalWindow,
  directionOf,
  overallHealthOf,
  type MedicalWindowInput,
} from '../../../domain/analysis/medical-scoring';
import { prepareText } from '../../../domain/analysis/text-preparation';

const T0 = new Date('2026-05-01T12:00:00Z');

const metricsOf = (id: string, turns: string[]): ConversationMetrics =>
  computeConversationMetrics({
    conversationId: id,
    date: T0,
    messageCount: turns.length,
    text: prepareText(turns, 'en'),
  });

const CALM = [
  'This morning I walked to the market with my neighbour and bought fresh bread, tomatoes and flowers for the kitchen table.',
  'In the afternoon my granddaughter telephoned; she starts university next month and sounded wonderfully excited about everything.',
];

const windowInput = (metrics: ConversationMetrics[], fields: Partial<MedicalWindowInput> = {}): MedicalWindowInput => ({
  id: 'a'.repeat(24),
  orgId: 'b'.repeat(24),
  patientId: 'c'.repeat(24),
  source: 'manual',
  timeRange: 'custom',
  startDate: new Date(T0.getTime() - 30 * 86_400_000),
  endDate: T0,
  analysisDate: T0,
  conversationCount: metrics.length,
  messageCount: metrics.reduce((n, m) => n + m.messageCount, 0),
  metrics,
  unsupportedConversations: 0,
  baseline: null,
  previousMonthly: [],
  ...fields,
});

describe('per-conversation medical metrics (DOMAIN.md §10.3.2-§10.3.4)', () => {
  it('measures vocabulary: filtered unique words over all tokens, lengths, complexity within 0..100', () => {
    const m = metricsOf('c1', ['The cat sat. The cat sat again on the mat!']);
    expect(m.tokenCount).toBe(10);
    expect(m.eligible).toBe(false);
    // filtered (>= 3 letters, not stop words; "again" is one): cat sat cat sat mat -> cat, sat, mat
    expect(m.vocabulary.uniqueWords).toBe(3);
    expect(m.vocabulary.typeTokenRatio).toBeCloseTo(0.3, 10);
    expect(m.vocabulary.avgSentenceLength).toBe(5);
    expect(m.vocabulary.complexityScore).toBeGreaterThan(0);
    expect(m.vocabulary.complexityScore).toBeLessThanOrEqual(100);
  });

  it('counts cognitive markers: fillers, word finding, temporal confusion and repeated 3-word phrases', () => {
    const m = metricsOf('c2', [
      "Um, what's the word, the thing, you know. What day is it today?",
      'I went to the shops yesterday. I went to the shops yesterday.',
    ]);
    expect(m.cognitive.wordFindingCount).toBe(1);
    expect(m.cognitive.temporalConfusionCount).toBe(1);
    expect(m.cognitive.fillerDensity).toBeCloseTo(2 / m.tokenCount, 10);
    expect(m.cognitive.vagueDensity).toBeCloseTo(1 / m.tokenCount, 10);
    expect(m.cognitive.repetitionScore).toBeGreaterThan(0);
    expect(m.cognitive.riskScore).toBeGreaterThan(0);
  });

  it('scores repetition as repeated distinct windows over distinct windows, and flow over consecutive turns', () => {
    const sentences = prepareText(['went to the shops. went to the shops'], 'en').turns[0].sentences;
    // windows longer than 10 characters: "went to the" (11), "to the shops" (12): both seen twice.
    expect(repetitionScoreOf(sentences)).toBe(100);
    expect(flowScoreOf(prepareText(['garden tomatoes', 'garden roses', 'weather forecast'], 'en'))).toBe(50);
    expect(flowScoreOf(prepareText(['only one turn'], 'en'))).toBe(100);
  });

  it('counts psychiatric categories with negation, and crisis phrases', () => {
    const m = metricsOf('c3', ["I feel hopeless and worthless. I'm not sad. I want to die."]);
    expect(m.psychiatric.depressionWeighted).toBeCloseTo((1 * 0.25 + 1 * 0.3) / 1.2, 10);
    expect(m.psychiatric.crisisCount).toBe(1);
    expect(m.psychiatric.crisisWords).toEqual(['want to die']);
  });
});

describe('window medical analysis (DOMAIN.md §10.3.5)', () => {
  it('is the complete zero analysis with confidence none when patient text is under 100 characters', () => {
    const analysis = analyseMedicalWindow(windowInput([metricsOf('c1', ['Fine, thanks.'])]));
    expect(analysis.confidence).toBe('none');
    expect(analysis.warnings).toEqual([{ code: 'INSUFFICIENT_DATA', params: {} }]);
    expect(analysis.overallHealthScore).toBe(0);
    expect(analysis.cognitiveMetrics.riskScore).toBe(0);
    expect(analysis.psychiatricMetrics.emotionalTone).toEqual({
      dominantTone: 'neutral',
      negativeRatio: 0,
      positiveRatio: 0,
    });
    expect(analysis.riskLevel).toBe('low');
  });

  it('scores a calm window as healthy and a crisis window as at risk with a critical recommendation', () => {
    const calm = analyseMedicalWindow(windowInput([metricsOf('c1', CALM)]));
    expect(calm.confidence).toBe('low');
    expect(calm.overallHealthScore).toBe(100);
    expect(calm.riskLevel).toBe('low');
    expect(calm.recommendations.map((r) => r.code)).not.toContain('crisis_follow_up');

    const crisis = analyseMedicalWindow(
      windowInput([
        metricsOf('c1', [...CALM, 'Honestly I feel hopeless and worthless, I want to die, I want to end my life.']),
      ]),
    );
    expect(crisis.psychiatricMetrics.crisisIndicators).toMatchObject({
      hasCrisisIndicators: true,
      crisisCount: 2,
      severity: 'high',
    });
    expect(crisis.overallHealthScore).toBeLessThanOrEqual(75);
    expect(crisis.recommendations[0]).toEqual({
      category: 'psychiatric',
      severity: 'critical',
      priority: 0,
      code: 'crisis_follow_up',
    });
    expect(crisis.warnings.map((w) => w.code)).toContain('CRISIS_INDICATORS');
    expect(crisis.psychiatricMetrics.indicators.some((i) => i.type === 'crisis' && i.severity === 'critical')).toBe(
      true,
    );
  });

  it('warns about conversations in languages without a lexicon', () => {
    const analysis = analyseMedicalWindow(windowInput([metricsOf('c1', CALM)], { unsupportedConversations: 2 }));
    expect(analysis.warnings).toContainEqual({ code: 'UNSUPPORTED_LANGUAGE', params: { conversations: 2 } });
  });

  it('applies the composite formulas, thresholds and polarity of the trends', () => {
    expect(overallHealthOf(0, 0, 0, false)).toBe(100);
    expect(overallHealthOf(100, 100, 100, true)).toBe(10); // 100 - 30 - 20 - 15 - 25
    expect(overallHealthOf(50, 50, 0, false)).toBe(75); // 100 - 15 - 10
    expect(riskLevelOfHealth(29)).toBe('critical');
    expect(riskLevelOfHealth(30)).toBe('high');
    expect(riskLevelOfHealth(69)).toBe('medium');
    expect(riskLevelOfHealth(70)).toBe('low');
    expect(confidenceOf(99, 10)).toBe('none');
    expect(confidenceOf(499, 10)).toBe('low');
    expect(confidenceOf(5000, 2)).toBe('low');
    expect(confidenceOf(1999, 10)).toBe('medium');
    expect(confidenceOf(2000, 10)).toBe('high');
    expect(severityAt(0.049, [0.02, 0.05, 0.08])).toBe('low');
    expect(severityAt(0.01, [0.02, 0.05, 0.08])).toBeNull();
    expect(directionOf([10, 20, 30], false)).toBe('declining'); // a rising risk
    expect(directionOf([10, 20, 30], true)).toBe('improving'); // rising complexity
    expect(directionOf([10, 30], true)).toBe('stable'); // fewer than 3 points
    expect(directionOf([50, 51, 52], true)).toBe('stable'); // slope 0.01 of value/100
  });
});
