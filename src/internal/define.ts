/**
 * What every copy of Porchlight on a page shares. A host page can load Porchlight twice (two
 * widgets, two bundles, the CDN file and the npm package, two versions); each copy has its own
 * modules, so this lives on `globalThis` under a registered symbol that every copy finds.
 */
interface PorchlightGlobal {
  /** Set once a collision has been reported, so a second copy gives one warning, not one per tag. */
  warnedTwice?: boolean;
  /** The script URL of the first CDN autoloader started on the page (see `src/cdn/autoloader.ts`). */
  autoloader?: string;
}

const globalKey = Symbol.for('porchlight');

export function porchlightGlobal(): PorchlightGlobal {
  const holder = globalThis as typeof globalThis & { [globalKey]?: PorchlightGlobal };
  holder[globalKey] ??= {};
  return holder[globalKey];
}

/** Says once per page that Porchlight is loaded twice, whichever copy notices first. */
export function warnLoadedTwice(detail: string) {
  const shared = porchlightGlobal();
  if (shared.warnedTwice) return;
  shared.warnedTwice = true;
  console.warn(`[porchlight] Porchlight is loaded twice on this page; ${detail} Load it once to save the download.`);
}

/**
 * Registers a tag once. A host page that loads Porchlight twice gets one warning instead of the
 * "already defined" exception that would stop the second script; the first definition stays.
 */
export function define(tagName: string, elementClass: CustomElementConstructor) {
  const existing = customElements.get(tagName);
  if (existing) {
    // The same class twice is one copy importing its own define module again: nothing to say.
    if (existing !== elementClass) warnLoadedTwice(`<${tagName}> keeps its first definition.`);
    return;
  }
  customElements.define(tagName, elementClass);
}
