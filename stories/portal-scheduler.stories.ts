import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { PortalError } from '../src/adapter/portal-error.js';
import '../src/define/portal-scheduler.js';
import '../src/define/portal-visits.js';
import { FakeScheduling } from '../test/helpers/scheduling.js';
import { DANA, directAdapter, inProvider, prepare, until, type StoryData } from './support.js';

/**
 * Scheduling is answered in memory (`test/helpers/scheduling.ts`, the contract's rules) until the
 * reference backend serves it; sign-in and settings come from the story backend. "Today" is Tuesday,
 * November 17, 2026 in Chicago, so the days shown never move.
 */
interface SchedulerStoryData extends StoryData {
  fake: FakeScheduling;
}

type Draft = Record<string, unknown>;

const served = { street: '12 Elm St', unit: '', city: 'Springfield', state: 'IL', zip: '62704' };
const problem = 'The furnace clicks but never lights. It started after the power cut on Sunday.';
const days = [
  { date: '2026-11-18', windowId: 'morning' },
  { date: '2026-11-20', windowId: 'afternoon' },
];
const jordan = { name: 'Jordan Avery', phone: '(555) 012-3456', email: 'jordan@example.com', consentToContact: true, consentToTexts: false };
const publicDraft = (step: string, more: Draft = {}): Draft => ({
  step,
  address: served,
  serviceId: 'svc-heating',
  description: problem,
  days,
  contact: jordan,
  ...more,
});

/** A loader: the story backend from its seed, a fresh scheduling fake, and a kept draft when given. */
function scheduler(options: { signedInAs?: string; draft?: Draft; setup?: (fake: FakeScheduling) => void } = {}) {
  const load = prepare({ signedInAs: options.signedInAs });
  return async (): Promise<SchedulerStoryData> => {
    const data = await load();
    const fake = new FakeScheduling(directAdapter);
    options.setup?.(fake);
    for (const key of Object.keys(sessionStorage)) if (key.startsWith('porchlight.scheduler-draft:')) sessionStorage.removeItem(key);
    if (options.draft) {
      const owner = options.signedInAs ? (data.session?.accounts[0]?.customerId ?? 'public') : 'public';
      sessionStorage.setItem(`porchlight.scheduler-draft:${owner}`, JSON.stringify(options.draft));
    }
    return { ...data, fake };
  };
}

function render(loaded: unknown, zone = 'America/Chicago') {
  const data = loaded as SchedulerStoryData;
  return inProvider(html`<portal-scheduler .browserTimeZone=${zone}></portal-scheduler>`, data, data.fake.adapter());
}

/** For play functions: an element in the scheduler, once it is there. */
function inScheduler(canvas: HTMLElement, selector: string) {
  return until(() => canvas.querySelector('portal-scheduler')?.shadowRoot?.querySelector<HTMLElement>(selector));
}

async function press(canvas: HTMLElement, selector: string) {
  (await inScheduler(canvas, selector)).click();
}

