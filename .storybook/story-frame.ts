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
import type { StoryData } from '../stories/support.js';

/** The global tokens a designer restyles from the Controls panel (docs/theming.md lists them all). */
export const THEME_TOKENS: Record<string, { control: 'color' | 'text'; description: string }> = {
  '--portal-color-brand': { control: 'color', description: 'Buttons, links, focus ring; text on it turns white or black by itself.' },
  '--portal-color-text': { control: 'color', description: 'Body text.' },
  '--portal-color-text-muted': { control: 'color', description: 'Secondary text (dates, hints).' },
  '--portal-color-surface': { control: 'color', description: 'The element’s own background (transparent in light mode).' },
  '--portal-color-card': { control: 'color', description: 'Cards and panels.' },
  '--portal-color-border': { control: 'color', description: 'Lines around cards and fields.' },
  '--portal-radius': { control: 'text', description: 'Corners of buttons, fields, rows and messages, e.g. 0, 0.375em.' },
  '--portal-radius-button': { control: 'text', description: 'Corners of buttons only (defaults to --portal-radius), e.g. 999px for pills.' },
  '--portal-radius-l': { control: 'text', description: 'Corners of cards.' },
  '--portal-font-family': { control: 'text', description: 'e.g. Georgia, serif — name the font: `inherit` gives the element’s own default, not the host page’s font (custom properties do not inherit a value of inherit from the page).' },
  '--portal-font-size': { control: 'text', description: 'The base size every space and radius follows (em), e.g. 1rem, 18px.' },
  '--portal-space-s': { control: 'text', description: 'Small gaps, e.g. 0.75em.' },
  '--portal-space-m': { control: 'text', description: 'Gaps between parts of an element, e.g. 1em.' },
};

export const THEME_TOKEN_ARG_TYPES = Object.fromEntries(
  Object.entries(THEME_TOKENS).map(([name, token]) => [
    name,
    { name, description: token.description, control: { type: token.control }, table: { category: 'Theming tokens', type: { summary: 'CSS custom property' } } },
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
  const dark = context.globals.theme === 'dark';
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
