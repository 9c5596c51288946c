import { ANALYSIS_TOKENS } from '../../../application/analysis/analysis-tokens';
import type { AnalysisUseCases } from '../../../application/analysis/analysis-use-cases';
import { useSeededAnalysisApp, type Body } from './analysis-session';

/**
 * Medical and fraud/abuse analyses as the medical and fraud screens use them, after conversations exist: a manual
 * conversation built through the admin endpoints, calls written straight to the repository, the post-call step.
 */
const SCAM_CALL = [
  ['assistant', 'Hello, how are you today?'],
  [
    'patient',
    'A man from tech support said my computer virus needs fixing, I must buy gift cards today only, act now.',
  ],
  ['patient', "He said you won a prize, send money by western union and don't tell anyone. It was $3,000."],
] as const;

describe('medical and fraud/abuse flows over HTTP', () => {
  const s = useSeededAnalysisApp();

  it('stores a medical analysis of a manual conversation with patient messages and lists it', async () => {
    const patientId = await s.newAssignedPatient('Mona Manual');
    const created = await s.post(`/conversations/patient/${patientId}`, {}, s.admin);
    const conversationId = (created.body as { id: string }).id;
    const say = (role: string, content: string) =>
      s.post(`/conversations/${conversationId}`, { role, content }, s.admin);
    await say('assistant', 'Good morning, how did you sleep?');
    await say('patient', 'Um, not so well. I keep forgetting things, what is the word, the thing for the kettle.');
    await say(
      'patient',
      'My daughter visited yesterday and we walked to the park together, which was lovely and calm.',
    );
    const res = await s.post(`/medical-analysis/trigger-patient/${patientId}`);
    expect(res.status).toBe(200);
    const result = (res.body as { result: Body }).result;
    expect(result).toMatchObject({
      patientId,
      source: 'manual',
      timeRange: 'custom',
      conversationCount: 1,
      messageCount: 2,
      confidence: 'low',
      riskLevel: expect.stringMatching(/^(low|medium|high|critical)$/),
    });
    expect(result['totalWords']).toBeGreaterThan(30);
    expect((result['cognitiveMetrics'] as Body)['wordFindingDifficultyCount']).toBe(1);
    expect((result['vocabularyMetrics'] as Body)['uniqueWords']).toBeGreaterThan(5);
    // One filler and one vague word in ~35 words are dense by §10.3.3's weights (density × 10,000).
    expect(result['warnings']).toEqual(['High cognitive risk score (100).']);
    expect(((result['cognitiveMetrics'] as Body)['indicators'] as Body[]).map((i) => i['type'])).toEqual(
      expect.arrayContaining(['vague_references']),
    );
    const results = await s.get(`/medical-analysis/results/${patientId}?limit=1`);
    expect(results).toMatchObject({ success: true, count: 1 });
    expect((results['results'] as Body[])[0]).toEqual(result);
    const trend = (await s.get(`/medical-analysis/trend/${patientId}`))['trend'] as Body;
    expect(trend['totalAnalyses']).toBe(1);
    expect(trend['dataPoints']).toEqual([
      {
        date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        analysisId: result['id'],
        cognitiveScore: (result['timeSeriesData'] as Body)['cognitiveScore'],
        mentalHealthScore: (result['timeSeriesData'] as Body)['mentalHealthScore'],
        languageScore: (result['timeSeriesData'] as Body)['languageScore'],
        overallHealthScore: result['overallHealthScore'],
        riskLevel: result['riskLevel'],
      },
    ]);
    const summary = (await s.get(`/medical-analysis/summary/${patientId}`))['summary'] as Body;
    expect(summary).toMatchObject({ totalAnalyses: 1, confidence: 0.2, recentAnalyses: trend['dataPoints'] });
  });

  it('raises one fraud/abuse alert for the assigned caregivers and reuses a recent analysis', async () => {
    const patientId = await s.newAssignedPatient('Sam Scammed');
    const now = s.t.clock.now().getTime();
    await s.fx.storeCall(patientId, SCAM_CALL, new Date(now - 2 * 86_400_000));
    await s.fx.storeCall(patientId, SCAM_CALL, new Date(now - 86_400_000));
    const res = await s.post(`/fraud-abuse-analysis/trigger-patient/${patientId}`);
    expect(res.status).toBe(200);
    const result = (res.body as { result: Body & { financialRisk: Body } }).result;
    expect(result).toMatchObject({
      riskLevel: 'high',
      overallRiskScore: 62.4,
      conversationCount: 2,
      timeRange: 'custom',
    });
    expect(result.financialRisk).toMatchObject({
      riskScore: 62.4,
      scamIndicatorMentions: 8,
      transferMethodMentions: 4,
    });
    expect(result['recommendations']).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ category: 'financial', priority: 'high', action: 'Talk about common scams' }),
      ]),
    );
    const alertsOf = async (token: string) =>
      ((await s.t.call('GET', '/alerts?showRead=true', undefined, token)).body as Body[]).filter(
        (a) => a['kind'] === 'analysis_fraud_abuse' && a['relatedPatient'] === patientId,
      );
    const raised = await alertsOf(s.staff);
    expect(raised).toHaveLength(1);
    expect(raised[0]).toMatchObject({
      importance: 'high',
      requiresAck: true,
      visibility: 'assignedCaregivers',
      alertType: 'patient',
    });

    const first = (await s.get(`/fraud-abuse-analysis/${patientId}?timeRange=month`))['data'] as { analysis: Body };
    const second = (await s.get(`/fraud-abuse-analysis/${patientId}?timeRange=month`))['data'] as { analysis: Body };
    expect(second.analysis['id']).toBe(first.analysis['id']);
    expect(first.analysis['riskLevel']).toBe('high');
    expect(await alertsOf(s.staff)).toHaveLength(1);

    // Sessions idle out after 15 minutes: sign in again after each jump of the clock.
    s.t.clock.advance(25 * 3_600_000);
    await s.signInStaffAgain();
    const later = (await s.get(`/fraud-abuse-analysis/${patientId}?timeRange=month`))['data'] as { analysis: Body };
    expect(later.analysis['id']).not.toBe(first.analysis['id']);

    s.t.clock.advance(31 * 86_400_000);
    await s.signInStaffAgain();
    const after = (await s.get(`/fraud-abuse-analysis/${patientId}?timeRange=month&includeBaseline=true`))['data'] as {
      analysis: Body & { changeFromBaseline: Body };
    };
    expect(after.analysis).toMatchObject({ overallRiskScore: 0, confidence: 'none' });
    expect(after.analysis.changeFromBaseline).toMatchObject({
      previousAnalysisId: later.analysis['id'],
      overallRiskScoreChange: -62.4,
      previousRiskLevel: 'high',
      riskLevelChanged: true,
    });
    const results = await s.get(`/fraud-abuse-analysis/results/${patientId}`);
    expect((results['results'] as Body[]).map((r) => r['id'])).toEqual([
      after.analysis['id'],
      later.analysis['id'],
      first.analysis['id'],
      result['id'],
    ]);
  });

  it('sets and clears a manual baseline, which the assigned caregiver can read', async () => {
    const patientId = s.seeded[0];
    const set = await s.t.call(
      'PUT',
      `/medical-analysis/baseline/${patientId}`,
      { metrics: { depressionScore: 20, cognitiveScore: 7.5 } },
      s.admin,
    );
    expect(set.status).toBe(200);
    const expected = {
      success: true,
      baseline: {
        type: 'manual',
        metrics: {},
        quality: null,
        establishedDate: s.t.clock.now().toISOString(),
        lastUpdated: s.t.clock.now().toISOString(),
        manual: { depressionScore: 20, cognitiveScore: 7.5 },
      },
    };
    expect(set.body).toEqual(expected);
    expect(await s.get(`/medical-analysis/baseline/${patientId}`)).toEqual(expected);
    const cleared = await s.t.call('PUT', `/medical-analysis/baseline/${patientId}`, { metrics: null }, s.admin);
    expect(cleared.body).toEqual({ success: true, baseline: null });
    expect(await s.get(`/medical-analysis/baseline/${patientId}`)).toEqual({ success: true, baseline: null });
  });

  it('queues every patient of the organisation and reports the run status', async () => {
    const res = await s.post('/medical-analysis/trigger-all', undefined, s.admin);
    const body = res.body as Body & { patients: Body[]; batchId: string };
    expect(body).toMatchObject({ success: true, patientsAnalyzed: 0, jobsScheduled: s.seeded.length, errors: [] });
    expect(body.patients.map((p) => p['id']).sort()).toEqual([...s.seeded].sort());
    const queued = (await s.get('/medical-analysis/status', s.admin))['status'] as Body;
    expect(queued).toMatchObject({
      enabled: false,
      schedule: 'monthly',
      lastBatchId: body.batchId,
      nextRunAt: null,
      failedJobs: 0,
    });
    await s.runJobs();
    const done = (await s.get('/medical-analysis/status', s.admin))['status'] as Body;
    expect(done).toMatchObject({
      running: false,
      queuedJobs: 0,
      failedJobs: 0,
      lastRunAt: s.t.clock.now().toISOString(),
    });
    for (const id of s.seeded)
      expect((await s.get(`/medical-analysis/results/${id}`))['count']).toBeGreaterThanOrEqual(1);
  });

  it('runs the post-call analyses for a finalised call: sentiment, then 30-day medical and fraud/abuse analyses', async () => {
    const patientId = await s.newAssignedPatient('Pat Postcall');
    const call = await s.fx.storeCall(patientId, SCAM_CALL, new Date(s.t.clock.now().getTime() - 60_000));
    const outcome = await s.t.app.container.get<AnalysisUseCases>(ANALYSIS_TOKENS.UseCases).afterCall.execute(call.id);
    expect(outcome).toEqual({ sentiment: 'done', medical: 'done', fraudAbuse: 'done' });
    expect((await s.get(`/sentiment/conversation/${call.id}`))['hasSentimentAnalysis']).toBe(true);
    const medical = ((await s.get(`/medical-analysis/results/${patientId}`))['results'] as Body[])[0];
    expect(medical).toMatchObject({ source: 'post_call', timeRange: 'custom', endDate: call.endedAt?.toISOString() });
    const fraud = ((await s.get(`/fraud-abuse-analysis/results/${patientId}`))['results'] as Body[])[0];
    expect(fraud).toMatchObject({ source: 'post_call', conversationCount: 1 });
    const again = await s.t.app.container.get<AnalysisUseCases>(ANALYSIS_TOKENS.UseCases).afterCall.execute(call.id);
    expect(again.sentiment).toBe('skipped');
    const manual = await s.post(`/conversations/patient/${patientId}`, {}, s.admin);
    const skipped = await s.t.app.container
      .get<AnalysisUseCases>(ANALYSIS_TOKENS.UseCases)
      .afterCall.execute((manual.body as { id: string }).id);
    expect(skipped).toEqual({ sentiment: 'skipped', medical: 'skipped', fraudAbuse: 'skipped' });
  });

  it('shows the demo analyses the seed computed for the seeded patients (seedAnalyses in bootstrap/seed.ts)', async () => {
    for (const patientId of s.seeded) {
      const medical = (await s.get(`/medical-analysis/results/${patientId}`))['results'] as Body[];
      expect(medical.map((r) => [r['source'], r['conversationCount']])).toEqual([['post_call', 2]]); // the calls 3 and 24 days ago
      const fraud = (await s.get(`/fraud-abuse-analysis/results/${patientId}`))['results'] as Body[];
      expect(fraud.map((r) => r['riskLevel'])).toEqual(['low']);
    }
  });
});
