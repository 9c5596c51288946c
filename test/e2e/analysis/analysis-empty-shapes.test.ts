import { startAnalysisApp, type AnalysisApp } from '../../support/analysis-app';
import { ISO } from './analysis-fixtures';

/**
 * RESOLUTIONS.md 31 and API-CONTRACT.md §3.8: for a patient with no conversations every analysis endpoint answers
 * its full shape with zeros (never null where the app calls `toFixed`, never 404), so the sentiment, medical and
 * fraud screens render "no data" instead of crashing.
 */
type Body = Record<string, unknown>;

const ZERO_RISK_KEYS = {
  financialRisk: [
    'confidence',
    'flaggedPhrases',
    'helpRequestMentions',
    'indicators',
    'largeAmountMentions',
    'relationshipMoneyMentions',
    'riskScore',
    'scamIndicatorMentions',
    'temporalPatterns',
    'transferMethodMentions',
    'urgencyMentions',
  ],
  abuseRisk: [
    'basicNeedsMentions',
    'confidence',
    'emotionalAbuseScore',
    'fearMentions',
    'flaggedPhrases',
    'indicators',
    'injuryMentions',
    'isolationMentions',
    'neglectScore',
    'physicalAbuseScore',
    'riskScore',
    'temporalPatterns',
  ],
  relationshipRisk: [
    'confidence',
    'controlCount',
    'dependencyCount',
    'flaggedPeople',
    'indicators',
    'isolationCount',
    'newPeopleCount',
    'riskScore',
    'suspiciousBehaviorCount',
    'temporalChanges',
  ],
} as const;

