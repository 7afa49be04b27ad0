import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { PortalAdapter } from '../src/adapter/portal-adapter.js';
import '../src/define/portal-estimate.js';
import { editState } from './account-support.js';
import { DANA, call, inProvider, office, prepare, type StoryData } from './support.js';
import {
  answerEstimate,
  expireLinks,
  offlineLinkAdapter,
  prepareLink,
  reviseEstimate,
  sendLink,
  shadowQuery,
  slowLinkAdapter,
  withdrawEstimate,
  type LinkStoryData,
} from './link-support.js';

/** The estimate a link opens: token as the page address would carry it, the estimate named. */
const fromLink = (_args: unknown, { loaded }: { loaded: Record<string, unknown> }) => {
  const data = loaded as unknown as LinkStoryData;
  return inProvider(html`<portal-estimate estimate-id="est-2001" .token=${data.token}></portal-estimate>`, data);
};

/** The estimate from its link, on an adapter with one method replaced (`slowLinkAdapter`, `offlineLinkAdapter`). */
const fromLinkWith = (adapterFor: (apiBase: string) => PortalAdapter) => (_args: unknown, { loaded }: { loaded: Record<string, unknown> }) => {
  const data = loaded as unknown as LinkStoryData;
  return inProvider(html`<portal-estimate estimate-id="est-2001" .token=${data.token}></portal-estimate>`, data, adapterFor(data.apiBase));
};

