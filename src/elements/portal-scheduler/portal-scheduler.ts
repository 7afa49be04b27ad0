import { msg, str } from '../../i18n/msg.js';
import { servicesIn } from '../../i18n/contractor-words.js';
import { TaskStatus } from '@lit/task';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { toPortalError, type PortalError } from '../../adapter/portal-error.js';
import { PortalAppointmentRequestSentEvent } from '../../events/portal-appointment-request-sent.js';
import { PortalSchedulerStepEvent, type PortalSchedulerStepDetail, type SchedulerStep } from '../../events/portal-scheduler-step.js';
import { canRetry, describeError } from '../../internal/error-messages.js';
import { localeOf, zonedInstant, zoneOffsetMinutes } from '../../internal/format.js';
import { PortalElement } from '../../internal/portal-element.js';
import { controlStyles, hostStyles } from '../../internal/shared-styles.js';
import type { AppointmentRequestReceipt } from '../../model/booking-request.js';
import type { SchedulerConfig } from '../../model/scheduler.js';
import type { PublicSettings } from '../../model/settings.js';
import { alertAfterEdit, alertMessage, problemsAlert } from '../../internal/form-alert.js';
import { schedulerActions, type ActionHost } from './actions.js';
import { checkStep, firstFailing, type CheckContext, type Problems } from './checks.js';
import { clearDraft, draftKey, newDraft, readDraft, requestBody, saveDraft, withKey, type SchedulerDraft } from './draft.js';
import { schedulerStyles } from './portal-scheduler.styles.js';
import { stepTitle } from './scheduler-text.js';
import { SchedulerData, schedulerEnabled } from './scheduler-data.js';
import { keyStays, sendOutcome } from './send-outcome.js';
import { renderOff, renderSent } from './sent.js';
import { renderContact } from './step-contact.js';
import { renderPhotos } from './step-photos.js';
import { renderReview } from './step-review.js';
import { renderWhat } from './step-what.js';
import { renderWhen } from './step-when.js';
import { renderWhere } from './step-where.js';
import { fieldsDrawn, type StepView } from './view.js';

const ACCOUNT_STEPS: readonly SchedulerStep[] = ['where', 'what', 'when', 'photos', 'review'];
const PUBLIC_STEPS: readonly SchedulerStep[] = ['where', 'what', 'when', 'photos', 'contact', 'review'];

/**
 * Asks for a visit: where (one of the signed-in customer's locations, or an address on the public
 * site, checked against the contractor's service area first), what (a service and the problem),
 * when (up to three preferred days, each with an arrival window, in the contractor's time zone),
 * photos, how to reach someone who is not signed in, then a review. The request goes to the
 * office's review queue: the confirmation says it is received, not booked.
 *
 * Works signed in (inside `<portal-provider>`, or with an `api-base` shared with `<portal-login>`)
 * and anonymously on a public page (`api-base`, no session). What the customer typed is kept in
 * session storage until it is sent. `<portal-visits>`' "Request a visit" calls `open()`.
 *
 * @summary Request a visit: the office reviews the request and books it.
 * @fires {PortalSchedulerStepEvent} portal-scheduler-step - The customer moved to another step (for analytics; no form content).
 * @fires {PortalAppointmentRequestSentEvent} portal-appointment-request-sent - A request reached the office's queue: its reference, service and preferred days.
 * @csspart section - The element's card: the labelled region around everything.
 * @csspart header - The title row.
 * @csspart error - Where a failed step or send is explained.
 * @csspart off - The message shown when online requests are off.
 * @csspart time-zone-note - Which zone the arrival windows are in, when it is not the device's.
 * @csspart no-days - The message shown when no day is open.
 * @csspart status - In the month grid ("More dates"), what the focused day is: open, closed or chosen.
 * @csspart chosen-day - One preferred day with its windows.
 * @csspart photos - The photos added.
 * @csspart review - The summary before sending.
 * @csspart sent - The confirmation.
 * @csspart heading - The title.
 * @csspart button - Every button (a secondary one is also `secondary-button`).
 * @csspart secondary-button - A secondary button (also `button`).
 * @csspart link-button - A button that looks like a link.
 * @csspart input - Every text field and select.
 * @cssprop --portal-scheduler-max-width - Widest the element grows (40em).
 * @cssstate busy - A request is being sent.
 * @cssstate sent - The confirmation is shown.
 * @cssstate signed-in - A signed-in customer is asking (no contact step).
 */
