import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { PortalAdapter } from '../src/adapter/portal-adapter.js';
import { PortalError } from '../src/adapter/portal-error.js';
import type { AvailabilityDay, SchedulerSettings } from '../src/model/scheduler.js';
import '../src/define/portal-scheduler.js';
import { preparePhoto } from '../src/elements/portal-scheduler/photos.js';
import '../src/define/portal-visits.js';
import { SchedulingHooks } from '../test/helpers/scheduling.js';
import { DANA, changeSettings, directAdapter, inProvider, signIn, storyBackend, storyLoader, until, type StoryData } from './support.js';

/**
 * Every state of the scheduler on the story backend (the reference backend in the page), with hooks in
 * front of it to hold a request (sending) or lose its answer (a dropped connection). Days are the
 * backend's: today's open days in the contractor's zone.
 */
interface SchedulerStoryData extends StoryData {
  hooks: SchedulingHooks;
}

type Draft = Record<string, unknown>;
type OpenDay = Extract<AvailabilityDay, { available: true }>;

const served = { street: '12 Elm St', unit: '', city: 'Springfield', state: 'IL', zip: '62704' };
const problem = 'The furnace clicks but never lights. It started after the power cut on Sunday.';
const jordan = { name: 'Jordan Avery', phone: '(555) 012-3456', email: 'jordan@example.com', consentToContact: true, consentToTexts: false };
/** The first open day's first window and the third open day's last, as a customer might choose. */
const twoDays = (open: OpenDay[]) => [
  { date: open[0]!.date, windowId: open[0]!.windows[0]!.id },
  { date: open[2]!.date, windowId: open[2]!.windows.at(-1)!.id },
];
const publicDraft =
  (step: string, more: (open: OpenDay[]) => Draft = () => ({})) =>
  (open: OpenDay[]): Draft => ({
    step,
    address: served,
    serviceId: 'svc-heating',
    description: problem,
    days: twoDays(open),
    contact: jordan,
    ...more(open),
  });

/**
 * Office-side: the scheduling settings saved, as the office's form would. On the story being prepared,
 * or (in a play step) on `on`, the story's own backend.
 */
async function saveScheduling(change: Partial<SchedulerSettings>, on: Pick<StoryData, 'adapter' | 'backend'> = { adapter: directAdapter, backend: storyBackend }) {
  const current: Partial<SchedulerSettings> & { timeZone?: string } = { ...(await on.adapter.getSchedulerConfig()), ...change };
  delete current.timeZone;
  const settings = current;
  await on.backend.database.db
    .insertInto('settings')
    .values({ key: 'scheduling', value: JSON.stringify(settings) })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(settings) }))
    .execute();
}

/** A loader: the story backend from its seed, the story's setup, and a kept draft built on today's open days. */
function scheduler(
  options: { signedInAs?: string; draft?: (open: OpenDay[]) => Draft; setup?: () => Promise<void>; hooks?: (hooks: SchedulingHooks) => void } = {},
) {
  return storyLoader(async () => {
    await options.setup?.();
    const session = options.signedInAs ? await signIn(options.signedInAs) : null;
    const hooks = new SchedulingHooks();
    options.hooks?.(hooks);
    // The draft is the page's (sessionStorage), not the backend's: setups run one at a time and the next
    // waits for this story to render, so each scheduler reads the draft its own story kept.
    for (const key of Object.keys(sessionStorage)) if (key.startsWith('porchlight.scheduler-draft:')) sessionStorage.removeItem(key);
    if (options.draft) {
      const days: AvailabilityDay[] = (await directAdapter.getAvailability({}).catch(() => null))?.days ?? [];
      const open = days.filter((d): d is OpenDay => d.available);
      const owner = options.signedInAs ? (session?.accounts[0]?.customerId ?? 'public') : 'public';
      if (open.length >= 3) sessionStorage.setItem(`porchlight.scheduler-draft:${owner}`, JSON.stringify(options.draft(open)));
    }
    return { session, hooks, settled: (canvas: HTMLElement) => draftSettled(canvas, hooks) };
  });
}

