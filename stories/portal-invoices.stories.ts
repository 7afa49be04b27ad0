import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { HttpAdapter } from '../src/adapter/http-adapter.js';
import { PortalError } from '../src/adapter/portal-error.js';
import '../src/define/portal-invoices.js';
import { TEST_CARDS } from '../backend/rules/card-processor.js';
import { addSyntheticJobs } from '../backend/seed/synthetic-jobs.js';
import { DANA, changeSettings, inProvider, portalTurnedOff, prepare, shadowOf, signUpConfirmed, storyBackend, storyLoader, typedCard, until, type StoryData } from './support.js';

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

// The play steps find what they press and wait for by the element's parts and data attributes, never
// by its words: the toolbar's Language (Español) must reach the same states.

/** The element's shadow root, once the balance is shown (the list loaded, or nothing due). */
async function root(canvas: HTMLElement) {
  const shadow = await shadowOf(canvas, 'portal-invoices');
  await until(() => shadow.querySelector('[part~="balance"]'));
  return shadow;
}

/** Presses the button `selector` names, once it is there and can be pressed. */
async function press(shadow: ShadowRoot, selector: string) {
  const button = await until(() => shadow.querySelector<HTMLButtonElement>(`${selector}:not(:disabled)`));
  button.click();
}

/** An invoice's row in a list (its number is in its words only: the row's button carries the id). */
const invoiceButton = (invoiceId: string) => `[part~="list"] button[data-invoice="${invoiceId}"]`;
/** The detail's "Pay invoice …" button, in any language (portal-pay's stories find it the same way). */
const PAY_THIS_INVOICE = '[part~="detail"] button[data-action="pay-invoice"]';

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
  await press(shadow, invoiceButton('inv-10412'));
  await press(shadow, PAY_THIS_INVOICE);
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
    // The one toggle on the list (it says whether the paid invoices are shown).
    await press(shadow, 'button[aria-expanded="false"]');
    await until(() => shadow.querySelector(invoiceButton('inv-10231')));
  },
};

export const InvoiceDetail: Story = {
  name: 'Invoice detail',
  parameters: { expect: { selector: '[part~="detail"]' } },
  play: async ({ canvasElement }) => {
    const shadow = await root(canvasElement);
    await press(shadow, invoiceButton('inv-10377'));
    await until(() => shadow.querySelector('[part="detail"]'));
  },
};

