/** Localised texts (DOMAIN.md §1.5): a pure lookup over loaded catalogues, no process-wide current locale. */
export interface Translator {
  /** The best supported locale for an `Accept-Language` header; `en` when nothing matches. */
  bestLocale(acceptLanguage: string | undefined): string;
  /** The text for `key` in `locale` (falling back to English), or undefined when no catalogue has it. */
  t(locale: string, key: string, params?: Readonly<Record<string, string | number>>): string | undefined;
}
