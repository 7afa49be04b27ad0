/**
 * The upcoming visits: "Send visit-status link" (`…/visit.html?visit=…`), and buttons that move a
 * visit through Scheduled → On the way → Arrived → Done (`PUT /office/appointments/:id/status`); a
 * customer with the link open sees the change.
 *
 * The office API has no appointment list, so the section offers the demo seed's four upcoming visits
 * (backend/seed/demo.ts), and shows the status last set from this page.
 */
import { LitElement, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { VisitProgress } from '../../src/model/visit-status.js';
import { announceChange, demoPages, office, onReset, problemText } from './api.js';
import { renderSent, sendLink, type SendState } from './send-link.js';
import { sectionStyles } from './styles.js';

export const seededVisits = [
  { id: 'appt-job-u1', job: '61005', customer: 'Dana Whitfield', summary: 'Fall furnace tune-up (Comfort Club visit)', technician: 'Luis Ortega' },
  { id: 'appt-job-u2', job: '62002', customer: 'Harbor Point Properties LLC (Apartments)', summary: 'Quarterly boiler inspection', technician: 'Hannah Brooks' },
  { id: 'appt-job-u3', job: '63009', customer: 'Harbor Point Properties LLC (Leasing Office)', summary: 'Leasing office thermostat not holding temperature', technician: 'Dev Patel' },
  { id: 'appt-job-u4', job: '640021', customer: 'Priya & Arjun Nair', summary: 'Heat pump filter change', technician: 'Luis Ortega' },
] as const;

/** The steps the office moves a visit through, in order, with the words the customer's page uses. */
const steps: [VisitProgress, string][] = [
  ['Scheduled', 'Scheduled'],
  ['OnTheWay', 'On the way'],
  ['Arrived', 'Arrived'],
  ['Done', 'Done'],
];

type Move = { kind: 'moving'; to: VisitProgress } | { kind: 'moved'; status: VisitProgress } | { kind: 'failed'; message: string };

@customElement('office-visits')
export class OfficeVisits extends LitElement {
  static override styles = sectionStyles;

  @state() private sent: Record<string, SendState> = {};
  /** The status each visit was last moved to from this page (there is no office route to read it). */
  @state() private statuses: Record<string, VisitProgress> = {};
  @state() private moves: Record<string, Move> = {};

  #unfollow: (() => void) | null = null;

  override connectedCallback() {
    super.connectedCallback();
    // After a reset every visit is Scheduled again and the links sent are gone.
    this.#unfollow = onReset(() => {
      this.sent = {};
      this.statuses = {};
      this.moves = {};
    });
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.#unfollow?.();
  }

  async #send(appointmentId: string) {
    this.sent = { ...this.sent, [appointmentId]: { kind: 'sending' } };
    const result = await sendLink({ purpose: 'visit', documentId: appointmentId, pageUrl: demoPages.visit(), portalUrl: demoPages.account() });
    this.sent = { ...this.sent, [appointmentId]: result };
  }

  async #move(appointmentId: string, status: VisitProgress) {
    // Not disabled while saving (a disabled button drops focus): a press meanwhile is ignored.
    if (this.moves[appointmentId]?.kind === 'moving') return;
    this.moves = { ...this.moves, [appointmentId]: { kind: 'moving', to: status } };
    try {
      await office('PUT', `/appointments/${encodeURIComponent(appointmentId)}/status`, { status });
      this.statuses = { ...this.statuses, [appointmentId]: status };
      this.moves = { ...this.moves, [appointmentId]: { kind: 'moved', status } };
      announceChange();
    } catch (error) {
      this.moves = { ...this.moves, [appointmentId]: { kind: 'failed', message: problemText(error) } };
    }
  }

  #renderMove(move: Move | undefined) {
    const words = (status: VisitProgress) => steps.find(([s]) => s === status)?.[1] ?? status;
    if (move?.kind === 'failed') return html`<span role="alert" class="problem">Not changed: ${move.message}</span>`;
    return html`<span role="status">${move?.kind === 'moving'
      ? 'Saving…'
      : move?.kind === 'moved'
        ? html`<span class="saved">Now “${words(move.status)}”: a customer with the link open sees it.</span>`
        : nothing}</span>`;
  }

  override render() {
    return html`<section aria-labelledby="visits-title">
      <h2 id="visits-title">Visits</h2>
      <p class="meta">
        Send a customer a link to follow their visit, then move the visit along as the technician would. The demo's upcoming
        visits (the office API has no appointment list); each starts at Scheduled after a reset.
      </p>
      <ul class="plain">
        ${seededVisits.map((visit) => {
          const current = this.statuses[visit.id];
          const move = this.moves[visit.id];
          return html`<li class="card">
            <article aria-labelledby=${`${visit.id}-title`}>
              <h3 id=${`${visit.id}-title`}>Job ${visit.job}: ${visit.summary}</h3>
              <div class="meta">${visit.customer} · ${visit.technician}</div>
              <div class="row">
                <button type="button" aria-label=${`Send visit-status link: job ${visit.job}`} @click=${() => this.#send(visit.id)}>
                  Send visit-status link
                </button>
                ${renderSent(this.sent[visit.id], 'Open the visit-status link')}
              </div>
              <div class="row" role="group" aria-label=${`Status of job ${visit.job}`}>
                <span>Status:</span>
                ${steps.map(
                  ([status, words]) => html`<button
                    type="button"
                    class="secondary"
                    aria-pressed=${current === status ? 'true' : 'false'}
                    @click=${() => this.#move(visit.id, status)}
                  >
                    ${words}
                  </button>`,
                )}
                ${this.#renderMove(move)}
              </div>
            </article>
          </li>`;
        })}
      </ul>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'office-visits': OfficeVisits;
  }
}
