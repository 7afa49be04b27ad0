import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/define/portal-estimate.js';
import { DANA, inProvider, prepare, type StoryData } from './support.js';
import { answerEstimate, expireLinks, prepareLink, sendLink, shadowQuery, slowLinkAdapter, type LinkStoryData } from './link-support.js';

/** The estimate a link opens: token as the page address would carry it, the estimate named. */
const fromLink = (_args: unknown, { loaded }: { loaded: Record<string, unknown> }) => {
  const data = loaded as unknown as LinkStoryData;
  return inProvider(html`<portal-estimate estimate-id="est-2001" .token=${data.token}></portal-estimate>`, data);
};

const meta: Meta = {
  title: 'Elements/portal-estimate',
  component: 'portal-estimate',
  tags: ['autodocs'],
  render: fromLink,
  loaders: [prepareLink('estimate', 'est-2001')],
};
export default meta;
type Story = StoryObj;

export const Open: Story = {
  parameters: { expect: { selector: '[part~="options"]' } }, name: 'Open: three options to choose from' };

export const WhatIsMissing: Story = {
  parameters: { expect: { selector: '[part~="approve-error"]' } },
  name: 'Approve pressed with nothing chosen',
  play: async ({ canvasElement }) => (await shadowQuery<HTMLButtonElement>(canvasElement, 'portal-estimate', '[part~="approve-button"]')).click(),
};

export const Declining: Story = {
  parameters: { expect: { selector: '[part~="decline-form"]' } },
  name: 'Declining: the reason',
  play: async ({ canvasElement }) => {
    const buttons = await shadowQuery<HTMLElement>(canvasElement, 'portal-estimate', '[part="other-answers"] .actions');
    buttons.querySelector('button')!.click();
  },
};

export const Approved: Story = {
  parameters: { expect: { selector: '[part~="decision"]' } },
  name: 'Approved: signer, time and the signed PDF',
  loaders: [prepareLink('estimate', 'est-2001', { setup: (token) => answerEstimate(token, 'approve') })],
};

export const Declined: Story = {
  parameters: { expect: { selector: '[part~="decision"]' } }, loaders: [prepareLink('estimate', 'est-2001', { setup: (token) => answerEstimate(token, 'decline') })] };

export const ChangesRequested: Story = {
  parameters: { expect: { selector: '[part~="decision"]' } },
  name: 'Changes asked for',
  loaders: [prepareLink('estimate', 'est-2001', { setup: (token) => answerEstimate(token, 'request-changes') })],
};

/** Past its valid-until day: a fresh link would not work either, so the page gives the phone. */
export const LinkExpired: Story = {
  parameters: { expect: { selector: '[part~="link-problem"]' } },
  name: 'Link expired: call the office',
  loaders: [prepareLink('estimate', 'est-2001', { setup: expireLinks })],
};

export const LinkRevoked: Story = {
  name: 'Link revoked (a newer one was sent)',
  loaders: [prepareLink('estimate', 'est-2001', { setup: () => sendLink('estimate', 'est-2001') })],
};

export const LinkForged: Story = {
  parameters: { expect: { selector: '[part~="link-problem"]' } },
  name: 'Forged or mistyped link',
  loaders: [prepareLink('estimate', 'est-2001', { token: 'AAAAAAAAAAAAAAAAAAAAAA' })],
};

export const SignedIn: Story = {
  parameters: { expect: { selector: '[part~="options"]' } },
  name: 'Signed in, no link: through the account',
  loaders: [prepare({ signedInAs: DANA })],
  render: (_args, { loaded }) => inProvider(html`<portal-estimate estimate-id="est-2001"></portal-estimate>`, loaded as StoryData),
};

export const SignedInList: Story = {
  name: 'Signed in, no estimate named: the account’s estimates',
  loaders: [prepare({ signedInAs: DANA })],
  render: (_args, { loaded }) => inProvider(html`<portal-estimate></portal-estimate>`, loaded as StoryData),
};

export const NoLink: Story = {
  parameters: { expect: { selector: '[part~="signed-out"]' } },
  name: 'Signed out, opened without a link',
  loaders: [prepare()],
  render: (_args, { loaded }) => inProvider(html`<portal-estimate estimate-id="est-2001"></portal-estimate>`, loaded as StoryData),
};

export const Loading: Story = {
  render: (_args, { loaded }) => {
    const data = loaded as unknown as LinkStoryData;
    return inProvider(html`<portal-estimate estimate-id="est-2001" .token=${data.token}></portal-estimate>`, data, slowLinkAdapter('getEstimate', data.apiBase));
  },
};
