import { replyTo } from '../../../adapters/voice/scripted/scripted-replies';

/** The scripted agent holds a wellness check-in: greeting, then sleep, meals and mood, in the patient's language. */
describe('scripted check-in replies', () => {
  const walk = (language: string, answers: string[]): string[] => {
    const lines: string[] = [];
    let asked = 0;
    let previous: string | null = null;
    for (const answer of answers) {
      const line = replyTo(answer, language, 'Aggie', previous, asked);
      if (line.askedTopic === true) asked += 1;
      previous = line.text;
      lines.push(line.text);
    }
    return lines;
  };

  it('asks about sleep, meals and mood in order, then only acknowledges', () => {
    const lines = walk('en', ['Fine, thank you', 'All right', 'Some soup', 'Good', 'Nothing else']);
    expect(lines.slice(0, 3)).toEqual([
      'How did you sleep last night?',
      'What have you had to eat today?',
      'And how is your mood today, all things considered?',
    ]);
    expect(lines[3]).not.toMatch(/sleep|eat|mood/);
  });

  it('answers a concern first and keeps the next topic for later', () => {
    const lines = walk('en', ['My knee hurts', 'Yes I did', 'Toast']);
    expect(lines[0]).toMatch(/pain/);
    expect(lines[1]).toBe('How did you sleep last night?');
    expect(lines[2]).toBe('What have you had to eat today?');
  });

  it('speaks Spanish to a Spanish-speaking patient and ends on a farewell', () => {
    expect(walk('es', ['Bien, gracias'])).toEqual(['¿Cómo durmió anoche?']);
    expect(replyTo('Adiós, Bianca', 'es', 'Aggie', null, 0)).toMatchObject({ endsCall: true });
  });
});
