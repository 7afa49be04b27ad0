import type { ReactiveElement } from 'lit';
import { property } from 'lit/decorators.js';
import { catalogReady, loadCatalog } from './catalogs.js';
import { resolveLocale, type ResolvedLocale } from './locale.js';
import { enterInteraction, onOverridesChanged, withLocale, type StringOverrides } from './msg.js';

/** What the element base needs from any element that speaks the element's own language. */
interface LocaleAware extends Element {
  localeMaybeChanged(): void;
}

const connected = new Set<LocaleAware>();
const watchedRoots = new WeakSet<Node>();

/**
 * One observer per document or shadow root that a Porchlight element sits under: a `lang` changing
 * anywhere in it (the element's own, an ancestor's, `<html lang>`) makes every connected element
 * check its language again. Resolving is a walk up a few ancestors, so checking all of them is cheap,
 * and a MutationObserver on a document does not see into shadow roots: each root on the way up is
 * watched on its own.
 */
function watchAncestry(element: Element) {
  for (let root: Node = element.getRootNode(); ; ) {
    if (!watchedRoots.has(root) && (root instanceof Document || root instanceof ShadowRoot)) {
      watchedRoots.add(root);
      new MutationObserver(notifyAll).observe(root, { subtree: true, attributes: true, attributeFilter: ['lang'] });
    }
    if (!(root instanceof ShadowRoot)) break;
    root = root.host.getRootNode();
  }
}

function notifyAll() {
  for (const element of connected) element.localeMaybeChanged();
}

globalThis.addEventListener?.('languagechange', notifyAll);
onOverridesChanged(() => {
  for (const element of connected) (element as unknown as ReactiveElement).requestUpdate();
});

/**
 * The events whose handlers make strings (validation on submit, notices on click): while one is being
 * dispatched inside an element's shadow root, `msg()` outside a render speaks that element's language.
 */
const interactionEvents = ['click', 'submit', 'input', 'change', 'keydown', 'focusout', 'paste', 'drop', 'date-grid-select'];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Constructor<T> = abstract new (...args: any[]) => T;

/**
 * The members `Localized` adds, as a declared class: a mixin's anonymous class type cannot be written
 * into declaration files (its base's private members), so the mixin is typed through this instead.
 */
export declare class LocalizedMembers {
  strings: StringOverrides | undefined;
  get elementLocale(): ResolvedLocale;
  localeMaybeChanged(): void;
  protected inLocale<R>(fn: () => R): R;
}

/**
 * Gives an element its own language (see `resolveLocale`): it renders in it, re-renders when it changes,
 * and waits for that language's catalog before its first Spanish render rather than flashing English.
 */
export function Localized<T extends Constructor<ReactiveElement>>(Base: T) {
  abstract class LocalizedElement extends Base implements LocaleAware {
    /**
     * This element's own wording, per language, over the page's (`registerStrings`) and Porchlight's:
     * `el.strings = { es: { 'Sign in': 'Entrar' } }`. Keys and values as in `registerStrings`.
     */
    @property({ attribute: false }) strings: StringOverrides | undefined;

    #locale: ResolvedLocale | undefined;

    /** The language this element speaks now: a BCP 47 tag for Intl and the catalog it reads. */
    get elementLocale(): ResolvedLocale {
      return (this.#locale ??= resolveLocale(this));
    }

    #listening = false;

    #onInteraction = (event: Event) => enterInteraction(event, this.elementLocale.language, this.strings);

    override connectedCallback() {
      super.connectedCallback();
      // The render root exists from the first connection on (Lit makes it there) and never changes.
      const root = (this as unknown as { renderRoot?: Node }).renderRoot;
      if (!this.#listening && root) {
        this.#listening = true;
        // Capture phase: before any handler inside runs, and the innermost element's capture is last.
        for (const type of interactionEvents) root.addEventListener(type, this.#onInteraction, { capture: true });
      }
      connected.add(this);
      watchAncestry(this);
      this.localeMaybeChanged();
    }

    override disconnectedCallback() {
      super.disconnectedCallback();
      connected.delete(this);
    }

    /** @internal Re-reads the language; re-renders when it moved. */
    localeMaybeChanged() {
      const next = resolveLocale(this);
      if (this.#locale && next.tag === this.#locale.tag) return;
      const first = !this.#locale;
      this.#locale = next;
      if (!first) this.requestUpdate();
    }

    /** Runs `fn` speaking this element's language: for strings made outside a render. */
    protected inLocale<R>(fn: () => R): R {
      return withLocale(this.elementLocale.language, this.strings, fn);
    }

    protected override scheduleUpdate(): void | Promise<unknown> {
      const { language } = this.elementLocale;
      if (catalogReady(language)) return super.scheduleUpdate();
      return loadCatalog(language).then(
        () => super.scheduleUpdate(),
        (error: unknown) => {
          // The catalog's file could not be fetched: the element still works, in English, and the
          // next update tries the download again.
          console.error(`Porchlight could not load its "${language}" strings; showing English.`, error);
          return super.scheduleUpdate();
        },
      );
    }

    protected override performUpdate() {
      // willUpdate, render and updated all run inside: each speaks this element's language.
      withLocale(this.elementLocale.language, this.strings, () => super.performUpdate());
    }
  }
  return LocalizedElement as unknown as Constructor<LocalizedMembers> & T;
}
