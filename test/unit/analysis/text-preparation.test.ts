import { countEntries, normaliseText, prepareText, tokensOf } from '../../../domain/analysis/text-preparation';

describe('text preparation (DOMAIN.md §10.3.1)', () => {
  it('normalises case, curly apostrophes, zero-width characters and spaces', () => {
    expect(normaliseText('  I\u2019M\u200B  Fine\n')).toBe("i'm fine");
    expect(tokensOf("'quoted' don't café 42")).toEqual(['quoted', "don't", 'café', '42']);
  });

  it('cuts turns into sentences at end punctuation followed by space, and counts them', () => {
    const text = prepareText(['Hello there. It costs 3.50 today! Right', 'Yes'], 'en');
    expect(text.sentenceCount).toBe(4);
    expect(text.turns[0].sentences.map((s) => s.tokens.join(' '))).toEqual([
      'hello there',
      'it costs 3 50 today',
      'right',
    ]);
    expect(text.tokenCount).toBe(9);
  });

  it('matches multi-word entries as token runs and filters negation within 3 tokens of the clause', () => {
    const sentences = prepareText(["I don't want to die. I want to die, and I feel sad"], 'en').turns[0].sentences;
    expect(countEntries(sentences, ['want to die'], 'en').count).toBe(2);
    expect(countEntries(sentences, ['want to die'], 'en', true).count).toBe(1);
    expect(countEntries(sentences, ['sad'], 'en', true).matched).toEqual(['sad']);
    // "sadness" is another token: no partial matches.
    expect(countEntries(prepareText(['such sadness'], 'en').turns[0].sentences, ['sad'], 'en').count).toBe(0);
  });
});
