/**
 * The review queue: appointment requests from `<portal-scheduler>` waiting for a person at the office
 * (docs/contract/scheduling.md). Each shows who, where, what, the preferred days and windows, its
 * photos, when it came in and the customers on file it may be (a suggestion to confirm, never merged
 * on its own); the office books it (a day, a window, a technician if it likes) or dismisses it with a
 * reason. Two tabs pressing Book at once: the backend books once and the other tab is told.
 *
 * Below the queue, the requests booked, newest first, with where each visit stands now (`booked.visitStatus`):
 * a visit canceled since, by the office or an import, reads "· visit canceled" rather than still looking booked.
 */
import { LitElement, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { formatDateTime, formatDayLong, formatWallRange } from '../../src/internal/format.js';
import type { BookingRequest, BookingRequestStatus } from '../../src/model/booking-request.js';
import type { PortalSettings } from '../../src/model/index.js';
import type { ArrivalWindow, SchedulerSettings } from '../../src/model/scheduler.js';
import { weekdayOf } from '../../src/model/scheduling-rules.js';
import type { VisitProgress } from '../../src/model/visit-status.js';
import { DEMO_OFFICE_KEY, OFFICE_KEY_HEADER } from '../../backend/index.js';
import { announceChange, followChanges, office, onReset, problemText } from './api.js';
import { sectionStyles } from './styles.js';

/** A `done` message names its request ("AR-100023 (Dana Whitfield): booked as job 70001. …"): it outlives the card. */
type Outcome = { kind: 'busy' } | { kind: 'done'; message: string } | { kind: 'failed'; message: string };

/** Every request with `status`, oldest first, page after page. */
async function requestsWith(status: BookingRequestStatus): Promise<BookingRequest[]> {
  const all: BookingRequest[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: BookingRequest[]; nextCursor: string | null } = await office(
      'GET',
      `/booking-requests?status=${status}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

/**
 * What follows "Booked for …" once the visit is no longer simply scheduled: said in words (not only a
 * colour). Nothing for a visit still scheduled, or from a server that does not say.
 */
const visitWords: Record<VisitProgress, string> = {
  Scheduled: '',
  OnTheWay: 'technician on the way',
  Arrived: 'technician arrived',
  Done: 'visit done',
  Canceled: 'visit canceled',
};

function visitNote(visitStatus: VisitProgress | null | undefined): string {
  if (visitStatus === undefined) return '';
  return visitStatus === null ? 'visit no longer on file' : visitWords[visitStatus];
}

@customElement('office-requests')
export class OfficeRequests extends LitElement {
  static override styles = sectionStyles;

  @state() private requests: BookingRequest[] = [];
  /** Booked requests, newest booking first. */
  @state() private booked: BookingRequest[] = [];
  @state() private scheduling: SchedulerSettings | null = null;
  @state() private technicians: { id: string; name: string }[] = [];
  /** The company's zone: when a request came in is said in it, as the visits are. */
  @state() private timeZone = 'UTC';
  @state() private outcomes: Record<string, Outcome> = {};
  /** The day typed in each request's Book form: its arrival windows are that weekday's. */
  @state() private bookDays: Record<string, string> = {};
  /** Photo id → object URL, once the office asked to see a request's photos (they need the office key). */
  @state() private photoUrls: Record<string, string> = {};
  @state() private problem = '';

  #calls = 0;
  #unfollow: (() => void)[] = [];

  override connectedCallback() {
    super.connectedCallback();
    this.#unfollow = [
      followChanges(() => void this.refresh()),
      // After a reset the requests decided here are waiting again: what became of them no longer holds.
      onReset(() => {
        this.outcomes = {};
        this.bookDays = {};
      }),
    ];
    void this.refresh();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    for (const unfollow of this.#unfollow) unfollow();
    for (const url of Object.values(this.photoUrls)) URL.revokeObjectURL(url);
  }

  async refresh() {
    const call = ++this.#calls;
    try {
      const [requests, booked, scheduling, technicians, settings] = await Promise.all([
        requestsWith('PendingReview'),
        requestsWith('Booked'),
        office<SchedulerSettings>('GET', '/scheduling'),
        office<{ id: string; name: string }[]>('GET', '/technicians'),
        office<PortalSettings>('GET', '/settings'),
      ]);
      // Refreshes overlap when changes come quickly: only the latest one's answer is shown (an older one
      // would bring back the card of a request just decided, and take focus from its outcome).
      if (call !== this.#calls) return;
      [this.requests, this.scheduling, this.technicians, this.timeZone] = [requests, scheduling, technicians, settings.timeZone];
      this.booked = booked.sort((a, b) => (b.booked?.bookedAt ?? '').localeCompare(a.booked?.bookedAt ?? ''));
      this.problem = '';
    } catch (error) {
      if (call === this.#calls) this.problem = problemText(error);
    }
  }

  /** The windows the backend books on a day: its weekday's, when that weekday is a working day. */
  #windowsOn(date: string): ArrivalWindow[] {
    const s = this.scheduling;
    if (!s || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return [];
    const weekday = weekdayOf(date);
    return s.workingDays.includes(weekday) ? (s.arrivalWindows[weekday] ?? []) : [];
  }

  #window(date: string, windowId: string) {
    const window = (this.scheduling?.arrivalWindows[weekdayOf(date)] ?? []).find((w) => w.id === windowId);
    return window ? formatWallRange(window.start, window.end, 'en-US') : windowId;
  }

  async #showPhotos(request: BookingRequest) {
    const urls = { ...this.photoUrls };
    for (const photo of request.photos) {
      const response = await fetch(photo.url, { headers: { [OFFICE_KEY_HEADER]: DEMO_OFFICE_KEY } });
      if (response.ok) urls[photo.id] = URL.createObjectURL(await response.blob());
    }
    this.photoUrls = urls;
  }

  async #decide(request: BookingRequest, event: SubmitEvent, kind: 'book' | 'dismiss') {
    event.preventDefault();
    // Not disabled while saving (a disabled button drops focus): a second press meanwhile is ignored.
    if (this.outcomes[request.id]?.kind === 'busy') return;
    const data = new FormData(event.currentTarget as HTMLFormElement);
    this.outcomes = { ...this.outcomes, [request.id]: { kind: 'busy' } };
    try {
      let message: string;
      if (kind === 'book') {
        // Nothing for a signed-in request (it is its account's); else the office's choice, said either way.
        const customer = String(data.get('customer') ?? '');
        const answer = await office<{ job: { number: string } }>('POST', `/booking-requests/${encodeURIComponent(request.id)}/book`, {
          date: String(data.get('date') ?? ''),
          windowId: String(data.get('window') ?? ''),
          technicianId: String(data.get('technician') ?? '') || null,
          ...(customer === 'new' ? { newCustomer: true } : customer ? { customerId: customer } : {}),
        });
        message = `booked as job ${answer.job.number}. The confirmation is in the outbox.`;
      } else {
        await office('POST', `/booking-requests/${encodeURIComponent(request.id)}/dismiss`, { reason: String(data.get('reason') ?? '') });
        message = 'dismissed. A message with your phone number is in the outbox.';
      }
      this.outcomes = { ...this.outcomes, [request.id]: { kind: 'done', message: `${request.reference} (${request.contact.name}): ${message}` } };
      // Its card goes now, not at the next refresh, so focus can follow (as a moved visit shows its status at once).
      this.requests = this.requests.filter((r) => r.id !== request.id);
      announceChange();
      // The card and the button pressed are gone, and focus with them to the page's start: it goes to what
      // became of the request instead, which a screen reader then reads, and from where Tab reaches the next
      // request's form (the outcomes are listed above the queue).
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>(`[id="${CSS.escape(`${request.id}-outcome`)}"]`)?.focus();
    } catch (error) {
      this.outcomes = { ...this.outcomes, [request.id]: { kind: 'failed', message: problemText(error) } };
    }
  }

  /**
   * Who an anonymous request is booked for. Without matches, a new customer, chosen already. With
   * matches, nothing is chosen and one choice is required: the first match is often not the person (a
   * shared landline, a relative's email), and a preset "new customer" made the duplicate account this
   * replaces. The browser's own "select one of these options" stops Book and puts focus on the group.
   */
  #renderCustomerChoice(request: BookingRequest, id: (part: string) => string) {
    const matched = request.matches.length > 0;
    return html`<div role="group" aria-labelledby=${id('for')} aria-describedby=${matched ? id('for-hint') : nothing}>
      <span id=${id('for')}>Book for</span>
      ${matched
        ? html`<p class="meta" id=${id('for-hint')}>The same email or phone is on file: choose the customer, or a new one.</p>`
        : nothing}
      ${request.matches.map(
        (m) => html`<label><input type="radio" name="customer" value=${m.customerId} required /> ${m.name} — same ${m.by} on file</label>`,
      )}
      <label><input type="radio" name="customer" value="new" required ?checked=${!matched} /> A new customer (from the request)</label>
    </div>`;
  }

  #renderRequest(request: BookingRequest) {
    const c = request.contact;
    const outcome = this.outcomes[request.id];
    const first = request.preferredDays[0];
    const id = (part: string) => `${request.id}-${part}`;
    const day = this.bookDays[request.id] ?? first?.date ?? '';
    const windows = this.#windowsOn(day);
    // Said beside the day as it changes; the empty list then stops Book (the select is required).
    const noWindows = day && this.scheduling && windows.length === 0 ? `${formatDayLong(day, 'en-US')} has no arrival windows in your availability: choose another day.` : '';
    return html`<li class="card">
      <article aria-labelledby=${id('title')}>
        <h3 id=${id('title')}>${request.reference}: ${request.service.name}</h3>
        <div class="meta">Came in ${formatDateTime(request.createdAt, this.timeZone, 'en-US')}</div>
        <dl class="record">
          <dt>Who</dt>
          <dd>${c.name}${c.email ? ` · ${c.email}` : ''}${c.phone ? ` · ${c.phone}` : ''}${c.consentToTexts ? ' · texts OK' : ''}${request.language === 'es' ? ' · asked in Spanish' : ''}</dd>
          <dt>Where</dt>
          <dd>${[request.address.street, request.address.unit, request.address.city, `${request.address.state} ${request.address.zip}`].filter(Boolean).join(', ')}</dd>
          <dt>Problem</dt>
          <dd style="white-space: pre-line">${request.description}</dd>
          <dt>Preferred</dt>
          <dd>${request.preferredDays.map((d) => html`<div>${formatDayLong(d.date, 'en-US')}, ${this.#window(d.date, d.windowId)}</div>`)}</dd>
          <dt>Photos</dt>
          <dd>
            ${request.photos.length === 0
              ? 'None'
              : request.photos.every((p) => this.photoUrls[p.id])
                ? html`<div class="row">${request.photos.map((p) => html`<img src=${this.photoUrls[p.id]!} alt=${`Photo: ${p.name}`} style="max-width: 10rem; height: auto" />`)}</div>`
                : html`<button type="button" class="secondary" @click=${() => void this.#showPhotos(request)}>Show ${request.photos.length} photo(s)</button>`}
          </dd>
        </dl>
        <form @submit=${(e: SubmitEvent) => void this.#decide(request, e, 'book')}>
          <fieldset>
            <legend>Book</legend>
            ${request.customerId
              ? html`<p class="meta">For the customer who sent it (signed in).</p>`
              : this.#renderCustomerChoice(request, id)}
            <label
              >Day
              <input
                type="date"
                name="date"
                required
                .value=${day}
                aria-describedby=${id('day-note')}
                @input=${(e: Event) => (this.bookDays = { ...this.bookDays, [request.id]: (e.target as HTMLInputElement).value })}
            /></label>
            <span role="status" class="problem" id=${id('day-note')}>${noWindows}</span>
            <label
              >Arrival window
              <select name="window" required aria-describedby=${id('day-note')}>
                ${windows.map(
                  (w) => html`<option value=${w.id} ?selected=${day === first?.date && w.id === first.windowId}>${formatWallRange(w.start, w.end, 'en-US')}</option>`,
                )}
              </select>
            </label>
            <label>Technician (optional)
              <select name="technician">
                <option value="">To be assigned</option>
                ${this.technicians.map((t) => html`<option value=${t.id}>${t.name}</option>`)}
              </select>
            </label>
            <button type="submit">Book</button>
          </fieldset>
        </form>
        <form @submit=${(e: SubmitEvent) => void this.#decide(request, e, 'dismiss')}>
          <label>Reason for dismissing (kept for the office; the customer gets a kind note with your phone)
            <input type="text" name="reason" required maxlength="500" />
          </label>
          <button type="submit" class="secondary">Dismiss</button>
        </form>
        <div role="status">
          ${outcome?.kind === 'busy' ? 'Saving…' : outcome?.kind === 'done' ? html`<span class="saved">${outcome.message}</span>` : nothing}
        </div>
        ${outcome?.kind === 'failed' ? html`<p role="alert" class="problem">${outcome.message}</p>` : nothing}
      </article>
    </li>`;
  }

  #renderBooked(request: BookingRequest) {
    const booked = request.booked;
    if (!booked) return nothing;
    const when = `Booked for ${formatDayLong(booked.date, 'en-US')}, ${this.#window(booked.date, booked.windowId)}`;
    const who = booked.technician ? ` · ${booked.technician.name}` : '';
    const note = visitNote(booked.visitStatus);
    // A visit that will not happen is what the office must not miss: emphasised, and said in words.
    const gone = booked.visitStatus === 'Canceled' || booked.visitStatus === null;
    return html`<li class="card">
      <div>${request.reference}: ${request.service.name} · ${request.contact.name}</div>
      <div class="meta">${when}${who}${note ? html` · ${gone ? html`<strong class="problem">${note}</strong>` : note}` : nothing}</div>
    </li>`;
  }

  /**
   * What became of the requests decided on this page, one line each, above the queue. Not a live region:
   * focus goes to the line just added (#decide), which a screen reader reads, once.
   */
  #renderOutcomes() {
    const decided = Object.entries(this.outcomes).flatMap(([id, o]) =>
      o.kind === 'done' && !this.requests.some((r) => r.id === id) ? [{ id, message: o.message }] : [],
    );
    return decided.length === 0
      ? nothing
      : html`<ul class="saved">
          ${decided.map((d) => html`<li id=${`${d.id}-outcome`} tabindex="-1">${d.message}</li>`)}
        </ul>`;
  }

  override render() {
    // The queue is keyed by request: a card's form (a reason typed, a customer chosen) stays with its
    // request, rather than passing to the next one when a card before it goes.
    return html`<section aria-labelledby="requests-title">
      <h2 id="requests-title">Appointment requests</h2>
      <p class="meta">
        Requests from the portal and the public site wait here for a person: book one (a day, a window, a technician if you
        like) or dismiss it. Nothing is on the schedule until you book it.
      </p>
      ${this.problem ? html`<p role="alert" class="problem">${this.problem}</p>` : nothing}
      ${this.#renderOutcomes()}
      ${this.requests.length === 0
        ? html`<p>No requests are waiting.</p>`
        : html`<ul class="plain">${repeat(this.requests, (r) => r.id, (r) => this.#renderRequest(r))}</ul>`}
      ${this.booked.length === 0
        ? nothing
        : html`<h3 id="booked-title">Booked</h3>
            <ul class="plain" aria-labelledby="booked-title">${this.booked.map((r) => this.#renderBooked(r))}</ul>`}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'office-requests': OfficeRequests;
  }
}
