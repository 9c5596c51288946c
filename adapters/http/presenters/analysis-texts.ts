import { ANALYSIS_TEXTS_EN } from './analysis-texts-en';
import { ANALYSIS_TEXTS_ES } from './analysis-texts-es';

/** The locales analysis texts exist in; anything else reads English (API-CONTRACT.md §1.6). */
export type AnalysisLocale = 'en' | 'es';

const CATALOGUES: Readonly<Record<AnalysisLocale, Readonly<Record<string, string>>>> = {
  en: ANALYSIS_TEXTS_EN,
  es: ANALYSIS_TEXTS_ES,
};

export const analysisLocaleOf = (locale: string): AnalysisLocale => (locale === 'es' ? 'es' : 'en');

/**
 * The text of `key` in `locale` with `{name}` placeholders filled; falls back to English, then to the key itself
 * (a code with no text yet is still shown rather than dropped).
 */
export const analysisText = (
  locale: AnalysisLocale,
  key: string,
  params: Readonly<Record<string, string | number>> = {},
): string => {
  const template = CATALOGUES[locale][key] ?? ANALYSIS_TEXTS_EN[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    params[name] === undefined ? whole : String(params[name]),
  );
};