export const PayForm: Story = {
  name: 'Pay form',
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
    await press(shadow, 'button[data-action="pay-all"]');
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

/** Two invoices ticked on the list, then "Pay selected": an amount for each (part payments allowed). */
export const PaySelected: Story = {
  parameters: { expect: { selector: '[part~="pay-form"]', text: 'Pay 2 invoices' } },
  name: 'Pay selected: two invoices, an amount each',
  play: async ({ canvasElement }) => {
    const shadow = await root(canvasElement);
    const boxes = await until(() => {
      const found = [...shadow.querySelectorAll<HTMLInputElement>('[part~="list"] input[type="checkbox"]')];
      return found.length >= 2 && found;
    });
    for (const box of boxes.slice(0, 2)) box.click();
    // Both ticked before the list redraws: it enables the button with both chosen ("Pay selected (2)").
    await press(shadow, 'button[data-action="pay-selected"]');
    await until(() => shadow.querySelector('form'));
  },
};

/** Dana's card sent, the processor's answer not back yet: the button says so and cannot be pressed twice. */
class PayNeverAnswers extends HttpAdapter {
  override pay(): Promise<never> {
    return new Promise(() => undefined);
  }
}

export const Paying: Story = {
  parameters: { expect: { text: 'Paying…' } },
  name: 'Paying: waiting for the processor',
  render: (_args, { loaded }) =>
    inProvider(html`<portal-invoices></portal-invoices>`, loaded as StoryData, new PayNeverAnswers({ apiBase: (loaded as StoryData).apiBase })),
  play: async ({ canvasElement }) => {
    const shadow = await payWith(canvasElement, { number: typedCard(TEST_CARDS.visa) });
    // "Paying…": the submit button is marked busy (never disabled: see pay-form.ts).
    await until(() => shadow.querySelector('[part~="pay-form"] button[type="submit"][aria-disabled="true"]'));
  },
};

/**
 * "Pay all" is for the total the customer saw: paid in part in another window meanwhile, the backend
 * refuses the old total, and the form takes the new one.
 */
export const BalanceChanged: Story = {
  parameters: { expect: { selector: '[part~="pay-error"] .message', text: 'Your balance changed' } },
  name: 'Pay all: the balance changed meanwhile',
  play: async ({ canvasElement, loaded }) => {
    const data = loaded as StoryData;
    const shadow = await root(canvasElement);
    await press(shadow, 'button[data-action="pay-all"]');
    const form = await until(() => shadow.querySelector('form'));
    fill(shadow, { number: typedCard(TEST_CARDS.visa), expiry: EXPIRY, cvc: '123', postalCode: '62704' });
    // Another window pays $20 of invoice 10412 first.
    const card = { number: TEST_CARDS.visa, expMonth: 12, expYear: new Date().getFullYear() + 3, cvc: '123', postalCode: '62704' };
    await data.adapter.pay(
      { session: data.session!, customerId: 'cust-1001' },
      { idempotencyKey: crypto.randomUUID(), applications: [{ invoiceId: 'inv-10412', amount: 2000 }], card },
    );
    form.requestSubmit();
    await until(() => shadow.querySelector('[part="pay-error"] .message'));
  },
};

/**
 * Invoice 10412's form open here, and the invoice paid in full in another window meanwhile: Pay is
 * refused (nothing charged), and the form says there is nothing left to pay.
 */
export const PaidElsewhere: Story = {
  parameters: { expect: { text: 'These invoices no longer have a balance due.' } },
  name: 'Paid in another window meanwhile',
  play: async ({ canvasElement, loaded }) => {
    const data = loaded as StoryData;
    const shadow = await payWith(canvasElement);
    fill(shadow, { number: typedCard(TEST_CARDS.visa), expiry: EXPIRY, cvc: '123', postalCode: '62704' });
    const scope = { session: data.session!, customerId: 'cust-1001' };
    const invoice = await data.adapter.getInvoice(scope, 'inv-10412');
    const card = { number: TEST_CARDS.visa, expMonth: 12, expYear: new Date().getFullYear() + 3, cvc: '123', postalCode: '62704' };
    await data.adapter.pay(scope, { idempotencyKey: crypto.randomUUID(), applications: [{ invoiceId: 'inv-10412', amount: invoice.balance }], card });
    shadow.querySelector('form')!.requestSubmit();
    // The form gives way to the notice that nothing is left to pay.
    await until(() => !shadow.querySelector('[part~="pay-form"]') && shadow.querySelector('.message.info[role="status"]'));
  },
};

class InvoiceNeverComes extends HttpAdapter {
  override getInvoice(): Promise<never> {
    return new Promise(() => undefined);
  }
}

export const InvoiceLoading: Story = {
  parameters: { expect: { text: 'Loading the invoice…' } },
  name: 'An invoice’s detail loading',
  render: (_args, { loaded }) =>
    inProvider(html`<portal-invoices></portal-invoices>`, loaded as StoryData, new InvoiceNeverComes({ apiBase: (loaded as StoryData).apiBase })),
  play: async ({ canvasElement }) => {
    const shadow = await root(canvasElement);
    await press(shadow, invoiceButton('inv-10377'));
    // The list gone, the detail not there yet: the frame says it is loading.
    await until(() => !shadow.querySelector('[part~="list"], [part~="detail"]') && shadow.querySelector('[part~="section"] > [role="status"]'));
  },
};

/** An invoice the page's address names that the account does not have (a stale link): said, with the way back. */
export const InvoiceNotFound: Story = {
  parameters: { expect: { selector: '[part~="error"]', text: 'We couldn’t find that' } },
  name: 'An invoice that is not there (a stale link)',
  render: (_args, { loaded }) => inProvider(html`<portal-invoices invoice="inv-00000"></portal-invoices>`, loaded as StoryData),
};

/**
 * One very large invoice (a whole-building system): $123,456.78, its one line and the tax adding up to
 * it as the office's would, in the list, the balance and the detail.
 */
export const LargeAmount: Story = {
  name: 'A very large invoice: $123,456.78',
  parameters: { expect: { text: '$123,456.78' } },
  loaders: [
    prepare({
      signedInAs: DANA,
      setup: async () => {
        const state = await storyBackend.inspect();
        const invoice = state.invoices.find((i) => i.id === 'inv-10412')!;
        // 11,511,122 + 7.25 % tax (834,556) = 12,345,678 cents.
        invoice.items = [{ id: 'item-10412-1', description: 'Geothermal heat pump system, whole-building retrofit', quantity: 1, unitPrice: 11_511_122, total: 11_511_122 }];
        invoice.summary = 'Geothermal heat pump system, whole-building retrofit';
        Object.assign(invoice, { subtotal: 11_511_122, tax: 834_556, total: 12_345_678, balance: 12_345_678 });
        await storyBackend.restore(state);
      },
    }),
  ],
};

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
    await press(shadow, 'button[data-action="pay-all"]');
    const form = await until(() => shadow.querySelector('form'));
    fill(shadow, { number: typedCard(TEST_CARDS.visa), expiry: EXPIRY, cvc: '123', postalCode: '62704' });
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
    const shadow = await payWith(canvasElement, { number: typedCard(TEST_CARDS.declined) });
    await until(() => shadow.querySelector('[part="pay-error"] .message'));
  },
};

