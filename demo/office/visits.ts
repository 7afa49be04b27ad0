/**
 * The visits of the next four weeks (`GET /office/appointments`): "Send visit-status link"
 * (`…/visit.html?visit=…`), buttons that move a visit through Scheduled → On the way → Arrived → Done,
 * and Cancel visit (`PUT /office/appointments/:id/status`); a customer with the link open sees the
 * change, and a cancellation is sent to the customer. A visit the office books from a request appears
 * here too.
 */
import { LitElement, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { formatWindow } from '../../src/internal/format.js';
import type { OfficeVisit, VisitProgress } from '../../src/model/visit-status.js';
import { announceChange, demoPages, followChanges, office, onReset, problemText } from './api.js';
import { LinkSends } from './send-link.js';
import { sectionStyles } from './styles.js';

/** The steps the office moves a visit through, in order, with the words the customer's page uses. */
const steps: [VisitProgress, string][] = [
  ['Scheduled', 'Scheduled'],
  ['OnTheWay', 'On the way'],
  ['Arrived', 'Arrived'],
  ['Done', 'Done'],
];
const words = (status: VisitProgress) => (status === 'Canceled' ? 'Canceled' : (steps.find(([s]) => s === status)?.[1] ?? status));

type Move = { kind: 'moving'; to: VisitProgress } | { kind: 'moved'; status: VisitProgress } | { kind: 'failed'; message: string };

interface VisitList {
  timeZone: string;
  items: OfficeVisit[];
  nextCursor: string | null;
}

@customElement('office-visits')
export class OfficeVisits extends LitElement {
  static override styles = sectionStyles;

  @state() private visits: OfficeVisit[] | null = null;
  @state() private timeZone = 'UTC';
  /** More visits in the four weeks than one page shows. */
  @state() private more = false;
  @state() private problem = '';
  #links = new LinkSends(this, 'visit', demoPages.visit);
  @state() private moves: Record<string, Move> = {};
  /** The visit whose Cancel asks "Cancel this visit?" (a cancellation emails the customer and is final). */
  @state() private confirming: string | null = null;

  #unfollow: (() => void)[] = [];

  override connectedCallback() {
    super.connectedCallback();
    void this.#load();
    this.#unfollow = [
      // A visit booked from a request, or moved in another tab, shows here.
      followChanges(() => void this.#load()),
      // After a reset every visit is Scheduled again (the links sent are forgotten by #links).
      onReset(() => {
        this.moves = {};
      }),
    ];
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    for (const unfollow of this.#unfollow) unfollow();
  }

  async #load() {
    try {
      const list = await office<VisitList>('GET', '/appointments');
      this.visits = list.items;
      this.timeZone = list.timeZone;
      this.more = list.nextCursor !== null;
      this.problem = '';
    } catch (error) {
      this.problem = `The visits could not be loaded: ${problemText(error)}`;
    }
  }

  async #move(appointmentId: string, status: VisitProgress) {
    // Not disabled while saving (a disabled button drops focus): a press meanwhile is ignored.
    if (this.moves[appointmentId]?.kind === 'moving') return;
    this.moves = { ...this.moves, [appointmentId]: { kind: 'moving', to: status } };
    try {
      await office('PUT', `/appointments/${encodeURIComponent(appointmentId)}/status`, { status });
      this.visits = this.visits?.map((visit) => (visit.appointmentId === appointmentId ? { ...visit, status } : visit)) ?? null;
      this.moves = { ...this.moves, [appointmentId]: { kind: 'moved', status } };
      announceChange();
      if (status === 'Canceled') {
        // Its buttons are gone with the cancellation: focus goes to the visit's heading, not to the page's start.
        await this.updateComplete;
        this.renderRoot.querySelector<HTMLElement>(`[id="${appointmentId}-title"]`)?.focus();
      }
    } catch (error) {
      this.moves = { ...this.moves, [appointmentId]: { kind: 'failed', message: problemText(error) } };
    }
  }

  /** "Keep it": the question goes, and focus returns to the Cancel visit button that asked it. */
  async #keep(visit: OfficeVisit) {
    this.confirming = null;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`button[aria-label="Cancel visit: job ${CSS.escape(visit.jobNumber)}"]`)?.focus();
  }

  #renderMove(move: Move | undefined) {
    if (move?.kind === 'failed') return html`<span role="alert" class="problem">Not changed: ${move.message}</span>`;
    return html`<span role="status">${move?.kind === 'moving'
      ? 'Saving…'
      : move?.kind === 'moved'
        ? html`<span class="saved">${move.status === 'Canceled'
            ? 'Canceled: the customer was sent the cancellation (see the outbox).'
            : `Now “${words(move.status)}”: a customer with the link open sees it.`}</span>`
        : nothing}</span>`;
  }

  #renderVisit(visit: OfficeVisit) {
    const canceled = visit.status === 'Canceled';
    const when = formatWindow(visit.arrivalWindowStart, visit.arrivalWindowEnd, this.timeZone, 'en-US');
    return html`<li class="card">
      <article aria-labelledby=${`${visit.appointmentId}-title`}>
        <h3 id=${`${visit.appointmentId}-title`} tabindex="-1">Job ${visit.jobNumber}: ${visit.summary}</h3>
        <div class="meta">
          ${when} · ${visit.customer.name} (${visit.location.name})${visit.technician ? ` · ${visit.technician.name}` : ''}
          ${canceled ? html` · <strong class="problem">Canceled</strong>` : nothing}
        </div>
        ${canceled
          ? nothing
          : html`<div class="row">
                ${this.#links.render(
                  visit.appointmentId,
                  { label: 'Send visit-status link', name: `Send visit-status link: job ${visit.jobNumber}`, link: 'Open the visit-status link' },
                  this.timeZone,
                )}
              </div>
              <div class="row" role="group" aria-label=${`Status of job ${visit.jobNumber}`}>
                <span>Status:</span>
                ${steps.map(
                  ([status, label]) => html`<button
                    type="button"
                    class="secondary"
                    aria-pressed=${visit.status === status ? 'true' : 'false'}
                    @click=${() => this.#move(visit.appointmentId, status)}
                  >
                    ${label}
                  </button>`,
                )}
                <button
                  type="button"
                  class="secondary"
                  aria-label=${`Cancel visit: job ${visit.jobNumber}`}
                  aria-expanded=${this.confirming === visit.appointmentId ? 'true' : 'false'}
                  @click=${() => (this.confirming = visit.appointmentId)}
                >
                  Cancel visit
                </button>
              </div>
              ${this.confirming === visit.appointmentId
                ? html`<div class="row" role="group" aria-label=${`Cancel the visit of job ${visit.jobNumber}?`}>
                    <span>Cancel this visit? The customer is emailed at once, and it cannot be undone.</span>
                    <button
                      type="button"
                      aria-label=${`Yes, cancel the visit: job ${visit.jobNumber}`}
                      @click=${() => {
                        this.confirming = null;
                        void this.#move(visit.appointmentId, 'Canceled');
                      }}
                    >
                      Yes, cancel the visit
                    </button>
                    <button type="button" class="secondary" @click=${() => this.#keep(visit)}>Keep it</button>
                  </div>`
                : nothing}`}
        ${this.#renderMove(this.moves[visit.appointmentId])}
      </article>
    </li>`;
  }

  override render() {
    return html`<section aria-labelledby="visits-title">
      <h2 id="visits-title">Visits</h2>
      <p class="meta">
        The next four weeks’ visits, from <code>GET /api/office/appointments</code>: send a customer a link to follow their visit, then move the
        visit along as the technician would, or cancel it (the customer is told). A visit you book from a request appears here too.
      </p>
      ${this.problem ? html`<p role="alert" class="problem">${this.problem}</p>` : nothing}
      ${this.visits === null
        ? this.problem
          ? nothing
          : html`<p role="status">Loading the visits…</p>`
        : this.visits.length === 0
          ? html`<p>No visits in the next four weeks.</p>`
          : html`<ul class="plain">
                ${this.visits.map((visit) => this.#renderVisit(visit))}
              </ul>
              ${this.more ? html`<p class="meta">The first 100 are shown; the API gives the rest a page at a time (<code>nextCursor</code>).</p>` : nothing}`}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'office-visits': OfficeVisits;
  }
}