function typeInto(input: HTMLElement, value: string) {
  (input as HTMLInputElement).value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

const meta: Meta = {
  title: 'Elements/portal-scheduler',
  component: 'portal-scheduler',
  tags: ['autodocs'],
  render: (_args, { loaded }) => render(loaded),
  loaders: [scheduler()],
};
export default meta;
type Story = StoryObj;

export const PublicSite: Story = { name: 'Public site: the postal code first' };

export const OutsideServiceArea: Story = {
  name: 'Public site: outside the service area',
  play: async ({ canvasElement }) => {
    typeInto(await inScheduler(canvasElement, '#field-zip'), '90210');
    await press(canvasElement, 'form button[type="submit"]');
  },
};

export const SignedIn: Story = { name: 'Signed in: one of the account’s locations', loaders: [scheduler({ signedInAs: DANA })] };

export const SignedInOutsideArea: Story = {
  name: 'Signed in: a location outside the service area',
  loaders: [
    scheduler({
      signedInAs: DANA,
      setup: (fake) => void (fake.addresses['loc-1'] = { street: '1 Ocean Ave', city: 'Santa Monica', state: 'CA', zip: '90401' }),
    }),
  ],
};

export const What: Story = { name: 'Step: service and problem', loaders: [scheduler({ draft: { step: 'what', address: served } })] };

export const When: Story = {
  name: 'Step: the next open days',
  loaders: [scheduler({ draft: publicDraft('when', { days: [{ date: '2026-11-18', windowId: null }] }) })],
};

export const MoreDates: Story = {
  name: 'Step: the month grid',
  loaders: [scheduler({ draft: publicDraft('when') })],
  play: async ({ canvasElement }) => press(canvasElement, '#more-toggle'),
};

export const OtherTimeZone: Story = {
  name: 'A browser in Auckland, a contractor in Chicago',
  loaders: [scheduler({ draft: publicDraft('when') })],
  render: (_args, { loaded }) => render(loaded, 'Pacific/Auckland'),
};

export const OtherTimeZoneReview: Story = {
  name: 'A browser in Auckland: the review in both clocks',
  loaders: [scheduler({ draft: publicDraft('review') })],
  render: (_args, { loaded }) => render(loaded, 'Pacific/Auckland'),
};

export const NoDaysOpen: Story = {
  name: 'No days open',
  loaders: [scheduler({ draft: publicDraft('when', { days: [] }), setup: (fake) => void (fake.settings.workingDays = []) })],
};

export const Photos: Story = { name: 'Step: photos', loaders: [scheduler({ draft: publicDraft('photos') })] };

export const Contact: Story = {
  name: 'Step: how to reach you (public site)',
  loaders: [scheduler({ draft: publicDraft('contact', { contact: { ...jordan, name: '', consentToContact: false } }) })],
};

export const ValidationErrors: Story = {
  name: 'Validation errors on the fields',
  loaders: [scheduler({ draft: publicDraft('contact', { contact: { name: '', phone: '', email: 'jordan@', consentToContact: false, consentToTexts: true } }) })],
  play: async ({ canvasElement }) => press(canvasElement, 'form button[type="submit"]'),
};

export const Review: Story = { name: 'Step: check and send', loaders: [scheduler({ draft: publicDraft('review') })] };

export const Sending: Story = {
  loaders: [scheduler({ draft: publicDraft('review'), setup: (fake) => void (fake.hold = true) })],
  play: async ({ canvasElement }) => press(canvasElement, 'form button[type="submit"]'),
};

export const Sent: Story = {
  name: 'Sent: received, not yet booked',
  loaders: [scheduler({ draft: publicDraft('review') })],
  play: async ({ canvasElement }) => press(canvasElement, 'form button[type="submit"]'),
};

export const DroppedConnection: Story = {
  name: 'Dropped connection (press Send again: one request)',
  loaders: [
    scheduler({
      draft: publicDraft('review'),
      setup: (fake) => void (fake.failNext = { error: new PortalError('NETWORK', 'dropped'), afterStoring: true }),
    }),
  ],
  play: async ({ canvasElement }) => press(canvasElement, 'form button[type="submit"]'),
};

export const SchedulerOff: Story = {
  name: 'Scheduler off: call the office',
  loaders: [scheduler({ setup: (fake) => void (fake.publicSettings = { schedulerEnabled: false }) })],
};

export const OpenedFromVisits: Story = {
  name: 'Opened from <portal-visits>',
  loaders: [scheduler({ signedInAs: DANA })],
  render: (_args, { loaded }) => {
    const data = loaded as SchedulerStoryData;
    return inProvider(
      html`<portal-visits></portal-visits>
        <portal-scheduler hidden></portal-scheduler>`,
      data,
      data.fake.adapter(),
    );
  },
  play: async ({ canvasElement }) => {
    const button = await until(() =>
      canvasElement.querySelector('portal-visits')?.shadowRoot?.querySelector<HTMLButtonElement>('[part="actions"] button'),
    );
    button.click();
  },
};