export const InsufficientFunds: Story = {
  name: 'Insufficient funds',
  parameters: { expect: { selector: '[part~="pay-error"]' } },
  play: async ({ canvasElement }) => {
    const shadow = await payWith(canvasElement, { number: typedCard(TEST_CARDS.insufficientFunds) });
    await until(() => shadow.querySelector('[part="pay-error"] .message'));
  },
};

export const NetworkFailure: Story = {
  parameters: { expect: { selector: '[part~="pay-error"]' } },
  name: 'Network failure (outcome unknown)',
  play: async ({ canvasElement }) => {
    const shadow = await payWith(canvasElement, { number: typedCard(TEST_CARDS.networkFailure) });
    await until(() => shadow.querySelector('[part="pay-error"] .message'));
  },
};

export const Receipt: Story = {
  parameters: { expect: { selector: '[part~="receipt"]' } },
  play: async ({ canvasElement }) => {
    const shadow = await payWith(canvasElement, { number: typedCard(TEST_CARDS.visa), 'amount-inv-10412': '50.00' });
    await until(() => shadow.querySelector('[part="receipt"]'));
  },
};

export const PaymentsOff: Story = {
  name: 'Online payments off',
  loaders: [prepare({ signedInAs: DANA, setup: () => changeSettings({ onlinePaymentsEnabled: false }) })],
};

/** Turned off by the contractor, on a page with no sign-in card to say it: the list says it, once. */
export const PortalOff: Story = {
  parameters: { expect: { selector: '[part~="portal-off"]' } },
  name: 'Portal turned off',
  loaders: [portalTurnedOff(DANA)],
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
  name: 'Signed out',
  parameters: { expect: { selector: '[part~="signed-out"]' } },
  loaders: [prepare()],
};

export const NoBillingAccess: Story = {
  name: 'Sign-in without billing access',
  loaders: [storyLoader(async () => ({ session: await signUpConfirmed('sam.ortiz@example.com', 'a quiet house on birch court') }))],
};
