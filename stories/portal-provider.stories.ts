import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/define/portal-invoices.js';
import '../src/define/portal-login.js';
import { SEEDED_PASSWORDS } from '../backend/index.js';
import { DANA, inProvider, prepare, shadowOf, until, type StoryData } from './support.js';

// The provider has no look of its own: each story shows it around a sign-in and an invoices list, placed
// in the page's own layout (two columns that stack on a narrow screen), sharing one sign-in.
// (A line comment: a JSDoc block on the meta would replace the page's introduction, element-docs.ts.)
const meta: Meta = {
  title: 'Elements/portal-provider',
  component: 'portal-provider',
  tags: ['autodocs'],
  render: (_args, { loaded }) =>
    inProvider(
      html`<div style="display: grid; grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr)); gap: 1.5rem; align-items: start">
        <div><portal-login></portal-login></div>
        <div><portal-invoices></portal-invoices></div>
      </div>`,
      loaded as StoryData,
    ),
  loaders: [prepare()],
};
export default meta;
type Story = StoryObj;

// The play steps go by the elements' parts, states and data attributes, never by their words: the
// toolbar's Language (Español) must reach the same states.

/** Presses the signed-in card's Sign out (the card's one action once someone is signed in). */
async function pressSignOut(canvas: HTMLElement) {
  const root = await shadowOf(canvas, 'portal-login');
  const button = await until(() => (root.host as HTMLElement).matches(':state(signed-in)') && root.querySelector<HTMLButtonElement>('[part~="card"] .actions button'));
  button.click();
}

/** Waits until the invoices list shows `selector`. */
async function invoicesShow(canvas: HTMLElement, selector: string) {
  const root = await shadowOf(canvas, 'portal-invoices');
  await until(() => root.querySelector(selector));
}

/** Signs Dana in on the login card, as she would, and waits for the invoices beside it to show hers. */
async function signInOnTheCard(canvas: HTMLElement) {
  const root = await shadowOf(canvas, 'portal-login');
  const form = await until(() => root.querySelector('form'));
  (form.querySelector('[name="email"]') as HTMLInputElement).value = DANA;
  (form.querySelector('[name="password"]') as HTMLInputElement).value = SEEDED_PASSWORDS[DANA]!;
  form.requestSubmit();
  await invoicesShow(canvas, 'button[data-invoice="inv-10412"]');
}

/** The customer signs in on the login card; the invoices list beside it shows their invoices at once. */
export const SharedSignIn: Story = {
  name: 'One sign-in shared: sign in on the card, the invoices follow',
  parameters: { expect: { text: 'Invoice 10412' } },
  play: ({ canvasElement }) => signInOnTheCard(canvasElement),
};

/** Before anyone signs in: the card asks for the sign-in, the list says what signing in will show. */
export const SignedOut: Story = {
  name: 'Signed out',
  parameters: { expect: { selector: '[part~="signed-out"]' } },
};

/** A session handed to the provider by the host page (its `session` property): no sign-in step. */
export const SessionFromThePage: Story = {
  name: 'Signed in by the page (the session property)',
  parameters: { expect: { text: 'Invoice 10412' } },
  loaders: [prepare({ signedInAs: DANA })],
};

/** Signing out on the card signs every element inside the provider out. */
export const SignOutEverywhere: Story = {
  name: 'Sign out on the card: every element inside is signed out',
  parameters: { expect: { text: 'You have signed out' } },
  play: async ({ canvasElement }) => {
    await signInOnTheCard(canvasElement);
    await pressSignOut(canvasElement);
    await invoicesShow(canvasElement, '[part~="signed-out"]');
  },
};
