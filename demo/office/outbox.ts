/**
 * The outbox: every email and text message the backend would send, newest first. Each shows its kind;
 * an email's HTML version is shown in a sandboxed frame (no scripts, no same-origin access, nothing
 * loaded from the network: it is the contractor's template, never markup in this page), its text
 * version as text with its web addresses as links; a text message (kind `…-sms`) as a text.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { formatDateTime } from '../../src/internal/format.js';
import { linkTokens, linkify, safeHttpUrl } from '../../src/internal/linkify.js';
import type { PortalSettings } from '../../src/model/index.js';
import { followChanges, office, problemText } from './api.js';
import { sectionStyles } from './styles.js';

/** One message as `GET /office/outbox` lists it. */
export interface OfficeMessage {
  id: string;
  to: string;
  subject: string;
  body: string;
  html: string | null;
  link: string | null;
  kind: string;
  sentAt: string;
}

/** What each kind of message is, and what its main link opens. */
const kinds: Record<string, { label: string; link: string }> = {
  'password-reset': { label: 'Password reset', link: 'Open the reset link' },
  'verify-email': { label: 'Email confirmation', link: 'Open the confirmation link' },
  invitation: { label: 'Portal invitation', link: 'Open the portal link' },
  invoice: { label: 'Invoice', link: 'Open the pay link' },
  estimate: { label: 'Estimate', link: 'Open the estimate link' },
  visit: { label: 'Visit status', link: 'Open the visit-status link' },
  receipt: { label: 'Payment receipt', link: 'Open the link' },
  'appointment-request-received': { label: 'Appointment request received', link: 'Open the link' },
  'appointment-booked': { label: 'Appointment booked', link: 'Open the link' },
  'appointment-request-dismissed': { label: 'Appointment request dismissed', link: 'Open the link' },
  'estimate-approved': { label: 'Estimate approved', link: 'Open the link' },
  'visit-canceled': { label: 'Visit canceled', link: 'Open the link' },
  // The office's own notices (the officeNoticeEmail setting), not the customers' messages.
  'office-request': { label: 'To the office: new request', link: 'Open the link' },
  'office-estimate': { label: 'To the office: estimate answered', link: 'Open the link' },
  'office-payment': { label: 'To the office: payment', link: 'Open the link' },
};

function describe(kind: string) {
  const sms = kind.endsWith('-sms');
  const base = sms ? kind.slice(0, -4) : kind;
  const known = kinds[base] ?? { label: base, link: 'Open the link' };
  return { sms, label: sms ? `${known.label} · text message` : `${known.label} · email`, link: known.link };
}

/**
 * The email's HTML as a document for `srcdoc`: its own Content-Security-Policy allows no scripts, no
 * requests (a tracking pixel loads nothing) and only inline styles; links would open in a new tab,
 * which the sandbox forbids, so clicking one does nothing — the office uses the links below instead.
 */
export function emailDocument(markup: string): string {
  return `<!doctype html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<base target="_blank">
<style>body{margin:0.75rem;font:15px/1.5 system-ui,sans-serif;color:#1d2330;overflow-wrap:anywhere}a{color:#0b5cad}</style>
</head><body>${markup}</body></html>`;
}

/** The web addresses in a message's text other than its main link (an invoice email's portal link). */
function otherLinks(message: OfficeMessage): string[] {
  const hrefs = linkTokens(message.body).flatMap((token) => (token.kind === 'url' ? [token.href] : []));
  const main = message.link ? safeHttpUrl(message.link) : null;
  return [...new Set(hrefs)].filter((href) => href !== main);
}

