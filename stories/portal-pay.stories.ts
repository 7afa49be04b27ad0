import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/define/portal-pay.js';
import { changeSettings, inProvider } from './support.js';
import { expireLinks, payFromLink, prepareLink, shadowQuery, slowLinkAdapter, type LinkStoryData } from './link-support.js';

const meta: Meta = {
  title: 'Elements/portal-pay',
  component: 'portal-pay',
  tags: ['autodocs'],
  render: (_args, { loaded }) => {
    const data = loaded as unknown as LinkStoryData;
    return inProvider(html`<portal-pay invoice-id="inv-10412" .token=${data.token}></portal-pay>`, data);
  },
  loaders: [prepareLink('pay', 'inv-10412')],
};
export default meta;
type Story = StoryObj;

export const InvoiceToPay: Story = {
  parameters: { expect: { selector: '[part~="detail"]' } }, name: 'The invoice, to pay' };

export const PayForm: Story = {
  parameters: { expect: { selector: '[part~="pay-form"]' } },
  name: 'The pay form (the same as <portal-invoices>’)',
  play: async ({ canvasElement }) => (await shadowQuery<HTMLButtonElement>(canvasElement, 'portal-pay', '[part="detail"] .actions button')).click(),
};

export const PartPaid: Story = {
  name: 'Paid in part: the rest to pay',
  loaders: [prepareLink('pay', 'inv-10412', { setup: (token) => payFromLink(token, 'inv-10412', 2000) })],
};

export const Paid: Story = {
  parameters: { expect: { selector: '[part~="receipt"]' } },
  name: 'Paid: the link shows the receipt',
  loaders: [prepareLink('pay', 'inv-10412', { setup: async (token) => (await payFromLink(token, 'inv-10412', 2000), await payFromLink(token, 'inv-10412')) })],
};

export const PaymentsOff: Story = {
  name: 'Online payments off: whom to call',
  parameters: { expect: { selector: '[part~="call"]' } },
  loaders: [prepareLink('pay', 'inv-10412', { setup: () => changeSettings({ onlinePaymentsEnabled: false }) })],
};

export const LinkExpired: Story = {
  parameters: { expect: { selector: '[part~="resend-button"]' } }, name: 'Link expired: send me a new link', loaders: [prepareLink('pay', 'inv-10412', { setup: expireLinks })] };

export const LinkForged: Story = {
  parameters: { expect: { selector: '[part~="link-problem"]' } }, name: 'Forged or mistyped link', loaders: [prepareLink('pay', 'inv-10412', { token: 'AAAAAAAAAAAAAAAAAAAAAA' })] };

export const Loading: Story = {
  render: (_args, { loaded }) => {
    const data = loaded as unknown as LinkStoryData;
    return inProvider(html`<portal-pay invoice-id="inv-10412" .token=${data.token}></portal-pay>`, data, slowLinkAdapter('getPayLink', data.apiBase));
  },
};