/** Chooses the better option, ticks every consent, signs as Dana and presses Approve, as she would. */
async function approveAsDana(canvas: HTMLElement) {
  const form = await shadowQuery<HTMLFormElement>(canvas, 'portal-estimate', '[part~="approve-form"]');
  form.querySelector<HTMLInputElement>('input[name="option"][value="opt-better"]')!.click();
  for (const box of form.querySelectorAll<HTMLInputElement>('input[type="checkbox"][name^="consent-"]')) if (!box.checked) box.click();
  const signer = form.querySelector<HTMLInputElement>('input[name="signer"]')!;
  signer.value = 'Dana Whitfield';
  signer.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await (canvas.querySelector('portal-estimate') as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
  form.querySelector<HTMLButtonElement>('[part~="approve-button"]')!.click();
}

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

export const AskingForChanges: Story = {
  parameters: { expect: { selector: '[part~="changes-form"]' } },
  name: 'Asking for changes: the message',
  play: async ({ canvasElement }) => {
    const buttons = await shadowQuery<HTMLElement>(canvasElement, 'portal-estimate', '[part="other-answers"] .actions');
    buttons.querySelectorAll('button')[1]!.click();
  },
};

/** Everything filled in and Approve pressed, the answer not back yet. */
export const Approving: Story = {
  parameters: { expect: { text: 'Approving…' } },
  name: 'Approving: waiting for the answer',
  render: fromLinkWith((apiBase) => slowLinkAdapter('approveEstimate', apiBase)),
  play: async ({ canvasElement }) => {
    await approveAsDana(canvasElement);
    await shadowQuery(canvasElement, 'portal-estimate', '[part~="approve-button"][aria-disabled="true"]');
  },
};

/**
 * The office revised the estimate while Dana was reading it: her approval names the version she read,
 * so the backend refuses it and the page shows the new version, saying why.
 */
export const ChangedWhileOpen: Story = {
  parameters: { expect: { selector: '[part~="notice"]', text: 'This estimate changed since you opened it' } },
  name: 'Changed while open: review the new version',
  play: async ({ canvasElement, loaded }) => {
    await shadowQuery(canvasElement, 'portal-estimate', '[part~="approve-form"]');
    await reviseEstimate((loaded as unknown as LinkStoryData).backend);
    await approveAsDana(canvasElement);
    await shadowQuery(canvasElement, 'portal-estimate', '[part~="notice"]');
  },
};

/** Changes asked for, and the office sent a revised version: the earlier answer is said above the new one. */
export const RevisedAfterChanges: Story = {
  parameters: { expect: { selector: '[part~="options"]', text: 'You asked for changes to version 1' } },
  name: 'Revised after changes were asked for',
  loaders: [
    prepareLink('estimate', 'est-2001', {
      setup: async (token) => {
        await answerEstimate(token, 'request-changes');
        await reviseEstimate();
      },
    }),
  ],
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

export const Withdrawn: Story = {
  parameters: { expect: { selector: '[part~="link-problem"]', text: 'This estimate was withdrawn' } },
  name: 'Withdrawn by the office',
  loaders: [prepareLink('estimate', 'est-2001', { setup: withdrawEstimate })],
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

/** Signed in, no estimate named, and the account has none: the list says so. */
export const SignedInNoEstimates: Story = {
  name: 'Signed in, no estimate named: no estimates yet',
  parameters: { expect: { selector: '[part~="empty"]', text: 'You have no estimates.' } },
  loaders: [prepare({ signedInAs: DANA, setup: () => editState((s) => void (s.estimates = s.estimates.filter((e) => e.customerId !== 'cust-1001'))) })],
  render: (_args, { loaded }) => inProvider(html`<portal-estimate></portal-estimate>`, loaded as StoryData),
};

/** Past its valid-until day, seen through the account: it takes no answer, and says whom to call. */
export const ExpiredSignedIn: Story = {
  parameters: { expect: { selector: '[part~="expired"]' } },
  name: 'Signed in: past its valid-until day',
  loaders: [
    prepare({
      signedInAs: DANA,
      // A month ago.
      setup: () => call('PUT', '/office/estimates/est-2001', { headers: office(), body: { validUntil: new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10) } }),
    }),
  ],
  render: (_args, { loaded }) => inProvider(html`<portal-estimate estimate-id="est-2001"></portal-estimate>`, loaded as StoryData),
};

/**
 * Signed in, the session ended (signed out on another device) while Dana wrote her reason: the answer
 * was not sent, the card says so, and what she wrote comes back once she signs in again.
 */
export const SessionEndedBeforeAnswer: Story = {
  parameters: { expect: { selector: '[part~="signed-out"][role="alert"]', sessionEnds: true } },
  name: 'Signed in: the session ended before the answer was sent',
  loaders: [prepare({ signedInAs: DANA })],
  render: (_args, { loaded }) => inProvider(html`<portal-estimate estimate-id="est-2001"></portal-estimate>`, loaded as StoryData),
  play: async ({ canvasElement, loaded }) => {
    const data = loaded as StoryData;
    const buttons = await shadowQuery<HTMLElement>(canvasElement, 'portal-estimate', '[part="other-answers"] .actions');
    buttons.querySelector('button')!.click();
    const reason = await shadowQuery<HTMLTextAreaElement>(canvasElement, 'portal-estimate', '#decline-form textarea');
    reason.value = 'We are moving next spring.';
    reason.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await data.adapter.signOut(data.session!);
    (await shadowQuery<HTMLFormElement>(canvasElement, 'portal-estimate', '#decline-form')).requestSubmit();
    await shadowQuery(canvasElement, 'portal-estimate', '[part~="signed-out"][role="alert"]');
  },
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

export const LoadError: Story = {
  parameters: { expect: { selector: '[part~="error"]', text: 'We couldn’t connect' } },
  name: 'Error with retry',
  render: fromLinkWith((apiBase) => offlineLinkAdapter('getEstimate', apiBase)),
};

export const PdfFailed: Story = {
  parameters: { expect: { text: 'We couldn’t download the signed estimate.' } },
  name: 'Approved: the signed PDF could not be downloaded',
  loaders: [prepareLink('estimate', 'est-2001', { setup: (token) => answerEstimate(token, 'approve') })],
  render: fromLinkWith((apiBase) => offlineLinkAdapter('downloadEstimatePdf', apiBase)),
  play: async ({ canvasElement }) => {
    (await shadowQuery<HTMLButtonElement>(canvasElement, 'portal-estimate', '[part~="pdf-button"]')).click();
    await shadowQuery(canvasElement, 'portal-estimate', '[part~="decision"] [role="alert"].problem');
  },
};
