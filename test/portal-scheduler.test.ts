import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { PortalError } from '../src/adapter/portal-error.js';
import type { PortalAdapter } from '../src/adapter/portal-adapter.js';
import type { PortalScheduler } from '../src/elements/portal-scheduler/portal-scheduler.js';
import type { PortalVisits } from '../src/elements/portal-visits/portal-visits.js';
import type { PortalAppointmentRequestSentEvent } from '../src/events/portal-appointment-request-sent.js';
import type { PortalSchedulerStepEvent } from '../src/events/portal-scheduler-step.js';
import type { Session } from '../src/model/session.js';
import '../src/define/portal-scheduler.js';
import '../src/define/portal-visits.js';
import type { BookingRequest } from '../src/model/booking-request.js';
import type { SchedulerSettings, ServiceAddress } from '../src/model/scheduler.js';
import { DEMO_OFFICE_KEY, OFFICE_KEY_HEADER } from '../backend/index.js';
import { changeSettings } from './helpers/account.js';
import { api, backend, backendFetch, clock, httpAdapter, startTestBackend } from './helpers/backend.js';
import { $, $$, DANA, PRIYA, mount, sessionFor, textOf, type, untilText } from './helpers/portal-fixture.js';
import { SCHEDULING_NOW, SchedulingHooks } from './helpers/scheduling.js';

let hooks: SchedulingHooks;
const office = { [OFFICE_KEY_HEADER]: DEMO_OFFICE_KEY };

/**
 * The reference backend, with the hooks in front, at the scheduling clock: Tuesday, November 17, 2026,
 * 2 p.m. in Chicago. Sign in before calling this: a session made at that (past) instant would have
 * ended already on the real clock the page checks it against.
 */
function schedulingAdapter() {
  clock.offsetMs = SCHEDULING_NOW - Date.now();
  return hooks.adapter(httpAdapter());
}

/** The office saves its scheduling settings. */
async function setScheduling(change: Partial<SchedulerSettings>) {
  const current = (await api('GET', '/office/scheduling', { headers: office })).body;
  const saved = await api('PUT', '/office/scheduling', { headers: office, body: { ...current, ...change } });
  if (saved.status !== 200) throw new Error(`scheduling settings refused: ${JSON.stringify(saved.body)}`);
}

/** The office's review queue: what reached the backend. */
async function queued(): Promise<BookingRequest[]> {
  return (await api('GET', '/office/booking-requests', { headers: office })).body.items as BookingRequest[];
}

/** The office moves a location (to put it outside the service area). */
async function moveLocation(id: string, address: ServiceAddress) {
  await backend.database.db.updateTable('locations').set({ address: JSON.stringify({ ...address, country: 'US' }) }).where('id', '=', id).execute();
}

/** A photo as the office page fetches it. */
async function storedPhoto(url: string): Promise<Uint8Array<ArrayBuffer>> {
  const response = await backendFetch(url, { headers: office });
  return new Uint8Array(await response.arrayBuffer());
}

async function openScheduler(options: { session?: Session; zone?: string } = {}) {
  const { element, provider } = await mount<PortalScheduler>(
    html`<portal-scheduler .browserTimeZone=${options.zone ?? 'America/Chicago'}></portal-scheduler>`,
    { session: options.session, adapter: schedulingAdapter() },
  );
  await untilText(element, /Step \d of \d/);
  return { element, provider };
}

/** Text as read: Intl's thin and narrow spaces (in "8:00 AM – 12:00 PM") made plain. */
function norm(text: string) {
  return text.replace(/\s+/g, ' ').trim();
}

function stepOf(el: PortalScheduler) {
  return $(el, '#step-heading').textContent!.replace(/\s+/g, ' ').trim();
}

async function untilStep(el: PortalScheduler, title: string) {
  await waitUntil(() => el.shadowRoot?.querySelector('#step-heading')?.textContent?.includes(title), `never reached "${title}"; at ${el.shadowRoot?.querySelector('#step-heading')?.textContent}`, { timeout: 5000 });
  await el.updateComplete;
}

/** Presses Next (or Send) and lets the step check run (it waits for data still loading). */
async function next(el: PortalScheduler) {
  $(el, 'form button[type="submit"]').click();
  await new Promise((resolve) => setTimeout(resolve, 0));
  await el.updateComplete;
}

async function fill(el: PortalScheduler, selector: string, value: string) {
  type($(el, selector), value);
  await el.updateComplete;
}

async function click(el: PortalScheduler, selector: string) {
  $(el, selector).click();
  await el.updateComplete;
}

function problem(el: PortalScheduler, name: string): string | null {
  return el.shadowRoot!.querySelector(`#problem-${name}`)?.textContent?.replace(/\s+/g, ' ').trim() ?? null;
}

function active(el: PortalScheduler): Element | null {
  return el.shadowRoot!.activeElement;
}

/** The message in the form's alert now (a new node each time it is said). */
function formAlert(el: PortalScheduler): HTMLElement | null {
  const region = $(el, '.form-alert');
  expect(region.getAttribute('role')).to.equal('alert');
  return region.querySelector('p');
}

/** The Remove button of a chosen day (one with a problem or windows shown). */
function removeButton(el: PortalScheduler, date: string): HTMLElement | null {
  const day = $$(el, '[part~="chosen-day"]').find((d) => d.querySelector(`#problem-day-${date}, input[name="day-${date}"]`));
  return day?.querySelector<HTMLElement>('button.link') ?? null;
}

/** The public path up to the days: a served postal code, a service and the problem. */
async function publicToWhen(el: PortalScheduler) {
  await publicToWhenStep(el);
  await untilText(el, 'Next open days');
}

async function publicToWhenStep(el: PortalScheduler) {
  await fill(el, '#field-zip', '62704');
  await next(el);
  await untilStep(el, 'What do you need?');
  await click(el, '#service-svc-heating');
  await fill(el, '#field-description', 'The furnace clicks but never lights.');
  await next(el);
  await untilStep(el, 'When would suit you?');
}

/** Wednesday morning and Friday afternoon, then on to the photos. */
async function chooseDaysAndGo(el: PortalScheduler) {
  await click(el, '.day-list button[data-date="2026-11-18"]');
  await click(el, '#day-2026-11-18-morning');
  await click(el, '.day-list button[data-date="2026-11-20"]');
  await click(el, '#day-2026-11-20-afternoon');
  await next(el);
  await untilStep(el, 'Photos');
}

async function fillContact(el: PortalScheduler) {
  await fill(el, '#field-name', 'Jordan Avery');
  await fill(el, '#field-phone', '(555) 012-3456');
  await fill(el, '#field-email', 'jordan@example.com');
  await fill(el, '#field-street', '12 Elm St');
  await fill(el, '#field-city', 'Springfield');
  await fill(el, '#field-state', 'IL');
  await click(el, '#field-consentToContact');
}

/** The whole public path to the review. */
async function publicToReview(el: PortalScheduler) {
  await publicToWhen(el);
  await chooseDaysAndGo(el);
  await next(el);
  await untilStep(el, 'How can we reach you?');
  await fillContact(el);
  await next(el);
  await untilStep(el, 'Check and send');
}

async function untilSent(el: PortalScheduler) {
  await untilText(el, 'Request received — not yet booked');
}