describe('analysis endpoints for a patient without conversations', () => {
  let t: AnalysisApp;
  let admin: string;
  let patientId: string;
  let now: string;

  beforeAll(async () => {
    t = await startAnalysisApp();
    expect((await t.call('POST', '/test/seed')).status).toBe(200);
    admin = await t.login('admin@example.org');
    const created = await t.call('POST', '/patients', { name: 'Nora New', phone: '+16045550123' }, admin);
    expect(created.status).toBe(201);
    patientId = (created.body as { id: string }).id;
    now = t.clock.now().toISOString();
  });
  afterAll(async () => {
    await t.stop();
  });

  it.each(['lastCall', 'month', 'lifetime'])('answers the zero sentiment trend for timeRange=%s', async (range) => {
    const res = await t.call('GET', `/sentiment/patient/${patientId}/trend?timeRange=${range}`, undefined, admin);
    expect(res.status).toBe(200);
    const body = res.body as Body;
    expect(body).toEqual({
      patientId,
      timeRange: range,
      startDate: expect.stringMatching(ISO),
      endDate: now,
      totalConversations: 0,
      analyzedConversations: 0,
      dataPoints: [],
      summary: {
        averageSentiment: 0,
        sentimentDistribution: {},
        trendDirection: 'stable',
        confidence: 0,
        keyInsights: [],
      },
    });
    if (range === 'month')
      expect(Date.parse(body['startDate'] as string)).toBeLessThan(Date.parse(now) - 27 * 86_400_000);
    else expect(body['startDate']).toBe(now);
  });

  it('defaults the trend to lastCall and answers the zero summary', async () => {
    const trend = await t.call('GET', `/sentiment/patient/${patientId}/trend`, undefined, admin);
    expect((trend.body as Body)['timeRange']).toBe('lastCall');
    const summary = await t.call('GET', `/sentiment/patient/${patientId}/summary`, undefined, admin);
    expect(summary.body).toEqual({
      totalConversations: 0,
      analyzedConversations: 0,
      averageSentiment: 0,
      sentimentDistribution: {},
      trendDirection: 'stable',
      confidence: 0,
      keyInsights: [],
      recentTrend: [],
    });
  });

  it('answers empty medical results, a zero trend and a zero summary', async () => {
    expect((await t.call('GET', `/medical-analysis/results/${patientId}`, undefined, admin)).body).toEqual({
      success: true,
      results: [],
      count: 0,
    });
    const trend = await t.call('GET', `/medical-analysis/trend/${patientId}?timeRange=quarter`, undefined, admin);
    expect(trend.body).toEqual({
      success: true,
      trend: {
        patientId,
        timeRange: 'quarter',
        startDate: new Date(Date.parse(now) - 90 * 86_400_000).toISOString(),
        endDate: now,
        totalAnalyses: 0,
        dataPoints: [],
        summary: {
          averageCognitiveRisk: 0,
          averagePsychiatricRisk: 0,
          cognitiveTrend: 'stable',
          psychiatricTrend: 'stable',
          vocabularyTrend: 'stable',
          confidence: 0,
          keyInsights: [],
          criticalWarnings: [],
        },
      },
    });
    const summary = await t.call('GET', `/medical-analysis/summary/${patientId}`, undefined, admin);
    expect(summary.body).toEqual({
      success: true,
      summary: {
        totalAnalyses: 0,
        averageCognitiveRisk: 0,
        averagePsychiatricRisk: 0,
        cognitiveTrend: 'stable',
        psychiatricTrend: 'stable',
        vocabularyTrend: 'stable',
        confidence: 0,
        keyInsights: [],
        criticalWarnings: [],
        recentAnalyses: [],
      },
    });
    expect((await t.call('GET', `/medical-analysis/baseline/${patientId}`, undefined, admin)).body).toEqual({
      success: true,
      baseline: null,
    });
  });

  it('triggers a medical analysis with confidence none: zeros and "insufficient data"', async () => {
    const res = await t.call('POST', `/medical-analysis/trigger-patient/${patientId}`, undefined, admin);
    expect(res.status).toBe(200);
    const { success, message, result } = res.body as { success: boolean; message: string; result: Body };
    expect({ success, message }).toEqual({ success: true, message: 'Analysis completed' });
    expect(result).toMatchObject({
      _id: result['id'],
      patientId,
      timeRange: 'custom',
      source: 'manual',
      confidence: 'none',
      warnings: ['insufficient data'],
      conversationCount: 0,
      messageCount: 0,
      totalWords: 0,
      overallHealthScore: 0,
      timeSeriesData: { cognitiveScore: 0, mentalHealthScore: 0, languageScore: 0, overallHealthScore: 0 },
      cognitiveMetrics: {
        riskScore: 0,
        fillerWordDensity: 0,
        repetitionScore: 0,
        informationDensity: { score: 0 },
        indicators: [],
      },
      psychiatricMetrics: {
        depressionScore: 0,
        anxietyScore: 0,
        overallRiskScore: 0,
        protectiveFactors: 0,
        emotionalTone: { dominantTone: 'neutral', negativeRatio: 0, positiveRatio: 0 },
        crisisIndicators: { hasCrisisIndicators: false, crisisCount: 0, severity: 'none' },
      },
      vocabularyMetrics: { uniqueWords: 0, typeTokenRatio: 0, complexityScore: 0 },
      baselineComparison: { hasBaseline: false, significantChanges: [] },
      trends: { cognitive: 'stable', mentalHealth: 'stable', language: 'stable', overall: 'stable' },
    });
    expect(result['endDate']).toBe(now);
    const es = await t.call('GET', `/medical-analysis/results/${patientId}`, undefined, admin, {
      'accept-language': 'es',
    });
    expect((es.body as { results: Body[] }).results[0]['warnings']).toEqual(['datos insuficientes']);
  });

  it('answers the complete zero fraud/abuse analysis with the real patient name, reused within 24 hours', async () => {
    const res = await t.call('GET', `/fraud-abuse-analysis/${patientId}?timeRange=month`, undefined, admin);
    expect(res.status).toBe(200);
    const { success, data } = res.body as { success: boolean; data: Body & { analysis: Body } };
    expect(success).toBe(true);
    expect(data).toMatchObject({
      patientId,
      patientName: 'Nora New',
      timeRange: 'month',
      endDate: now,
      conversationCount: 0,
      messageCount: 0,
      totalWords: 0,
      generatedAt: now,
    });
    const { analysis } = data;
    expect(data['recommendations']).toEqual(analysis['recommendations']);
    expect(analysis).toMatchObject({
      overallRiskScore: 0,
      riskLevel: 'low',
      confidence: 'none',
      changeFromBaseline: null,
    });
    for (const [risk, keys] of Object.entries(ZERO_RISK_KEYS)) {
      const object = analysis[risk] as Body;
      expect(Object.keys(object).sort()).toEqual([...keys]);
      for (const [key, value] of Object.entries(object)) {
        if (typeof value === 'number') expect([risk, key, value]).toEqual([risk, key, 0]);
      }
      expect(object['confidence']).toBe('none');
    }
    const again = await t.call('GET', `/fraud-abuse-analysis/${patientId}`, undefined, admin);
    expect((again.body as { data: { analysis: Body } }).data.analysis['id']).toBe(analysis['id']);
    const results = await t.call('GET', `/fraud-abuse-analysis/results/${patientId}?limit=5`, undefined, admin);
    expect(results.body).toMatchObject({ success: true, count: 1 });
  });
});
