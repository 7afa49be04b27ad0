import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { PortalAdapter } from '../src/adapter/portal-adapter.js';
import { PortalError } from '../src/adapter/portal-error.js';
import '../src/define/portal-history.js';
import { addSyntheticJobs } from '../backend/seed/synthetic-jobs.js';
import { asSam } from './account-support.js';
import { DANA, inProvider, portalTurnedOff, prepare, shadowOf, storyBackend, until, type StoryData } from './support.js';

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
const offline = () => Promise.reject(new PortalError('NETWORK', 'offline'));

/** The story backend's first page of jobs, then `later` for every call after it (a search, the next page). */
function firstPageThen(loaded: unknown, later: () => Promise<never>): PortalAdapter {
  const adapter = (loaded as StoryData).adapter;
  let calls = 0;
  return adapterWith(loaded, {
    listJobs: (...args: Parameters<NonNullable<PortalAdapter['listJobs']>>) => (++calls === 1 ? adapter.listJobs(...args) : later()),
  });
}

const meta: Meta = {
  title: 'Elements/portal-history',
  component: 'portal-history',
  tags: ['autodocs'],
  render: (_args, { loaded }) => inProvider(html`<portal-history></portal-history>`, loaded as StoryData),
  loaders: [prepare({ signedInAs: DANA })],
};
export default meta;
type Story = StoryObj;

// The play steps wait for the element's parts and ARIA states, never for its words: the toolbar's
// Language (Español) must reach the same states.

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

/** A search sent, its answer not back: the list stays, the summary says so. */
export const Searching: Story = {
  parameters: { expect: { text: 'Searching…' } },
  name: 'Searching',
  render: (_args, { loaded }) => inProvider(html`<portal-history></portal-history>`, loaded as StoryData, firstPageThen(loaded, never)),
  play: async ({ canvasElement }) => {
    const root = await historyRoot(canvasElement);
    root.querySelector<HTMLInputElement>('input[name="q"]')!.value = 'furnace';
    root.querySelector<HTMLFormElement>('form.filters')!.requestSubmit();
    // "Searching…": the list, still there, marked busy.
    await until(() => root.querySelector('[role="grid"][aria-busy="true"]'));
  },
};

/** A search that could not be sent: the filters stay, with Try again. */
export const SearchFailed: Story = {
  parameters: { expect: { selector: '[part~="error"]', text: 'We couldn’t connect' } },
  name: 'A search failed: Try again',
  render: (_args, { loaded }) => inProvider(html`<portal-history></portal-history>`, loaded as StoryData, firstPageThen(loaded, offline)),
  play: async ({ canvasElement }) => {
    const root = await historyRoot(canvasElement);
    root.querySelector<HTMLInputElement>('input[name="q"]')!.value = 'furnace';
    root.querySelector<HTMLFormElement>('form.filters')!.requestSubmit();
    await until(() => root.querySelector('[part="error"]'));
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

async function pressStatement(canvas: HTMLElement) {
  const root = await historyRoot(canvas);
  (await until(() => root.querySelector<HTMLButtonElement>('[part~="statement-button"]'))).click();
  return root;
}

export const PreparingStatement: Story = {
  parameters: { expect: { text: 'Preparing statement…' } },
  name: 'Preparing the statement (PDF)',
  render: (_args, { loaded }) =>
    inProvider(html`<portal-history></portal-history>`, loaded as StoryData, adapterWith(loaded, { downloadStatementPdf: never })),
  play: async ({ canvasElement }) => {
    const root = await pressStatement(canvasElement);
    // "Preparing statement…": the button marked busy.
    await until(() => root.querySelector('[part~="statement-button"][aria-disabled="true"]'));
  },
};

/** The file arrived: said under the list. (The page took the file itself here, so the story saves nothing.) */
export const StatementDownloaded: Story = {
  parameters: { expect: { text: 'Downloaded ' } },
  name: 'Statement downloaded',
  render: (_args, { loaded }) =>
    inProvider(html`<portal-history @portal-document-download=${(event: Event) => event.preventDefault()}></portal-history>`, loaded as StoryData),
  play: async ({ canvasElement }) => {
    const root = await historyRoot(canvasElement);
    const downloaded = new Promise((resolve) => root.host.addEventListener('portal-document-download', resolve, { once: true }));
    await pressStatement(canvasElement);
    await downloaded;
    // "Downloaded …" is said as the button is free again.
    await until(() => root.querySelector('[part~="statement-button"][aria-disabled="false"]'));
  },
};

export const DownloadFailed: Story = {
  parameters: { expect: { selector: '[part~="error"]', text: 'We couldn’t download your statement' } },
  name: 'A download failed',
  render: (_args, { loaded }) =>
    inProvider(html`<portal-history></portal-history>`, loaded as StoryData, adapterWith(loaded, { downloadStatementPdf: offline })),
  play: async ({ canvasElement }) => {
    const root = await pressStatement(canvasElement);
    await until(() => root.querySelector('[part="error"]'));
  },
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

/**
 * A site superintendent: the work at his location, each invoice "with the account holder", and why (the
 * note, always drawn: the rows are drawn only where the list is in sight).
 */
export const NonBillingContact: Story = {
  parameters: { expect: { selector: '[part~="access-note"]' } },
  name: 'Non-billing contact: the work, not the invoices',
  loaders: [asSam()],
};

export const PortalOff: Story = {
  parameters: { expect: { selector: '[part~="portal-off"]' } },
  name: 'Portal turned off',
  loaders: [portalTurnedOff(DANA)],
};