/**
 * The scheduler reads its kept draft (the page's sessionStorage) once its settings arrive, and a send
 * clears it when the answer comes. On a docs page the next story's setup writes its own draft there:
 * it waits until this scheduler has read its draft and is not sending (unless the story holds the send).
 */
function draftSettled(canvas: HTMLElement, hooks: SchedulingHooks): boolean {
  const scheduler = canvas.querySelector('portal-scheduler') as { portal?: { settings?: unknown; settingsError?: unknown } } | null;
  if (!scheduler?.portal?.settings && !scheduler?.portal?.settingsError) return false;
  return hooks.hold || !(scheduler as unknown as Element).matches(':state(busy)');
}

/** `overrides`: adapter methods replaced (a request that never answers, or fails as if offline). */
function render(loaded: unknown, zone = 'America/Chicago', overrides: Partial<PortalAdapter> = {}) {
  const data = loaded as SchedulerStoryData;
  const adapter = { ...data.hooks.adapter(data.adapter), ...overrides } as PortalAdapter;
  return inProvider(html`<portal-scheduler .browserTimeZone=${zone}></portal-scheduler>`, data, adapter);
}

const never = () => new Promise<never>(() => undefined);
const offline = () => Promise.reject(new PortalError('NETWORK', 'offline'));

/** For play functions: an element in the scheduler, once it is there. */
function inScheduler(canvas: HTMLElement, selector: string) {
  return until(() => canvas.querySelector('portal-scheduler')?.shadowRoot?.querySelector<HTMLElement>(selector));
}

async function press(canvas: HTMLElement, selector: string) {
  (await inScheduler(canvas, selector)).click();
}

/**
 * Presses a button and returns once `outcome` shows in the scheduler. A play step must not end before
 * what it started: the scheduler would write the page's kept draft after the next story's setup wrote its own.
 */
async function pressThen(canvas: HTMLElement, selector: string, outcome: string) {
  await press(canvas, selector);
  await inScheduler(canvas, outcome);
}

const SEND = 'form button[type="submit"]';

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
    await pressThen(canvasElement, SEND, '#field-zip[aria-invalid="true"]');
  },
};

export const SignedIn: Story = { name: 'Signed in: one of the account’s locations', loaders: [scheduler({ signedInAs: DANA })] };

export const SignedInOutsideArea: Story = {
  name: 'Signed in: a location outside the service area',
  loaders: [
    scheduler({
      signedInAs: DANA,
      setup: async () => {
        const address = { street: '1 Ocean Ave', city: 'Santa Monica', state: 'CA', zip: '90401', country: 'US' };
        await storyBackend.database.db.updateTable('locations').set({ address: JSON.stringify(address) }).where('id', '=', 'loc-1').execute();
      },
    }),
  ],
};

export const SignedInOtherAddress: Story = {
  parameters: { expect: { selector: '#field-street' } },
  name: 'Signed in: another address',
  loaders: [scheduler({ signedInAs: DANA, draft: () => ({ step: 'where', otherAddress: true, locationId: null }) })],
};

export const LocationsError: Story = {
  parameters: { expect: { selector: '[part~="error"] button', text: 'We couldn’t connect' } },
  name: 'Signed in: the locations could not be loaded',
  loaders: [scheduler({ signedInAs: DANA })],
  render: (_args, { loaded }) => render(loaded, undefined, { listServiceLocations: offline }),
};

export const What: Story = { name: 'Step: service and problem', loaders: [scheduler({ draft: () => ({ step: 'what', address: served }) })] };

export const When: Story = {
  name: 'Step: the next open days',
  loaders: [scheduler({ draft: publicDraft('when', (open) => ({ days: [{ date: open[0]!.date, windowId: null }] })) })],
};

export const MoreDates: Story = {
  name: 'Step: the month grid',
  loaders: [scheduler({ draft: publicDraft('when') })],
  play: async ({ canvasElement }) => press(canvasElement, '#more-toggle'),
};

