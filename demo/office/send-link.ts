/**
 * "Send … link" for the office sections: `POST /office/links` makes a link for one document, revokes
 * the one before it, and puts the contractor's templated email and text message in the outbox.
 * `LinkSends` keeps, for a section, what came of each document's send.
 */
import { html, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { formatDateTime } from '../../src/internal/format.js';
import { announceChange, office, onReset, problemText } from './api.js';

export interface LinkRequest {
  purpose: 'estimate' | 'pay' | 'visit';
  documentId: string;
  /**
   * The contractor's page that hosts the element (`…/estimate.html`); the document and token are added.
   * The message's portal link (`{{CustomerPortalLink}}`) is the settings' portal page.
   */
  pageUrl: string;
}

export type SendState =
  | { kind: 'sending' }
  /** `replaced`: this page had sent a link for the document before, which the new one revoked. */
  | { kind: 'sent'; url: string; expiresAt: string | null; replaced: boolean }
  | { kind: 'failed'; message: string };

/** The demo site's Spanish page for one of its pages: the same page with `?lang=es` (site-language.ts). */
export function inSpanish(page: string): string {
  const url = new URL(page);
  url.searchParams.set('lang', 'es');
  return url.toString();
}

export async function sendLink(request: LinkRequest, replaced = false): Promise<SendState> {
  try {
    // A customer who reads Spanish is sent to the Spanish pages: the backend picks by the customer's language.
    const body = { ...request, translations: { es: { pageUrl: inSpanish(request.pageUrl) } } };
    const answer = await office<{ url: string; expiresAt: string | null; messageId: string | null }>('POST', '/links', body);
    announceChange();
    return { kind: 'sent', url: answer.url, expiresAt: answer.expiresAt, replaced };
  } catch (error) {
    return { kind: 'failed', message: problemText(error) };
  }
}

/**
 * What became of a send, beside its button: polite when sent, an alert when refused. A link that ends on
 * its own (a visit's) says when in the company's time zone, named, as the visit windows beside it are;
 * estimate and pay links end with their document, so a section without the zone at hand may leave it
 * out (an end would then be said in UTC, still named).
 */
export function renderSent(state: SendState | undefined, linkLabel: string, timeZone = 'UTC') {
  if (!state) return html`<span role="status"></span>`;
  if (state.kind === 'sending') return html`<span role="status">Sending…</span>`;
  if (state.kind === 'failed') return html`<span role="alert" class="problem">Not sent: ${state.message}</span>`;
  const until = state.expiresAt ? ` It works until ${formatDateTime(state.expiresAt, timeZone, 'en-US')}.` : '';
  const replaced = state.replaced ? '; the link sent before it no longer works' : '';
  return html`<span role="status" class="saved">Sent to the customer's contacts on file (see the outbox)${replaced}.${until}
      <a href=${state.url} target="_blank" rel="noopener noreferrer">${linkLabel}</a></span>`;
}

/** Presses closer together than this are one press pressed twice (a slow double click is about 500 ms). */
const REPEATED_PRESS_MS = 600;

/**
 * One section's sends, by document: the send on its way, what came of the last one, and whether this
 * page sent a link for the document before (the backend's answer does not say whether it revoked one).
 * A page opened after a send, or another tab's send, is not known: then nothing is said about an
 * earlier link rather than something that may be wrong. All is forgotten on "Reset demo data".
 */
export class LinkSends implements ReactiveController {
  #states: Record<string, SendState> = {};
  /** When each document's button was last pressed (`performance.now()`). */
  #pressedAt: Record<string, number> = {};
  #sentBefore = new Set<string>();
  #stopReset = () => {};

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly purpose: LinkRequest['purpose'],
    private readonly page: () => string,
  ) {
    host.addController(this);
  }

  hostConnected() {
    this.#stopReset = onReset(() => {
      this.#states = {};
      this.#sentBefore.clear();
      this.host.requestUpdate();
    });
  }

  hostDisconnected() {
    this.#stopReset();
  }

  /** For the button's `aria-disabled`: it stays enabled (a disabled button drops focus), and a press is ignored. */
  #busy(documentId: string): boolean {
    return this.#states[documentId]?.kind === 'sending';
  }

  async send(documentId: string) {
    // A second press (a double click, Enter twice) would send a second message whose link revokes the
    // first's. It is ignored while the send is on its way, and for a moment after: the demo's in-page
    // backend answers in tens of milliseconds, before a double click's second press comes.
    const now = performance.now();
    if (this.#busy(documentId) || now - (this.#pressedAt[documentId] ?? -Infinity) < REPEATED_PRESS_MS) return;
    this.#pressedAt[documentId] = now;
    this.#set(documentId, { kind: 'sending' });
    const result = await sendLink({ purpose: this.purpose, documentId, pageUrl: this.page() }, this.#sentBefore.has(documentId));
    if (result.kind === 'sent') this.#sentBefore.add(documentId);
    this.#set(documentId, result);
  }

  /**
   * A document's send button and, beside it, what came of its last send. `name` is the button's
   * accessible name, naming the document (`Send estimate link: E-2001`); `label` what it shows.
   */
  render(documentId: string, text: { label: string; name: string; link: string }, timeZone?: string) {
    return html`<button
        type="button"
        aria-label=${text.name}
        aria-disabled=${this.#busy(documentId) ? 'true' : 'false'}
        @click=${() => void this.send(documentId)}
      >
        ${text.label}
      </button>
      ${renderSent(this.#states[documentId], text.link, timeZone)}`;
  }

  #set(documentId: string, state: SendState) {
    this.#states = { ...this.#states, [documentId]: state };
    this.host.requestUpdate();
  }
}
