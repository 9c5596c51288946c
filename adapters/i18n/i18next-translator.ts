import i18next, { type i18n } from 'i18next';
import type { Translator } from '../../application/ports/translator';
import { en, es, type Catalogue } from './catalogues';

const catalogues: Readonly<Record<string, Catalogue>> = { en, es };

/** i18next over the bundled catalogues; one isolated instance (never the global one). */
export class I18nextTranslator implements Translator {
  private readonly i18n: i18n;
  private readonly locales: readonly string[];

  constructor() {
    this.locales = Object.keys(catalogues);
    this.i18n = i18next.createInstance();
    void this.i18n.init({
      lng: 'en',
      fallbackLng: 'en',
      supportedLngs: [...this.locales],
      resources: Object.fromEntries(Object.entries(catalogues).map(([lng, texts]) => [lng, { translation: texts }])),
      initAsync: false,
      interpolation: { escapeValue: false },
      keySeparator: false,
      nsSeparator: false,
    });
  }

  bestLocale(acceptLanguage: string | undefined): string {
    if (acceptLanguage === undefined || acceptLanguage.trim() === '') return 'en';
    const ranked = acceptLanguage
      .split(',')
      .map((part, index) => {
        const [tag = '', ...params] = part.trim().split(';');
        const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
        return { primary: tag.trim().toLowerCase().split('-')[0] ?? '', q: q === undefined ? 1 : Number(q), index };
      })
      .filter((entry) => entry.q > 0 && !Number.isNaN(entry.q))
      .sort((a, b) => b.q - a.q || a.index - b.index);
    return ranked.find((entry) => this.locales.includes(entry.primary))?.primary ?? 'en';
  }

  t(locale: string, key: string, params: Readonly<Record<string, string | number>> = {}): string | undefined {
    const lng = this.locales.includes(locale) ? locale : 'en';
    if (!this.i18n.exists(key, { lng })) return undefined;
    return this.i18n.t(key, { lng, ...params });
  }
}
