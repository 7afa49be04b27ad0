import { msg, str } from '../../i18n/msg.js';
import { Task } from '@lit/task';
import { html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { PortalError, toPortalError } from '../../adapter/portal-error.js';
import { formatTime, formatWindow, localeOf } from '../../internal/format.js';
import { KeptValue } from '../../internal/kept-value.js';
import { linkStyles } from '../../internal/link-styles.js';
import { PortalLinkElement } from '../../internal/portal-link-element.js';
import { controlStyles, hostStyles } from '../../internal/shared-styles.js';
import { browserTimeZone, safeTimeZone } from '../../internal/time-zone.js';
import type { VisitProgress, VisitStatus, VisitStatusView } from '../../model/visit-status.js';
import { zoneName } from '../portal-visits/visit-text.js';
import { visitStatusStyles } from './portal-visit-status.styles.js';
import { RefreshController } from './refresh-controller.js';

/** The steps a visit moves through, in order. Canceled is not a step: it replaces them. */
const STEPS: readonly VisitProgress[] = ['Scheduled', 'OnTheWay', 'Arrived', 'Done'];

function stepName(step: VisitProgress): string {
  switch (step) {
    case 'Scheduled':
      return msg('Scheduled');
    case 'OnTheWay':
      return msg('On the way');
    case 'Arrived':
      return msg('Arrived');
    case 'Done':
      return msg('Done');
    case 'Canceled':
      return msg('Canceled');
  }
}

/** One sentence saying where the visit stands: what the live region announces when it moves. */
function statusSentence(visit: VisitStatus): string {
  const name = visit.technicianFirstName;
  switch (visit.status) {
    case 'Scheduled':
      return name ? msg(str`Your visit is scheduled. ${name} will arrive in the arrival window.`) : msg('Your visit is scheduled.');
    case 'OnTheWay':
      return name ? msg(str`${name} is on the way.`) : msg('Your technician is on the way.');
    case 'Arrived':
      return name ? msg(str`${name} has arrived.`) : msg('Your technician has arrived.');
    case 'Done':
      return msg('Your visit is done. Thank you!');
    case 'Canceled':
      return msg('This visit was canceled.');
  }
}

/**
 * A sentence ending on a time ends once: Spanish writes "12:18 p.m.", and "a las 12:18 p.m.." would
 * follow from the sentence's own full stop.
 */
const oneFullStop = (sentence: string) => sentence.replace(/\.\.$/, '.');

/**
 * One visit from a link, with no sign-in: who is coming (the technician's first name), the arrival
 * window in the contractor's time zone (named when the reader's clock is in another), and where the
 * visit stands — scheduled, on the way, arrived, done, or canceled — as steps, announced politely when
 * it moves. It checks again every 30 seconds while the page is visible, and stops when the page is
 * hidden, the element is removed, or the visit is done or canceled.
 *
 * The token comes from the `token` property or the page address (`#porchlight-link=<token>`); the
 * visit from the `visit-id` attribute, else the page address (`?visit=<appointmentId>`), else the link.
 *
 * @summary Where a visit stands (technician, arrival window, status), from a link, kept up to date.
 * @csspart section - The element's card: the labelled region around everything.
 * @csspart header - The title bar.
 * @csspart heading - The element's title (`<h2>`).
 * @csspart facts - Technician, arrival window, location.
 * @csspart status - The sentence saying where the visit stands (a polite live region).
 * @csspart steps - The step indicator.
 * @csspart step - One step.
 * @csspart canceled - The note shown for a canceled visit.
 * @csspart link-problem - Why the link does not work (and a fresh link, when it expired).
 * @csspart resend-button - Send me a new link.
 * @csspart error - An error message.
 * @csspart no-link - What shows when the page address holds no link.
 * @csspart loading - The visit is loading.
 * @csspart button - Every button (a secondary one is also `secondary-button`).
 * @csspart secondary-button - A secondary button (also `button`).
 * @cssprop --portal-visit-status-max-width - Widest the element grows (36em).
 * @cssprop --portal-visit-status-step-color - The colour of steps reached (the brand colour).
 * @cssprop --portal-visit-status-padding - Space inside the card (1em on a phone, up to 1.5em).
 * @cssstate loading - The visit is loading.
 * @cssstate error - Loading failed.
 * @cssstate link-problem - The link does not work.
 * @cssstate refreshing - Checking for a newer status.
 */
export class PortalVisitStatus extends PortalLinkElement {
  static override styles = [hostStyles, controlStyles, linkStyles, visitStatusStyles];

  /** Which visit (appointment). Left unset, read from the page address (`?visit=<id>`), else found from the link. */
  @property({ attribute: 'visit-id' }) visitId: string | undefined;

  /** How often to check for a newer status while the page is visible, in seconds (at least 1). */
  @property({ type: Number, attribute: 'refresh-seconds' }) refreshSeconds = 30;

  #reloads = 0;
  /** When the shown status was last confirmed by the backend. */
  #checkedAt: Date | null = null;

  #task = new Task(this, {
    args: () => [this.portal?.adapter, this.linkToken(), this.#pageId(), this.#reloads] as const,
    task: async ([adapter, token, pageId], { signal }) => {
      if (!adapter || !token) return undefined;
      if (!adapter.getVisitStatus) throw new PortalError('FEATURE_DISABLED', 'This portal’s backend does not provide visit status.');
      const visitId = pageId ?? (await this.linkedDocument('visit', token, signal));
      const view = await adapter.getVisitStatus(token, visitId, { signal });
      this.#checkedAt = new Date();
      return view;
    },
    onComplete: (view) => {
      if (view) this.#kept.keep(this.#linkKey(), view);
    },
  });

  /**
   * The status last shown, and for which link: a failed refresh (every 30 s, any passing backend
   * error) must keep the visit on screen, with a note.
   */
  #kept = new KeptValue<VisitStatusView>();

  #linkKey(): string {
    return `${this.linkToken() ?? ''}\u0000${this.#pageId() ?? ''}`;
  }

  /**
   * This link's visit as last loaded: kept while a refresh runs and when it fails, and never another
   * link's (the task keeps its last value while a new link loads).
   */
  #shown(): VisitStatusView | undefined {
    return this.#kept.for(this.#linkKey());
  }

  #refresher = new RefreshController(this, {
    refresh: () => this.refresh(),
    intervalMs: () => this.#seconds() * 1000,
    active: () => {
      const status = this.#shown()?.visit.status;
      return Boolean(this.linkToken()) && status !== 'Done' && status !== 'Canceled' && !this.#linkError();
    },
  });

  #seconds(): number {
    return Math.max(1, Math.round(Number(this.refreshSeconds)) || 30);
  }

  #pageId(): string | null {
    return this.visitId?.trim() || this.idFromPage('visit');
  }

  /** Asks the backend for the visit's status now. */
  refresh() {
    if (this.#task.status === 1) return;
    this.#reloads++;
    void this.#task.run();
  }

  protected override updated(changed: PropertyValues<this>) {
    super.updated(changed);
    const status = this.#task.status;
    this.setCustomState('loading', status === 1 && !this.#shown());
    this.setCustomState('refreshing', status === 1 && Boolean(this.#shown()));
    this.setCustomState('error', status === 3 && !this.#linkError());
    this.setCustomState('link-problem', Boolean(this.#linkError()));
    if (changed.has('refreshSeconds')) this.#refresher.restart();
    // A visit that is over, or a link that stopped working, needs no more checks (and a new one does).
    this.#refresher.sync();
  }

  #linkError(): PortalError | null {
    const error = this.#task.status === 3 ? toPortalError(this.#task.error) : null;
    return error && this.isLinkProblem(error) ? error : null;
  }

  protected override voidedWords(): [string, string] {
    return [msg('This visit was canceled'), msg('We canceled this visit, so there is nothing to follow here.')];
  }

  protected override render() {
    const portal = this.portal;
    const heading = msg('Your visit');
    if (!portal) return this.renderNotConnected(heading);
    const linkError = this.#linkError();
    if (linkError) return this.frame(heading, this.renderLinkProblem(linkError));
    if (!this.linkToken()) {
      return this.frame(
        heading,
        html`<p class="message info" role="status" part="no-link">${msg('Open the link in the message we sent you to follow your visit.')}</p>`,
      );
    }
    const view = this.#shown();
    if (view) {
      // A failed refresh keeps the last status on screen, with a note.
      const failed = this.#task.status === 3 ? toPortalError(this.#task.error) : null;
      return this.frame(heading, this.#renderVisit(view, failed));
    }
    const loading = () => this.frame(heading, html`<p class="muted" role="status" part="loading">${msg('Loading your visit…')}</p>`);
    return this.#task.render({
      initial: loading,
      pending: loading,
      complete: loading,
      error: (error) => this.frame(heading, this.renderFailure(toPortalError(error), () => this.refresh())),
    });
  }

  #renderVisit(view: VisitStatusView, failed: PortalError | null) {
    const { visit, company } = view;
    const locale = localeOf(this);
    const zone = safeTimeZone(company.timeZone, this.portal?.settings?.timeZone);
    const window = formatWindow(visit.arrivalWindowStart, visit.arrivalWindowEnd, zone, locale);
    // Named only when the reader's own clock would show other times.
    const otherZone = window !== formatWindow(visit.arrivalWindowStart, visit.arrivalWindowEnd, safeTimeZone(browserTimeZone()), locale);
    const canceled = visit.status === 'Canceled';
    const current = STEPS.indexOf(visit.status);
    return html`<div class="stack">
      <p class="lede">${visit.summary} <span class="muted nowrap">${msg(str`Job ${visit.jobNumber}`)}</span></p>
      <dl class="facts" part="facts">
        <div><dt>${msg('Technician')}</dt><dd>${visit.technicianFirstName ?? msg('To be assigned')}</dd></div>
        <div>
          <dt>${msg('Arrival window')}</dt>
          <dd>
            ${window}
            ${otherZone ? html`<span class="zone">${msg(str`Times are in ${zoneName(zone, locale, new Date(visit.arrivalWindowStart))}.`)}</span>` : nothing}
          </dd>
        </div>
        <div><dt>${msg('Location')}</dt><dd>${visit.location.name}</dd></div>
      </dl>
      <p class="status-line" part="status" role="status" aria-live="polite" aria-atomic="true">${statusSentence(visit)}</p>
      ${canceled
        ? html`<p class="message error" part="canceled">
            ${msg('If you still need this visit, we can book another time.')} ${this.callLine(this.callCompany(undefined, company))}
          </p>`
        : html`<div class="steps-box"><ol class="steps" part="steps" aria-label=${msg('Visit progress')}>
            ${STEPS.map((step, index) => {
              const state = index < current ? 'reached' : index === current ? 'current' : 'ahead';
              return html`<li class=${`step ${state}`} part="step" aria-current=${state === 'current' ? 'step' : nothing}>
                <span class="marker" aria-hidden="true">${state === 'reached' ? '✓' : index + 1}</span>
                <span class="name">${stepName(step)}</span>
                ${state === 'reached' ? html`<span class="visually-hidden">${msg('(completed)')}</span>` : nothing}
              </li>`;
            })}
          </ol></div>`}
      <p class="muted checked">
        ${failed
          ? oneFullStop(msg(str`We couldn’t check for news just now. This was the status at ${this.#checked(zone, locale)}.`))
          : this.#checkedAt
            ? oneFullStop(msg(str`Last checked at ${this.#checked(zone, locale)}.`))
            : nothing}
        ${visit.status === 'Done' || canceled ? nothing : msg(str`This page checks again every ${this.#seconds()} seconds.`)}
      </p>
      ${canceled ? nothing : html`<p>${msg('Questions about your visit?')} ${this.callLine(this.callCompany(undefined, company))}</p>`}
    </div>`;
  }

  #checked(zone: string, locale: string): string {
    return formatTime((this.#checkedAt ?? new Date()).toISOString(), zone, locale);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-visit-status': PortalVisitStatus;
  }
}