describe('<portal-scheduler>', () => {
  beforeEach(async () => {
    await startTestBackend();
    hooks = new SchedulingHooks();
  });

  describe('switched off', () => {
    it('says online requests are off and gives the company phone, and passes axe', async () => {
      await changeSettings({ schedulerEnabled: false });
      const { element } = await mount<PortalScheduler>(html`<portal-scheduler></portal-scheduler>`, { adapter: schedulingAdapter() });
      await untilText(element, 'Online appointment requests are not available right now');
      const off = $(element, '[part~="off"]');
      expect(off.textContent!.replace(/\s+/g, ' ')).to.contain('Call Northwind Heating & Air at (555) 010-4477 to book a visit.');
      expect(off.querySelector('a')!.getAttribute('href')).to.equal('tel:5550104477');
      expect($$(element, 'form')).to.have.length(0);
      await expect(element).to.be.accessible();
    });

    it('says the same when the backend refuses the scheduler’s configuration (off meanwhile)', async () => {
      const adapter = schedulingAdapter();
      adapter.getSchedulerConfig = () => Promise.reject(new PortalError('FEATURE_DISABLED', 'off', {}, { status: 403 }));
      const { element } = await mount<PortalScheduler>(html`<portal-scheduler></portal-scheduler>`, { adapter });
      await untilText(element, 'Online appointment requests are not available right now');
    });

    it('says so when the backend has no scheduling at all (a custom adapter without it)', async () => {
      const adapter = schedulingAdapter();
      delete adapter.getSchedulerConfig;
      const { element } = await mount<PortalScheduler>(html`<portal-scheduler></portal-scheduler>`, { adapter });
      await untilText(element, 'Online appointment requests are not available right now');
    });

    it('shows a failed configuration load with a retry that works', async () => {
      const adapter = schedulingAdapter();
      const real = adapter.getSchedulerConfig!;
      let calls = 0;
      adapter.getSchedulerConfig = (options) => (++calls === 1 ? Promise.reject(new PortalError('NETWORK', 'offline')) : real(options));
      const { element } = await mount<PortalScheduler>(html`<portal-scheduler></portal-scheduler>`, { adapter });
      await untilText(element, 'couldn’t connect');
      await expect(element).to.be.accessible();
      $(element, '[part="error"] button').click();
      await untilText(element, 'Step 1 of 6');
    });
  });

  describe('on the public site (no sign-in)', () => {
    it('asks for the postal code before anything else, and turns away an address outside the area with the phone number', async () => {
      const { element } = await openScheduler();
      expect(stepOf(element)).to.equal('Step 1 of 6: Where do you need us?');
      expect($$(element, 'input:not([type="hidden"])').map((i) => i.id)).to.deep.equal(['field-zip']);
      await expect(element).to.be.accessible();
      await next(element);
      await waitUntil(() => problem(element, 'zip'), 'Next never checked the step', { timeout: 5000 });
      expect(problem(element, 'zip')).to.equal('Enter the postal code of the address.');
      await fill(element, '#field-zip', '90210');
      await next(element);
      expect(stepOf(element)).to.contain('Step 1 of 6');
      expect(problem(element, 'zip')).to.equal(
        'We don’t serve 90210 yet. Call Northwind Heating & Air at (555) 010-4477: we may still be able to help, or suggest someone who can.',
      );
      const zip = $(element, '#field-zip');
      expect(zip.getAttribute('aria-invalid')).to.equal('true');
      expect(zip.getAttribute('aria-describedby')).to.equal('problem-zip');
      expect(active(element)).to.equal(zip);
      // The alert names the problem itself: focus already in the field would read nothing new.
      const said = formAlert(element)!;
      expect(norm(said.textContent!)).to.equal(problem(element, 'zip'));
      await expect(element).to.be.accessible();
      // Next again: the same words, said again as a new node.
      await next(element);
      await waitUntil(() => formAlert(element) !== said, 'the second Next left the alert as it was', { timeout: 5000 });
      expect(said.isConnected).to.equal(false);
      expect(norm(formAlert(element)!.textContent!)).to.equal(problem(element, 'zip'));
      expect(active(element)).to.equal(zip);
    });

    it('accepts a served postal code written any way (a ZIP+4, spaces)', async () => {
      const { element } = await openScheduler();
      await fill(element, '#field-zip', ' 62704-1234 ');
      await next(element);
      await untilStep(element, 'What do you need?');
    });

    it('asks what: a service from the contractor’s list, with its description, and the problem; passes axe', async () => {
      const { element } = await openScheduler();
      await fill(element, '#field-zip', '62704');
      await next(element);
      await untilStep(element, 'What do you need?');
      const heating = $(element, '#service-svc-heating');
      expect(element.shadowRoot!.querySelector('label[for="service-svc-heating"]')!.textContent).to.equal('Heating repair');
      expect(element.shadowRoot!.getElementById(heating.getAttribute('aria-describedby')!)!.textContent).to.equal(
        'No heat, odd noises, a furnace that keeps shutting off.',
      );
      await expect(element).to.be.accessible();
      await next(element);
      expect(problem(element, 'service')).to.equal('Choose the service you need.');
      expect(problem(element, 'description')).to.contain('Describe the problem');
      expect(active(element)).to.equal(heating);
      await expect(element).to.be.accessible();
      await fill(element, '#field-description', 'x'.repeat(2001));
      await click(element, '#service-svc-heating');
      await next(element);
      expect(problem(element, 'description')).to.equal('Use at most 2000 characters; this has 2001.');
    });

    it('offers the next open days as large choices, in the contractor’s calendar, and passes axe', async () => {
      const { element } = await openScheduler();
      await publicToWhen(element);
      // Tuesday the 17th in Chicago: a day’s notice makes Wednesday the first; Sunday is closed.
      const days = $$(element, '.day-list button').map((b) => b.textContent!.trim());
      expect(days).to.deep.equal([
        'Wednesday, November 18',
        'Thursday, November 19',
        'Friday, November 20',
        'Saturday, November 21',
        'Monday, November 23',
        'Tuesday, November 24',
      ]);
      expect(textOf(element)).to.contain('Arrival windows are in Central Standard Time.');
      expect($$(element, '[part~="time-zone-note"]')).to.have.length(0);
      await expect(element).to.be.accessible();
    });

    it('wants at least one day, and a window for each day that has several', async () => {
      const { element } = await openScheduler();
      await publicToWhen(element);
      await next(element);
      expect(problem(element, 'days')).to.equal('Choose at least one day that would suit you.');
      expect(norm(formAlert(element)!.textContent!)).to.equal('Choose at least one day that would suit you.');
      // Said once: the form's alert is the only alert region on the step. Shown once: beside the days.
      expect($$(element, '[role="alert"]')).to.have.length(1);
      expect(formAlert(element)!.className).to.equal('visually-hidden');
      expect(active(element)).to.equal($(element, '.day-list button[data-date="2026-11-18"]'));
      await click(element, '.day-list button[data-date="2026-11-18"]');
      expect(problem(element, 'days')).to.equal(null);
      expect(formAlert(element), 'the alert named a problem that is mended').to.equal(null);
      expect($(element, '.day-list button[data-date="2026-11-18"]').getAttribute('aria-pressed')).to.equal('true');
      await next(element);
      expect(problem(element, 'day-2026-11-18')).to.equal('Choose an arrival window for this day.');
      const windows = $$(element, '[part~="chosen-day"] label').map((l) => norm(l.textContent!));
      expect(windows).to.deep.equal(['8:00 AM – 12:00 PM', '12:00 – 4:00 PM']);
      expect(active(element)).to.equal($(element, '#day-2026-11-18-morning'));
      await expect(element).to.be.accessible();
      // Saturday has one window: it is chosen with the day.
      await click(element, '.day-list button[data-date="2026-11-21"]');
      expect(($(element, '#day-2026-11-21-sat-morning') as HTMLInputElement).checked).to.equal(true);
    });

    it('names a chosen day by its date: the ✓ drawn before it is not read (aria-pressed says it is chosen)', async () => {
      const { element } = await openScheduler();
      await publicToWhen(element);
      await click(element, '.day-list button[data-date="2026-11-18"]');
      const day = $(element, '.day-list button[data-date="2026-11-18"]');
      expect(day.getAttribute('aria-pressed')).to.equal('true');
      // Drawn, with empty alternative text: `content: '✓' / ''`.
      expect(getComputedStyle(day, '::before').content).to.equal('"✓" / ""');
    });

    it('drops a focus request that found nothing to focus: the days loaded later do not take focus', async () => {
      const adapter = schedulingAdapter();
      const getAvailability = adapter.getAvailability!.bind(adapter);
      let fail = true;
      adapter.getAvailability = (...args) => {
        if (!fail) return getAvailability(...args);
        fail = false;
        return Promise.reject(new PortalError('NETWORK', 'dropped'));
      };
      const { element } = await mount<PortalScheduler>(html`<portal-scheduler .browserTimeZone=${'America/Chicago'}></portal-scheduler>`, { adapter });
      await untilText(element, /Step \d of \d/);
      await publicToWhenStep(element);
      await untilText(element, 'Try again');
      // Next with the days not loaded: said, with no field to focus.
      await next(element);
      await waitUntil(() => formAlert(element), 'Next said nothing', { timeout: 5000 });
      expect(norm(formAlert(element)!.textContent!)).to.equal('The open days are still loading. Wait a moment and try again.');
      const retry = $$(element, 'button').find((b) => b.textContent!.trim() === 'Try again')!;
      retry.focus();
      retry.click();
      await untilText(element, 'Next open days');
      await element.updateComplete;
      // Focus is where the customer was (the retry gone: the heading), not pulled to a day.
      expect(active(element)?.tagName).not.to.equal('BUTTON');
      expect(active(element)).to.equal($(element, '#heading'));
    });

    it('says each day added or removed, and the window chosen with it, in a status line there before it speaks', async () => {
      const { element } = await openScheduler();
      await publicToWhen(element);
      // A live region is read when its text changes: it is on the page, silent, before the first day.
      const status = $$(element, '[role="status"]').filter((s) => !s.closest('portal-date-grid'));
      expect(status).to.have.length(1);
      const line = status[0]!;
      expect(norm(line.textContent!)).to.equal('');
      const said = () => norm(line.textContent!);

      // Saturday has one window: chosen with the day, and said so (by Enter, as the tester pressed it).
      $(element, '.day-list button[data-date="2026-11-21"]').focus();
      await sendKeys({ press: 'Enter' });
      await element.updateComplete;
      expect(($(element, '#day-2026-11-21-sat-morning') as HTMLInputElement).checked).to.equal(true);
      expect(said()).to.equal('Saturday, November 21, 2026 added to your preferred days. Its one arrival window, 9:00 AM – 12:00 PM, is chosen.');
      // A day with several windows: the customer is told one is still to choose.
      await click(element, '.day-list button[data-date="2026-11-18"]');
      expect(said()).to.equal('Wednesday, November 18, 2026 added to your preferred days. Choose an arrival window for it below.');
      // Removed with its Remove link, or by pressing the day again.
      await click(element, '[part~="chosen-day"] button.link');
      expect(said()).to.equal('Saturday, November 21, 2026 removed from your preferred days.');
      await click(element, '.day-list button[data-date="2026-11-18"]');
      expect(said()).to.equal('Wednesday, November 18, 2026 removed from your preferred days.');
      expect($(element, '[role="status"]'), 'the same region, not a new one').to.equal(line);
      // A day refused is said in the alert; the status line no longer says the last change.
      for (const date of ['2026-11-18', '2026-11-19', '2026-11-20']) await click(element, `.day-list button[data-date="${date}"]`);
      await click(element, '.day-list button[data-date="2026-11-21"]');
      expect(problem(element, 'days')).to.equal('You can choose up to 3 days. Remove one to choose another.');
      expect(said()).to.equal('');
      const refusal = formAlert(element)!;
      expect(norm(refusal.textContent!)).to.equal('You can choose up to 3 days. Remove one to choose another.');
      // Pressed again: the same words are said again, in a new node.
      await click(element, '.day-list button[data-date="2026-11-21"]');
      expect(formAlert(element)).to.not.equal(refusal);
      expect(norm(formAlert(element)!.textContent!)).to.equal('You can choose up to 3 days. Remove one to choose another.');
      await expect(element).to.be.accessible();
    });

    it('takes at most three days', async () => {
      const { element } = await openScheduler();
      await publicToWhen(element);
      for (const date of ['2026-11-18', '2026-11-19', '2026-11-20']) await click(element, `.day-list button[data-date="${date}"]`);
      await click(element, '.day-list button[data-date="2026-11-21"]');
      expect(problem(element, 'days')).to.equal('You can choose up to 3 days. Remove one to choose another.');
      expect($(element, '.day-list button[data-date="2026-11-21"]').getAttribute('aria-pressed')).to.equal('false');
      expect($$(element, '[part~="chosen-day"]')).to.have.length(3);
      // Removing one frees a place; focus goes back to that day in the list.
      await click(element, '[part~="chosen-day"] button.link');
      expect($$(element, '[part~="chosen-day"]')).to.have.length(2);
      expect(active(element)).to.equal($(element, '.day-list button[data-date="2026-11-18"]'));
      await click(element, '.day-list button[data-date="2026-11-21"]');
      expect($$(element, '[part~="chosen-day"]')).to.have.length(3);
    });

    it('opens a month grid with "More dates", and says why a day cannot be chosen', async () => {
      // Thanksgiving.
      await setScheduling({ blackoutDates: ['2026-11-26'] });
      const { element } = await openScheduler();
      await publicToWhen(element);
      const more = $(element, '#more-toggle');
      expect(more.getAttribute('aria-expanded')).to.equal('false');
      await click(element, '#more-toggle');
      expect(more.getAttribute('aria-expanded')).to.equal('true');
      const grid = $(element, 'portal-date-grid');
      await (grid as unknown as { updateComplete: Promise<unknown> }).updateComplete;
      const cell = (date: string) => grid.shadowRoot!.querySelector<HTMLElement>(`td[data-date="${date}"]`)!;
      // The grid's status line is a part of the scheduler, as docs/theming.md lists it.
      const sheet = document.createElement('style');
      sheet.textContent = 'portal-scheduler::part(status) { outline: 3px solid rgb(1, 2, 3); }';
      document.head.append(sheet);
      try {
        expect(getComputedStyle(grid.shadowRoot!.querySelector('[part~="status"]')!).outlineColor).to.equal('rgb(1, 2, 3)');
      } finally {
        sheet.remove();
      }
      expect(cell('2026-11-26').getAttribute('aria-label')).to.equal('Thursday, November 26, 2026, unavailable: the office is closed that day');
      expect(cell('2026-11-22').getAttribute('aria-label')).to.equal('Sunday, November 22, 2026, unavailable: no visits on Sunday');
      expect(cell('2026-11-17').getAttribute('aria-label')).to.equal('Tuesday, November 17, 2026, unavailable: too soon, requests need a day’s notice');
      expect(cell('2026-11-16').getAttribute('aria-label')).to.equal('Monday, November 16, 2026, unavailable: this day has passed');
      await expect(element).to.be.accessible();
      cell('2026-11-26').click();
      await element.updateComplete;
      expect(problem(element, 'days')).to.equal('Thursday, November 26, 2026 is not open: the office is closed that day.');
      expect($$(element, '[part~="chosen-day"]')).to.have.length(0);
      (grid as unknown as { focusDay(date: string): void }).focusDay('2026-12-02');
      await (grid as unknown as { updateComplete: Promise<unknown> }).updateComplete;
      cell('2026-12-02').click();
      await element.updateComplete;
      expect($$(element, '[part~="chosen-day"] legend').map((l) => l.textContent)).to.deep.equal(['Wednesday, December 2, 2026']);
      expect(cell('2026-12-02').getAttribute('aria-selected')).to.equal('true');
      // Beyond 30 days ahead.
      (grid as unknown as { focusDay(date: string): void }).focusDay('2026-12-18');
      await (grid as unknown as { updateComplete: Promise<unknown> }).updateComplete;
      // The grid stops at the last day offered.
      expect(grid.shadowRoot!.activeElement!.getAttribute('data-date')).to.equal('2026-12-17');
    });

    it('asks how to reach someone who is not signed in: a name, a phone or an email, and consent; passes axe', async () => {
      const { element } = await openScheduler();
      await publicToWhen(element);
      await chooseDaysAndGo(element);
      await next(element);
      await untilStep(element, 'How can we reach you?');
      expect(stepOf(element)).to.contain('Step 5 of 6');
      await expect(element).to.be.accessible();
      await next(element);
      expect(problem(element, 'name')).to.equal('Enter your name.');
      expect(problem(element, 'reach')).to.equal('Give a phone number or an email address, so the office can answer you.');
      expect(problem(element, 'street')).to.equal('Enter the street address.');
      expect(problem(element, 'consentToContact')).to.equal('Tick this box so the office may contact you about this request.');
      expect(active(element)).to.equal($(element, '#field-name'));
      await expect(element).to.be.accessible();
      // With the name given, the first problem the alert names is how to reach them: focus goes to the phone.
      await fill(element, '#field-name', 'Jordan Avery');
      await next(element);
      await waitUntil(() => textOf($(element, '.form-alert')).includes('The first: Give a phone number'), 'the alert does not name the first problem', { timeout: 5000 });
      await waitUntil(() => active(element) === $(element, '#field-phone'), 'focus is not on the phone field the alert names', { timeout: 5000 });
      await fill(element, '#field-email', 'jordan@example');
      await fill(element, '#field-name', 'www.prizes.example');
      await click(element, '#field-consentToTexts');
      await next(element);
      expect(problem(element, 'email')).to.equal('Enter an email address like name@example.com.');
      expect(problem(element, 'name')).to.equal('Enter your name only, without a web or email address.');
      expect(problem(element, 'phone')).to.equal('Add a mobile number for text messages, or untick that box.');
      expect(problem(element, 'reach')).to.equal(null);
      // The text-message box starts unticked; the contact box must be ticked by the customer.
      expect(($(element, '#field-consentToTexts') as HTMLInputElement).checked).to.equal(true);
      expect(textOf(element)).to.contain('Postal code 62704');
    });

    it('keeps a hidden honeypot field out of reach of people, and turns away a request that fills it', async () => {
      const { element } = await openScheduler();
      await publicToWhen(element);
      await chooseDaysAndGo(element);
      await next(element);
      await untilStep(element, 'How can we reach you?');
      const trap = $(element, '#field-website');
      expect(trap.getAttribute('tabindex')).to.equal('-1');
      expect(trap.closest('[aria-hidden="true"]')).to.exist;
      expect(trap.getBoundingClientRect().right).to.be.below(0);
      await fillContact(element);
      await fill(element, '#field-website', 'http://spam.example');
      await next(element);
      await untilStep(element, 'Check and send');
      await next(element);
      await untilSent(element);
      expect(hooks.calls[0]!.website).to.equal('http://spam.example');
      expect(await queued()).to.have.length(0);
    });

    it('names and describes the services in the element’s language, as the office translated them, through to the receipt', async () => {
      const { element } = await openScheduler();
      await publicToReview(element);
      element.lang = 'es';
      await untilText(element, 'Reparación de calefacción');
      expect(norm($(element, '[part~="review"]').textContent!)).not.to.contain('Heating repair');
      const sent = oneEvent(element, 'portal-appointment-request-sent') as Promise<PortalAppointmentRequestSentEvent>;
      await next(element);
      await untilText(element, 'Solicitud recibida: todavía no está programada');
      expect(norm($(element, '[part~="sent"] dl').textContent!)).to.contain('Reparación de calefacción');
      // The event names the service as the office's records do.
      expect((await sent).detail.service).to.deep.equal({ id: 'svc-heating', name: 'Heating repair' });
      await expect(element).to.be.accessible();

      $(element, '[part~="sent"] button').click();
      await waitUntil(() => element.shadowRoot!.querySelector('#field-zip'), 'the first step never came back');
      await fill(element, '#field-zip', '62704');
      await next(element);
      await untilText(element, 'Sin calefacción, ruidos raros');
      const heating = $(element, '#service-svc-heating');
      expect(element.shadowRoot!.querySelector('label[for="service-svc-heating"]')!.textContent).to.equal('Reparación de calefacción');
      expect(element.shadowRoot!.getElementById(heating.getAttribute('aria-describedby')!)!.textContent).to.equal(
        'Sin calefacción, ruidos raros, un calentador que se apaga una y otra vez.',
      );
      element.lang = 'en';
      await untilText(element, 'No heat, odd noises');
    });

    it('reviews everything, sends one request and says it is received, not booked; passes axe in each state', async () => {
      const { element } = await openScheduler();
      const steps: string[] = [];
      element.addEventListener('portal-scheduler-step', (e) => steps.push(`${e.detail.step}:${e.detail.via}`));
      await publicToReview(element);
      const review = norm($(element, '[part~="review"]').textContent!);
      expect(review).to.contain('12 Elm St, Springfield, IL 62704');
      expect(review).to.contain('Heating repair');
      expect(review).to.contain('The furnace clicks but never lights.');
      expect(review).to.contain('Wednesday, November 18, 2026, 8:00 AM – 12:00 PM');
      expect(review).to.contain('Friday, November 20, 2026, 12:00 – 4:00 PM');
      expect(review).to.contain('Jordan Avery · (555) 012-3456 · jordan@example.com');
      expect(textOf(element)).to.contain('This is a request, not a booking yet');
      await expect(element).to.be.accessible();
      const sent = oneEvent(element, 'portal-appointment-request-sent') as Promise<PortalAppointmentRequestSentEvent>;
      await next(element);
      await untilSent(element);
      const event = await sent;
      expect(event.composed && event.bubbles).to.equal(true);
      expect(event.detail).to.deep.equal({
        reference: 'AR-100023',
        service: { id: 'svc-heating', name: 'Heating repair' },
        preferredDays: [
          { date: '2026-11-18', windowId: 'morning' },
          { date: '2026-11-20', windowId: 'afternoon' },
        ],
        signedIn: false,
      });
      const text = textOf(element);
      expect(text).to.contain('Your reference is AR-100023.');
      expect(text).to.contain('Northwind Heating & Air reviews every request and usually answers within one business day');
      expect(text).to.contain('For anything urgent, call (555) 010-4477.');
      expect($(element, '[part~="sent"] a').getAttribute('href')).to.equal('tel:5550104477');
      expect(active(element)).to.equal($(element, '#step-heading'));
      await expect(element).to.be.accessible();
      const stored = await queued();
      expect(stored.map((r) => [r.reference, r.customerId, r.contact.email])).to.deep.equal([['AR-100023', null, 'jordan@example.com']]);
      const { idempotencyKey, ...body } = hooks.calls[0]!;
      expect(idempotencyKey).to.match(/^[A-Za-z0-9-]{8,}$/);
      expect(body).to.deep.equal({
        address: { street: '12 Elm St', city: 'Springfield', state: 'IL', zip: '62704' },
        contact: { name: 'Jordan Avery', email: 'jordan@example.com', phone: '(555) 012-3456', consentToContact: true, consentToTexts: false },
        serviceId: 'svc-heating',
        description: 'The furnace clicks but never lights.',
        preferredDays: [
          { date: '2026-11-18', windowId: 'morning' },
          { date: '2026-11-20', windowId: 'afternoon' },
        ],
        photos: [],
        website: '',
      });
      expect(steps).to.deep.equal(['what:next', 'when:next', 'photos:next', 'contact:next', 'review:next']);
    });

    it('goes back a step with Back and from the review to any step with Change, keeping what was typed', async () => {
      const { element } = await openScheduler();
      const heard: PortalSchedulerStepEvent[] = [];
      element.addEventListener('portal-scheduler-step', (e) => heard.push(e));
      await publicToReview(element);
      await click(element, '[part~="review"] dd:nth-of-type(2) button');
      await untilStep(element, 'What do you need?');
      expect(($(element, '#field-description') as HTMLTextAreaElement).value).to.equal('The furnace clicks but never lights.');
      expect(heard.at(-1)!.detail).to.deep.equal({ step: 'what', number: 2, count: 6, via: 'change', signedIn: false });
      await click(element, 'form .actions button.secondary');
      await untilStep(element, 'Where do you need us?');
      expect(($(element, '#field-zip') as HTMLInputElement).value).to.equal('62704');
      expect(heard.at(-1)!.detail.via).to.equal('back');
      expect(active(element)).to.equal($(element, '#step-heading'));
    });

    it('says so when no day is open, with the phone number; passes axe', async () => {
      await setScheduling({ workingDays: [] });
      const { element } = await openScheduler();
      await publicToWhenStep(element);
      await untilText(element, 'No days are open for online requests right now. Call Northwind Heating & Air at (555) 010-4477');
      expect($$(element, '.day-list')).to.have.length(0);
      await expect(element).to.be.accessible();
    });
  });

  describe('signed in', () => {
    it('offers the account’s locations with their addresses (its only one chosen already), has no contact step, and sends for that location', async () => {
      const session = await sessionFor(DANA);
      const { element } = await openScheduler({ session });
      await untilText(element, '418 Maple Ave');
      expect(stepOf(element)).to.equal('Step 1 of 5: Where do you need us?');
      await expect(element).to.be.accessible();
      // Dana has one place on file: it is chosen; "Another address" is still there.
      expect(($(element, '#location-loc-1') as HTMLInputElement).checked).to.equal(true);
      await click(element, '#location-other');
      await next(element);
      await waitUntil(() => problem(element, 'street') || problem(element, 'zip'), 'Next never checked the step', { timeout: 5000 });
      await click(element, '#location-loc-1');
      await next(element);
      await untilStep(element, 'What do you need?');
      await click(element, '#service-svc-tuneup');
      await fill(element, '#field-description', 'Fall tune-up, please.');
      await next(element);
      await untilText(element, 'Next open days');
      await chooseDaysAndGo(element);
      await next(element);
      await untilStep(element, 'Check and send');
      expect(stepOf(element)).to.contain('Step 5 of 5');
      const review = $(element, '[part~="review"]').textContent!.replace(/\s+/g, ' ');
      expect(review).to.contain('Home — 418 Maple Ave, Springfield, IL 62704');
      expect(review).to.contain(`The contacts on your account (${DANA})`);
      await expect(element).to.be.accessible();
      const sent = oneEvent(element, 'portal-appointment-request-sent') as Promise<PortalAppointmentRequestSentEvent>;
      await next(element);
      await untilSent(element);
      expect((await sent).detail.signedIn).to.equal(true);
      const stored = await queued();
      expect(stored.map((r) => [r.customerId, r.locationId, r.contact.email])).to.deep.equal([['cust-1001', 'loc-1', DANA]]);
      const body = hooks.calls[0]!;
      expect(body.customerId).to.equal('cust-1001');
      expect(body.locationId).to.equal('loc-1');
      expect(body.contact).to.equal(undefined);
      expect(body.address).to.equal(undefined);
    });

    it('never offers the previous account’s addresses while the next account’s load', async () => {
      // Signed in first, as the other tests: the scheduling adapter moves the backend's clock.
      const session = await sessionFor(PRIYA);
      const inner = schedulingAdapter();
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      const adapter = new Proxy(inner, {
        get(target, property) {
          const value = Reflect.get(target, property) as unknown;
          if (property === 'listServiceLocations' && typeof value === 'function') {
            return async (...args: Parameters<NonNullable<PortalAdapter['listServiceLocations']>>) => {
              if (args[0].customerId === 'cust-1004') await held;
              return (value as (...a: unknown[]) => unknown).apply(target, args);
            };
          }
          return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
        },
      });
      const { element, provider } = await mount<PortalScheduler>(html`<portal-scheduler .browserTimeZone=${'America/Chicago'}></portal-scheduler>`, {
        session,
        adapter,
      });
      await untilText(element, 'Lakeshore Dr');
      provider.portalState.value.selectAccount('cust-1004');
      await element.updateComplete;
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(textOf(element)).not.to.contain('Lakeshore Dr');
      release();
      await untilText(element, '9 Willow Lane');
      expect(textOf(element)).not.to.contain('Lakeshore Dr');
    });

    it('asks which place when the account has several, choosing none for the customer', async () => {
      const { element } = await openScheduler({ session: await sessionFor(PRIYA) });
      await untilText(element, 'Lakeshore Dr');
      expect($$(element, 'input[name="location"]').some((radio) => (radio as HTMLInputElement).checked)).to.equal(false);
      await next(element);
      await waitUntil(() => problem(element, 'location'), 'Next never checked the step', { timeout: 5000 });
      expect(problem(element, 'location')).to.equal('Choose where you need the visit.');
    });

    it('says at once when the sign-in sees none of the account’s locations (the backend would refuse its request)', async () => {
      const session = await sessionFor(DANA);
      // Dana's email, on file now only as a contact at her home with no portal access there.
      await backend.database.db.updateTable('contacts').set({ location_id: 'loc-1', portal_access: 'none' }).where('customer_id', '=', 'cust-1001').where('type', '=', 'Email').execute();
      const { element } = await openScheduler({ session });
      await untilText(element, 'Your sign-in can’t request visits for this account. Ask the account holder, or call Northwind Heating & Air at (555) 010-4477.');
      expect($$(element, 'input[name="location"]')).to.have.length(0);
      await expect(element).to.be.accessible();
    });

    it('turns away a location outside the service area', async () => {
      await moveLocation('loc-1', { street: '1 Ocean Ave', city: 'Santa Monica', state: 'CA', zip: '90401' });
      const { element } = await openScheduler({ session: await sessionFor(DANA) });
      await untilText(element, '1 Ocean Ave');
      expect(textOf(element)).to.contain('outside our service area');
      await click(element, '#location-loc-1');
      await next(element);
      await waitUntil(() => problem(element, 'location'), 'Next never checked the step', { timeout: 5000 });
      expect(problem(element, 'location')).to.contain('We don’t serve 90401 yet. Call Northwind Heating & Air at (555) 010-4477');
      await expect(element).to.be.accessible();
    });

    it('takes another address, checking its postal code first', async () => {
      const { element } = await openScheduler({ session: await sessionFor(DANA) });
      await untilText(element, '418 Maple Ave');
      await click(element, '#location-other');
      await fill(element, '#field-zip', '10001');
      await next(element);
      await waitUntil(() => problem(element, 'zip'), 'Next never checked the step', { timeout: 5000 });
      expect(problem(element, 'zip')).to.contain('We don’t serve 10001 yet');
      expect(problem(element, 'street')).to.equal(null);
      await fill(element, '#field-zip', '62702');
      await next(element);
      expect(problem(element, 'street')).to.equal('Enter the street address.');
      await fill(element, '#field-street', '5 Cedar Rd');
      await fill(element, '#field-city', 'Springfield');
      await fill(element, '#field-state', 'IL');
      await next(element);
      await untilStep(element, 'What do you need?');
    });
  });

  describe('time zones', () => {
    it('in a browser in Auckland asking a contractor in Chicago, offers Chicago’s days, says which zone the windows are in, and sends Chicago dates', async () => {
      // 20:00 UTC on November 17: Tuesday afternoon in Chicago, already Wednesday 9 a.m. in Auckland.
      const { element } = await openScheduler({ zone: 'Pacific/Auckland' });
      await publicToWhen(element);
      // A day's notice counts from Chicago's Tuesday: Wednesday the 18th is open (Auckland's "tomorrow" would be the 19th).
      expect($$(element, '.day-list button')[0]!.textContent!.trim()).to.equal('Wednesday, November 18');
      expect($(element, '[part~="time-zone-note"]').textContent!.replace(/\s+/g, ' ').trim()).to.equal(
        'Arrival windows are in Central Standard Time, where Northwind Heating & Air works. Your device is set to New Zealand Daylight Time.',
      );
      await expect(element).to.be.accessible();
      await click(element, '.day-list button[data-date="2026-11-18"]');
      await click(element, '#day-2026-11-18-morning');
      await next(element);
      await untilStep(element, 'Photos');
      await next(element);
      await untilStep(element, 'How can we reach you?');
      await fillContact(element);
      await next(element);
      await untilStep(element, 'Check and send');
      // 8 a.m. in Chicago (14:00 UTC) is 3 a.m. the next day in Auckland (UTC+13).
      expect(norm($(element, '.local-time').textContent!)).to.equal('That is Thursday, November 19, 3:00 – 7:00 AM your time.');
      await next(element);
      await untilSent(element);
      expect((await queued())[0]!.preferredDays).to.deep.equal([{ date: '2026-11-18', windowId: 'morning' }]);
    });
  });

  describe('the draft', () => {
    it('survives a reload, and is cleared once sent', async () => {
      const first = await openScheduler();
      await publicToWhen(first.element);
      await click(first.element, '.day-list button[data-date="2026-11-19"]');
      await click(first.element, '#day-2026-11-19-afternoon');
      first.provider.remove();
      const { element } = await openScheduler();
      await untilText(element, 'Next open days');
      expect(stepOf(element)).to.contain('When would suit you?');
      expect(($(element, '#day-2026-11-19-afternoon') as HTMLInputElement).checked).to.equal(true);
      await click(element, 'form .actions button.secondary');
      await untilStep(element, 'What do you need?');
      expect(($(element, '#field-description') as HTMLTextAreaElement).value).to.equal('The furnace clicks but never lights.');
      expect(($(element, '#service-svc-heating') as HTMLInputElement).checked).to.equal(true);
      await next(element);
      await untilStep(element, 'When would suit you?');
      await next(element);
      await untilStep(element, 'Photos');
      await next(element);
      await untilStep(element, 'How can we reach you?');
      await fillContact(element);
      await next(element);
      await untilStep(element, 'Check and send');
      await next(element);
      await untilSent(element);
      expect(sessionStorage.getItem('porchlight.scheduler-draft:public')).to.equal(null);
      element.closest('portal-provider')!.remove();
      const again = await openScheduler();
      expect(($(again.element, '#field-zip') as HTMLInputElement).value).to.equal('');
    });

    it('finds a kept day that has passed, or a window no longer offered, and says so on the day', async () => {
      sessionStorage.setItem(
        'porchlight.scheduler-draft:public',
        JSON.stringify({
          step: 'when',
          address: { zip: '62704' },
          serviceId: 'svc-heating',
          description: 'Noisy blower',
          days: [
            { date: '2026-11-16', windowId: 'morning' },
            { date: '2026-11-19', windowId: 'evening' },
          ],
        }),
      );
      const { element } = await openScheduler();
      await untilText(element, 'Next open days');
      await next(element);
      expect(problem(element, 'day-2026-11-16')).to.equal('This day has passed. Remove it and choose another.');
      expect(problem(element, 'day-2026-11-19')).to.equal('That arrival window isn’t offered on this day. Choose one of these.');
      // The day that has passed has no windows: its Remove button carries the message, and takes focus.
      const remove = removeButton(element, '2026-11-16')!;
      expect(remove.getAttribute('aria-describedby')).to.equal('problem-day-2026-11-16');
      expect(active(element)).to.equal(remove);
      expect(norm(formAlert(element)!.textContent!)).to.equal('Some fields need a change. The first: This day has passed. Remove it and choose another.');
      await expect(element).to.be.accessible();
    });

    it('ignores a corrupted draft', async () => {
      sessionStorage.setItem('porchlight.scheduler-draft:public', '{"step":"review","days":"oops","photos":[{"x":1}]');
      const { element } = await openScheduler();
      expect(stepOf(element)).to.contain('Where do you need us?');
    });
  });

  describe('sending', () => {
    it('says it is sending, and a double press sends one request', async () => {
      const { element } = await openScheduler();
      await publicToReview(element);
      hooks.hold = true;
      const send = $(element, 'form button[type="submit"]');
      send.click();
      send.click();
      await waitUntil(() => send.textContent!.trim() === 'Sending…', 'never said it was sending', { timeout: 5000 });
      send.click();
      expect(send.getAttribute('aria-disabled')).to.equal('true');
      await expect(element).to.be.accessible();
      hooks.release();
      await untilSent(element);
      expect(hooks.calls).to.have.length(1);
      expect(await queued()).to.have.length(1);
      // Sent in the element's language: the backend answers ("request received") in it.
      expect(hooks.options[0]?.language).to.equal(element.elementLocale.tag);
    });

    it('after a dropped connection, sending again makes no second request (same Idempotency-Key)', async () => {
      const { element } = await openScheduler();
      await publicToReview(element);
      hooks.failNext = { error: new PortalError('NETWORK', 'dropped'), afterStoring: true };
      await next(element);
      await untilText(element, 'The connection dropped before we heard back');
      expect($(element, '[part~="error"]').getAttribute('role')).to.equal('alert');
      await expect(element).to.be.accessible();
      expect(await queued()).to.have.length(1);
      await next(element);
      await untilSent(element);
      expect(hooks.calls).to.have.length(2);
      expect(hooks.calls[1]!.idempotencyKey).to.equal(hooks.calls[0]!.idempotencyKey);
      const stored = await queued();
      expect(stored).to.have.length(1);
      expect(textOf(element)).to.contain(`Your reference is ${stored[0]!.reference}.`);
    });

    it('keeps the Idempotency-Key across a reload after a dropped connection', async () => {
      const first = await openScheduler();
      await publicToReview(first.element);
      hooks.failNext = { error: new PortalError('NETWORK', 'dropped'), afterStoring: true };
      await next(first.element);
      await untilText(first.element, 'The connection dropped');
      first.provider.remove();
      const { element } = await openScheduler();
      await untilStep(element, 'Check and send');
      await next(element);
      await untilSent(element);
      expect(hooks.calls[1]!.idempotencyKey).to.equal(hooks.calls[0]!.idempotencyKey);
      expect(await queued()).to.have.length(1);
    });

    it('a changed request gets a new key', async () => {
      const { element } = await openScheduler();
      await publicToReview(element);
      hooks.failNext = { error: new PortalError('NETWORK', 'dropped'), afterStoring: false };
      await next(element);
      await untilText(element, 'The connection dropped');
      await click(element, '[part~="review"] dd:nth-of-type(2) button');
      await untilStep(element, 'What do you need?');
      await fill(element, '#field-description', 'The furnace clicks, then smells of gas.');
      for (const title of ['When would suit you?', 'Photos', 'How can we reach you?', 'Check and send']) {
        await next(element);
        await untilStep(element, title);
      }
      await next(element);
      await untilSent(element);
      expect(hooks.calls[1]!.idempotencyKey).not.to.equal(hooks.calls[0]!.idempotencyKey);
    });

    it('takes the customer to a day the office closed meanwhile, with the open days reloaded', async () => {
      const { element } = await openScheduler();
      await publicToReview(element);
      await setScheduling({ blackoutDates: ['2026-11-20'] });
      await next(element);
      await untilStep(element, 'When would suit you?');
      await untilText(element, 'Next open days');
      expect(problem(element, 'day-2026-11-20')).to.equal('This day or arrival window is no longer open. Choose another.');
      await waitUntil(() => !$$(element, '.day-list button').some((b) => b.dataset.date === '2026-11-20'), 'availability was not reloaded', { timeout: 5000 });
      expect(await queued()).to.have.length(0);
      // The day has no windows now: focus is on its Remove button, which the message describes.
      await waitUntil(() => active(element) === removeButton(element, '2026-11-20'), `focus is on ${active(element)?.outerHTML.slice(0, 80)}`, { timeout: 5000 });
      expect(removeButton(element, '2026-11-20')!.getAttribute('aria-describedby')).to.equal('problem-day-2026-11-20');
      expect(norm(formAlert(element)!.textContent!)).to.equal('This day or arrival window is no longer open. Choose another.');
      // Next there: the day's own message, said anew, and focus stays on Remove.
      const said = formAlert(element);
      await next(element);
      await waitUntil(() => formAlert(element) !== said, 'Next said nothing', { timeout: 5000 });
      expect(norm(formAlert(element)!.textContent!)).to.match(/^This day is not open: .*\. Remove it and choose another\.$/);
      expect(problem(element, 'day-2026-11-20')).to.equal(norm(formAlert(element)!.textContent!));
      expect(active(element)).to.equal(removeButton(element, '2026-11-20'));
      await expect(element).to.be.accessible();
    });

    it('keeps a refused day in sight when reloading the open days fails too', async () => {
      const adapter = schedulingAdapter();
      const getAvailability = adapter.getAvailability!.bind(adapter);
      let failReload = false;
      adapter.getAvailability = (...args) => (failReload ? Promise.reject(new PortalError('NETWORK', 'dropped')) : getAvailability(...args));
      const { element } = await mount<PortalScheduler>(html`<portal-scheduler .browserTimeZone=${'America/Chicago'}></portal-scheduler>`, { adapter });
      await untilText(element, /Step \d of \d/);
      await publicToReview(element);
      await setScheduling({ blackoutDates: ['2026-11-20'] });
      failReload = true;
      await next(element);
      await untilStep(element, 'When would suit you?');
      await untilText(element, 'Try again');
      // The days' banner says the reload failed; the refusal, whose day is not drawn, is shown by the form's alert.
      const alert = formAlert(element)!;
      expect(norm(alert.textContent!)).to.equal('This day or arrival window is no longer open. Choose another.');
      expect(alert.className).to.equal('message error');
      expect(alert.getBoundingClientRect().height).to.be.greaterThan(0);
      await expect(element).to.be.accessible();
      // The days back: the refusal is shown beside its day, and the form's alert only says it.
      failReload = false;
      $$(element, 'button').find((b) => b.textContent!.trim() === 'Try again')!.click();
      await untilText(element, 'Next open days');
      await element.updateComplete;
      expect(problem(element, 'day-2026-11-20')).to.equal('This day or arrival window is no longer open. Choose another.');
      expect(formAlert(element)!.className).to.equal('visually-hidden');
    });

    it('shows a field the backend refused on its step', async () => {
      const { element } = await openScheduler();
      await publicToReview(element);
      hooks.failNext = { error: new PortalError('VALIDATION', 'bad email', { field: 'contact.email' }, { status: 422 }), afterStoring: false };
      await next(element);
      await untilStep(element, 'How can we reach you?');
      expect(problem(element, 'email')).to.equal('Check this: it was not accepted.');
      expect(active(element)).to.equal($(element, '#field-email'));
    });

    it('says when too many requests were sent', async () => {
      const { element } = await openScheduler();
      await publicToReview(element);
      hooks.failNext = { error: new PortalError('RATE_LIMITED', 'slow down', { retryAfterSeconds: 3600 }, { status: 429 }), afterStoring: false };
      await next(element);
      await untilText(element, 'Too many requests. Try again in 60 minutes.');
    });
  });

  describe('photos', () => {
    it('shrinks a photo, strips its EXIF (location) data, and sends it as JPEG', async () => {
      const { element } = await openScheduler();
      await publicToWhen(element);
      await chooseDaysAndGo(element);
      await expect(element).to.be.accessible();
      const file = await jpegWithExif(3200, 2400);
      expect(hasAscii(new Uint8Array(await file.arrayBuffer()), 'Exif')).to.equal(true);
      await addFiles(element, [file]);
      await untilText(element, '1 photo added.');
      // A canvas, not a data: image (a strict CSP blocks those): named as an image.
      const preview = $(element, '[part~="photos"] canvas[role="img"]');
      expect(preview.getAttribute('aria-label')).to.equal('Photo 1: furnace.jpg');
      await expect(element).to.be.accessible();
      await next(element);
      await untilStep(element, 'How can we reach you?');
      await fillContact(element);
      await next(element);
      await untilStep(element, 'Check and send');
      await next(element);
      await untilSent(element);
      const [photo] = hooks.calls[0]!.photos;
      expect(photo!.type).to.equal('image/jpeg');
      const [stored] = (await queued())[0]!.photos;
      expect(stored!.type).to.equal('image/jpeg');
      const bytes = await storedPhoto(stored!.url);
      const sent = Uint8Array.from(atob(photo!.data), (c) => c.charCodeAt(0));
      expect(bytes.length).to.equal(sent.length);
      expect(bytes.every((b, i) => b === sent[i])).to.equal(true);
      expect([bytes[0], bytes[1]]).to.deep.equal([0xff, 0xd8]);
      expect(hasAscii(bytes, 'Exif')).to.equal(false);
      expect(hasAscii(bytes, 'GPS')).to.equal(false);
      const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/jpeg' }));
      expect([bitmap.width, bitmap.height]).to.deep.equal([1600, 1200]);
    });

    it('takes the customer back to the photos when the server finds the request too large', async () => {
      const { element } = await openScheduler();
      await publicToWhen(element);
      await chooseDaysAndGo(element);
      await addFiles(element, [await jpegWithExif(400, 300, 'boiler.jpg')]);
      await untilText(element, '1 photo added.');
      await next(element);
      await untilStep(element, 'How can we reach you?');
      await fillContact(element);
      await next(element);
      await untilStep(element, 'Check and send');
      hooks.failNext = { error: new PortalError('VALIDATION', 'too large', {}, { status: 413 }), afterStoring: false };
      await next(element);
      await untilStep(element, 'Photos');
      expect(problem(element, 'photos')).to.equal('These photos are too large to send together. Remove one (or two) and send again.');
      await expect(element).to.be.accessible();
    });

    it('refuses a wrong type, an oversized file, a HEIC this browser cannot read, and a fifth photo, each with a reason', async () => {
      const { element } = await openScheduler();
      await publicToWhen(element);
      await chooseDaysAndGo(element);
      await addFiles(element, [
        new File([new Uint8Array([0x47, 0x49, 0x46, 0x38])], 'leak.gif', { type: 'image/gif' }),
        new File([new Uint8Array(26 * 1024 * 1024)], 'huge.jpg', { type: 'image/jpeg' }),
        new File([new Uint8Array([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x68, 0x65, 0x69, 0x63])], 'IMG_0001.HEIC', { type: '' }),
      ]);
      await waitUntil(() => problem(element, 'photos'), 'no photo problem shown', { timeout: 5000 });
      const text = problem(element, 'photos')!;
      expect(text).to.contain('leak.gif: use a JPEG, PNG, HEIC or WebP photo.');
      expect(text).to.contain('huge.jpg: this file is too large. Use a photo under 25 MB.');
      expect(text).to.contain('IMG_0001.HEIC: this browser can’t read HEIC photos.');
      expect($(element, '#field-photos').getAttribute('aria-invalid')).to.equal('true');
      await expect(element).to.be.accessible();
      const small = await Promise.all([1, 2, 3, 4, 5].map((n) => jpegWithExif(40, 30, `p${n}.jpg`)));
      await addFiles(element, small);
      await untilText(element, '4 photos added.');
      expect($$(element, '[part~="photos"] li')).to.have.length(4);
      expect(problem(element, 'photos')).to.equal('p5.jpg: you can add up to 4 photos. Remove one to add another.');
      // Removing one keeps focus on the file picker.
      await click(element, '[part~="photos"] li button');
      expect($$(element, '[part~="photos"] li')).to.have.length(3);
      expect(active(element)).to.equal($(element, '#field-photos'));
    });

    it('Next while photos are still being prepared waits for them: says so, stays, and moves on once they are ready', async () => {
      const { element } = await openScheduler();
      await publicToWhen(element);
      await chooseDaysAndGo(element);
      const large = await Promise.all([1, 2].map((n) => jpegWithExif(2400, 1800, `big${n}.jpg`)));
      const input = $(element, '#field-photos') as HTMLInputElement;
      const transfer = new DataTransfer();
      for (const file of large) transfer.items.add(file);
      input.files = transfer.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
      await next(element);
      expect(problem(element, 'photos')).to.equal('Your photos are still being prepared. Wait a moment, then press Next.');
      expect(stepOf(element)).to.contain('Photos');
      await untilText(element, '2 photos added.');
      await next(element);
      await untilStep(element, 'How can we reach you?');
    });

    it('two picks at once (the second while the first is prepared): the limit holds, and what did not fit is said', async () => {
      const { element } = await openScheduler();
      await publicToWhen(element);
      await chooseDaysAndGo(element);
      // Five small photos (one over the limit from the start), and three large ones (slower to shrink).
      const first = await Promise.all([1, 2, 3, 4, 5].map((n) => jpegWithExif(40, 30, `a${n}.jpg`)));
      const second = await Promise.all([1, 2, 3].map((n) => jpegWithExif(1600, 1200, `b${n}.jpg`)));
      await Promise.all([addFiles(element, first), addFiles(element, second)]);
      const refusals = () => problem(element, 'photos')?.match(/you can add up to 4 photos/g)?.length ?? 0;
      await waitUntil(() => refusals() === 4, `both picks never settled: ${problem(element, 'photos')}`, { timeout: 15_000 });
      await untilText(element, '4 photos added.');
      expect($$(element, '[part~="photos"] li')).to.have.length(4);
      const said = problem(element, 'photos')!;
      // Every photo picked is either shown or named as refused, whichever pick was prepared first.
      const kept = $$(element, '[part~="photos"] li').map((li) => /[ab]\d\.jpg/.exec(li.textContent!)![0]);
      const refused = [...said.matchAll(/([ab]\d\.jpg): you can add up to 4/g)].map((m) => m[1]!);
      expect([...kept, ...refused].sort()).to.deep.equal(['a1.jpg', 'a2.jpg', 'a3.jpg', 'a4.jpg', 'a5.jpg', 'b1.jpg', 'b2.jpg', 'b3.jpg']);
    });
  });

  describe('request → review → booked', () => {
    /** Dana's request from the element, to the review step. */
    async function danaToReview() {
      const session = await sessionFor(DANA);
      const { element, provider } = await openScheduler({ session });
      await untilText(element, '418 Maple Ave');
      await click(element, '#location-loc-1');
      await next(element);
      await untilStep(element, 'What do you need?');
      await click(element, '#service-svc-heating');
      await fill(element, '#field-description', 'No heat upstairs since Sunday.');
      await next(element);
      await untilText(element, 'Next open days');
      await chooseDaysAndGo(element);
      await next(element);
      await untilStep(element, 'Check and send');
      return { element, provider, session };
    }

    it('shows the visit the office booked in the customer’s <portal-visits>', async () => {
      const { element, provider } = await danaToReview();
      await next(element);
      await untilSent(element);
      const [request] = await queued();
      const booked = await api('POST', `/office/booking-requests/${request!.id}/book`, { headers: office, body: { date: '2026-11-20', windowId: 'afternoon', technicianId: 'tech-3' } });
      expect(booked.status, JSON.stringify(booked.body)).to.equal(200);
      const visits = document.createElement('portal-visits') as PortalVisits;
      provider.append(visits);
      await untilText(visits, 'No heat upstairs since Sunday.');
      const card = $$(visits, '[aria-labelledby="upcoming"] [part~="record"]').find((r) => r.textContent!.includes('No heat upstairs'))!;
      expect(norm(card.textContent!)).to.contain('Dev Patel');
      expect(norm(card.textContent!)).to.contain('Fri, Nov 20, 12:00 – 4:00 PM');
    });

    it('keeps what was typed when the session ends before Send, and says to sign in again', async () => {
      const { element, session } = await danaToReview();
      await api('POST', '/auth/sign-out', { token: session.token });
      await next(element);
      await untilText(element, 'Your session ended before the request was sent. Sign in again to send it: what you entered is kept.');
      // The public form now (no one is signed in); the account's draft waits in session storage.
      expect(stepOf(element)).to.contain('Step 1 of 6');
      expect(JSON.parse(sessionStorage.getItem('porchlight.scheduler-draft:cust-1001')!).step).to.equal('review');
      expect(await queued()).to.have.length(0);
      await expect(element).to.be.accessible();
    });

    it('keeps the Idempotency-Key of a send whose answer was lost when the session then ends: signed in again, Send makes no second request', async () => {
      // The sign-in after the session ends, made first: opening the scheduler moves the backend's clock.
      const again = await sessionFor(DANA);
      const { element, session, provider } = await danaToReview();
      hooks.failNext = { error: new PortalError('NETWORK', 'dropped'), afterStoring: true };
      await next(element);
      await untilText(element, 'The connection dropped before we heard back');
      await api('POST', '/auth/sign-out', { token: session.token });
      await next(element);
      await untilText(element, 'Your session ended before the request was sent.');
      const kept = JSON.parse(sessionStorage.getItem('porchlight.scheduler-draft:cust-1001')!);
      expect(kept.idempotencyKey).to.equal(hooks.calls[0]!.idempotencyKey);
      // Signed in again: the kept request, sent again, is the one already in the queue.
      provider.portalState.value.signedIn(again);
      await untilStep(element, 'Check and send');
      await next(element);
      await untilSent(element);
      expect(hooks.calls.at(-1)!.idempotencyKey).to.equal(hooks.calls[0]!.idempotencyKey);
      const stored = await queued();
      expect(stored).to.have.length(1);
      expect(textOf(element)).to.contain(`Your reference is ${stored[0]!.reference}.`);
    });
  });

  describe('from <portal-visits>', () => {
    it('"Request a visit" opens a hidden scheduler on the page and moves focus to it', async () => {
      const session = await sessionFor(DANA);
      const { provider } = await mount(
        html`<portal-visits></portal-visits><portal-scheduler hidden></portal-scheduler>`,
        { session, adapter: schedulingAdapter() },
      );
      const visits = provider.querySelector('portal-visits') as PortalVisits;
      const scheduler = provider.querySelector('portal-scheduler') as PortalScheduler;
      await untilText(visits, 'Request a visit');
      const requested = oneEvent(provider, 'portal-appointment-requested');
      const stepped = oneEvent(provider, 'portal-scheduler-step') as Promise<PortalSchedulerStepEvent>;
      $(visits, '[part~="actions"] button').click();
      await requested;
      expect((await stepped).detail).to.deep.equal({ step: 'where', number: 1, count: 5, via: 'start', signedIn: true });
      expect(scheduler.hidden).to.equal(false);
      await untilText(scheduler, 'Step 1 of 5');
      // Its heading, or its step's once loaded: never left on the button.
      await waitUntil(() => ['heading', 'step-heading'].includes(scheduler.shadowRoot!.activeElement?.id ?? ''), 'focus did not move to the scheduler', { timeout: 5000 });
      expect(textOf(visits)).not.to.contain('Online booking is not available');
    });

    it('leaves the scheduler alone when the page takes the request over', async () => {
      const { provider } = await mount(html`<portal-visits></portal-visits><portal-scheduler hidden></portal-scheduler>`, {
        session: await sessionFor(DANA),
        adapter: schedulingAdapter(),
      });
      const visits = provider.querySelector('portal-visits') as PortalVisits;
      await untilText(visits, 'Request a visit');
      provider.addEventListener('portal-appointment-requested', (e) => e.preventDefault(), { once: true });
      $(visits, '[part~="actions"] button').click();
      await visits.updateComplete;
      expect((provider.querySelector('portal-scheduler') as PortalScheduler).hidden).to.equal(true);
      expect(textOf(visits)).not.to.contain('Online booking is not available');
    });
  });

  describe('by keyboard alone', () => {
    it('completes a whole request with Tab, arrows, Space and Enter', async () => {
      const { element } = await openScheduler();
      const key = (press: string) => sendKeys({ press });
      /** Tab until focus is on what `match` wants (inside the scheduler). */
      async function tabTo(match: (el: Element) => boolean, what: string) {
        for (let i = 0; i < 40; i++) {
          const now = active(element);
          if (now && match(now)) return;
          await key('Tab');
          await element.updateComplete;
        }
        throw new Error(`Tab never reached ${what}`);
      }
      const id = (name: string) => (el: Element) => el.id === name;
      const submit = (el: Element) => el.matches('form button[type="submit"]');

      await tabTo(id('field-zip'), 'the postal code');
      await sendKeys({ type: '62704' });
      await key('Enter');
      await untilStep(element, 'What do you need?');
      expect(active(element)!.id).to.equal('step-heading');
      await tabTo(id('service-svc-heating'), 'the first service');
      await key('ArrowDown');
      await element.updateComplete;
      expect(($(element, '#service-svc-cooling') as HTMLInputElement).checked).to.equal(true);
      await tabTo(id('field-description'), 'the description');
      await sendKeys({ type: 'Water under the indoor unit.' });
      await tabTo(submit, 'Next');
      await key('Enter');
      await untilStep(element, 'When would suit you?');
      await untilText(element, 'Next open days');
      await tabTo((el) => el.getAttribute('data-date') === '2026-11-18', 'the first open day');
      await key('Enter');
      await element.updateComplete;
      await tabTo(id('more-toggle'), 'More dates');
      await key('Enter');
      await element.updateComplete;
      await tabTo((el) => el.localName === 'portal-date-grid' && el.shadowRoot?.activeElement?.localName === 'td', 'a day in the month grid');
      const grid = $(element, 'portal-date-grid');
      await key('ArrowRight');
      await key('ArrowRight');
      expect(grid.shadowRoot!.activeElement!.getAttribute('data-date')).to.equal('2026-11-20');
      await key('Enter');
      await element.updateComplete;
      expect($$(element, '[part~="chosen-day"] legend').map((l) => l.textContent)).to.deep.equal([
        'Wednesday, November 18, 2026',
        'Friday, November 20, 2026',
      ]);
      await tabTo(id('day-2026-11-18-morning'), 'the first day’s morning window');
      await key(' ');
      await tabTo(id('day-2026-11-20-morning'), 'the second day’s windows');
      await key('ArrowDown');
      await tabTo(submit, 'Next');
      await key('Enter');
      await untilStep(element, 'Photos');
      await tabTo(submit, 'Next');
      await key('Enter');
      await untilStep(element, 'How can we reach you?');
      await tabTo(id('field-name'), 'the name');
      await sendKeys({ type: 'Sam Keyes' });
      await key('Tab');
      await sendKeys({ type: '555 013 9876' });
      await tabTo(id('field-street'), 'the street');
      await sendKeys({ type: '9 Oak St' });
      await tabTo(id('field-city'), 'the city');
      await sendKeys({ type: 'Springfield' });
      await key('Tab');
      await sendKeys({ type: 'IL' });
      await tabTo(id('field-consentToContact'), 'the consent box');
      await key(' ');
      await tabTo(submit, 'Next');
      await key('Enter');
      await untilStep(element, 'Check and send');
      await tabTo(submit, 'Send request');
      await key('Enter');
      await untilSent(element);
      const body = hooks.calls[0]!;
      expect(await queued()).to.have.length(1);
      expect(body.serviceId).to.equal('svc-cooling');
      expect(body.preferredDays).to.deep.equal([
        { date: '2026-11-18', windowId: 'morning' },
        { date: '2026-11-20', windowId: 'afternoon' },
      ]);
      expect(body.contact).to.deep.equal({ name: 'Sam Keyes', phone: '555 013 9876', consentToContact: true, consentToTexts: false });
      expect(body.address).to.deep.equal({ street: '9 Oak St', city: 'Springfield', state: 'IL', zip: '62704' });
    });
  });
});

