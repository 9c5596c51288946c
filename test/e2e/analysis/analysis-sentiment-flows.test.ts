import { useSeededAnalysisApp, type Body } from './analysis-session';
import { ISO } from './analysis-fixtures';

/**
 * Sentiment as the app's sentiment screen and the debug panel use it, over the seeded calls (completed, with
 * seeded sentiment) and manual conversations: ranges, summary, re-runs one by one and in batches.
 */
type Point = {
  conversationId: string;
  date: string;
  duration: number;
  sentiment: Body | null;
  sentimentAnalyzedAt: string | null;
};

describe('sentiment flows over HTTP', () => {
  const s = useSeededAnalysisApp();

  it('shows the s.seeded calls oldest first per range, and the summary of the last 30 days', async () => {
    const patientId = s.seeded[0];
    const lifetime = await s.get(`/sentiment/patient/${patientId}/trend?timeRange=lifetime`);
    const points = lifetime['dataPoints'] as Point[];
    expect(points).toHaveLength(3);
    expect(points.map((p) => Date.parse(p.date))).toEqual([...points.map((p) => Date.parse(p.date))].sort());
    expect(points[2]).toMatchObject({
      date: expect.stringMatching(ISO),
      duration: 360,
      sentiment: { overallSentiment: 'positive' },
    });
    expect(lifetime).toMatchObject({ totalConversations: 3, analyzedConversations: 3, startDate: points[0].date });
    // 0.6, 0.1, 0.6: least-squares slope 0, so stable; variance 0.0556 -> (3/8 + 0.111) / 2 = 0.24.
    expect(lifetime['summary']).toEqual({
      averageSentiment: 0.433,
      sentimentDistribution: { positive: 2, mixed: 1 },
      trendDirection: 'stable',
      confidence: 0.24,
      keyInsights: ['Conversations have been generally positive.'],
    });
    const month = await s.get(`/sentiment/patient/${patientId}/trend?timeRange=month`);
    expect((month['dataPoints'] as Point[]).map((p) => p.conversationId)).toEqual([
      points[1].conversationId,
      points[2].conversationId,
    ]);
    expect((month['summary'] as Body)['trendDirection']).toBe('improving'); // 0.1 -> 0.6
    const last = await s.get(`/sentiment/patient/${patientId}/trend`);
    expect((last['dataPoints'] as Point[]).map((p) => p.conversationId)).toEqual([points[2].conversationId]);

    const summary = await s.get(`/sentiment/patient/${patientId}/summary`);
    expect(summary).toMatchObject({
      totalConversations: 2,
      analyzedConversations: 2,
      averageSentiment: 0.35,
      confidence: 0.4,
    });
    expect((summary['recentTrend'] as Point[]).map((p) => p.conversationId)).toEqual([
      points[2].conversationId,
      points[1].conversationId,
    ]);
    expect(summary['trendDirection']).toBe('improving'); // newest 0.6 against 0.1
    const es = await s.t.call('GET', `/sentiment/patient/${patientId}/trend?timeRange=lifetime`, undefined, s.staff, {
      'accept-language': 'es',
    });
    expect(((es.body as Body)['summary'] as Body)['keyInsights']).toEqual([
      'Las conversaciones han sido en general positivas.',
    ]);
  });

  it('re-runs one conversation offline and shows the same result on every read', async () => {
    const points = (await s.get(`/sentiment/patient/${s.seeded[0]}/trend?timeRange=lifetime`))['dataPoints'] as Point[];
    const id = points[2].conversationId;
    const res = await s.post(`/sentiment/conversation/${id}/analyze`);
    expect(res.status).toBe(200);
    const body = res.body as Body & { sentiment: Body };
    expect(body).toMatchObject({ success: true, conversationId: id, analyzedAt: s.t.clock.now().toISOString() });
    expect(body.sentiment).toMatchObject({
      overallSentiment: 'positive',
      fallback: true,
      analyzer: 'offline:lexicon-1',
      concernLevel: 'low',
    });
    expect(body.sentiment['satisfactionIndicators']).toEqual({ positive: ['thank', 'better'], negative: [] });
    expect(await s.get(`/sentiment/conversation/${id}`)).toEqual({
      conversationId: id,
      sentiment: body.sentiment,
      sentimentAnalyzedAt: body['analyzedAt'],
      hasSentimentAnalysis: true,
    });
    expect((await s.get(`/conversations/${id}`))['sentiment']).toEqual(body.sentiment);
  });

  it('refuses to analyse a conversation that is not completed, and counts nothing for a manual one', async () => {
    const created = await s.post(`/conversations/patient/${s.seeded[0]}`, {}, s.admin);
    const manualId = (created.body as { id: string }).id;
    expect((await s.post(`/sentiment/conversation/${manualId}/analyze`, undefined, s.admin)).body).toEqual({
      code: 400,
      message: 'Conversation not completed',
    });
    expect(await s.get(`/sentiment/conversation/${manualId}`)).toEqual({
      conversationId: manualId,
      sentiment: null,
      sentimentAnalyzedAt: null,
      hasSentimentAnalysis: false,
    });
  });

  it('queues sentiment re-runs in batches and applies them when the jobs run', async () => {
    const patientId = s.seeded[0];
    const res = await s.post(`/sentiment/patient/${patientId}/reanalyze`, { force: true }, s.admin);
    expect(res.body).toEqual({ success: true, queued: 3 });
    expect((await s.post(`/sentiment/patient/${patientId}/reanalyze`, {}, s.admin)).body).toEqual({
      success: true,
      queued: 0,
    });
    await s.runJobs();
    const points = (await s.get(`/sentiment/patient/${patientId}/trend?timeRange=lifetime`))['dataPoints'] as Point[];
    expect(points.map((p) => p.sentiment?.['analyzer'])).toEqual([
      'offline:lexicon-1',
      'offline:lexicon-1',
      'offline:lexicon-1',
    ]);
  });

  it('serves the two sentiment debug routes of the test-support router', async () => {
    const data = await s.post('/test/debug-conversation-data', { patientId: s.seeded[0] });
    expect(data.status).toBe(200);
    const body = data.body as { summary: Body; data: { allConversations: Body[]; testConversation: Body } };
    expect(body.summary).toEqual({
      totalConversations: 3,
      recentConversations: 2,
      conversationsWithSentiment: 3,
      recentWithSentiment: 2,
      testConversationFound: true,
    });
    expect(body.data.allConversations[0]).not.toHaveProperty('messages');
    const run = await s.post('/test/debug-sentiment-analysis', { hoursBack: 720, forceReanalyze: true }, s.admin);
    const runBody = run.body as { summary: Body; conversations: Body[] };
    expect(runBody.summary).toEqual({
      totalConversations: s.seeded.length * 2,
      conversationsWithoutSentiment: 0,
      successfullyAnalyzed: s.seeded.length * 2,
      failedAnalyses: 0,
    });
    expect(runBody.conversations[0]).toMatchObject({
      hadSentiment: true,
      analysisResult: { success: true, concernLevel: 'low' },
    });
    expect((await s.post('/test/debug-sentiment-analysis', {}, s.staff)).status).toBe(403);
  });
});
