import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { HttpAdapter } from '../src/adapter/http-adapter.js';
import '../src/define/portal-login.js';
import { LONG_NAMES, SettingsNeverCome, SettingsUnreachable, withLongNames } from './account-support.js';
import { DANA, changeSettings, directAdapter, inProvider, portalTurnedOff, prepare, shadowOf, signIn, storyBackend, storyLoader, until, type StoryData } from './support.js';

/** Marcus Reyes: on the contractor's file, no account yet (he is the one who signs up). */
const MARCUS = 'marcus.reyes@example.com';

// The `view` control offers every step (the element's real API), and three of them say the email the
// customer typed on the step before: "Choose a password for …", "We sent a link to …", "If … has an
// account …". So the stories carry an example one in `email` (a host page's prefill, as the element's
// own attribute: the other steps show it in their email field); clear it to see the empty form.
const meta: Meta = {
  title: 'Elements/portal-login',
  component: 'portal-login',
  tags: ['autodocs'],
  args: { email: MARCUS },
  render: (_args, { loaded }) => inProvider(html`<portal-login></portal-login>`, loaded as StoryData),
  loaders: [prepare()],
};
export default meta;
type Story = StoryObj;

/** Fill the fields of the current form and submit it, as a customer would. */
async function submit(canvas: HTMLElement, fields: Record<string, string>) {
  const root = await shadowOf(canvas, 'portal-login');
  const form = await until(() => root.querySelector('form'));
  for (const [name, value] of Object.entries(fields)) {
    (form.querySelector(`[name="${name}"]`) as HTMLInputElement).value = value;
  }
  form.requestSubmit();
}

async function waitFor(canvas: HTMLElement, selector: string) {
  const root = await shadowOf(canvas, 'portal-login');
  await until(() => root.querySelector(selector));
}

export const SignIn: Story = { name: 'Sign in' };

export const SignUpEmail: Story = {
  name: 'Sign-up: email on file',
  render: (_args, { loaded }) => inProvider(html`<portal-login view="sign-up"></portal-login>`, loaded as StoryData),
};

export const SignUpPassword: Story = {
  name: 'Sign-up: choose a password',
  render: (_args, { loaded }) =>
    inProvider(html`<portal-login view="sign-up-password" email=${MARCUS}></portal-login>`, loaded as StoryData),
};

export const EmailNotOnFile: Story = {
  parameters: { expect: { selector: '[role="alert"]' } },
  name: 'Sign-up: email not on file',
  render: (_args, { loaded }) => inProvider(html`<portal-login view="sign-up"></portal-login>`, loaded as StoryData),
  play: async ({ canvasElement }) => {
    await submit(canvasElement, { email: 'someone.else@example.com' });
    await waitFor(canvasElement, '[role="alert"]');
  },
};

export const AccountExists: Story = {
  parameters: { expect: { selector: '[role="alert"]' } },
  name: 'Sign-up: account already exists',
  render: (_args, { loaded }) => inProvider(html`<portal-login view="sign-up"></portal-login>`, loaded as StoryData),
  play: async ({ canvasElement }) => {
    await submit(canvasElement, { email: DANA });
    await waitFor(canvasElement, '[role="alert"]');
  },
};

export const WeakPassword: Story = {
  parameters: { expect: { selector: '[role="alert"]' } },
  name: 'Sign-up: password refused',
  render: (_args, { loaded }) =>
    inProvider(html`<portal-login view="sign-up-password" email=${MARCUS}></portal-login>`, loaded as StoryData),
  play: async ({ canvasElement }) => {
    await submit(canvasElement, { 'new-password': 'password1234' });
    await waitFor(canvasElement, '[role="alert"]');
  },
};

export const ConfirmEmailSent: Story = {
  parameters: { expect: { selector: '[role="status"].success' } },
  name: 'Sign-up: confirm your email',
  render: (_args, { loaded }) =>
    inProvider(html`<portal-login view="sign-up-password" email=${MARCUS}></portal-login>`, loaded as StoryData),
  play: async ({ canvasElement }) => {
    await submit(canvasElement, { 'new-password': 'a quiet house on birch court' });
    await waitFor(canvasElement, '[role="status"].success');
  },
};

export const WrongPassword: Story = {
  name: 'Sign-in: wrong password',
  parameters: { expect: { selector: '[role="alert"]' } },
  play: async ({ canvasElement }) => {
    await submit(canvasElement, { email: DANA, password: 'not my password' });
    await waitFor(canvasElement, '[role="alert"]');
  },
};

/** The sign-in sent, its answer not back yet: the button says so and a second press does nothing. */
class AnswerNeverComes extends HttpAdapter {
  override signIn(): Promise<never> {
    return new Promise(() => undefined);
  }
}

