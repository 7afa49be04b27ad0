import { setCustomElementsManifest, type Preview } from '@storybook/web-components-vite';
import { getStorybookHelpers, setStorybookHelpersConfig } from '@wc-toolkit/storybook-helpers';
import { mswLoader } from 'msw-storybook-addon/csf3';
import { elementIntro } from '../stories/element-docs.js';
import { afterStory, storyHandlers } from '../stories/support.js';
import a11yRules from './a11y-rules.json';
import { THEME_TOKENS, THEME_TOKEN_ARG_TYPES, markFinished, storyFrame } from './story-frame.js';

interface ManifestMember {
  kind?: string;
  name: string;
  readonly?: boolean;
  type?: { text?: string };
  /** The type as its words, where the source names an alias (manifest-types.ts, at build time). */
  parsedType?: { text?: string };
}
interface ManifestDeclaration {
  tagName?: string;
  summary?: string;
  description?: string;
  members?: ManifestMember[];
  attributes?: { name: string; fieldName?: string }[];
}
interface Manifest {
  modules?: { declarations?: ManifestDeclaration[] }[];
}

// custom-elements.json (npm run analyze) fills the docs tables and the element controls. Globbed rather
// than imported so a checkout without it still builds (no tables then, and the docs-page check says so).
// The helpers' own "arg ref - <name>" line under each description is for their story templates, which
// these stories do not use: the docs tables leave it out.
setStorybookHelpersConfig({ hideArgRef: true });

const manifest = Object.values(import.meta.glob<Manifest>('../custom-elements.json', { eager: true, import: 'default' }))[0];
if (manifest) setCustomElementsManifest(manifest);

function declarationOf(tag: string): ManifestDeclaration | undefined {
  return manifest?.modules?.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === tag);
}

/**
 * The words of a union of string literals (`'hash' | 'path' | 'none'`, `'light' | 'dark' | undefined`),
 * or null for any other type (`string`, `number`, an alias the build could not resolve …).
 */
