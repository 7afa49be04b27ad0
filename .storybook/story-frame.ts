/**
 * The frame every story renders in: the toolbar's theme and language, the theming-token controls, the
 * element's own controls (attributes, properties, CSS properties from custom-elements.json), and the
 * marks the docs-page check reads (what the story must show).
 */
import type { Decorator } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import { Directive, PartType, directive, type ElementPart, type PartInfo } from 'lit/directive.js';
import { keyed } from 'lit/directives/keyed.js';
import { styleMap } from 'lit/directives/style-map.js';
import themingMarkdown from '../docs/theming.md?raw';
import type { StoryData } from '../stories/support.js';

/**
 * The descriptions written for the Controls panel (with an example value to type): they win over the
 * "used for" column of docs/theming.md, which describes every other token.
 */
const TOKEN_HINTS: Record<string, string> = {
  '--portal-color-brand': 'Buttons, links, focus ring; text on it turns white or black by itself.',
  '--portal-color-text': 'Body text.',
  '--portal-color-text-muted': 'Secondary text (dates, hints).',
  '--portal-color-surface': 'The element’s own background (transparent in light mode).',
  '--portal-color-card': 'Cards and panels.',
  '--portal-color-border': 'Lines around cards and fields.',
  '--portal-radius': 'Corners of buttons, fields, rows and messages, e.g. 0, 0.375em.',
  '--portal-radius-button': 'Corners of buttons only (defaults to --portal-radius), e.g. 999px for pills.',
  '--portal-radius-l': 'Corners of cards.',
  '--portal-font-family': 'e.g. Georgia, serif — name the font: `inherit` gives the element’s own default, not the host page’s font (custom properties do not inherit a value of inherit from the page).',
  '--portal-font-size': 'The base size every space and radius follows (em), e.g. 1rem, 18px.',
  '--portal-space-s': 'Small gaps, e.g. 0.75em.',
  '--portal-space-m': 'Gaps between parts of an element, e.g. 1em.',
};

/** A token that takes only some words (src/internal/theme.ts: `color-scheme: var(--portal-color-scheme, light dark)`). */
const TOKEN_WORDS: Record<string, string[]> = {
  '--portal-color-scheme': ['light', 'dark', 'light dark'],
};

export interface ThemeToken {
  control: 'color' | 'text' | 'select';
  description: string;
  /** Its default as docs/theming.md says it (light / dark for a colour). */
  defaultValue?: string;
  options?: string[];
}

/**
 * The global tokens, as the tables under docs/theming.md's "Global tokens" list them (token, default,
 * used for): the one list, so each shows once in the docs tables and the Controls panel (category
 * *Theming tokens*), described, and the element's own CSS properties keep only its per-element knobs.
 */
