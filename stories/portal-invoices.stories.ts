import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { HttpAdapter } from '../src/adapter/http-adapter.js';
import { PortalError } from '../src/adapter/portal-error.js';
import '../src/define/portal-invoices.js';
import { TEST_CARDS } from '../backend/rules/card-processor.js';
import { addSyntheticJobs } from '../backend/seed/synthetic-jobs.js';
import { DANA, changeSettings, inProvider, prepare, shadowOf, signUpConfirmed, storyBackend, storyLoader, until, type StoryData } from './support.js';

const meta: Meta = {
  title: 'Elements/portal-invoices',
  component: 'portal-invoices',
  tags: ['autodocs'],
  render: (_args, { loaded }) => inProvider(html`<portal-invoices></portal-invoices>`, loaded as StoryData),
  loaders: [prepare({ signedInAs: DANA })],
};
export default meta;
type Story = StoryObj;

const EXPIRY = `12/${String((new Date().getFullYear() + 3) % 100).padStart(2, '0')}`;

async function root(canvas: HTMLElement) {
  const shadow = await shadowOf(canvas, 'portal-invoices');
  await until(() => /Outstanding invoices|all paid up/.test(shadow.textContent ?? ''));
  return shadow;
}

async function press(shadow: ShadowRoot, text: string) {
  const button = await until(() => [...shadow.querySelectorAll('button')].find((b) => b.textContent?.includes(text)));
  button.click();
}

function fill(shadow: ShadowRoot, fields: Record<string, string>) {
  for (const [name, value] of Object.entries(fields)) {
    const input = shadow.querySelector<HTMLInputElement>(`[name="${name}"]`)!;
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  }
}

/** Opens the pay form for invoice 10412 and, when a card is given, submits it. */
async function payWith(canvas: HTMLElement, card?: Record<string, string>) {
  const shadow = await root(canvas);
  await press(shadow, 'Invoice 10412');
  await press(shadow, 'Pay invoice 10412');
  const form = await until(() => shadow.querySelector('form'));
  if (!card) return shadow;
  fill(shadow, { expiry: EXPIRY, cvc: '123', postalCode: '62704', ...card });
  form.requestSubmit();
  return shadow;
}

/** Balance summary and outstanding invoices, oldest due first. */
export const Outstanding: Story = {
  parameters: { expect: { text: 'Invoice 10412' } },};

export const PaidInvoices: Story = {
  parameters: { expect: { text: 'Invoice 10231' } },
  name: 'Paid invoices, on request',
  play: async ({ canvasElement }) => {
    const shadow = await root(canvasElement);
    await press(shadow, 'Show paid invoices');
    await until(() => shadow.textContent?.includes('Invoice 10231'));
  },
};

export const InvoiceDetail: Story = {
  parameters: { expect: { selector: '[part~="detail"]' } },
  play: async ({ canvasElement }) => {
    const shadow = await root(canvasElement);
    await press(shadow, 'Invoice 10377');
    await until(() => shadow.querySelector('[part="detail"]'));
  },
};

export const PayForm: Story = {
  parameters: { expect: { selector: '[part~="pay-form"]' } },
  play: async ({ canvasElement }) => {
    await payWith(canvasElement);
  },
};

export const PaySeveral: Story = {
  parameters: { expect: { selector: '[part~="pay-form"]' } },
  name: 'Pay all: the total due, oldest due first',
  play: async ({ canvasElement }) => {
    const shadow = await root(canvasElement);
    await press(shadow, 'Pay all');
    await until(() => shadow.querySelector('form'));
  },
};

/** Dana with `count` more open invoices than the seed's three. */
function withOpenInvoices(count: number) {
  return prepare({
    signedInAs: DANA,
    setup: async () => {
      const state = await storyBackend.inspect();
      addSyntheticJobs(state, { customerId: 'cust-1001', count, now: new Date(), invoices: 'open' });
      await storyBackend.restore(state);
    },
  });
}

export const ManyInvoices: Story = {
  name: 'Many open invoices (10,000): paged and windowed',
  loaders: [withOpenInvoices(10_000)],
};