export const SigningIn: Story = {
  name: 'Sign-in: waiting for the answer',
  parameters: { expect: { text: 'Please wait…' } },
  render: (_args, { loaded }) =>
    inProvider(html`<portal-login></portal-login>`, loaded as StoryData, new AnswerNeverComes({ apiBase: (loaded as StoryData).apiBase })),
  play: async ({ canvasElement }) => {
    await submit(canvasElement, { email: DANA, password: 'maple street furnace 1987' });
    await waitFor(canvasElement, '[part~="card"][aria-busy="true"]');
  },
};

/** Said before anything is sent: an empty password would count as a failed sign-in. */
export const PasswordMissing: Story = {
  name: 'Sign-in: no password entered',
  parameters: { expect: { selector: 'input[name="password"][aria-invalid="true"]', text: 'Enter your password.' } },
  play: async ({ canvasElement }) => {
    await submit(canvasElement, { email: DANA, password: '' });
    await waitFor(canvasElement, 'input[name="password"][aria-invalid="true"]');
  },
};

export const LockedOut: Story = {
  name: 'Sign-in: locked out after too many tries',
  parameters: { expect: { selector: '[role="alert"]' } },
  loaders: [
    prepare({
      setup: async () => {
        for (let i = 0; i < 5; i++) await directAdapter.signIn({ email: DANA, password: `wrong ${i}` }).catch(() => undefined);
      },
    }),
  ],
  play: async ({ canvasElement }) => {
    await submit(canvasElement, { email: DANA, password: 'maple street furnace 1987' });
    await waitFor(canvasElement, '[role="alert"]');
  },
};

export const ForgotPassword: Story = {
  name: 'Forgot password',
  render: (_args, { loaded }) => inProvider(html`<portal-login view="forgot"></portal-login>`, loaded as StoryData),
};

export const ResetLinkSent: Story = {
  name: 'Forgot password: reset link sent',
  parameters: { expect: { selector: '[role="status"].success' } },
  render: (_args, { loaded }) => inProvider(html`<portal-login view="forgot"></portal-login>`, loaded as StoryData),
  play: async ({ canvasElement }) => {
    await submit(canvasElement, { email: DANA });
    await waitFor(canvasElement, '[role="status"].success');
  },
};

/** The reset stories put the link in the page address, which every story on a docs page would read: story view only. */
export const ResetFromLink: Story = {
  name: 'Reset: new password from the emailed link',
  tags: ['!autodocs'],
  loaders: [
    prepare({
      setup: async () => {
        await directAdapter.requestPasswordReset(DANA, location.href);
        const mail = (await storyBackend.inspect()).outbox.at(-1)!;
        history.replaceState(history.state, '', new URL(mail.link!).hash);
      },
    }),
  ],
};

class ResetCheckNeverAnswers extends HttpAdapter {
  override checkResetLink(): Promise<never> {
    return new Promise(() => undefined);
  }
}

/** The emailed reset link is checked as it opens, before a new password is typed for nothing. */
export const ResetChecking: Story = {
  name: 'Reset: checking the emailed link',
  tags: ['!autodocs'],
  parameters: { expect: { text: 'Checking your link…' } },
  loaders: ResetFromLink.loaders,
  render: (_args, { loaded }) =>
    inProvider(html`<portal-login></portal-login>`, loaded as StoryData, new ResetCheckNeverAnswers({ apiBase: (loaded as StoryData).apiBase })),
};

export const ResetLinkExpired: Story = {
  name: 'Reset: a used link, said as it opens',
  tags: ['!autodocs'],
  loaders: [
    prepare({
      setup: async () => {
        await directAdapter.requestPasswordReset(DANA, location.href);
        const mail = (await storyBackend.inspect()).outbox.at(-1)!;
        const token = new URL(mail.link!).hash.replace('#porchlight-reset=', '');
        await directAdapter.resetPassword(token, 'a brand new long password');
        history.replaceState(history.state, '', new URL(mail.link!).hash);
      },
    }),
  ],
  play: async ({ canvasElement }) => {
    await waitFor(canvasElement, '[role="alert"]');
  },
};

export const ResetDone: Story = {
  name: 'Reset: password changed, back to sign in',
  tags: ['!autodocs'],
  parameters: { expect: { selector: '[role="status"].success', text: 'Your password has been changed' } },
  loaders: ResetFromLink.loaders,
  play: async ({ canvasElement }) => {
    await waitFor(canvasElement, 'input[name="new-password"]');
    await submit(canvasElement, { 'new-password': 'a brand new long password' });
    await waitFor(canvasElement, '[role="status"].success');
  },
};

/** A new account's confirmation link, opened: it asks for the password chosen at sign-up. Story view only (the link is in the page address). */
export const ConfirmFromLink: Story = {
  name: 'Confirm email: the emailed link asks for the password',
  tags: ['!autodocs'],
  loaders: [prepare({ setup: () => openConfirmationLink() })],
};

export const ConfirmWrongPassword: Story = {
  name: 'Confirm email: not the password chosen at sign-up',
  tags: ['!autodocs'],
  loaders: [prepare({ setup: () => openConfirmationLink() })],
  play: async ({ canvasElement }) => {
    await submit(canvasElement, { password: 'not the one I chose' });
    await waitFor(canvasElement, '[role="alert"]');
  },
};

