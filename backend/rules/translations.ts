/**
 * The contractor's own words in other languages (`translations`, src/model/common.ts) across an edit
 * that does not send them: an office tool from before translations existed saves the settings or the
 * services without them. Each translation is kept while the text it translates is unchanged; one whose
 * text was rewritten is dropped, since it would show Spanish pages the old words.
 */
import type { WordLanguage } from '../../src/model/common.js';

type Words<Key extends string> = Partial<Record<WordLanguage, Partial<Record<Key, string>>>>;

/** The saved translations still true of `texts` (as written now), or undefined when none are. */
export function translationsKept<Key extends string>(saved: Words<Key> | undefined, savedTexts: Record<Key, string>, texts: Record<Key, string>): Words<Key> | undefined {
  const kept: Words<Key> = {};
  for (const [language, words] of Object.entries(saved ?? {}) as [WordLanguage, Partial<Record<Key, string>> | undefined][]) {
    const still = Object.fromEntries(Object.entries(words ?? {}).filter(([key]) => Object.hasOwn(texts, key) && savedTexts[key as Key] === texts[key as Key]));
    if (Object.keys(still).length) kept[language] = still as Partial<Record<Key, string>>;
  }
  return Object.keys(kept).length ? kept : undefined;
}