export class PortalScheduler extends PortalElement {
  static override styles = [hostStyles, controlStyles, schedulerStyles];

  /** @internal The time zone to treat as the browser's (tests, stories); by default what Intl reports. */
  @property({ attribute: false }) browserTimeZone: string | undefined;

  /** @internal */
  @state() private draft: SchedulerDraft = newDraft();
  /** @internal */
  @state() private problems: Problems = {};
  /** @internal */
  @state() private alert = '';
  /** @internal Counts what set the alert: each time it is a new node, said again even in the same words. */
  @state() private alertCount = 0;
  /** @internal */
  @state() private busy = false;
  /** @internal */
  @state() private receipt: AppointmentRequestReceipt | null = null;
  /** @internal */
  @state() private gridOpen = false;
  /** @internal */
  @state() private gridStart = '';
  /** @internal */
  @state() private photoBusy = false;
  /** @internal */
  @state() private notice = '';

  #draftKey: string | null = null;
  /** Set synchronously on send: a second press in the same instant does nothing. */
  #sending = false;
  /** What to focus after the next render: the step's heading, the first field at fault, or a selector. */
  #focus: 'step' | 'invalid' | string | null = null;
  /** Said after a change of who is asking (a session that ended while sending). */
  #carryAlert = '';

  #enabled(): boolean {
    return schedulerEnabled(this.portal);
  }

  #customerId(): string | null {
    return this.portal?.session && this.portal.account ? this.portal.account.customerId : null;
  }

  #steps(): readonly SchedulerStep[] {
    return this.#customerId() ? ACCOUNT_STEPS : PUBLIC_STEPS;
  }

  readonly #data = new SchedulerData(this, () => this.portal);

  /**
   * Shows the scheduler (removing a `hidden` attribute the page set), scrolls it into view and moves
   * focus to its current step. After a sent request it starts a new one.
   */
  open() {
    this.hidden = false;
    this.receipt = null;
    this.#focus = 'step';
    this.requestUpdate();
    this.scrollIntoView?.({ block: 'start' });
    if (this.#enabled()) this.#announceStep(this.draft.step, 'start');
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    super.willUpdate(changed);
    if (!this.portal?.settings) return;
    // Each customer account, and the public site, has its own draft.
    const key = draftKey(this.#customerId());
    if (key !== this.#draftKey) {
      const first = this.#draftKey === null;
      this.#draftKey = key;
      const draft = readDraft(key) ?? newDraft();
      if (!this.#steps().includes(draft.step)) draft.step = 'where';
      this.draft = draft;
      this.problems = {};
      this.alert = this.#carryAlert;
      this.#carryAlert = '';
      this.gridOpen = false;
      if (!first) this.receipt = null;
    }
    // One place on file, in the service area: it is the place, already chosen ("Another address" is
    // still there). Not saved: it follows the account's locations.
    const locations = this.#data.currentLocations;
    const only = locations?.length === 1 ? locations[0] : undefined;
    if (only?.inServiceArea && this.#customerId() !== null && this.draft.locationId === null && !this.draft.otherAddress) {
      this.draft = { ...this.draft, locationId: only.locationId };
    }
  }

  protected override updated(changed: PropertyValues<this>) {
    super.updated(changed);
    this.setCustomState('busy', this.busy);
    this.setCustomState('sent', this.receipt !== null);
    this.setCustomState('signed-in', this.#customerId() !== null);
    const focus = this.#focus;
    if (!focus) return;
    // The field at fault on the days may be on a day still reloading (the office closed it meanwhile).
    if (focus === 'invalid' && this.#data.availability.status === TaskStatus.PENDING) return;
    const root = this.renderRoot;
    let target: HTMLElement | null;
    if (focus === 'invalid') {
      // The problem the alert names first: "give a phone or an email" has no field of its own, phone is
      // first of the two; any other problem marks its field invalid.
      target =
        Object.keys(this.problems)[0] === 'reach'
          ? root.querySelector<HTMLElement>('#field-phone')
          : root.querySelector<HTMLElement>('[aria-invalid="true"], [data-invalid]');
    } else if (focus === 'step') {
      target = root.querySelector<HTMLElement>('#step-heading') ?? root.querySelector<HTMLElement>('#heading');
    } else {
      target = root.querySelector<HTMLElement>(focus) ?? root.querySelector<HTMLElement>('#step-heading');
    }
    // Asked for once: a request this render has no place for is dropped, not carried to a later one.
    this.#focus = null;
    target?.focus();
  }

  /** The element as the steps' actions see it (actions.ts). */
  readonly #actions = schedulerActions(this.#actionHost());

  #actionHost(): ActionHost {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const element = this;
    return {
      get draft() {
        return element.draft;
      },
      set draft(value) {
        element.draft = value;
      },
      get problems() {
        return element.problems;
      },
      set problems(value) {
        // An edit that mends problems takes a stale alert with them.
        element.alert = alertAfterEdit(element.alert, element.problems, value);
        element.problems = value;
      },
      get gridOpen() {
        return element.gridOpen;
      },
      set gridOpen(value) {
        element.gridOpen = value;
      },
      get gridStart() {
        return element.gridStart;
      },
      set gridStart(value) {
        element.gridStart = value;
      },
      get photoBusy() {
        return element.photoBusy;
      },
      set photoBusy(value) {
        element.photoBusy = value;
      },
      get notice() {
        return element.notice;
      },
      set notice(value) {
        element.notice = value;
      },
      get availability() {
        return element.#data.availability.value ?? null;
      },
      get config() {
        return element.#data.config.value ?? null;
      },
      get locale() {
        return localeOf(element);
      },
      setDraft: (next) => element.#setDraft(next),
      say: (text) => element.#say(text),
      focusAfter: (selector) => (element.#focus = selector),
      go: (step) => element.#go(step, 'change'),
      retry: () => element.#data.retry(),
      inLocale: (make) => element.inLocale(make),
    };
  }

  #setDraft(next: SchedulerDraft) {
    this.draft = next;
    if (this.#draftKey) saveDraft(this.#draftKey, next);
  }

  #announceStep(step: SchedulerStep, via: PortalSchedulerStepDetail['via']) {
    const steps = this.#steps();
    this.dispatchEvent(
      new PortalSchedulerStepEvent({ step, number: steps.indexOf(step) + 1, count: steps.length, via, signedIn: this.#customerId() !== null }),
    );
  }

  #go(step: SchedulerStep, via: PortalSchedulerStepDetail['via']) {
    this.#setDraft({ ...this.draft, step });
    this.problems = {};
    this.alert = '';
    this.gridOpen = false;
    this.notice = '';
    this.#focus = 'step';
    this.#announceStep(step, via);
  }

  #context(config: SchedulerConfig, settings: PublicSettings): CheckContext {
    return {
      signedIn: this.#customerId() !== null,
      config,
      settings,
      locations: this.#data.currentLocations ?? [],
      availability: this.#data.availability.value ?? null,
      locale: localeOf(this),
    };
  }

  #showProblems(problems: Problems, alert?: string) {
    this.problems = problems;
    this.#say(alert ?? this.inLocale(() => problemsAlert(problems)));
    this.#focus = 'invalid';
  }

  /** The form's alert, said anew each time (alertMessage): also the same words after a second attempt. */
  #say(text: string) {
    this.alert = text;
    this.alertCount++;
  }

  /** Set while Next waits for data: a second press does not skip a step. */
  #moving = false;

  async #next(config: SchedulerConfig, settings: PublicSettings) {
    if (this.#moving) return;
    // Photos still being prepared would be left out of the request: the customer waits for them.
    if (this.draft.step === 'photos' && this.photoBusy) {
      this.#showProblems({ photos: msg('Your photos are still being prepared. Wait a moment, then press Next.') });
      return;
    }
    this.#moving = true;
    try {
      await this.#data.loaded();
    } finally {
      this.#moving = false;
    }
    const steps = this.#steps();
    const step = this.draft.step;
    // After an await: the problems are made in this element's language.
    const problems = this.inLocale(() => checkStep(step, this.draft, this.#context(config, settings)));
    if (Object.keys(problems).length > 0) {
      this.#showProblems(problems);
      return;
    }
    const next = steps[steps.indexOf(step) + 1];
    if (next) this.#go(next, 'next');
  }

  #back = () => {
    const steps = this.#steps();
    const previous = steps[steps.indexOf(this.draft.step) - 1];
    if (previous) this.#go(previous, 'back');
  };

  #onSubmit(event: SubmitEvent, config: SchedulerConfig, settings: PublicSettings) {
    event.preventDefault();
    if (this.draft.step === 'review') void this.#send(config, settings);
    else void this.#next(config, settings);
  }

  async #send(config: SchedulerConfig, settings: PublicSettings) {
    const portal = this.portal;
    if (this.#sending || !portal) return;
    this.#sending = true;
    try {
      await this.#data.loaded();
    } finally {
      this.#sending = false;
    }
    const steps = this.#steps();
    // After an await: the problems are made in this element's language.
    const failing = this.inLocale(() => firstFailing(steps, this.draft, this.#context(config, settings)));
    if (failing) {
      this.#go(failing.step, 'change');
      this.#showProblems(failing.problems);
      return;
    }
    const customerId = this.#customerId();
    const body = requestBody(this.draft, customerId);
    // The key is kept in the draft: a retry, a double press or a reload re-sends the same one.
    const draft = withKey(this.draft, body);
    this.#setDraft(draft);
    const key = this.#draftKey;
    this.#sending = true;
    this.busy = true;
    this.alert = '';
    try {
      const receipt = await this.#data.method('requestAppointment')(
        { ...body, idempotencyKey: draft.idempotencyKey! },
        { session: customerId ? portal.session : null, language: this.elementLocale.tag },
      );
      if (key) clearDraft(key);
      if (this.#draftKey === key) {
        this.draft = newDraft();
        this.problems = {};
        this.receipt = receipt;
        this.#focus = 'step';
      }
      this.dispatchEvent(
        new PortalAppointmentRequestSentEvent({
          reference: receipt.reference,
          service: receipt.service,
          preferredDays: receipt.preferredDays,
          signedIn: customerId !== null,
        }),
      );
    } catch (error) {
      if (this.#draftKey === key) this.inLocale(() => this.#failed(toPortalError(error), settings));
    } finally {
      this.#sending = false;
      this.busy = false;
    }
  }

  #failed(error: PortalError, settings: PublicSettings) {
    const signedIn = this.#customerId() !== null;
    const outcome = sendOutcome({ error, draft: this.draft, signedIn, settings, locations: this.#data.currentLocations ?? [] });
    // A clear refusal of the request settles the attempt: the next Send is a new request with a new key.
    if (!keyStays(error)) this.#setDraft({ ...this.draft, idempotencyKey: null, keyFingerprint: '' });
    if (outcome.kind === 'signed-out') {
      this.#carryAlert = outcome.alert;
      this.portal?.sessionExpired();
    } else if (outcome.kind === 'field') {
      if (outcome.reloadDays) this.#data.reloadDays();
      this.#go(outcome.step, 'change');
      this.#showProblems(outcome.problems, outcome.alert);
    } else {
      this.#say(outcome.alert);
    }
  }

  #frame(body: TemplateResult | typeof nothing) {
    return html`<section class="frame" aria-labelledby="heading" part="section" aria-busy=${this.busy ? 'true' : 'false'}>
      <div class="header" part="header">
        <h2 id="heading" tabindex="-1" part="heading">${msg('Request a visit')}</h2>
      </div>
      ${body}
    </section>`;
  }

  #loading() {
    return this.#frame(html`<p class="muted" role="status">${msg('Loading…')}</p>`);
  }

  #error(error: PortalError, retry: () => void) {
    return this.#frame(this.renderRetryable(describeError(error, this.portal?.settings ?? null), canRetry(error) ? retry : undefined));
  }

  protected override render() {
    const portal = this.portal;
    if (!portal) {
      return this.#frame(this.renderWithoutPortal());
    }
    if (portal.settingsError) return this.#error(portal.settingsError, () => portal.reloadSettings());
    const settings = portal.settings;
    if (!settings) return this.#loading();
    if (!this.#enabled()) return this.#frame(renderOff(settings));
    return this.#data.config.render({
      initial: () => this.#loading(),
      pending: () => this.#loading(),
      error: (error) => {
        const portalError = toPortalError(error);
        return portalError.code === 'FEATURE_DISABLED' ? this.#frame(renderOff(settings)) : this.#error(portalError, () => void this.#data.config.run());
      },
      // The services in the element's language: every step, the checks and the receipt read them from here.
      complete: (config) => (config ? this.#renderFlow(servicesIn(this.elementLocale.language, config), settings) : this.#loading()),
    });
  }

  #view(config: SchedulerConfig, settings: PublicSettings): StepView {
    const browser = this.browserTimeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
    const availability = this.#data.availability.value ?? null;
    // Zones compared (and named) at noon on the contractor's today: the backend's clock, not the device's.
    const at = availability ? zonedInstant(availability.today, '12:00', config.timeZone) : new Date();
    const differs = browser !== config.timeZone && zoneOffsetMinutes(browser, at) !== zoneOffsetMinutes(config.timeZone, at);
    const taskError = (status: number, error: unknown) => (status === 3 ? toPortalError(error) : null);
    return {
      draft: this.draft,
      problems: this.problems,
      config,
      settings,
      locale: localeOf(this),
      signedIn: this.#customerId() !== null,
      email: this.portal?.session?.email ?? null,
      locations: this.#data.currentLocations ?? null,
      locationsError: taskError(this.#data.locations.status, this.#data.locations.error),
      availability,
      availabilityError: taskError(this.#data.availability.status, this.#data.availability.error),
      zone: { contractor: config.timeZone, browser, differs, at },
      gridOpen: this.gridOpen,
      gridStart: this.gridStart,
      photoBusy: this.photoBusy,
      notice: this.notice,
      act: this.#actions,
    };
  }

  #renderFlow(config: SchedulerConfig, settings: PublicSettings) {
    const locale = localeOf(this);
    if (this.receipt) {
      return this.#frame(
        renderSent({
          receipt: this.receipt,
          settings,
          config,
          availability: this.#data.availability.value ?? null,
          locale,
          another: () => {
            this.receipt = null;
            this.#go('where', 'start');
          },
        }),
      );
    }
    const v = this.#view(config, settings);
    const steps = this.#steps();
    const step = this.draft.step;
    const number = steps.indexOf(step) + 1;
    const body = {
      where: renderWhere,
      what: renderWhat,
      when: renderWhen,
      photos: renderPhotos,
      contact: renderContact,
      review: renderReview,
    }[step](v);
    const sending = step === 'review';
    return this.#frame(html`<form class="stack" novalidate aria-labelledby="step-heading" @submit=${(e: SubmitEvent) => this.#onSubmit(e, config, settings)}>
      <h3 id="step-heading" tabindex="-1">
        <span class="progress">${msg(str`Step ${number} of ${steps.length}`)}</span><span class="visually-hidden">: </span>
        ${stepTitle(step)}
      </h3>
      ${body}
      <div role="alert" part="error" class="form-alert">${alertMessage(this.alert, this.alertCount, fieldsDrawn(step, v) ? this.problems : {})}</div>
      <div class="actions">
        ${number > 1 ? html`<button part="button secondary-button" type="button" class="secondary" @click=${this.#back}>${msg('Back')}</button>` : nothing}
        <button part="button" type="submit" aria-disabled=${this.busy ? 'true' : 'false'}>
          ${sending ? (this.busy ? msg('Sending…') : msg('Send request')) : msg('Next')}
        </button>
      </div>
    </form>`);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-scheduler': PortalScheduler;
  }
}
