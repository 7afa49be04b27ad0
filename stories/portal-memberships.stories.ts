import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/define/portal-account-switcher.js';
import '../src/define/portal-memberships.js';
import type { PortalMemberships } from '../src/elements/portal-memberships/portal-memberships.js';
import { asSam, editState, manyMemberships, offlineAdapter, offlineAfterFirstAdapter, slowAdapter, switchAccount } from './account-support.js';
import { shadowQuery } from './link-support.js';
import { DANA, PRIYA, changeSettings, inProvider, portalTurnedOff, prepare, type StoryData } from './support.js';

const meta: Meta = {
  title: 'Elements/portal-memberships',
  component: 'portal-memberships',
  tags: ['autodocs'],
  render: (_args, { loaded }) => inProvider(html`<portal-memberships></portal-memberships>`, loaded as StoryData),
  loaders: [prepare({ signedInAs: DANA })],
};
export default meta;
type Story = StoryObj;

export const Active: Story = {};

export const FilteredStatuses: Story = {
  name: 'Statuses the contractor allows: Active and Expired',
  loaders: [prepare({ signedInAs: DANA, setup: () => changeSettings({ membershipStatuses: ['Active', 'Expired'] }) })],
};

export const HiddenBySettings: Story = {
  name: 'Hidden by settings: notice',
  loaders: [prepare({ signedInAs: DANA, setup: () => changeSettings({ membershipsVisible: false }) })],
};

export const HiddenBySettingsRendersNothing: Story = {
  name: 'Hidden by settings: hide-when-unavailable',
  loaders: [prepare({ signedInAs: DANA, setup: () => changeSettings({ membershipsVisible: false }) })],
  render: (_args, { loaded }) =>
    html`<p>The element below renders nothing because memberships are hidden online:</p>
      ${inProvider(html`<portal-memberships hide-when-unavailable></portal-memberships>`, loaded as StoryData)}`,
};

export const SeveralLocations: Story = {
  name: 'Several locations (property manager)',
  loaders: [prepare({ signedInAs: PRIYA })],
};

export const NonBillingContact: Story = {
  name: 'Non-billing contact: one location, the other hidden',
  loaders: [asSam()],
};

export const SwitchedAccount: Story = {
  name: 'Switched account (only a Canceled plan there: nothing shown)',
  loaders: [prepare({ signedInAs: PRIYA })],
  render: (_args, { loaded }) =>
    inProvider(
      html`<portal-account-switcher></portal-account-switcher>
        <portal-memberships></portal-memberships>`,
      loaded as StoryData,
    ),
  play: ({ canvasElement }) => switchAccount(canvasElement, 'cust-1004'),
};

/** A long-time customer's plans: twelve more at her home, Active and Suspended (the statuses shown online). */
export const ManyPlans: Story = {
  name: 'Many plans at one home (13)',
  parameters: { expect: { selector: '[part~="record"]', text: 'Water Heater Care' } },
  loaders: [prepare({ signedInAs: DANA, setup: () => manyMemberships(12) })],
};

export const Empty: Story = {
  loaders: [
    prepare({
      signedInAs: DANA,
      setup: () => editState((s) => void (s.memberships = s.memberships.filter((m) => m.customerId !== 'cust-1001'))),
    }),
  ],
};

export const Loading: Story = {
  render: (_args, { loaded }) =>
    inProvider(html`<portal-memberships></portal-memberships>`, loaded as StoryData, slowAdapter('listMemberships', (loaded as StoryData).apiBase)),
};

export const NetworkError: Story = {
  name: 'Network error',
  render: (_args, { loaded }) =>
    inProvider(html`<portal-memberships></portal-memberships>`, loaded as StoryData, offlineAdapter('listMemberships', (loaded as StoryData).apiBase)),
};

export const ReloadFailed: Story = {
  name: 'A reload failed: the memberships stay, with Try again',
  parameters: { expect: { selector: '[part~="error"]' } },
  render: (_args, { loaded }) =>
    inProvider(html`<portal-memberships></portal-memberships>`, loaded as StoryData, offlineAfterFirstAdapter('listMemberships', (loaded as StoryData).apiBase)),
  play: async ({ canvasElement }) => {
    await shadowQuery(canvasElement, 'portal-memberships', '[part~="record"]');
    canvasElement.querySelector<PortalMemberships>('portal-memberships')!.reload();
  },
};

export const SignedOut: Story = { name: 'Signed out', loaders: [prepare()] };

/** Turned off by the contractor, on a page with no sign-in card to say it: this element says it, once. */
export const PortalOff: Story = {
  name: 'Portal turned off',
  parameters: { expect: { selector: '[part~="portal-off"]' } },
  loaders: [portalTurnedOff(DANA)],
};