export const OtherTimeZone: Story = {
  parameters: { expect: { selector: '[part~="time-zone-note"]' } },
  name: 'A browser in Auckland, a contractor in Chicago',
  loaders: [scheduler({ draft: publicDraft('when') })],
  render: (_args, { loaded }) => render(loaded, 'Pacific/Auckland'),
};

export const OtherTimeZoneReview: Story = {
  name: 'A browser in Auckland: the review in both clocks',
  loaders: [scheduler({ draft: publicDraft('review') })],
  render: (_args, { loaded }) => render(loaded, 'Pacific/Auckland'),
};

export const DaysError: Story = {
  parameters: { expect: { selector: '[part~="error"] button', text: 'We couldn’t connect' } },
  name: 'Step: the open days could not be loaded',
  loaders: [scheduler({ draft: publicDraft('when', () => ({ days: [] })) })],
  render: (_args, { loaded }) => render(loaded, undefined, { getAvailability: offline }),
};

export const NoDaysOpen: Story = {
  parameters: { expect: { selector: '[part~="no-days"]' } },
  name: 'No days open',
  loaders: [scheduler({ setup: () => saveScheduling({ workingDays: [] }) })],
  play: async ({ canvasElement }) => {
    const zip = await inScheduler(canvasElement, '#field-zip');
    typeInto(zip, '62704');
    await press(canvasElement, SEND);
    await press(canvasElement, '#service-svc-heating');
    typeInto(await inScheduler(canvasElement, '#field-description'), problem);
    await pressThen(canvasElement, SEND, '[part~="no-days"]');
  },
};

export const Photos: Story = {
  parameters: { expect: { selector: '#field-photos' } }, name: 'Step: photos', loaders: [scheduler({ draft: publicDraft('photos') })] };

/** A photo drawn in the page (a caption on a colour), as a camera would hand it over. */
async function photo(name: string, caption: string, colour: string): Promise<File> {
  const canvas = document.createElement('canvas');
  canvas.width = 800;
  canvas.height = 600;
  const context = canvas.getContext('2d')!;
  context.fillStyle = colour;
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.fillStyle = '#ffffff';
  context.font = '56px sans-serif';
  context.fillText(caption, 48, 320);
  const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/png'));
  return new File([blob], name, { type: 'image/png' });
}

export const PhotosAdded: Story = {
  parameters: { expect: { selector: '[part~="photos"]' } },
  name: 'Step: photos added',
  loaders: [scheduler({ draft: publicDraft('photos') })],
  play: async ({ canvasElement }) => {
    const input = (await inScheduler(canvasElement, '#field-photos')) as HTMLInputElement;
    const chosen = new DataTransfer();
    chosen.items.add(await photo('furnace-label.png', 'CARRIER 59SC5A080', '#7a4b22'));
    chosen.items.add(await photo('pilot-light.png', 'No flame at the pilot', '#1f3b57'));
    input.files = chosen.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await inScheduler(canvasElement, '[part~="photos"]');
  },
};

