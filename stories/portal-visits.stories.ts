import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/define/portal-account-switcher.js';
import '../src/define/portal-visits.js';
import { asSam, editState, offlineAdapter, slowAdapter, switchAccount } from './account-support.js';
import { DANA, PRIYA, changeSettings, inProvider, portalTurnedOff, prepare, type StoryData } from './support.js';

const meta: Meta = {
  title: 'Elements/portal-visits',
  component: 'portal-visits',
  tags: ['autodocs'],
  render: (_args, { loaded }) => inProvider(html`<portal-visits></portal-visits>`, loaded as StoryData),
  loaders: [prepare({ signedInAs: DANA })],
};
export default meta;
type Story = StoryObj;

export const Upcoming: Story = { name: 'Upcoming and recent visits' };

export const NoUpcomingVisits: Story = {
  name: 'No upcoming visits',
  loaders: [
    prepare({
      signedInAs: DANA,
      setup: () => editState((s) => void (s.jobs = s.jobs.filter((j) => j.status !== 'Scheduled'))),
    }),
  ],
};

/** A customer with no visits at all yet: both lists say so, and how to ask for one. */
export const NoVisitsAtAll: Story = {
  name: 'No visits at all',
  parameters: { expect: { selector: '[part~="empty"]', text: 'No visits in the past year.' } },
  loaders: [
    prepare({
      signedInAs: DANA,
      setup: () => editState((s) => void (s.jobs = s.jobs.filter((j) => j.customerId !== 'cust-1001'))),
    }),
  ],
};

export const MessageWithMarkup: Story = {
  name: 'Contractor message containing markup (shown as text)',
  loaders: [
    prepare({
      signedInAs: DANA,
      setup: () =>
        changeSettings({
          visitsMessage: '<b>Closed Friday</b> <script>alert(1)</script> Call 555-010-4477 or see https://example.com.',
          translations: { es: { visitsMessage: '<b>Cerrado el viernes</b> <script>alert(1)</script> Llame al 555-010-4477 o visite https://example.com.' } },
        }),
    }),
  ],
};

export const NoOnlineScheduling: Story = {
  name: 'No online scheduling: call only',
  loaders: [prepare({ signedInAs: DANA, setup: () => changeSettings({ schedulerEnabled: false, visitsMessage: '', translations: {} }) })],
};

export const RequestNotTakenOver: Story = {
  name: 'Request a visit with no scheduler on the page',
  play: async ({ canvasElement }) => {
    const element = canvasElement.querySelector('portal-visits')!;
    const start = performance.now();
    let button: HTMLButtonElement | null | undefined = null;
    while (!button && performance.now() - start < 5000) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      button = element.shadowRoot?.querySelector('[part="actions"] button');
    }
    button?.click();
  },
};

export const NonBillingContact: Story = {
  name: 'Non-billing contact: one location, the other hidden',
  loaders: [asSam()],
};

export const SeveralLocations: Story = { name: 'Several locations (property manager)', loaders: [prepare({ signedInAs: PRIYA })] };

export const SwitchedAccount: Story = {
  name: 'Switched account',
  loaders: [prepare({ signedInAs: PRIYA })],
  render: (_args, { loaded }) =>
    inProvider(
      html`<portal-account-switcher></portal-account-switcher>
        <portal-visits></portal-visits>`,
      loaded as StoryData,
    ),
  play: ({ canvasElement }) => switchAccount(canvasElement, 'cust-1004'),
};

export const Loading: Story = {
  render: (_args, { loaded }) => inProvider(html`<portal-visits></portal-visits>`, loaded as StoryData, slowAdapter('listVisits', (loaded as StoryData).apiBase)),
};

export const NetworkError: Story = {
  name: 'Network error',
  render: (_args, { loaded }) => inProvider(html`<portal-visits></portal-visits>`, loaded as StoryData, offlineAdapter('listVisits', (loaded as StoryData).apiBase)),
};

export const SignedOut: Story = { name: 'Signed out', loaders: [prepare()] };

/** Turned off by the contractor, on a page with no sign-in card to say it: this element says it, once. */
export const PortalOff: Story = {
  name: 'Portal turned off',
  parameters: { expect: { selector: '[part~="portal-off"]' } },
  loaders: [portalTurnedOff(DANA)],
};
