import type { TemplateMap } from '@lit/localize';
import type { CatalogLanguage } from './locale.js';

/**
 * The translated catalogs, generated from `xliff/<lang>.xlf` by `npm run i18n` into `src/i18n/locales/`.
 * Each loads on first use with an explicit `import()` per language (a template-string import cannot
 * be followed by a bundler), so a page that speaks only English never downloads the Spanish.
 */
const loaders: Record<Exclude<CatalogLanguage, 'en'>, () => Promise<{ templates: TemplateMap }>> = {
  es: () => import('./locales/es.js'),
};

const loaded = new Map<CatalogLanguage, TemplateMap>();
const loading = new Map<CatalogLanguage, Promise<void>>();

/** The catalog of a language, when loaded; English (the source) has none and needs none. */
export function catalogFor(language: CatalogLanguage): TemplateMap | undefined {
  return loaded.get(language);
}

/** Whether a language's strings can be rendered right now without waiting. */
export function catalogReady(language: CatalogLanguage): boolean {
  return language === 'en' || loaded.has(language);
}

/**
 * Loads a language's catalog once; concurrent callers share the request. A failed load (the chunk
 * could not be fetched) rejects, and the next caller tries again.
 */
export function loadCatalog(language: CatalogLanguage): Promise<void> {
  if (language === 'en' || loaded.has(language)) return Promise.resolve();
  let pending = loading.get(language);
  if (!pending) {
    pending = loaders[language]()
      .then((module) => {
        loaded.set(language, module.templates);
      })
      .finally(() => loading.delete(language));
    loading.set(language, pending);
  }
  return pending;
}
