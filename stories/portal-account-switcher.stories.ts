import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/define/portal-account-switcher.js';
import '../src/define/portal-equipment.js';
import '../src/define/portal-memberships.js';
import '../src/define/portal-visits.js';
import { asSam, switchAccount } from './account-support.js';
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

export const SeveralAccounts: Story = {};

export const SwitchedAccount: Story = {
  play: ({ canvasElement }) => switchAccount(canvasElement, 'cust-1004'),
};

export const OneAccount: Story = { loaders: [prepare({ signedInAs: DANA })] };

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
