import {
  analyseSentimentOffline,
  OFFLINE_ANALYZER,
  overallSentimentOf,
  sentimentScoreOf,
} from '../../../domain/analysis/offline-sentiment';

describe('offline lexicon sentiment (DOMAIN.md §10.1)', () => {
  it('scores a happy English conversation positive, with emotions the app knows', () => {
    const result = analyseSentimentOffline({
      turns: ['I feel wonderful today, thank you.', 'The garden is lovely and I am very happy.'],
      language: 'en',
    });
    // wonderful 3 + thank 1 + lovely 2 + very·happy 2·1.5 = 9 -> 9/√96
    expect(result.sentimentScore).toBe(0.919);
    expect(result.overallSentiment).toBe('positive');
    expect(result.confidence).toBe(0.4); // 0.2 + 0.05·4
    expect(result.keyEmotions).toEqual(['happy', 'care']);
    expect(result.concernLevel).toBe('low');
    expect(result.satisfactionIndicators).toEqual({
      positive: ['wonderful', 'thank', 'lovely', 'happy'],
      negative: [],
    });
    expect(result).toMatchObject({ fallback: true, analyzer: OFFLINE_ANALYZER, recommendations: '' });
    expect(result.summary).toContain('positive');
  });

  it('turns a negated word into half its opposite ("not sad"), within the same clause only', () => {
    const negated = analyseSentimentOffline({ turns: ["I'm not sad."], language: 'en' });
    expect(negated.sentimentScore).toBe(sentimentScoreOf(1)); // -2 -> +1
    expect(negated.keyEmotions).toEqual([]);
    const otherClause = analyseSentimentOffline({ turns: ['No, but I am sad.'], language: 'en' });
    expect(otherClause.sentimentScore).toBe(sentimentScoreOf(-2));
  });

  it('labels balanced positive and negative words as mixed and raises concern for a strongly negative call', () => {
    expect(analyseSentimentOffline({ turns: ['I am happy but also sad.'], language: 'en' }).overallSentiment).toBe(
      'mixed',
    );
    const low = analyseSentimentOffline({ turns: ['I feel terrible and hopeless, so lonely.'], language: 'en' });
    expect(low.overallSentiment).toBe('negative');
    expect(low.concernLevel).toBe('high');
    expect(low.recommendations).not.toBe('');
  });

  it('raises concern for crisis language whatever the score', () => {
    const crisis = analyseSentimentOffline({
      turns: ['The garden is lovely. Sometimes I want to die.'],
      language: 'en',
    });
    expect(crisis.concernLevel).toBe('high');
    const negatedCrisis = analyseSentimentOffline({
      turns: ["The garden is lovely. I don't want to die."],
      language: 'en',
    });
    expect(negatedCrisis.concernLevel).toBe('low');
  });

  it('analyses Spanish with its own lexicon, texts and intensifiers', () => {
    const result = analyseSentimentOffline({ turns: ['Estoy muy triste y preocupada.'], language: 'es' });
    expect(result.sentimentScore).toBe(sentimentScoreOf(-5)); // muy·triste -3, preocupada -2
    expect(result.overallSentiment).toBe('negative');
    expect(result.keyEmotions).toEqual(['sad', 'worried']);
    expect(result.patientMood).toBe('Decaído o preocupado');
    expect(analyseSentimentOffline({ turns: ['No estoy triste.'], language: 'es' }).sentimentScore).toBe(
      sentimentScoreOf(1),
    );
  });

  it('answers neutral with no confidence for a language without a lexicon, or with no patient speech', () => {
    expect(analyseSentimentOffline({ turns: ['Je suis très heureux'], language: 'fr' })).toMatchObject({
      overallSentiment: 'neutral',
      sentimentScore: 0,
      confidence: 0,
      concernLevel: 'low',
      fallback: true,
    });
    expect(analyseSentimentOffline({ turns: [], language: 'en' })).toMatchObject({ sentimentScore: 0, confidence: 0 });
  });

  it('keeps the label thresholds of §10.1', () => {
    expect(overallSentimentOf(0, 0, 0, 0)).toBe('neutral');
    expect(overallSentimentOf(0.05, 4, 1, 2)).toBe('positive');
    expect(overallSentimentOf(0.04, 4, 1, 2)).toBe('neutral');
    expect(overallSentimentOf(-0.05, 1, 4, 2)).toBe('negative');
    expect(overallSentimentOf(0.3, 6.5, 3.5, 2)).toBe('mixed');
    expect(sentimentScoreOf(0)).toBe(0);
    expect(sentimentScoreOf(1e6)).toBeLessThanOrEqual(1);
  });
});
