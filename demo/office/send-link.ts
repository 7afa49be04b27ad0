/**
 * "Send … link" for the office sections: `POST /office/links` makes a link for one document, revokes
 * the one before it, and puts the contractor's templated email and text message in the outbox.
 */
import { html } from 'lit';
import { announceChange, office, problemText } from './api.js';

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
  | { kind: 'sent'; url: string; expiresAt: string | null }
  | { kind: 'failed'; message: string };

/** The demo site's Spanish page for one of its pages: the same page with `?lang=es` (site-language.ts). */
export function inSpanish(page: string): string {
  const url = new URL(page);
  url.searchParams.set('lang', 'es');
  return url.toString();
}

export async function sendLink(request: LinkRequest): Promise<SendState> {
  try {
    // A customer who reads Spanish is sent to the Spanish pages: the backend picks by the customer's language.
    const body = { ...request, translations: { es: { pageUrl: inSpanish(request.pageUrl) } } };
    const answer = await office<{ url: string; expiresAt: string | null; messageId: string | null }>('POST', '/links', body);
    announceChange();
    return { kind: 'sent', url: answer.url, expiresAt: answer.expiresAt };
  } catch (error) {
    return { kind: 'failed', message: problemText(error) };
  }
}

/** What became of a send, beside its button: polite when sent, an alert when refused. */
export function renderSent(state: SendState | undefined, linkLabel: string) {
  if (!state) return html`<span role="status"></span>`;
  if (state.kind === 'sending') return html`<span role="status">Sending…</span>`;
  if (state.kind === 'failed') return html`<span role="alert" class="problem">Not sent: ${state.message}</span>`;
  const until = state.expiresAt
    ? ` It works until ${new Date(state.expiresAt).toLocaleString([], { month: 'short', day: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' })}.`
    : '';
  return html`<span role="status" class="saved">Sent to the customer's contacts on file (see the outbox); the previous link no longer works.${until}
      <a href=${state.url} target="_blank" rel="noopener noreferrer">${linkLabel}</a></span>`;
}
