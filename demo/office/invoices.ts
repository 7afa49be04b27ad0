/**
 * "Send invoice email" for a customer's open invoice: a pay link (`…/pay.html?invoice=…`) in the
 * contractor's invoice template, with the portal's address for `{{CustomerPortalLink}}`.
 *
 * The office API has no invoice list, so the section offers a fixed list: the demo seed's open
 * invoices that the portal's default settings show (backend/seed/demo.ts). One paid since then still
 * gets its email; its pay link then shows the receipt.
 */
import { LitElement, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { announceChange, demoPages, office, onReset, problemText } from './api.js';
import { LinkSends } from './send-link.js';
import { sectionStyles } from './styles.js';

export const seededOpenInvoices = [
  { id: 'inv-10801', number: '10801', customer: 'Marcus Reyes', summary: 'Refrigerant leak search and recharge' },
  { id: 'inv-10412', number: '10412', customer: 'Dana Whitfield', summary: 'Furnace will not ignite — replaced hot surface igniter' },
  { id: 'inv-10518', number: '10518', customer: 'Dana Whitfield', summary: 'Water heater flush and anode check' },
  { id: 'inv-10377', number: '10377', customer: 'Dana Whitfield', summary: 'Blower motor replacement (part paid)' },
  { id: 'inv-10701', number: '10701', customer: 'Priya & Arjun Nair', summary: 'Heat pump fall check-up' },
  { id: 'inv-10606', number: '10606', customer: 'Harbor Point Properties LLC (Apartments)', summary: 'Boiler pressure relief valve' },
] as const;

@customElement('office-invoices')
export class OfficeInvoices extends LitElement {
  static override styles = sectionStyles;

  #links = new LinkSends(this, 'pay', demoPages.pay);
  /** Voiding an invoice: its pay links stop working and say it was voided. */
  @state() private voids: Record<string, { kind: 'voiding' } | { kind: 'voided' } | { kind: 'failed'; message: string }> = {};

  #unfollow: (() => void) | null = null;

  override connectedCallback() {
    super.connectedCallback();
    // After a reset the invoices are open again (the links sent are forgotten by #links).
    this.#unfollow = onReset(() => {
      this.voids = {};
    });
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.#unfollow?.();
  }

  async #void(invoiceId: string, number: string) {
    if (this.voids[invoiceId]?.kind === 'voiding') return;
    // It cannot be undone: asked first, as "Reset demo data" is.
    if (!confirm(`Void invoice ${number}? Nothing is owed on it any more, and its pay links stop working. This cannot be undone.`)) return;
    this.voids = { ...this.voids, [invoiceId]: { kind: 'voiding' } };
    try {
      await office('POST', `/invoices/${encodeURIComponent(invoiceId)}/void`, { reason: 'Voided from the demo office page' });
      this.voids = { ...this.voids, [invoiceId]: { kind: 'voided' } };
      announceChange();
    } catch (error) {
      this.voids = { ...this.voids, [invoiceId]: { kind: 'failed', message: problemText(error) } };
    }
  }

  #renderVoid(invoiceId: string) {
    const state = this.voids[invoiceId];
    return html`<span role="status">${state?.kind === 'voided' ? html`<span class="saved">Voided: its pay links now say so.</span>` : nothing}</span>
      <span role="alert">${state?.kind === 'failed' ? html`<span class="problem">${state.message}</span>` : nothing}</span>`;
  }

  override render() {
    return html`<section aria-labelledby="invoices-title">
      <h2 id="invoices-title">Invoices</h2>
      <p class="meta">
        Email a customer their invoice: a link to pay it online without signing in, and a link to their customer portal. The
        demo's open invoices (the office API has no invoice list); once paid, the link shows the receipt.
      </p>
      <ul class="plain">
        ${seededOpenInvoices.map(
          (invoice) => html`<li class="card">
            <strong>Invoice ${invoice.number}</strong> · ${invoice.customer}
            <div class="meta">${invoice.summary}</div>
            <div class="row">
              ${this.#links.render(invoice.id, { label: 'Send invoice email', name: `Send invoice email: ${invoice.number}`, link: 'Open the pay link' })}
              <button
                type="button"
                class="secondary"
                aria-label=${`Void invoice ${invoice.number}`}
                aria-disabled=${this.voids[invoice.id]?.kind === 'voiding' ? 'true' : 'false'}
                @click=${() => void this.#void(invoice.id, invoice.number)}
              >
                Void
              </button>
              ${this.#renderVoid(invoice.id)}
            </div>
          </li>`,
        )}
      </ul>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'office-invoices': OfficeInvoices;
  }
}
