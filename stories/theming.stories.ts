import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { HttpAdapter } from '../src/adapter/http-adapter.js';
import type { CallOptions, PortalAdapter } from '../src/adapter/portal-adapter.js';
import '../src/define/portal-invoices.js';
import '../src/define/portal-login.js';
import { DANA, inProvider, prepare, type StoryData } from './support.js';

/**
 * Three contractors' brands: the global tokens differ (docs/theming.md), and each card names its own
 * contractor (the settings' company name and phone, see `brandAdapter`).
 */
const BRANDS = [
  {
    name: 'Northwind Heating & Air',
    phone: '(555) 010-4477',
    tokens: { '--portal-color-brand': '#1f3b57', '--portal-radius': '0.375em', '--portal-radius-l': '0.75em' },
  },
  {
    name: 'Bright Spark Electric',
    phone: '(555) 010-2288',
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
    phone: '(555) 010-7319',
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
type Brand = (typeof BRANDS)[number];

/**
 * The story's backend (one contractor's data, one sign-in), with the settings' company name and phone
 * answered as `brand`'s: what a customer of that contractor would read in the sign-in's intro, the
 * "call us" lines and the messages.
 */
function brandAdapter(data: StoryData, brand: Brand): PortalAdapter {
  const adapter = new HttpAdapter({ apiBase: data.apiBase });
  const settings = adapter.getSettings.bind(adapter);
  return Object.assign(adapter, {
    getSettings: async (options?: CallOptions) => ({ ...(await settings(options)), companyName: brand.name, companyPhone: brand.phone }),
  });
}

function sideBySide(content: (brand: Brand) => unknown) {
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
  render: (_args, { loaded }) =>
    sideBySide((brand) => inProvider(html`<portal-invoices></portal-invoices>`, loaded as StoryData, brandAdapter(loaded as StoryData, brand))),
};

/** The sign-in card in the same three brands. */
export const ThreeSignIns: Story = {
  name: 'Three contractors: sign-in',
  parameters: { expect: { text: 'manage your account with Blue Lagoon Plumbing' } },
  loaders: [prepare()],
  render: (_args, { loaded }) =>
    sideBySide((brand) => inProvider(html`<portal-login></portal-login>`, loaded as StoryData, brandAdapter(loaded as StoryData, brand))),
};
