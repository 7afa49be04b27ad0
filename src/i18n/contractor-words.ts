/**
 * The contractor's own words (a service's name and description, the visits message) in the language an
 * element speaks. Porchlight's catalogs translate Porchlight's strings; the contractor's words are the
 * contractor's to translate, in the settings (`translations`, docs/localization.md). Where the office
 * gave none for a language, or left it blank, the text is shown as written.
 */
import type { WordLanguage } from '../model/common.js';
import type { Estimate } from '../model/estimate.js';
import type { SchedulerConfig } from '../model/scheduler.js';
import type { PublicSettings } from '../model/settings.js';
import type { CatalogLanguage } from './locale.js';

/** The office translates into the languages the elements speak: a language added to one list only fails here. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Holds<T extends true> = T;
export type LanguagesAgree = Holds<Same<CatalogLanguage, WordLanguage>>;

type Translations<Key extends string> = { [language in CatalogLanguage]?: { [key in Key]?: string } } | undefined;

/** `asWritten` in `language`: the office's translation for it, else as written. */
export function inLanguage<Key extends string>(language: CatalogLanguage, asWritten: string, translations: Translations<Key>, key: Key): string {
  const translated = translations?.[language]?.[key];
  return translated?.trim() ? translated : asWritten;
}

/** The visits message as `language` reads it. */
export const visitsMessageIn = (language: CatalogLanguage, settings: PublicSettings) =>
  inLanguage(language, settings.visitsMessage, settings.translations, 'visitsMessage');

/** The scheduler's configuration with each service named and described in `language`. */
export function servicesIn(language: CatalogLanguage, config: SchedulerConfig): SchedulerConfig {
  return {
    ...config,
    services: config.services.map((service) => ({
      ...service,
      name: inLanguage(language, service.name, service.translations, 'name'),
      description: inLanguage(language, service.description, service.translations, 'description'),
    })),
  };
}

/**
 * The estimate as `language` reads it: its name, options, items, terms and consents each in the office's
 * translation, else as written. Ids, amounts and hashes are untouched (an approval names the option it signs).
 */
export function estimateIn(language: CatalogLanguage, estimate: Estimate): Estimate {
  return {
    ...estimate,
    name: inLanguage(language, estimate.name, estimate.translations, 'name'),
    options: estimate.options.map((option) => ({
      ...option,
      name: inLanguage(language, option.name, option.translations, 'name'),
      description: inLanguage(language, option.description, option.translations, 'description'),
      items: option.items.map((item) => ({ ...item, description: inLanguage(language, item.description, item.translations, 'description') })),
    })),
    terms: { ...estimate.terms, text: inLanguage(language, estimate.terms.text, estimate.terms.translations, 'text') },
    consents: estimate.consents.map((consent) => ({ ...consent, text: inLanguage(language, consent.text, consent.translations, 'text') })),
  };
}