/** The confirmation link opened again after it worked (or past its day): signing in comes first. */
export const ConfirmLinkUsed: Story = {
  name: 'Confirm email: a link already used',
  tags: ['!autodocs'],
  parameters: { expect: { text: 'This confirmation link no longer works' } },
  loaders: [
    prepare({
      setup: async () => {
        await openConfirmationLink();
        // Marcus confirmed from another device: the link in this page's address is spent.
        const token = location.hash.split(/[=&]/)[1]!;
        await directAdapter.verifyEmail(decodeURIComponent(token), 'a quiet house on birch court');
      },
    }),
  ],
  play: async ({ canvasElement }) => {
    await submit(canvasElement, { password: 'a quiet house on birch court' });
    const root = await shadowOf(canvasElement, 'portal-login');
    // Refused: the password form gives way to the dead link's card (Sign in, Sign up again). By its
    // shape, not its heading's words, so the toolbar's Language (Español) gets there too.
    await until(() => !(root.host as HTMLElement).matches(':state(busy)') && !root.querySelector('form') && root.querySelector('[part~="card"] .actions button'));
  },
};

/** Marcus signs up (confirmation on, the default), and the page opens the link his email carries. */
async function openConfirmationLink() {
  await directAdapter.signUp({ email: MARCUS, password: 'a quiet house on birch court', verifyUrl: location.href.split('#')[0]! });
  const mail = (await storyBackend.inspect()).outbox.filter((m) => m.kind === 'verify-email').at(-1)!;
  history.replaceState(history.state, '', new URL(mail.link!).hash);
}

export const EmailIncomplete: Story = {
  parameters: { expect: { selector: '[role="alert"]' } },
  name: 'Sign-up: not a complete email address',
  render: (_args, { loaded }) => inProvider(html`<portal-login view="sign-up"></portal-login>`, loaded as StoryData),
  play: async ({ canvasElement }) => {
    await submit(canvasElement, { email: 'marcus' });
    await waitFor(canvasElement, '[role="alert"]');
  },
};

export const PortalDisabledSignedIn: Story = {
  name: 'Portal turned off while signed in',
  loaders: [portalTurnedOff(DANA)],
};

/** Signed out because the session's time ran out (or the backend no longer knows it): the form says why. */
export const SessionEnded: Story = {
  name: 'Session ended: back to sign in, saying why',
  parameters: { expect: { text: 'Your session has ended' } },
  loaders: [
    storyLoader(async () => {
      const session = await signIn(DANA);
      // Its time already up: the provider ends it as it takes it, as its timer would have.
      return { session: { ...session, expiresAt: new Date(Date.now() - 1000).toISOString() } };
    }),
  ],
};

export const SignedIn: Story = {
  name: 'Signed in',
  loaders: [prepare({ signedInAs: 'priya.nair@harborpoint.example' })],
};

/** A contractor with a long name and phone: the intro and the "call us" lines wrap. */
export const LongCompanyName: Story = {
  name: 'Sign in: a long contractor name',
  parameters: { expect: { text: LONG_NAMES.company } },
  loaders: [withLongNames({ signedIn: false })],
};

/** Signed in with a long email address (and a long account name): the card breaks the address where it can. */
export const LongEmail: Story = {
  name: 'Signed in: a long email address',
  parameters: { expect: { selector: '[part~="card"] .email' } },
  loaders: [withLongNames()],
};

export const PortalDisabled: Story = {
  name: 'Portal turned off',
  loaders: [prepare({ setup: () => changeSettings({ portalEnabled: false }) })],
};

export const BackendUnreachable: Story = {
  name: 'Sign-in: the portal could not be reached',
  parameters: { expect: { selector: '[role="alert"]' } },
  render: (_args, { loaded }) =>
    inProvider(html`<portal-login></portal-login>`, loaded as StoryData, new SettingsUnreachable({ apiBase: (loaded as StoryData).apiBase })),
};

/** The other steps follow the settings (password rules, the company's phone): without them, Try again and the way back. */
export const SignUpUnreachable: Story = {
  name: 'Sign-up: the portal could not be reached',
  parameters: { expect: { selector: '[role="alert"]', text: 'We couldn’t connect' } },
  render: (_args, { loaded }) =>
    inProvider(html`<portal-login view="sign-up"></portal-login>`, loaded as StoryData, new SettingsUnreachable({ apiBase: (loaded as StoryData).apiBase })),
};

/** The form is ready to type before the settings arrive; the company's name joins the intro when they do. */
export const BeforeTheSettings: Story = {
  name: 'Before the settings arrive',
  render: (_args, { loaded }) =>
    inProvider(html`<portal-login></portal-login>`, loaded as StoryData, new SettingsNeverCome({ apiBase: (loaded as StoryData).apiBase })),
};

export const NoProvider: Story = {
  name: 'Standalone, with api-base',
  render: (_args, { loaded }) => html`<portal-login api-base=${(loaded as StoryData).apiBase}></portal-login>`,
};