function literalOptions(text: string | undefined): string[] | null {
  if (!text) return null;
  const parts = text
    .split('|')
    .map((part) => part.trim())
    .filter((part) => part !== 'undefined' && part !== 'null');
  const values = parts.map((part) => /^(['"])(.*)\1$/.exec(part)?.[2]);
  return values.length > 0 && values.every((value) => value !== undefined) ? (values as string[]) : null;
}

/** What the helpers give as the default of a field nobody set. */
const EMPTY_DEFAULTS = new Set(['', "''", '""', 'undefined', 'null']);

type ArgTypeEntry = { control?: unknown; options?: unknown; type?: unknown; defaultValue?: unknown; table?: Record<string, unknown> };

/** The element's attributes, properties, slots, CSS properties, parts, states and events, as controls and tables. */
function manifestArgTypes(tag: string) {
  const declaration = declarationOf(tag);
  if (!declaration) return {};
  const { argTypes } = getStorybookHelpers(tag, { excludeCategories: ['methods'] }) as { argTypes: Record<string, ArgTypeEntry> };
  // A field typed as a union of words is a select of those words, not a text box (whatever the helpers
  // made of it: they see an alias such as `LoginView` as a name, not as its words).
  for (const member of declaration.members ?? []) {
    if (member.kind !== 'field') continue;
    const options = literalOptions(member.parsedType?.text ?? member.type?.text);
    const name = declaration.attributes?.find((a) => a.fieldName === member.name)?.name ?? member.name;
    const argType = argTypes[name];
    if (!options || !argType || argType.table?.disable) continue;
    argTypes[name] = {
      ...argType,
      control: member.readonly || argType.control === false ? false : { type: 'select' },
      options,
      type: { name: 'enum', value: options },
      table: { ...argType.table, type: { summary: options.map((o) => `'${o}'`).join(' | ') } },
    };
  }
  // A default that says nothing (an attribute unset: `''`, `""`, `undefined`) is no default: the table
  // shows none rather than a pair of quotes.
  for (const [name, argType] of Object.entries(argTypes)) {
    const summary = (argType.table?.defaultValue as { summary?: unknown } | undefined)?.summary;
    if (summary === undefined || !EMPTY_DEFAULTS.has(String(summary).trim())) continue;
    const table = Object.fromEntries(Object.entries(argType.table ?? {}).filter(([key]) => key !== 'defaultValue'));
    argTypes[name] = { ...argType, table, defaultValue: undefined };
  }
  // The global tokens have their own category (story-frame.ts, from docs/theming.md), set on the story's
  // frame: the manifest lists them among every element's CSS properties too, undescribed.
  return Object.fromEntries(Object.entries(argTypes).filter(([name]) => !(name in THEME_TOKENS)));
}

const preview: Preview = {
  loaders: [mswLoader()],
  decorators: [storyFrame],
  afterEach: (context) => {
    afterStory(context);
    markFinished(context);
  },
  argTypes: THEME_TOKEN_ARG_TYPES,
  globalTypes: {
    theme: {
      description: 'Light or dark (sets --portal-color-scheme on the story)',
      toolbar: { title: 'Theme', icon: 'mirror', dynamicTitle: true, items: [{ value: 'light', title: 'Light' }, { value: 'dark', title: 'Dark' }] },
    },
    locale: {
      description: 'Language (the lang of the story’s frame: elements follow the nearest lang)',
      toolbar: { title: 'Language', icon: 'globe', dynamicTitle: true, items: [{ value: 'en', title: 'English' }, { value: 'es', title: 'Español' }] },
    },
    payments: {
      description: 'The contractor’s “online payments” setting, on the story’s backend',
      toolbar: {
        title: 'Payments',
        icon: 'credit',
        dynamicTitle: true,
        items: [
          { value: 'story', title: 'Payments: as the story sets' },
          { value: 'on', title: 'Online payments on' },
          { value: 'off', title: 'Online payments off' },
        ],
      },
    },
    memberships: {
      description: 'The contractor’s “show memberships” setting, on the story’s backend',
      toolbar: {
        title: 'Memberships',
        icon: 'star',
        dynamicTitle: true,
        items: [
          { value: 'story', title: 'Memberships: as the story sets' },
          { value: 'on', title: 'Memberships shown' },
          { value: 'off', title: 'Memberships hidden' },
        ],
      },
    },
    scheduler: {
      description: 'The contractor’s “online scheduling” setting, on the story’s backend',
      toolbar: {
        title: 'Scheduling',
        icon: 'calendar',
        dynamicTitle: true,
        items: [
          { value: 'story', title: 'Scheduling: as the story sets' },
          { value: 'on', title: 'Online scheduling on' },
          { value: 'off', title: 'Online scheduling off' },
        ],
      },
    },
  },
  initialGlobals: { theme: 'light', locale: 'en', payments: 'story', memberships: 'story', scheduler: 'story' },
  parameters: {
    options: {
      // The sidebar, and so the page Storybook opens on (its first entry): the overview a designer reads
      // first, then the elements in the order of the embed in Getting started (the provider that connects
      // them, the sign-in, the signed-in sections, the pages opened from an emailed link, the whole portal
      // in one tag), then the reference pages. Anything new lands at the end of its group.
      // (Storybook reads this object without running the file: literals only.)
      storySort: {
        order: [
          'Overview',
          ['Getting started', 'Theming', 'Theming examples', 'Content-Security-Policy', '*'],
          'Elements',
          [
            'portal-provider',
            'portal-login',
            'portal-account-switcher',
            'portal-invoices',
            'portal-history',
            'portal-visits',
            'portal-memberships',
            'portal-equipment',
            'portal-scheduler',
            'portal-estimate',
            'portal-pay',
            'portal-visit-status',
            'portal-app',
            '*',
          ],
          'Reference',
          ['Events', 'REST contract', '*'],
          '*',
        ],
      },
    },
    msw: { handlers: storyHandlers },
    layout: 'padded',
    controls: { expanded: true, sort: 'none' },
    docs: {
      // The element's controls and tables, from the manifest. As the docs' extractor (not an argTypes
      // enhancer spread over the result) they are the base that argTypes written in preview.ts, a
      // stories file's meta or a story are merged over: a story's own control wins. Attributes typed as
      // a union of words (`view`, `routing`, `default-section`, `theme` …) are select controls with
      // those words (manifest-types.ts resolves the aliases at build time).
      extractArgTypes: (component: unknown) => manifestArgTypes(String(component ?? '')),
      // Play steps (open the pay form, submit a card …) run on the docs page too: each story on it
      // has its own backend (stories/support.ts), so they do not disturb one another.
      story: { autoplay: true },
      extractComponentDescription: (component: unknown) => {
        const tag = String(component ?? '');
        const declaration = declarationOf(tag);
        return elementIntro(tag, declaration?.description ?? declaration?.summary ?? '');
      },
    },
    viewport: {
      options: {
        phone320: { name: 'Small phone, 320 px', styles: { width: '320px', height: '640px' }, type: 'mobile' },
        phone390: { name: 'Phone, 390 px', styles: { width: '390px', height: '844px' }, type: 'mobile' },
        tablet768: { name: 'Tablet, 768 px', styles: { width: '768px', height: '1024px' }, type: 'tablet' },
        laptop1024: { name: 'Laptop, 1024 px', styles: { width: '1024px', height: '768px' }, type: 'desktop' },
        desktop1280: { name: 'Desktop, 1280 px', styles: { width: '1280px', height: '800px' }, type: 'desktop' },
        desktop1440: { name: 'Wide desktop, 1440 px', styles: { width: '1440px', height: '900px' }, type: 'desktop' },
      },
    },
    a11y: {
      // WCAG 2.0–2.2, A and AA, the same rules the stories smoke runs in CI (a11y-rules.json).
      options: { runOnly: { type: 'tag', values: a11yRules.tags } },
      test: 'error',
    },
  },
};

export default preview;