export function globalTokens(markdown: string): Record<string, ThemeToken> {
  const start = markdown.indexOf('## Global tokens');
  const end = markdown.indexOf('\n## ', start + 1);
  const section = start < 0 ? '' : markdown.slice(start, end < 0 ? undefined : end);
  const tokens: Record<string, ThemeToken> = {};
  for (const line of section.split('\n')) {
    const cells = /^\|\s*`(--portal-[a-z0-9-]+)`\s*\|(.*)\|(.*)\|\s*$/.exec(line);
    if (!cells) continue;
    const [, name, defaultValue, usedFor] = cells as unknown as [string, string, string, string];
    const words = TOKEN_WORDS[name];
    const described = usedFor.trim().replace(/^./, (c) => c.toUpperCase());
    tokens[name] = {
      control: words ? 'select' : name.startsWith('--portal-color-') ? 'color' : 'text',
      description: TOKEN_HINTS[name] ?? (described.endsWith('.') ? described : `${described}.`),
      defaultValue: defaultValue.trim().replace(/`/g, ''),
      ...(words ? { options: words } : {}),
    };
  }
  // The hand-written ones at least, should the page's tables ever move.
  for (const [name, description] of Object.entries(TOKEN_HINTS)) {
    tokens[name] ??= { control: name.startsWith('--portal-color-') ? 'color' : 'text', description };
  }
  return tokens;
}

/** The global tokens a designer restyles from the Controls panel (docs/theming.md lists them all). */
export const THEME_TOKENS = globalTokens(themingMarkdown);

export const THEME_TOKEN_ARG_TYPES = Object.fromEntries(
  Object.entries(THEME_TOKENS).map(([name, token]) => [
    name,
    {
      name,
      description: token.description,
      control: { type: token.control },
      ...(token.options ? { options: token.options } : {}),
      table: {
        category: 'Theming tokens',
        type: { summary: token.options ? token.options.map((o) => `'${o}'`).join(' | ') : 'CSS custom property' },
        ...(token.defaultValue ? { defaultValue: { summary: token.defaultValue } } : {}),
      },
    },
  ]),
);

type ArgTypeLike = { table?: { category?: string }; control?: unknown };

/** What the element had before a control changed it, to put back when the control is reset. */
const originals = new WeakMap<Element, Map<string, unknown>>();

function remember(element: Element, key: string, value: unknown) {
  let kept = originals.get(element);
  if (!kept) originals.set(element, (kept = new Map()));
  if (!kept.has(key)) kept.set(key, value);
  return kept;
}

/** Sets every control the designer moved on each `tag` element inside `host`; puts back the ones reset. */
function applyControls(host: Element, tag: string, args: Record<string, unknown>, argTypes: Record<string, ArgTypeLike>) {
  for (const element of host.querySelectorAll<HTMLElement>(tag)) {
    for (const [name, argType] of Object.entries(argTypes)) {
      const category = argType.table?.category;
      const value = args[name];
      const kept = originals.get(element);
      if (category === 'attributes') {
        const key = `attr:${name}`;
        if (value === undefined) {
          if (!kept?.has(key)) continue;
          const original = kept.get(key) as string | null;
          if (original === null) element.removeAttribute(name);
          else element.setAttribute(name, original);
          kept.delete(key);
          continue;
        }
        remember(element, key, element.getAttribute(name));
        if (typeof value === 'boolean') element.toggleAttribute(name, value);
        else element.setAttribute(name, String(value));
      } else if (category === 'properties') {
        const key = `prop:${name}`;
        const target = element as unknown as Record<string, unknown>;
        if (value === undefined) {
          if (!kept?.has(key)) continue;
          target[name] = kept.get(key);
          kept.delete(key);
          continue;
        }
        remember(element, key, target[name]);
        target[name] = value;
      } else if (category === 'css properties' && name.startsWith('--')) {
        if (value === undefined || value === '') element.style.removeProperty(name);
        else element.style.setProperty(name, String(value));
      }
    }
  }
}

class ControlsDirective extends Directive {
  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('controls() belongs on an element');
  }
  render(_tag: string, _args: Record<string, unknown>, _argTypes: Record<string, ArgTypeLike>) {
    return nothing;
  }
  override update(part: ElementPart, [tag, args, argTypes]: Parameters<this['render']>) {
    // The story's own elements render after this part (they are its children): apply once they exist.
    if (tag) queueMicrotask(() => applyControls(part.element, tag, args, argTypes));
    return nothing;
  }
}
const controls = directive(ControlsDirective);

/** What a story must show, for the docs-page check: `parameters.expect`. */
export interface StoryExpectation {
  /** A selector that must match somewhere in the story (shadow roots included). */
  selector?: string;
  /**
   * Text that must appear in the story, in English: checked with the toolbar's Language on English only
   * (in another language the selector, the sign-in and the play step reaching its end still are).
   */
  text?: string;
  /**
   * The story is prepared signed in, and its play step ends the session (signed out elsewhere, its time
   * up): the signed-out card it then shows is its state, not a fault.
   */
  sessionEnds?: boolean;
}

export const storyFrame: Decorator = (story, context) => {
  const loaded = context.loaded as Partial<StoryData>;
  const tokenScheme = context.args['--portal-color-scheme'];
  // The toolbar's Theme, or a designer's --portal-color-scheme control set to dark.
  const dark = context.globals.theme === 'dark' || tokenScheme === 'dark';
  const locale = String(context.globals.locale ?? 'en');
  const expectation = (context.parameters.expect ?? {}) as StoryExpectation;
  const tokens: Record<string, string> = {};
  for (const name of Object.keys(THEME_TOKENS)) {
    const value = context.args[name];
    // A control gives a string; an address's args may give a number (`--portal-radius:0`).
    if ((typeof value === 'string' && value) || typeof value === 'number') tokens[name] = String(value);
  }
  // The next story's setup waits for this one (stories/support.ts): a frame after it renders, or, for a
  // story that must be `settled` first, after its play step (`afterStory`).
  if (loaded.rendered && !loaded.settled) {
    const rendered = loaded.rendered;
    requestAnimationFrame(() => setTimeout(rendered));
  }
  const style = {
    ...tokens,
    ...(dark ? { '--portal-color-scheme': 'dark', 'color-scheme': 'dark', background: '#0f1115', color: '#e7eaf0' } : {}),
    display: 'block',
    padding: dark ? '1rem' : '0',
  };
  return html`<div
    class="portal-story"
    data-story-id=${context.id}
    data-theme=${dark ? 'dark' : 'light'}
    lang=${locale}
    data-signed-in=${loaded.session && !expectation.sessionEnds ? 'yes' : nothing}
    data-expect-selector=${expectation.selector ?? nothing}
    data-expect-text=${locale === 'en' ? (expectation.text ?? nothing) : nothing}
    style=${styleMap(style)}
    ${controls(String(context.component ?? ''), context.args, context.argTypes as Record<string, ArgTypeLike>)}
  >
    ${keyed(loaded.backendKey ?? context.id, story())}
  </div>`;
};

/**
 * The preview's `afterEach`, which Storybook runs once a story rendered and its play step ran to its end
 * (not after a play step that threw: it shows the error instead). Marks the story's frame, so the stories
 * smoke knows a play step got where it was going in any language, where the story promises no selector.
 */
export function markFinished({ id, canvasElement }: { id: string; canvasElement: HTMLElement }) {
  const frame = canvasElement.querySelector<HTMLElement>(`.portal-story[data-story-id="${CSS.escape(id)}"]`);
  // The story's id, not a flag: the story view keeps one frame element from story to story.
  if (frame) frame.dataset.finished = id;
}
