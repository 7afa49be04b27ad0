/**
 * Which language a Porchlight element speaks. Each element decides for itself, the way the HTML `lang`
 * attribute is meant to work: its own `lang`, else the nearest ancestor's (crossing shadow roots, so an
 * element inside another component's shadow DOM follows that component), else `<html lang>`, else the
 * browser's language. Nothing here is page-global state a host page could also be using: a host's
 * own localization library (even @lit/localize, whose runtime is one per page) is left alone.
 */

/** The languages Porchlight has a full catalog for. English is the source language. */
export const catalogLanguages = ['en', 'es'] as const;
export type CatalogLanguage = (typeof catalogLanguages)[number];

export interface ResolvedLocale {
  /** A canonical BCP 47 tag for Intl ("es-MX", "en-US"); always a language we have strings for. */
  readonly tag: string;
  /** The catalog the strings come from. */
  readonly language: CatalogLanguage;
}

const english: ResolvedLocale = { tag: 'en-US', language: 'en' };

/** The parent in the composed tree: the parent node, else the shadow root's host. */
function composedParent(node: Node): Node | null {
  if (node.parentNode instanceof ShadowRoot) return node.parentNode.host;
  return node.parentNode;
}

/**
 * The nearest non-empty `lang` from `element` up through its ancestors and shadow hosts, or undefined.
 * `lang=""` means "unknown language" in HTML, so it is skipped rather than read as a language.
 */
export function declaredLang(element: Element): string | undefined {
  for (let node: Node | null = element; node; node = composedParent(node)) {
    if (node instanceof Element) {
      const lang = node.getAttribute('lang')?.trim();
      if (lang) return lang;
    }
  }
  return undefined;
}

/**
 * A tag Intl accepts, from what a host page wrote: "en_US" is read as "en-US"; something that is not a
 * language tag at all gives undefined (Intl would throw in the middle of a render).
 */
function canonical(tag: string): string | undefined {
  try {
    return Intl.getCanonicalLocales(tag.replace(/_/g, '-'))[0];
  } catch {
    return undefined;
  }
}

/**
 * A language tag → the locale an element uses. A language we have no catalog for is spoken in English,
 * with English formatting too: French dates among English words would be the mix the element avoids.
 */
export function localeFromTag(tag: string | undefined): ResolvedLocale | undefined {
  const canonicalTag = tag ? canonical(tag) : undefined;
  if (!canonicalTag) return undefined;
  const primary = canonicalTag.split('-')[0]!.toLowerCase();
  const language = (catalogLanguages as readonly string[]).includes(primary) ? (primary as CatalogLanguage) : undefined;
  if (!language) return english;
  // A bare "es" formats like Spain ("1234,50 US$"). The portal's Spanish speakers are a US contractor's
  // customers, who read "$1,234.50" and "11:14 a.m." on their bills: US Spanish ("es-US").
  if (canonicalTag === 'es') return { tag: 'es-US', language };
  if (canonicalTag === 'en') return english;
  return { tag: canonicalTag, language };
}

/** The language of the page itself: `<html lang>`, else the browser's. */
export function pageLocale(): ResolvedLocale {
  const root = globalThis.document?.documentElement;
  return (
    localeFromTag(root?.getAttribute('lang')?.trim() || undefined) ??
    localeFromTag(globalThis.navigator?.language) ??
    english
  );
}

/**
 * The locale an element speaks. A malformed `lang` on the way up is skipped, as if absent, so a host
 * page's `lang="en_US"` or `lang="!!"` never breaks a render.
 */
export function resolveLocale(element: Element): ResolvedLocale {
  for (let node: Node | null = element; node; node = composedParent(node)) {
    if (!(node instanceof Element)) continue;
    const lang = node.getAttribute('lang')?.trim();
    if (!lang) continue;
    const locale = localeFromTag(lang);
    if (locale) return locale;
  }
  return localeFromTag(globalThis.navigator?.language) ?? english;
}
