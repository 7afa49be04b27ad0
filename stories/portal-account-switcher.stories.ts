import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/define/portal-account-switcher.js';
import '../src/define/portal-equipment.js';
import '../src/define/portal-memberships.js';
import '../src/define/portal-visits.js';
import { LONG_NAMES, SettingsNeverCome, SettingsUnreachable, asSam, switchAccount, withLongNames } from './account-support.js';
import { DANA, PRIYA, inProvider, prepare, type StoryData } from './support.js';

const meta: Meta = {
  title: 'Elements/portal-account-switcher',
  component: 'portal-account-switcher',
  tags: ['autodocs'],
  render: (_args, { loaded }) => inProvider(html`<portal-account-switcher></portal-account-switcher>`, loaded as StoryData),
  loaders: [prepare({ signedInAs: PRIYA })],
};
export default meta;
type Story = StoryObj;

export const SeveralAccounts: Story = { name: 'Several accounts' };

export const SwitchedAccount: Story = {
  name: 'Switched account',
  play: ({ canvasElement }) => switchAccount(canvasElement, 'cust-1004'),
};

export const OneAccount: Story = { name: 'One account', loaders: [prepare({ signedInAs: DANA })] };

export const NonBillingContact: Story = {
  name: 'Non-billing and no-access locations explained',
  loaders: [asSam()],
};

export const WithEveryElement: Story = {
  name: 'Every element follows the choice',
  render: (_args, { loaded }) =>
    inProvider(
      html`<div style="display:grid;gap:1.5rem">
        <portal-account-switcher></portal-account-switcher>
        <portal-visits></portal-visits>
        <portal-memberships></portal-memberships>
        <portal-equipment></portal-equipment>
      </div>`,
      loaded as StoryData,
    ),
};

export const SignedOut: Story = {
  name: 'Signed out (renders nothing)',
  loaders: [prepare()],
};

/**
 * The sign-in's accounts come with the session, so the switcher never waits for them: while the
 * contractor's settings are on their way it shows the accounts at once, and its note names no one to call
 * yet (it renders nothing at all only while its own code loads, as for a sign-in with one account).
 */
export const Loading: Story = {
  name: 'Loading: the settings on their way (the accounts at once)',
  parameters: { expect: { selector: '[part~="access-note"]', text: 'To see more, ask the account holder.' } },
  loaders: [asSam()],
  render: (_args, { loaded }) =>
    inProvider(html`<portal-account-switcher></portal-account-switcher>`, loaded as StoryData, new SettingsNeverCome({ apiBase: (loaded as StoryData).apiBase })),
};

export const NetworkError: Story = {
  name: 'Network error: the settings could not be loaded (the note names no one to call)',
  parameters: { expect: { selector: '[part~="access-note"]', text: 'To see more, ask the account holder.' } },
  loaders: [asSam()],
  render: (_args, { loaded }) =>
    inProvider(html`<portal-account-switcher></portal-account-switcher>`, loaded as StoryData, new SettingsUnreachable({ apiBase: (loaded as StoryData).apiBase })),
};

/** A long account name, home name and contractor name: the card wraps them. */
export const LongNames: Story = {
  name: 'Long account and location names',
  parameters: { expect: { text: LONG_NAMES.customer } },
  loaders: [withLongNames()],
};
