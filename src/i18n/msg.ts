/**
 * Porchlight's own `msg()` and `str`, call-compatible with @lit/localize's, but never installed into
 * @lit/localize's page-global runtime: that runtime is one per page and throws when configured twice, so
 * a widget configuring it would break a host page that localizes with it too (or be broken by it).
 *
 * The language comes from the element being rendered: the element base (`LocalizedElement`) runs each
 * update inside `withLocale(…)`, and Lit renders synchronously, so every `msg()` reached from `render()`
 * (helpers in other modules included) speaks that element's language. Strings made outside a render (in
 * an event handler, after an `await`) go through the element's `inLocale(() => msg(…))`.
 *
 * The types carry @lit/localize's brands (`_LIT_LOCALIZE_MSG_`, `_LIT_LOCALIZE_STR_`), which is how
 * `lit-localize extract` finds the calls; ids are @lit/localize's own (a hash of the English), so the
 * XLIFF files and the generated catalogs line up with these calls with no id written by hand.
 */
import type { MsgFn, MsgOptions, StrResult, TemplateLike, TemplateMap, str as litStr } from '@lit/localize';
import { generateMsgId } from '@lit/localize/internal/id-generation.js';
import { runtimeMsg } from '@lit/localize/internal/runtime-msg.js';
import type { TemplateResult } from 'lit';
import { catalogFor } from './catalogs.js';
import { pageLocale, type CatalogLanguage } from './locale.js';

/**
 * A contractor's own wording, per language: `{ es: { 'Sign in': 'Entrar' } }`. A key is the English
 * text of a message, with `{0}`, `{1}` … where the English has values (`'Pay {0}'`), or a message id
 * from `xliff/es.xlf` (needed only for the few messages with markup). A value is plain text, never HTML,
 * with the same `{0}` … for the values.
 */
export type StringOverrides = Partial<Record<CatalogLanguage, Readonly<Record<string, string>>>>;

interface Scope {
  language: CatalogLanguage;
  /** The element's own `strings`, which win over the page-wide ones. */
  overrides: StringOverrides | undefined;
}

let current: Scope | undefined;

/**
 * The element a user event is being dispatched in, and that event: strings a handler makes while the
 * event is still being dispatched (a submit's validation messages) speak that element's language.
 * Valid only until the dispatch ends, so a stale one is never used.
 */
let interaction: { scope: Scope; event: Event } | undefined;

/** Marks `event`, now being dispatched inside an element, as that element's (see `interaction`). */
export function enterInteraction(event: Event, language: CatalogLanguage, overrides: StringOverrides | undefined) {
  interaction = { scope: { language, overrides }, event };
}

function activeScope(): Scope {
  if (current) return current;
  if (interaction && interaction.event.eventPhase !== Event.NONE) return interaction.scope;
  // Outside any element's render or event, such as after an `await`: the page's language. Elements
  // make those strings with `inLocale`, so this is a last resort.
  return { language: pageLocale().language, overrides: undefined };
}

/** Runs `fn` with every `msg()` inside it speaking `language` (with an element's overrides). */
export function withLocale<T>(language: CatalogLanguage, overrides: StringOverrides | undefined, fn: () => T): T {
  const previous = current;
  current = { language, overrides };
  try {
    return fn();
  } finally {
    current = previous;
  }
}

let pageOverrides: StringOverrides = {};
const overrideListeners = new Set<() => void>();

/**
 * Replaces strings on every Porchlight element of the page, in any language:
 * `registerStrings({ en: { 'Sign in': 'Log in' }, es: { 'Sign in': 'Entrar' } })`. Later calls add to
 * (and win over) earlier ones; elements already on the page re-render.
 */
export function registerStrings(overrides: StringOverrides): void {
  const merged: StringOverrides = { ...pageOverrides };
  for (const [language, strings] of Object.entries(overrides) as [CatalogLanguage, Record<string, string>][]) {
    merged[language] = { ...merged[language], ...strings };
  }
  pageOverrides = merged;
  for (const listener of overrideListeners) listener();
}

/** Called when the page-wide overrides change (the element base re-renders its elements). */
export function onOverridesChanged(listener: () => void): () => void {
  overrideListeners.add(listener);
  return () => overrideListeners.delete(listener);
}

const idCache = new Map<string | TemplateStringsArray, string>();

function idOf(template: TemplateLike, options: MsgOptions | undefined): string {
  if (options?.id) return options.id;
  const strings = typeof template === 'string' ? template : template.strings;
  let id = idCache.get(strings);
  if (id === undefined) {
    id = generateMsgId(strings, typeof template !== 'string' && !('strTag' in template));
    idCache.set(strings, id);
  }
  return id;
}

/** The English of a string or `str` message with `{0}` … for its values: the override key. */
function sourceKey(template: TemplateLike): string | undefined {
  if (typeof template === 'string') return template;
  if (!('strTag' in template)) return undefined;
  return template.strings.reduce((key, part, i) => (i === 0 ? part : `${key}{${i - 1}}${part}`), '');
}

/** An override's text with its `{n}` filled: text for string messages, text and values for markup ones. */
function fill(text: string, values: readonly unknown[]): unknown[] {
  const parts: unknown[] = [];
  let last = 0;
  for (const match of text.matchAll(/\{(\d+)\}/g)) {
    const index = Number(match[1]);
    if (index >= values.length) continue;
    parts.push(text.slice(last, match.index), values[index]);
    last = match.index! + match[0].length;
  }
  parts.push(text.slice(last));
  return parts;
}

function overrideFor(scope: Scope, id: string, template: TemplateLike): string | TemplateResult | undefined {
  const key = sourceKey(template);
  for (const source of [scope.overrides, pageOverrides]) {
    const strings = source?.[scope.language];
    if (!strings) continue;
    const text = (key !== undefined ? strings[key] : undefined) ?? strings[id];
    if (text === undefined) continue;
    if (typeof template === 'string') return text;
    const parts = fill(text, template.values);
    // String messages stay strings. A markup message becomes parts Lit renders as text and values:
    // the contractor's text is never parsed as HTML.
    return 'strTag' in template ? parts.join('') : (parts as unknown as TemplateResult);
  }
  return undefined;
}

const english: TemplateMap = {};

function localize(template: TemplateLike, options?: MsgOptions): string | TemplateResult {
  const scope = activeScope();
  const id = idOf(template, options);
  const overridden = overrideFor(scope, id, template);
  if (overridden !== undefined) return overridden;
  // English is the source text itself. Another language's catalog is loaded before its elements render
  // (the element base waits for it), and the build refuses a catalog with a string missing.
  const catalog = scope.language === 'en' ? english : (catalogFor(scope.language) ?? english);
  return runtimeMsg(catalog, template, { ...options, id }) as string | TemplateResult;
}

export const msg = localize as MsgFn;

const makeStr = (strings: TemplateStringsArray, ...values: unknown[]): StrResult => ({ strTag: true, strings, values });

export const str = makeStr as typeof litStr;
