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
import { formatDayLong, formatWallRange } from '../../src/internal/format.js';
import type { BookingRequest, BookingRequestStatus } from '../../src/model/booking-request.js';
import type { SchedulerSettings } from '../../src/model/scheduler.js';
import { weekdayOf } from '../../src/model/scheduling-rules.js';
import type { VisitProgress } from '../../src/model/visit-status.js';
import { DEMO_OFFICE_KEY, OFFICE_KEY_HEADER } from '../../backend/index.js';
import { announceChange, followChanges, office, problemText } from './api.js';
import { sectionStyles } from './styles.js';

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
  @state() private outcomes: Record<string, Outcome> = {};
  /** Photo id → object URL, once the office asked to see a request's photos (they need the office key). */
  @state() private photoUrls: Record<string, string> = {};
  @state() private problem = '';

  #unfollow: (() => void) | null = null;

  override connectedCallback() {
    super.connectedCallback();
    this.#unfollow = followChanges(() => void this.refresh());
    void this.refresh();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.#unfollow?.();
    for (const url of Object.values(this.photoUrls)) URL.revokeObjectURL(url);
  }

  async refresh() {
    try {
      let booked: BookingRequest[];
      [this.requests, booked, this.scheduling, this.technicians] = await Promise.all([
        requestsWith('PendingReview'),
        requestsWith('Booked'),
        office<SchedulerSettings>('GET', '/scheduling'),
        office<{ id: string; name: string }[]>('GET', '/technicians'),
      ]);
      this.booked = booked.sort((a, b) => (b.booked?.bookedAt ?? '').localeCompare(a.booked?.bookedAt ?? ''));
      this.problem = '';
    } catch (error) {
      this.problem = problemText(error);
    }
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
        message = `Booked as job ${answer.job.number}. The confirmation is in the outbox.`;
      } else {
        await office('POST', `/booking-requests/${encodeURIComponent(request.id)}/dismiss`, { reason: String(data.get('reason') ?? '') });
        message = 'Dismissed. A message with your phone number is in the outbox.';
      }
      this.outcomes = { ...this.outcomes, [request.id]: { kind: 'done', message } };
      announceChange();
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
    const windows = [...new Map(Object.values(this.scheduling?.arrivalWindows ?? {}).flat().map((w) => [w.id, w])).values()];
    return html`<li class="card">
      <article aria-labelledby=${id('title')}>
        <h3 id=${id('title')}>${request.reference}: ${request.service.name}</h3>
        <div class="meta">Came in ${new Date(request.createdAt).toLocaleString('en-US')}</div>
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
            <label>Day <input type="date" name="date" required .value=${first?.date ?? ''} /></label>
            <label>Arrival window
              <select name="window">
                ${windows.map((w) => html`<option value=${w.id} ?selected=${w.id === first?.windowId}>${w.id}: ${formatWallRange(w.start, w.end, 'en-US')}</option>`)}
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

  override render() {
    return html`<section aria-labelledby="requests-title">
      <h2 id="requests-title">Appointment requests</h2>
      <p class="meta">
        Requests from the portal and the public site wait here for a person: book one (a day, a window, a technician if you
        like) or dismiss it. Nothing is on the schedule until you book it.
      </p>
      ${this.problem ? html`<p role="alert" class="problem">${this.problem}</p>` : nothing}
      ${this.requests.length === 0
        ? html`<p>No requests are waiting.</p>`
        : html`<ul class="plain">${this.requests.map((r) => this.#renderRequest(r))}</ul>`}
      ${this.booked.length === 0
        ? nothing
        : html`<h3 id="booked-title">Booked</h3>
            <ul class="plain" aria-labelledby="booked-title">${this.booked.map((r) => this.#renderBooked(r))}</ul>`}
      ${Object.entries(this.outcomes).some(([id, o]) => o.kind === 'done' && !this.requests.some((r) => r.id === id))
        ? html`<p role="status" class="saved">
            ${Object.entries(this.outcomes)
              .filter(([id, o]) => o.kind === 'done' && !this.requests.some((r) => r.id === id))
              .map(([, o]) => html`<span>${(o as { message: string }).message} </span>`)}
          </p>`
        : nothing}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'office-requests': OfficeRequests;
  }
}
