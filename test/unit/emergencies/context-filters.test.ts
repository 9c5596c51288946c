import { compilePhrase, type CompiledPhrase } from '../../../domain/emergencies/compiled-phrase';
import { detectEmergency, dryRunResultOf } from '../../../domain/emergencies/emergency-detector';
import { createEmergencyPhrase } from '../../../domain/emergencies/emergency-phrase';
import { seededPhrase, SEED_PHRASES } from '../../../domain/emergencies/seed-phrases';

/** DOMAIN.md §7.3.5: the context filters of English and Spanish, on the seeded phrase sets. */
const setOf = (language: 'en' | 'es'): CompiledPhrase[] =>
  (SEED_PHRASES[language] ?? []).map((seed, i) =>
    compilePhrase(seededPhrase(seed, language, `seed${String(i).padStart(20, '0')}`, new Date(0)))!,
  );

const english = setOf('en');
const spanish = setOf('es');

const run = (text: string, language: 'en' | 'es') =>
  dryRunResultOf(detectEmergency(text, language, language === 'en' ? english : spanish));

describe('context filters (English)', () => {
  it.each([
    ["I can't breathe", null, 'CRITICAL'],
    ['I have chest pain right now', null, 'HIGH'],
    ["I don't have chest pain", 'negation', 'HIGH'],
    ['there is no chest pain today', 'negation', 'HIGH'],
    ['I never had chest pain', 'negation', 'HIGH'],
    ["I'm not having a heart attack", 'negation', 'CRITICAL'],
    ['if I had a heart attack who would know', 'hypothetical', 'CRITICAL'],
    ['what would happen in case I fell', 'hypothetical', 'HIGH'],
    ['imagine having a stroke alone', 'hypothetical', 'CRITICAL'],
    ['my husband has chest pain', 'third_party', 'HIGH'],
    ['she said she has chest pain', 'third_party', 'HIGH'],
    ['they saw a heart attack on tv', 'third_party', 'CRITICAL'],
    ['in my dream I was choking', 'third_party', 'CRITICAL'],
    ['I fell yesterday', 'past', 'HIGH'],
    ['I fell two days ago', 'past', 'HIGH'],
    ['I fell 3 weeks ago', 'past', 'HIGH'],
    ['when I was young I had a heart attack', 'past', 'CRITICAL'],
    ['I used to have chest pain', 'past', 'HIGH'],
  ])('%j -> suppressedBy %s', (text, filter, severity) => {
    const result = run(text, 'en');
    expect(result).toMatchObject({ isEmergency: filter === null, suppressedBy: filter, severity });
  });

  it('keeps a match when a first-person marker stands between the person cue and the match', () => {
    expect(run('my wife says I have chest pain', 'en')).toMatchObject({ isEmergency: true, suppressedBy: null });
  });

  it('looks for person cues in the 6 tokens before the match only', () => {
    expect(run('he sat in the garden with chest pain', 'en').suppressedBy).toBe('third_party');
    expect(run('he sat out in the garden with chest pain', 'en').isEmergency).toBe(true);
  });

  it('looks for negations in the 4 tokens before the match only', () => {
    expect(run('no, honestly, I have chest pain', 'en').isEmergency).toBe(true);
    expect(run('not sure why but the chest pain is bad', 'en').isEmergency).toBe(true);
    expect(run('not really much chest pain', 'en').suppressedBy).toBe('negation');
    expect(run('never had any real chest pain', 'en').suppressedBy).toBe('negation');
    expect(run('never once had any real chest pain', 'en').isEmergency).toBe(true);
  });

  it('splits clauses at punctuation and conjunctions: a cue in another clause does not count', () => {
    expect(run('I fell yesterday but now I cannot get up', 'en')).toMatchObject({
      isEmergency: true,
      phraseId: expect.stringMatching(/^seed/),
      matchedText: 'cannot get up',
    });
    expect(run('my son visited. I have chest pain', 'en').isEmergency).toBe(true);
  });

  it('lets an urgency cue lift hypothetical, third-party and past, but never negation', () => {
    expect(run('my husband has chest pain, call an ambulance', 'en')).toMatchObject({ isEmergency: true });
    expect(run('I fell yesterday and I need help right now', 'en').isEmergency).toBe(true);
    expect(run('if I have a heart attack, hurry', 'en').isEmergency).toBe(true);
    expect(run("I don't have chest pain, it's an emergency drill", 'en').suppressedBy).toBe('negation');
  });

  it('does not treat the broad words of the reference as cues', () => {
    for (const text of ['before dinner I got chest pain', 'the doctor said I have chest pain', 'I had a fall']) {
      expect({ text, result: run(text, 'en').isEmergency }).toEqual({ text, result: true });
    }
  });
});

describe('context filters (Spanish)', () => {
  it.each([
    ['no puedo respirar', null, 'CRITICAL'],
    ['tengo dolor de pecho', null, 'HIGH'],
    ['no tengo dolor de pecho', 'negation', 'HIGH'],
    ['nunca tuve un infarto', 'negation', 'CRITICAL'],
    ['si tuviera un infarto quién me ayudaría', 'hypothetical', 'CRITICAL'],
    ['en caso de un infarto', 'hypothetical', 'CRITICAL'],
    ['mi esposo tiene dolor de pecho', 'third_party', 'HIGH'],
    ['ella tiene dolor de pecho', 'third_party', 'HIGH'],
    ['vi un infarto en la tele', 'third_party', 'CRITICAL'],
    ['me caí ayer', 'past', 'HIGH'],
    ['me caí hace unos días', 'past', 'HIGH'],
    ['me caí hace 3 semanas', 'past', 'HIGH'],
    ['cuando era joven tuve un infarto', 'past', 'CRITICAL'],
  ])('%j -> suppressedBy %s', (text, filter, severity) => {
    expect(run(text, 'es')).toMatchObject({ isEmergency: filter === null, suppressedBy: filter, severity });
  });

  it('reads `sí` (yes) as no hypothetical cue, unlike `si` (if)', () => {
    expect(run('sí, tengo dolor de pecho', 'es').isEmergency).toBe(true);
  });

  it('lets an urgency cue lift the other filters but not negation', () => {
    expect(run('mi esposo tiene dolor de pecho, ayuda', 'es').isEmergency).toBe(true);
    expect(run('no tengo dolor de pecho, no es una emergencia', 'es').suppressedBy).toBe('negation');
  });
});

describe('languages without filters', () => {
  it('counts every match', () => {
    const phrase = createEmergencyPhrase({
      id: 'f'.repeat(24),
      scope: 'global',
      orgId: null,
      label: 'Crise cardiaque',
      language: 'fr',
      severity: 'CRITICAL',
      category: 'Medical',
      pattern: 'crise cardiaque',
      author: 'system',
      now: new Date(0),
    });
    const detection = detectEmergency("je n'ai pas de crise cardiaque", 'fr', [compilePhrase(phrase)!]);
    expect(dryRunResultOf(detection)).toMatchObject({ isEmergency: true, suppressedBy: null });
  });
});
