import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/define/portal-app.js';
import { LONG_NAMES, SettingsNeverCome, SettingsUnreachable, asSam, withLongNames } from './account-support.js';
import { sendLink } from './link-support.js';
import { DANA, PRIYA, changeSettings, inProvider, portalTurnedOff, prepare, signIn, storyBackend, storyLoader, type LoaderContext, type StoryData } from './support.js';

// The docs page shows several portals at once, so each story leaves the page address alone
// (`routing="none"`) except the deep links, which are about the address (and stay off the docs page).
// (A line comment: a JSDoc block on the meta would replace the page's introduction, element-docs.ts.)
const meta: Meta = {
  title: 'Elements/portal-app',
  component: 'portal-app',
  tags: ['autodocs'],
  render: (_args, { loaded }) => inProvider(html`<portal-app routing="none"></portal-app>`, loaded as StoryData),
  loaders: [prepare({ signedInAs: DANA })],
};
export default meta;
type Story = StoryObj;

export const SignedOut: Story = { name: 'Signed out', loaders: [prepare()] };

export const SignedIn: Story = { name: 'Signed in: balance and invoices first' };

/**
 * Long names where a customer reads them: the sign-in card beside the sections shows the long email and
 * account name (the contractor's long name and phone are set too, for the sections that say them).
 */
export const LongNames: Story = {
  name: 'Long names: the account and its sign-in email',
  parameters: { expect: { text: LONG_NAMES.customer } },
  loaders: [withLongNames()],
};

export const SeveralAccounts: Story = {
  name: 'A sign-in with several accounts: the account switcher',
  loaders: [prepare({ signedInAs: PRIYA })],
};

export const NonBilling: Story = {
  name: 'A sign-in without billing: one note where billing would be',
  loaders: [asSam()],
};

export const SettingsHideSections: Story = {
  name: 'Settings: memberships hidden, scheduling and online payments off',
  loaders: [
    prepare({
      signedInAs: DANA,
      setup: () => changeSettings({ membershipsVisible: false, schedulerEnabled: false, onlinePaymentsEnabled: false }),
    }),
  ],
};

/** Turned off by the contractor: the sign-in card says so once, with Sign out on this device; no sections. */
export const PortalOff: Story = {
  name: 'Portal turned off while signed in: no sections, one message',
  parameters: { expect: { selector: '[part~="portal-off"]' } },
  loaders: [portalTurnedOff(DANA)],
};

/** Signed in, the contractor's settings (which decide the sections) on their way. */
export const LoadingSettings: Story = {
  name: 'Signed in, the settings on their way',
  parameters: { expect: { text: 'Loading…' } },
  render: (_args, { loaded }) =>
    inProvider(html`<portal-app routing="none"></portal-app>`, loaded as StoryData, new SettingsNeverCome({ apiBase: (loaded as StoryData).apiBase })),
};

export const SettingsError: Story = {
  name: 'Signed in, the settings could not be loaded: Try again',
  parameters: { expect: { selector: '.main [part~="error"]', text: 'We couldn’t connect' } },
  render: (_args, { loaded }) =>
    inProvider(html`<portal-app routing="none"></portal-app>`, loaded as StoryData, new SettingsUnreachable({ apiBase: (loaded as StoryData).apiBase })),
};

/** The address as a link from an email would have it; the portal follows it (and Back) from there. */
function openAt(fragment: () => Promise<string>) {
  return storyLoader(async () => {
    const session = await signIn(DANA);
    history.replaceState(history.state, '', `${location.pathname}${location.search}#${await fragment()}`);
    return { session };
  });
}

export const DeepLinkToASection: Story = {
  name: 'Deep link: #portal=visits',
  tags: ['!autodocs'],
  loaders: [openAt(async () => 'portal=visits')],
  render: (_args, { loaded }) => inProvider(html`<portal-app></portal-app>`, loaded as StoryData),
};

export const DeepLinkToAnInvoice: Story = {
  name: 'Deep link: an open invoice (#portal=invoices/…)',
  tags: ['!autodocs'],
  loaders: [
    openAt(async () => {
      const invoice = (await storyBackend.inspect()).invoices.find((i) => i.number === '10412')!;
      return `portal=invoices/${encodeURIComponent(invoice.id)}`;
    }),
  ],
  render: (_args, { loaded }) => inProvider(html`<portal-app></portal-app>`, loaded as StoryData),
};

export const DeepLinkToEstimates: Story = {
  name: 'Deep link: the estimates (#portal=estimates)',
  tags: ['!autodocs'],
  parameters: { expect: { selector: 'ul.estimates[part~="list"]' } },
  loaders: [openAt(async () => 'portal=estimates')],
  render: (_args, { loaded }) => inProvider(html`<portal-app></portal-app>`, loaded as StoryData),
};

export const DeepLinkToAnEstimate: Story = {
  name: 'Deep link: an open estimate (#portal=estimates/…), its options side by side',
  tags: ['!autodocs'],
  parameters: { expect: { selector: '[part~="options"]' } },
  loaders: [openAt(async () => 'portal=estimates/est-2001')],
  render: (_args, { loaded }) => inProvider(html`<portal-app></portal-app>`, loaded as StoryData),
};

/** A pay link's address, as the office's email opens it on the portal's page. */
function openPayLink() {
  return storyLoader(async () => {
    const token = await sendLink('pay', 'inv-10412');
    const search = new URLSearchParams(location.search);
    search.set('invoice', 'inv-10412');
    history.replaceState(history.state, '', `${location.pathname}?${search}#porchlight-link=${token}`);
    return {};
  });
}

/**
 * The link out of the page address once the story goes, so the next story does not find it there. Only
 * the link's parts: Storybook has by then written the next story into the address. Once per render (a
 * control's change loads the story again with the same signal).
 */
const cleaning = new WeakSet<AbortSignal>();
function removeLinkOnLeaving(context: LoaderContext) {
  if (cleaning.has(context.abortSignal)) return {};
  cleaning.add(context.abortSignal);
  context.abortSignal.addEventListener('abort', () => {
    const url = new URL(location.href);
    url.searchParams.delete('invoice');
    const fragment = new URLSearchParams(url.hash.replace(/^#/, ''));
    fragment.delete('porchlight-link');
    url.hash = fragment.toString();
    history.replaceState(history.state, '', url);
  });
  return {};
}

export const SignedOutWithAPayLink: Story = {
  name: 'Signed out, opened from a pay link: the invoice to pay above the sign-in card',
  tags: ['!autodocs'],
  parameters: { expect: { selector: 'portal-pay', text: 'Pay invoice 10412' } },
  loaders: [removeLinkOnLeaving, openPayLink()],
  render: (_args, { loaded }) => inProvider(html`<portal-app></portal-app>`, loaded as StoryData),
};

export const Phone: Story = {
  name: '320 px wide',
  render: (_args, { loaded }) =>
    inProvider(html`<div style="width: 320px; max-width: 100%"><portal-app routing="none"></portal-app></div>`, loaded as StoryData),
};

export const PhoneSignedOut: Story = {
  name: '320 px wide, signed out',
  loaders: [prepare()],
  render: Phone.render,
};