/** A JPEG carrying an EXIF block with a GPS position in it, as a phone camera writes one. */
async function jpegWithExif(width: number, height: number, name = 'furnace.jpeg'): Promise<File> {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d')!;
  context.fillStyle = '#b33';
  context.fillRect(0, 0, width, height);
  context.fillStyle = '#fff';
  context.fillRect(width / 4, height / 4, width / 2, height / 2);
  const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/jpeg', 0.9));
  const jpeg = new Uint8Array(await blob.arrayBuffer());
  const ascii = (text: string) => [...new TextEncoder().encode(text)];
  // "Exif\0\0", a big-endian TIFF header with an empty IFD, then the position as a camera note.
  const payload = [...ascii('Exif'), 0, 0, 0x4d, 0x4d, 0, 0x2a, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, ...ascii('GPS 39.7817 N 89.6501 W')];
  const length = payload.length + 2;
  const app1 = [0xff, 0xe1, length >> 8, length & 0xff, ...payload];
  const bytes = new Uint8Array(jpeg.length + app1.length);
  bytes.set(jpeg.subarray(0, 2));
  bytes.set(app1, 2);
  bytes.set(jpeg.subarray(2), 2 + app1.length);
  return new File([bytes], name, { type: 'image/jpeg' });
}

function hasAscii(bytes: Uint8Array, text: string): boolean {
  const needle = [...new TextEncoder().encode(text)];
  outer: for (let i = 0; i <= bytes.length - needle.length; i++) {
    for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

async function addFiles(element: PortalScheduler, files: File[]) {
  const input = $(element, '#field-photos') as HTMLInputElement;
  const transfer = new DataTransfer();
  for (const file of files) transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
  await element.updateComplete;
}