@customElement('office-outbox')
export class OfficeOutbox extends LitElement {
  static override styles = [
    sectionStyles,
    css`
      iframe { display: block; width: 100%; height: 12rem; border: 1px solid #d5d9e0; border-radius: 0.375rem; background: #fff; resize: vertical; overflow: auto; }
      .text-body { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0.5rem 0; }
      .sms { max-width: 22rem; background: #e9f1fb; border-radius: 1rem 1rem 1rem 0.25rem; padding: 0.6rem 0.9rem; white-space: pre-wrap; overflow-wrap: anywhere; margin: 0.5rem 0; }
      details { margin: 0.5rem 0; }
      summary { cursor: pointer; }
      .kind { margin-right: 0.5rem; }
    `,
  ];

  @state() private messages: OfficeMessage[] | null = null;
  /** The company's zone: a message's time is said in it, named, as the visit windows it speaks of are. */
  @state() private timeZone = 'UTC';
  @state() private problem = '';

  #calls = 0;

  #unfollow: (() => void) | null = null;

  override connectedCallback() {
    super.connectedCallback();
    this.#unfollow = followChanges(() => void this.refresh());
    void this.refresh();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.#unfollow?.();
  }

  async refresh() {
    const call = ++this.#calls;
    try {
      // The settings only give the times' zone: without them the outbox still shows (in the zone known
      // before, else UTC, named), as it is the office's only way to open the links it sent.
      const [messages, settings] = await Promise.all([
        office<OfficeMessage[]>('GET', '/outbox'),
        office<PortalSettings>('GET', '/settings').catch(() => null),
      ]);
      // Refreshes overlap when changes come quickly: only the latest one's answer is shown.
      if (call !== this.#calls) return;
      this.messages = messages;
      if (settings) this.timeZone = settings.timeZone;
      this.problem = '';
    } catch (error) {
      if (call === this.#calls) this.problem = `The outbox could not be loaded: ${problemText(error)}`;
    }
  }

  #renderMessage(message: OfficeMessage) {
    const kind = describe(message.kind);
    const sent = formatDateTime(message.sentAt, this.timeZone, 'en-US');
    const titleId = `mail-${message.id}`;
    return html`<article class="card" aria-labelledby=${titleId}>
      <div><span class="badge kind">${kind.label}</span></div>
      ${kind.sms
        ? html`<h3 id=${titleId}>Text message to ${message.to}</h3>
            <div class="meta">${sent}</div>
            <p class="sms">${linkify(message.body)}</p>`
        : html`<h3 id=${titleId}>${message.subject}</h3>
            <div class="meta">To ${message.to} · ${sent}</div>
            ${message.html
              ? html`<iframe sandbox="" referrerpolicy="no-referrer" title=${`HTML version: ${message.subject}`} srcdoc=${emailDocument(message.html)}></iframe>
                  <details>
                    <summary>Plain-text version</summary>
                    <p class="text-body">${linkify(message.body)}</p>
                  </details>`
              : html`<p class="text-body">${linkify(message.body)}</p>`}`}
      <div class="row">
        ${message.link ? html`<a href=${message.link} target="_blank" rel="noopener noreferrer">${kind.link}</a>` : nothing}
        ${otherLinks(message).map(
          (href) => html`<span>Also in this message: <a href=${href} target="_blank" rel="noopener noreferrer">${href}</a></span>`,
        )}
      </div>
    </article>`;
  }

  override render() {
    return html`<section aria-labelledby="outbox-title">
      <h2 id="outbox-title">Outbox</h2>
      <div class="row">
        <p class="meta">Emails and text messages the backend would send. Open a link to follow it as the customer.</p>
        <button type="button" class="secondary" @click=${() => this.refresh()}>Check for new messages</button>
      </div>
      ${this.problem ? html`<p role="alert" class="problem">${this.problem}</p>` : nothing}
      ${this.messages === null
        ? html`<p>${this.problem ? '' : 'Loading…'}</p>`
        : this.messages.length === 0
          ? html`<p>No messages yet. Ask for a password reset on the customer site, or send an invitation or a link.</p>`
          : this.messages.map((message) => this.#renderMessage(message))}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'office-outbox': OfficeOutbox;
  }
}
