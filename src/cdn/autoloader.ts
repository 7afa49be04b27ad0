/**
 * Loads an element's code the first time its tag appears on the page, as Shoelace's and Web
 * Awesome's autoloaders do: a page with only a sign-in card never downloads the scheduler.
 *
 * It watches the document, and the open shadow root of every Porchlight element it finds, for tags
 * it knows; tags it does not know (the host's own `portal-*` elements) are left alone. Side-effect
 * free: `src/cdn/porchlight.ts` starts it with the table of tags.
 */
import { porchlightGlobal, warnLoadedTwice } from '../internal/define.js';

/** Tag → the `import()` of its define module (which registers the tag and what it needs). */
export type TagLoaders = Readonly<Record<string, () => Promise<unknown>>>;

export interface Autoloader {
  /** Loads a tag's code now (before it appears on the page, say); resolves once it is defined. */
  load(tagName: string): Promise<void>;
  /** Stops watching; tags already loaded stay defined. */
  stop(): void;
}

/**
 * Starts watching `document`. Returns `undefined` when another copy of Porchlight already runs an
 * autoloader on this page: that copy keeps the page, and this one warns once and does nothing, so
 * two copies never race to define the same tags.
 */
export function startAutoloader(loaders: TagLoaders, scriptUrl: string): Autoloader | undefined {
  const shared = porchlightGlobal();
  if (shared.autoloader !== undefined) {
    warnLoadedTwice(`${scriptUrl} leaves the page to ${shared.autoloader}.`);
    return undefined;
  }
  shared.autoloader = scriptUrl;
  // An npm bundle on the page got here first: its elements stay, and nothing of theirs downloads.
  const definedElsewhere = Object.keys(loaders).filter((tagName) => customElements.get(tagName));
  if (definedElsewhere.length) warnLoadedTwice(`${scriptUrl} uses the elements already defined (<${definedElsewhere[0]}> …).`);

  const selector = Object.keys(loaders).join(',');
  const loading = new Map<string, Promise<void>>();
  const watchedRoots = new WeakSet<Node>();

  const load = (tagName: string): Promise<void> => {
    const loader = loaders[tagName];
    if (!loader) return Promise.reject(new Error(`[porchlight] <${tagName}> is not a Porchlight element.`));
    // Defined already: by this copy, or by an npm bundle on the same page (then nothing downloads).
    if (customElements.get(tagName)) return Promise.resolve();
    let pending = loading.get(tagName);
    if (!pending) {
      pending = loader().then(
        () => undefined,
        (cause: unknown) => {
          // Forgotten, so the tag's next appearance tries again (a dropped connection, a deploy).
          loading.delete(tagName);
          throw new Error(`[porchlight] The code of <${tagName}> could not be loaded from next to ${scriptUrl}.`, { cause });
        },
      );
      loading.set(tagName, pending);
    }
    return pending;
  };

  /** An element found: its code, then the inside of its shadow root (elements that render others). */
  const found = (element: Element) => {
    const tagName = element.localName;
    load(tagName).then(
      () => {
        if (element.shadowRoot) watch(element.shadowRoot);
      },
      (error: unknown) => console.error(error),
    );
  };

  const discover = (root: Element | ShadowRoot | Document) => {
    if (root instanceof Element && root.matches(selector)) found(root);
    for (const element of root.querySelectorAll(selector)) found(element);
  };

  const observer = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) if (node instanceof Element) discover(node);
    }
  });

  function watch(root: Document | ShadowRoot) {
    // Closed shadow roots are invisible here; Porchlight's own are open.
    if (watchedRoots.has(root)) return;
    watchedRoots.add(root);
    observer.observe(root, { childList: true, subtree: true });
    discover(root);
  }

  watch(document);
  return {
    load,
    stop: () => {
      observer.disconnect();
      if (shared.autoloader === scriptUrl) delete shared.autoloader;
    },
  };
}