export const PayAllReceipt: Story = {
  parameters: { expect: { selector: '[part~="receipt"]' } },
  name: 'Receipt of Pay all, split across 60 invoices',
  loaders: [withOpenInvoices(57)],
  play: async ({ canvasElement }) => {
    const shadow = await root(canvasElement);
    await press(shadow, 'Pay all');
    const form = await until(() => shadow.querySelector('form'));
    fill(shadow, { number: TEST_CARDS.visa, expiry: EXPIRY, cvc: '123', postalCode: '62704' });
    form.requestSubmit();
    await until(() => shadow.querySelector('[part="receipt"]'));
  },
};

export const CardErrors: Story = {
  parameters: { expect: { selector: '.problem' } },
  name: 'Card checks',
  play: async ({ canvasElement }) => {
    const shadow = await payWith(canvasElement, { number: '4242 4242 4242 4241', expiry: '01/20', cvc: '12', postalCode: '' });
    await until(() => shadow.querySelector('.problem'));
  },
};

export const Declined: Story = {
  parameters: { expect: { selector: '[part~="pay-error"]' } },
  play: async ({ canvasElement }) => {
    const shadow = await payWith(canvasElement, { number: TEST_CARDS.declined });
    await until(() => shadow.querySelector('[part="pay-error"] .message'));
  },
};

export const InsufficientFunds: Story = {
  parameters: { expect: { selector: '[part~="pay-error"]' } },
  play: async ({ canvasElement }) => {
    const shadow = await payWith(canvasElement, { number: TEST_CARDS.insufficientFunds });
    await until(() => shadow.querySelector('[part="pay-error"] .message'));
  },
};

export const NetworkFailure: Story = {
  parameters: { expect: { selector: '[part~="pay-error"]' } },
  name: 'Network failure (outcome unknown)',
  play: async ({ canvasElement }) => {
    const shadow = await payWith(canvasElement, { number: TEST_CARDS.networkFailure });
    await until(() => shadow.querySelector('[part="pay-error"] .message'));
  },
};

export const Receipt: Story = {
  parameters: { expect: { selector: '[part~="receipt"]' } },
  play: async ({ canvasElement }) => {
    const shadow = await payWith(canvasElement, { number: TEST_CARDS.visa, 'amount-inv-10412': '50.00' });
    await until(() => shadow.querySelector('[part="receipt"]'));
  },
};

export const PaymentsOff: Story = {
  name: 'Online payments off',
  loaders: [prepare({ signedInAs: DANA, setup: () => changeSettings({ onlinePaymentsEnabled: false }) })],
};

export const NothingDue: Story = {
  parameters: { expect: { selector: '[part~="empty"]' } },
  name: 'Empty: nothing due',
  loaders: [
    prepare({
      signedInAs: DANA,
      setup: async () => {
        const state = await storyBackend.inspect();
        for (const invoice of state.invoices) if (invoice.customerId === 'cust-1001') invoice.balance = 0;
        await storyBackend.restore(state);
      },
    }),
  ],
};

class SlowAdapter extends HttpAdapter {
  override getBalance(): Promise<never> {
    return new Promise(() => undefined);
  }
}

export const Loading: Story = {
  render: (_args, { loaded }) =>
    inProvider(html`<portal-invoices></portal-invoices>`, loaded as StoryData, new SlowAdapter({ apiBase: (loaded as StoryData).apiBase })),
};

class FailingAdapter extends HttpAdapter {
  override listInvoices(): Promise<never> {
    return Promise.reject(new PortalError('NETWORK', 'offline'));
  }
}

export const LoadError: Story = {
  parameters: { expect: { selector: '[part~="error"]' } },
  name: 'Error with retry',
  render: (_args, { loaded }) =>
    inProvider(html`<portal-invoices></portal-invoices>`, loaded as StoryData, new FailingAdapter({ apiBase: (loaded as StoryData).apiBase })),
};

export const SignedOut: Story = {
  parameters: { expect: { selector: '[part~="signed-out"]' } },
  loaders: [prepare()],
};

export const NoBillingAccess: Story = {
  name: 'Sign-in without billing access',
  loaders: [storyLoader(async () => ({ session: await signUpConfirmed('sam.ortiz@example.com', 'a quiet house on birch court') }))],
};
