import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import '../src/define/portal-invoices.js';
import '../src/define/portal-login.js';
import { DANA, inProvider, prepare, type StoryData } from './support.js';

/** Three contractors' brands: only the global tokens differ (docs/theming.md). */
const BRANDS = [
  {
    name: 'Northwind Heating & Air',
    tokens: { '--portal-color-brand': '#1f3b57', '--portal-radius': '0.375em', '--portal-radius-l': '0.75em' },
  },
  {
    name: 'Bright Spark Electric',
    tokens: {
      '--portal-color-brand': '#f5c400',
      '--portal-radius': '0',
      '--portal-radius-l': '0',
      '--portal-font-family': "'Trebuchet MS', 'Segoe UI', sans-serif",
      // A colour per scheme, as docs/theming.md shows: a warm card in light, a warm dark one in dark.
      '--portal-color-card': 'light-dark(#fffdf3, #24221a)',
    },
  },
  {
    name: 'Blue Lagoon Plumbing',
    tokens: {
      '--portal-color-brand': '#0e7c86',
      // Pill buttons: fields, rows and messages keep the default corners.
      '--portal-radius-button': '999px',
      '--portal-radius-l': '1.25em',
      '--portal-font-family': 'Georgia, serif',
      '--portal-space-m': '1.25em',
    },
  },
];

const meta: Meta = {
  title: 'Overview/Theming examples',
  tags: ['!autodocs'],
  loaders: [prepare({ signedInAs: DANA })],
  parameters: { layout: 'fullscreen', expect: { text: 'Blue Lagoon Plumbing' } },
};
export default meta;
type Story = StoryObj;

function sideBySide(content: (brand: (typeof BRANDS)[number]) => unknown) {
  return html`<div style="display: grid; grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr)); gap: 1.5rem; padding: 1rem">
    ${BRANDS.map(
      (brand) =>
        html`<section aria-label=${brand.name} style=${styleMap(brand.tokens)}>
          <h2 style="font: 600 1rem system-ui, sans-serif; margin: 0 0 0.5rem">${brand.name}</h2>
          ${content(brand)}
        </section>`,
    )}
  </div>`;
}

/** The same signed-in invoices, in three brands (one backend, one sign-in shared by the three). */
export const ThreeContractors: Story = {
  name: 'Three contractors: invoices',
  render: (_args, { loaded }) => sideBySide(() => inProvider(html`<portal-invoices></portal-invoices>`, loaded as StoryData)),
};

/** The sign-in card in the same three brands. */
export const ThreeSignIns: Story = {
  name: 'Three contractors: sign-in',
  loaders: [prepare()],
  render: (_args, { loaded }) => sideBySide(() => inProvider(html`<portal-login></portal-login>`, loaded as StoryData)),
};
