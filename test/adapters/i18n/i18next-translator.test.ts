import { en, es } from '../../../adapters/i18n/catalogues';
import { I18nextTranslator } from '../../../adapters/i18n/i18next-translator';

describe('I18nextTranslator', () => {
  const translator = new I18nextTranslator();

  it.each([
    [undefined, 'en'],
    ['', 'en'],
    ['es-MX,es;q=0.9,en;q=0.8', 'es'],
    ['fr-FR, es;q=0.5', 'es'],
    ['de, en;q=0.1', 'en'],
    ['en;q=0.4, es;q=0.9', 'es'],
    ['es;q=0', 'en'],
    ['*', 'en'],
  ])('picks the best supported locale for %j', (header, locale) => {
    expect(translator.bestLocale(header)).toBe(locale);
  });

  it('translates by key, falls back to English, and answers undefined for unknown keys', () => {
    expect(translator.t('es', 'NOT_FOUND')).toBe('No encontrado');
    expect(translator.t('xx', 'NOT_FOUND')).toBe('Not found');
    expect(translator.t('es', 'NO_SUCH_KEY')).toBeUndefined();
  });

  it('has a Spanish text for every English key', () => {
    expect(Object.keys(es).sort()).toEqual(Object.keys(en).sort());
  });

  it('keeps login error texts free of the substrings the app navigates by, in every language', () => {
    for (const catalogue of [en, es]) {
      for (const key of [
        'ACCOUNT_LOCKED',
        'MFA_ENROLLMENT_REQUIRED',
        'PASSWORD_EXPIRED',
        'MFA_INVALID',
        'RATE_LIMITED',
      ]) {
        expect(catalogue[key]).not.toMatch(/sso|link|verification|verify your email/i);
      }
    }
  });
});
