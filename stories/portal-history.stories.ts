import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { PortalAdapter } from '../src/adapter/portal-adapter.js';
import { PortalError } from '../src/adapter/portal-error.js';
import '../src/define/portal-history.js';
import { addSyntheticJobs } from '../backend/seed/synthetic-jobs.js';
import { DANA, inProvider, prepare, shadowOf, storyBackend, until, type StoryData } from './support.js';

/** The story backend's adapter with some methods replaced (a hanging or failing call). */
function adapterWith(loaded: unknown, overrides: Partial<PortalAdapter>): PortalAdapter {
  return new Proxy((loaded as StoryData).adapter, {
    get(target, property) {
      if (property in overrides) return overrides[property as keyof PortalAdapter];
      const value: unknown = Reflect.get(target, property);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  }) as PortalAdapter;
}

const never = () => new Promise<never>(() => undefined);

const meta: Meta = {
  title: 'Elements/portal-history',
  component: 'portal-history',
  tags: ['autodocs'],
  render: (_args, { loaded }) => inProvider(html`<portal-history></portal-history>`, loaded as StoryData),
  loaders: [prepare({ signedInAs: DANA })],
};
export default meta;
type Story = StoryObj;

async function historyRoot(canvas: HTMLElement) {
  const root = await shadowOf(canvas, 'portal-history');
  await until(() => root.querySelector('form.filters'));
  return root;
}

/**
 * The rows are windowed: a list scrolled out of sight (lower on a docs page) draws none, so the stories
 * promise the loaded list's filters, which are always drawn.
 */
export const List: Story = {
  parameters: { expect: { selector: 'form.filters' } },
};

export const FilteredByYear: Story = {
  name: 'Filtered by year',
  play: async ({ canvasElement }) => {
    const root = await historyRoot(canvasElement);
    const select = root.querySelector<HTMLSelectElement>('select[name="year"]')!;
    const years = [...select.options].map((o) => o.value).filter(Boolean);
    select.value = years.at(-1) ?? '';
    select.dispatchEvent(new Event('change', { bubbles: true }));
  },
};

export const SearchWithNoResults: Story = {
  parameters: { expect: { selector: '[part~="empty"]' } },
  name: 'Search with no results',
  play: async ({ canvasElement }) => {
    const root = await historyRoot(canvasElement);
    root.querySelector<HTMLInputElement>('input[name="q"]')!.value = 'chimney';
    root.querySelector<HTMLFormElement>('form.filters')!.requestSubmit();
    await until(() => root.querySelector('[part="empty"]'));
  },
};

export const Empty: Story = {
  parameters: { expect: { selector: '[part~="empty"]' } },
  loaders: [
    prepare({
      signedInAs: DANA,
      setup: async () => {
        const state = await storyBackend.inspect();
        state.jobs = state.jobs.filter((job) => job.customerId !== 'cust-1001');
        await storyBackend.restore(state);
      },
    }),
  ],
};

export const LongHistory: Story = {
  parameters: { expect: { selector: 'form.filters' } },
  name: 'Long history (10,000 jobs)',
  loaders: [
    prepare({
      signedInAs: DANA,
      setup: async () => {
        const state = await storyBackend.inspect();
        addSyntheticJobs(state, { customerId: 'cust-1001', count: 10_000, now: new Date() });
        await storyBackend.restore(state);
      },
    }),
  ],
  render: (_args, { loaded }) => inProvider(html`<portal-history page-size="200"></portal-history>`, loaded as StoryData),
};

export const Loading: Story = {
  render: (_args, { loaded }) =>
    inProvider(html`<portal-history></portal-history>`, loaded as StoryData, adapterWith(loaded, { listJobs: never })),
};

export const ErrorWithRetry: Story = {
  parameters: { expect: { selector: '[part~="error"]' } },
  name: 'Error with retry',
  render: (_args, { loaded }) =>
    inProvider(
      html`<portal-history></portal-history>`,
      loaded as StoryData,
      adapterWith(loaded, { listJobs: () => Promise.reject(new PortalError('NETWORK', 'offline')) }),
    ),
};

/** Story view only: its play presses a row's button, and a row is drawn only where the list is in sight. */
export const Downloading: Story = {
  name: 'Downloading an invoice',
  tags: ['!autodocs'],
  render: (_args, { loaded }) =>
    inProvider(html`<portal-history></portal-history>`, loaded as StoryData, adapterWith(loaded, { downloadInvoicePdf: never })),
  play: async ({ canvasElement }) => {
    const root = await historyRoot(canvasElement);
    const button = await until(() => root.querySelector<HTMLButtonElement>('button.download'));
    button.click();
  },
};

export const SignedOut: Story = {
  name: 'Signed out',
  loaders: [prepare()],
};