/** Picks `files` in the photo step's file field, as the device's picker would hand them over. */
async function pick(canvas: HTMLElement, files: File[]) {
  const input = (await inScheduler(canvas, '#field-photos')) as HTMLInputElement;
  const chosen = new DataTransfer();
  for (const file of files) chosen.items.add(file);
  input.files = chosen.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

/** Four photos of the furnace, and a fifth: one more than a request carries. */
async function fivePhotos(): Promise<File[]> {
  return Promise.all([
    photo('furnace-label.png', 'CARRIER 59SC5A080', '#7a4b22'),
    photo('pilot-light.png', 'No flame at the pilot', '#1f3b57'),
    photo('thermostat.png', 'Set to 70, reads 61', '#2f6b3a'),
    photo('filter.png', 'Filter changed in May', '#5b3a7a'),
    photo('vent.png', 'Cold air at the vent', '#7a2f3a'),
  ]);
}

export const PhotoWrongType: Story = {
  name: 'Step: photos, a file that is not a photo',
  parameters: { expect: { selector: '#field-photos[aria-invalid="true"]', text: 'warranty.pdf: use a JPEG, PNG, HEIC or WebP photo.' } },
  loaders: [scheduler({ draft: publicDraft('photos') })],
  play: async ({ canvasElement }) => {
    await pick(canvasElement, [new File(['%PDF-1.7 a warranty card'], 'warranty.pdf', { type: 'application/pdf' })]);
    await inScheduler(canvasElement, '#field-photos[aria-invalid="true"]');
  },
};

export const PhotoTooLarge: Story = {
  name: 'Step: photos, a photo over 25 MB',
  parameters: { expect: { selector: '#field-photos[aria-invalid="true"]', text: 'IMG_4032.jpg: this file is too large.' } },
  loaders: [scheduler({ draft: publicDraft('photos') })],
  play: async ({ canvasElement }) => {
    // Refused by its size before it is read: its bytes need not be a picture.
    await pick(canvasElement, [new File([new Uint8Array(26 * 1024 * 1024)], 'IMG_4032.jpg', { type: 'image/jpeg' })]);
    await inScheduler(canvasElement, '#field-photos[aria-invalid="true"]');
  },
};

export const PhotosOverLimit: Story = {
  name: 'Step: photos, five picked (four is the most)',
  parameters: { expect: { selector: '[part~="photos"]', text: 'vent.png: you can add up to 4 photos.' } },
  loaders: [scheduler({ draft: publicDraft('photos') })],
  play: async ({ canvasElement }) => {
    await pick(canvasElement, await fivePhotos());
    await inScheduler(canvasElement, '[part~="photos"]');
  },
};

/**
 * A photo whose decoding never ends, standing in for a slow phone working through a large photo: the
 * page's createImageBitmap holds the file of this name (and only it; the picker hands the scheduler a
 * copy of the File, so it is known by its name), and the scheduler stays on "Preparing photos…".
 */
const HELD_PHOTO = 'IMG_4107-held-for-the-story.png';
const decodeImage = globalThis.createImageBitmap.bind(globalThis) as (...args: unknown[]) => Promise<ImageBitmap>;
globalThis.createImageBitmap = ((image: unknown, ...rest: unknown[]) =>
  image instanceof File && image.name === HELD_PHOTO ? new Promise<ImageBitmap>(() => undefined) : decodeImage(image, ...rest)) as typeof createImageBitmap;

export const PhotosPreparing: Story = {
  name: 'Step: photos still being prepared, Next pressed',
  parameters: { expect: { selector: '#field-photos[aria-invalid="true"]', text: 'Preparing photos…' } },
  loaders: [scheduler({ draft: publicDraft('photos') })],
  play: async ({ canvasElement }) => {
    await pick(canvasElement, [await photo(HELD_PHOTO, 'Water under the furnace', '#1f3b57')]);
    await pressThen(canvasElement, SEND, '#field-photos[aria-invalid="true"]');
  },
};

export const Contact: Story = {
  name: 'Step: how to reach you (public site)',
  loaders: [scheduler({ draft: publicDraft('contact', () => ({ contact: { ...jordan, name: '', consentToContact: false } })) })],
};

export const ValidationErrors: Story = {
  name: 'Validation errors on the fields',
  loaders: [scheduler({ draft: publicDraft('contact', () => ({ contact: { name: '', phone: '', email: 'jordan@', consentToContact: false, consentToTexts: true } })) })],
  play: async ({ canvasElement }) => pressThen(canvasElement, SEND, '[aria-invalid="true"]'),
};

export const Review: Story = {
  parameters: { expect: { selector: '[part~="review"]' } }, name: 'Step: check and send', loaders: [scheduler({ draft: publicDraft('review') })] };

/** The photos were prepared on the photo step (the kept draft carries them): the review counts them. */
let reviewPhotos: unknown[] = [];
export const ReviewWithPhotos: Story = {
  name: 'Step: check and send, with photos',
  parameters: { expect: { selector: '[part~="review"]', text: '2 photos' } },
  loaders: [
    scheduler({
      // Prepared as the photo step prepares them (JPEG, downscaled), before the draft is written.
      setup: async () => {
        reviewPhotos = await Promise.all([
          photo('furnace-label.png', 'CARRIER 59SC5A080', '#7a4b22').then(preparePhoto),
          photo('pilot-light.png', 'No flame at the pilot', '#1f3b57').then(preparePhoto),
        ]);
      },
      draft: publicDraft('review', () => ({ photos: reviewPhotos })),
    }),
  ],
};

export const Sending: Story = {
  loaders: [scheduler({ draft: publicDraft('review'), hooks: (hooks) => void (hooks.hold = true) })],
  play: async ({ canvasElement }) => {
    await press(canvasElement, SEND);
    await until(() => canvasElement.querySelector('portal-scheduler')?.matches(':state(busy)'));
  },
};

export const Sent: Story = {
  parameters: { expect: { selector: '[part~="sent"]' } },
  name: 'Sent: received, not yet booked',
  loaders: [scheduler({ draft: publicDraft('review') })],
  play: async ({ canvasElement }) => pressThen(canvasElement, SEND, '[part~="sent"]'),
};

export const DroppedConnection: Story = {
  name: 'Dropped connection (press Send again: one request)',
  loaders: [
    scheduler({
      draft: publicDraft('review'),
      hooks: (hooks) => void (hooks.failNext = { error: new PortalError('NETWORK', 'dropped'), afterStoring: true }),
    }),
  ],
  play: async ({ canvasElement }) => pressThen(canvasElement, SEND, '.form-alert .message'),
};

/**
 * The office closed the first day chosen (a holiday added) while the customer was on the review: the
 * backend refuses it, and the scheduler goes back to the days with the problem said there.
 */
export const DayNoLongerOpen: Story = {
  parameters: { expect: { selector: '[part~="chosen-day"] .problem', text: 'no longer open' } },
  name: 'A day chosen is no longer open',
  loaders: [scheduler({ draft: publicDraft('review') })],
  play: async ({ canvasElement, loaded }) => {
    const data = loaded as SchedulerStoryData;
    const { days } = await data.adapter.getAvailability({});
    const first = days.find((d): d is OpenDay => d.available)!;
    await saveScheduling({ blackoutDates: [first.date] }, data);
    await pressThen(canvasElement, SEND, '[part~="chosen-day"] .problem');
  },
};

/**
 * Signed in, the session ended (its time up, or signed out elsewhere) before Send: the scheduler is
 * the public one again, says why, and keeps what was entered for when the customer signs back in.
 */
export const SessionEndedBeforeSend: Story = {
  parameters: { expect: { selector: '.form-alert .message', text: 'Your session ended before the request was sent', sessionEnds: true } },
  name: 'Signed in: the session ended before Send',
  loaders: [
    scheduler({
      signedInAs: DANA,
      draft: (open) => ({ step: 'review', locationId: 'loc-1', serviceId: 'svc-heating', description: problem, days: twoDays(open) }),
    }),
  ],
  play: async ({ canvasElement, loaded }) => {
    const data = loaded as SchedulerStoryData;
    await inScheduler(canvasElement, '[part~="review"]');
    await data.adapter.signOut(data.session!);
    await pressThen(canvasElement, SEND, '.form-alert .message');
  },
};

export const Loading: Story = {
  parameters: { expect: { text: 'Loading…' } },
  name: 'Loading',
  render: (_args, { loaded }) => render(loaded, undefined, { getSchedulerConfig: never }),
};

export const LoadError: Story = {
  parameters: { expect: { selector: '[part~="error"]', text: 'We couldn’t connect' } },
  name: 'Error with retry',
  render: (_args, { loaded }) => render(loaded, undefined, { getSchedulerConfig: offline }),
};

export const SchedulerOff: Story = {
  parameters: { expect: { selector: '[part~="off"]' } },
  name: 'Scheduler off: call the office',
  loaders: [scheduler({ setup: () => changeSettings({ schedulerEnabled: false }) })],
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
      data.hooks.adapter(data.adapter),
    );
  },
  play: async ({ canvasElement }) => {
    const button = await until(() =>
      canvasElement.querySelector('portal-visits')?.shadowRoot?.querySelector<HTMLButtonElement>('[part="actions"] button'),
    );
    button.click();
  },
};
