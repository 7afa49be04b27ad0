import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { PortalAdapter } from '../src/adapter/portal-adapter.js';
import '../src/define/portal-pay.js';
import { TEST_CARDS } from '../backend/index.js';
import { changeSettings, inProvider, typedCard, type StoryData } from './support.js';
import {
  expireLinks,
  offlineLinkAdapter,
  payFromLink,
  prepareLink,
  sendLink,
  shadowQuery,
  slowLinkAdapter,
  voidInvoice,
  type LinkStoryData,
} from './link-support.js';

/** The invoice from its link, on an adapter with one method replaced (`slowLinkAdapter`, `offlineLinkAdapter`). */
const fromLinkWith = (adapterFor: (apiBase: string) => PortalAdapter) => (_args: unknown, { loaded }: { loaded: Record<string, unknown> }) => {
  const data = loaded as unknown as LinkStoryData;
  return inProvider(html`<portal-pay invoice-id="inv-10412" .token=${data.token}></portal-pay>`, data, adapterFor(data.apiBase));
};

const EXPIRY = `12/${String((new Date().getFullYear() + 3) % 100).padStart(2, '0')}`;

/** Opens the pay form and submits `card` (and any amount), as the customer would. */
async function payWith(canvas: HTMLElement, fields: Record<string, string>) {
  (await shadowQuery<HTMLButtonElement>(canvas, 'portal-pay', '[part="detail"] button[data-action="pay-invoice"]')).click();
  const form = await shadowQuery<HTMLFormElement>(canvas, 'portal-pay', '[part~="pay-form"]');
  for (const [name, value] of Object.entries({ expiry: EXPIRY, cvc: '123', postalCode: '62704', ...fields })) {
    const input = form.querySelector<HTMLInputElement>(`[name="${name}"]`)!;
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  }
  await (canvas.querySelector('portal-pay') as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
  form.requestSubmit();
}

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
  play: async ({ canvasElement }) => (await shadowQuery<HTMLButtonElement>(canvasElement, 'portal-pay', '[part="detail"] button[data-action="pay-invoice"]')).click(),
};

export const Paying: Story = {
  parameters: { expect: { text: 'Paying…' } },
  name: 'Paying: waiting for the processor',
  render: fromLinkWith((apiBase) => slowLinkAdapter('payByLink', apiBase)),
  play: async ({ canvasElement }) => {
    await payWith(canvasElement, { number: typedCard(TEST_CARDS.visa) });
    await shadowQuery(canvasElement, 'portal-pay', '[part~="pay-form"] button[type="submit"][aria-disabled="true"]');
  },
};

export const Declined: Story = {
  parameters: { expect: { selector: '[part~="pay-error"] .message' } },
  name: 'Card declined',
  play: async ({ canvasElement }) => {
    await payWith(canvasElement, { number: typedCard(TEST_CARDS.declined) });
    await shadowQuery(canvasElement, 'portal-pay', '[part="pay-error"] .message');
  },
};

/** $20 paid of the balance: the receipt, and the rest to pay from the same link. */
export const ReceiptPaidInPart: Story = {
  parameters: { expect: { selector: '[part~="receipt"]', text: 'Pay the rest' } },
  name: 'Receipt of a part payment: the rest to pay',
  play: async ({ canvasElement }) => {
    await payWith(canvasElement, { number: typedCard(TEST_CARDS.visa), 'amount-inv-10412': '20.00' });
    await shadowQuery(canvasElement, 'portal-pay', '[part~="receipt"]');
  },
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

/** The expired link's "Send me a new link", pressed: the new one went to the contact on file. */
export const NewLinkSent: Story = {
  parameters: { expect: { text: 'We sent you a new link' } },
  name: 'Link expired: a new link sent',
  loaders: [prepareLink('pay', 'inv-10412', { setup: expireLinks })],
  play: async ({ canvasElement }) => {
    (await shadowQuery<HTMLButtonElement>(canvasElement, 'portal-pay', '[part~="resend-button"]')).click();
    await shadowQuery(canvasElement, 'portal-pay', '#resend-result');
  },
};

export const LinkReplaced: Story = {
  parameters: { expect: { selector: '[part~="link-problem"]', text: 'A newer link was sent to you' } },
  name: 'Link replaced by a newer one',
  loaders: [prepareLink('pay', 'inv-10412', { setup: () => sendLink('pay', 'inv-10412') })],
};

export const Voided: Story = {
  parameters: { expect: { selector: '[part~="link-problem"]', text: 'This invoice was voided' } },
  name: 'Invoice voided by the office',
  loaders: [prepareLink('pay', 'inv-10412', { setup: () => voidInvoice('inv-10412') })],
};

export const LinkForged: Story = {
  parameters: { expect: { selector: '[part~="link-problem"]' } }, name: 'Forged or mistyped link', loaders: [prepareLink('pay', 'inv-10412', { token: 'AAAAAAAAAAAAAAAAAAAAAA' })] };

export const Loading: Story = {
  render: (_args, { loaded }) => {
    const data = loaded as unknown as LinkStoryData;
    return inProvider(html`<portal-pay invoice-id="inv-10412" .token=${data.token}></portal-pay>`, data, slowLinkAdapter('getPayLink', data.apiBase));
  },
};

export const LoadError: Story = {
  parameters: { expect: { selector: '[part~="error"]', text: 'We couldn’t connect' } },
  name: 'Error with retry',
  render: fromLinkWith((apiBase) => offlineLinkAdapter('getPayLink', apiBase)),
};

/** A page opened without the link's token (the address cut short): where to find the link. */
export const NoLink: Story = {
  parameters: { expect: { selector: '[part~="no-link"]' } },
  name: 'Opened without a link',
  render: (_args, { loaded }) => inProvider(html`<portal-pay invoice-id="inv-10412"></portal-pay>`, loaded as StoryData),
};
