/**
 * The office's estimates: a new one (one option, one line), each with its status and version, the
 * signature record of every approval (kept across versions), "Send estimate link", and a small edit — a
 * price or the valid-until date — that turns a decided estimate into a new version the customer must
 * approve again.
 */
import { LitElement, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { formatDate, formatDateTime, formatMoney, localeOf, minorToInput, parseMoney, todayIn } from '../../src/internal/format.js';
import type { ConsentText, Estimate, EstimateStatus, PortalSettings } from '../../src/model/index.js';
import { OfficeApiError, announceChange, demoPages, followChanges, office, onReset, problemText } from './api.js';
import { LinkSends } from './send-link.js';
import { sectionStyles } from './styles.js';

/** One approval as the backend recorded it (`GET /office/estimates`). */
export interface SignatureRecord {
  version: number;
  optionId: string;
  contentSha256: string;
  signerName: string;
  consents: ConsentText[];
  signedAt: string;
  clientAddress: string | null;
  userAgent: string | null;
  via: string;
}

export type OfficeEstimate = Estimate & { signatures: SignatureRecord[]; withdrawn: { at: string; reason: string | null } | null };

interface OfficeCustomer {
  id: string;
  name: string;
  locations: { id: string; name: string }[];
}

/** The demo's terms for a new estimate (a real office writes its own). */
const DEMO_TERMS = {
  version: 'demo-1',
  text: 'Prices include parts and labor. Work is scheduled after approval; payment is due when the work is done.',
  translations: { es: { text: 'Los precios incluyen piezas y mano de obra. El trabajo se programa después de la aprobación; el pago se hace al terminar el trabajo.' } },
};

const NEW_FIELDS = ['location', 'name', 'description', 'price', 'validUntil'] as const;

const statusWords: Record<EstimateStatus, string> = {
  Open: 'Open: waiting for the customer',
  Approved: 'Approved',
  Declined: 'Declined',
  ChangesRequested: 'Changes requested',
};

type EditState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; message: string } | { kind: 'failed'; message: string; field: string | null };

/** "opt-better" → "Better" when the option still exists in this version, else the id. */
function optionName(estimate: Estimate, optionId: string): string {
  return estimate.options.find((o) => o.id === optionId)?.name ?? optionId;
}

/** How the signer came in: `link:1a2b3c4d` (which link) or `portal:<login>` (signed in). */
function viaWords(via: string): string {
  if (via.startsWith('link:')) return `A link without a sign-in (token hash ${via.slice(5)}…)`;
  if (via.startsWith('portal:')) return `Signed in to the portal (login ${via.slice(7)})`;
  return via;
}

@customElement('office-estimates')
export class OfficeEstimates extends LitElement {
  static override styles = sectionStyles;

  @state() private estimates: OfficeEstimate[] | null = null;
  @state() private customers = new Map<string, string>();
  @state() private customerList: OfficeCustomer[] = [];
  @state() private creating: EditState = { kind: 'idle' };
  @state() private timeZone = 'UTC';
  @state() private problem = '';
  /** What "Check for answers" found, beside it. */
  @state() private checked = '';

  #calls = 0;
  #links = new LinkSends(this, 'estimate', demoPages.estimate);
  @state() private edits: Record<string, EditState> = {};
  /** Why the last Withdraw was refused, per estimate (an approved one stays). */
  @state() private withdrawProblems: Record<string, string> = {};

  #unfollow: (() => void)[] = [];

  override connectedCallback() {
    super.connectedCallback();
    this.#unfollow = [
      followChanges(() => void this.refresh()),
      onReset(() => {
        this.creating = { kind: 'idle' };
        this.edits = {};
        this.withdrawProblems = {};
      }),
    ];
    void this.refresh();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.#unfollow.forEach((stop) => stop());
  }

  async refresh() {
    const call = ++this.#calls;
    try {
      const [estimates, customers, settings] = await Promise.all([
        office<OfficeEstimate[]>('GET', '/estimates'),
        office<OfficeCustomer[]>('GET', '/customers'),
        office<PortalSettings>('GET', '/settings'),
      ]);
      // Refreshes overlap when changes come quickly: only the latest one's answer is shown.
      if (call !== this.#calls) return;
      this.estimates = estimates;
      this.customers = new Map(customers.map((c) => [c.id, c.name]));
      this.customerList = customers.filter((c) => c.locations.length > 0);
      this.timeZone = settings.timeZone;
      this.problem = '';
    } catch (error) {
      if (call === this.#calls) this.problem = `The estimates could not be loaded: ${problemText(error)}`;
    }
  }

  /** Loads the estimates again and says what changed: an answer that came in shows as its status. */
  async #checkForAnswers() {
    const answered = (list: OfficeEstimate[] | null) => new Map((list ?? []).map((e) => [e.id, `${e.status}@${e.version}`]));
    const before = answered(this.estimates);
    this.checked = 'Checking…';
    await this.refresh();
    if (this.problem) {
      this.checked = '';
      return;
    }
    const changed = [...answered(this.estimates)].filter(([id, state]) => before.get(id) !== state).length;
    // In the company's zone, named, as every other time on this page.
    const time = new Intl.DateTimeFormat('en-US', { hour: 'numeric', minute: '2-digit', timeZoneName: 'short', timeZone: this.timeZone }).format(new Date());
    this.checked = changed === 0 ? `No new answers (checked at ${time}).` : `${changed} estimate${changed === 1 ? '' : 's'} changed: see below.`;
  }

  /** Withdraw: its links stop working and say it was withdrawn; it leaves the customer's portal. */
  async #withdraw(estimate: OfficeEstimate) {
    // It cannot be undone: asked first, as "Reset demo data" is.
    if (!confirm(`Withdraw estimate ${estimate.number}? It leaves the customer's portal and its links stop working. This cannot be undone.`)) return;
    try {
      await office('POST', `/estimates/${encodeURIComponent(estimate.id)}/withdraw`, { reason: 'Withdrawn from the demo office page' });
      this.withdrawProblems = { ...this.withdrawProblems, [estimate.id]: '' };
      announceChange();
    } catch (error) {
      this.withdrawProblems = { ...this.withdrawProblems, [estimate.id]: problemText(error) };
    }
  }

  /** A new estimate: one option with one line, the demo's terms, taxed at nothing (the office adds tax in an edit). */
  async #create(event: SubmitEvent) {
    event.preventDefault();
    if (this.creating.kind === 'saving') return;
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const [customerId = '', locationId = ''] = String(data.get('location') ?? '').split('|');
    const price = parseMoney(String(data.get('price') ?? ''), 'USD', localeOf(this));
    if (price === null) {
      this.creating = { kind: 'failed', message: 'Type a price such as 1,234.50.', field: 'price' };
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#new-price')?.focus();
      return;
    }
    this.creating = { kind: 'saving' };
    const description = String(data.get('description') ?? '');
    // The Spanish words, where the office typed them (blank: Spanish pages show the English).
    const spanishName = String(data.get('nameEs') ?? '').trim();
    const spanishWork = String(data.get('descriptionEs') ?? '').trim();
    try {
      const made = await office<Estimate>('POST', '/estimates', {
        customerId,
        locationId,
        name: String(data.get('name') ?? ''),
        ...(spanishName ? { translations: { es: { name: spanishName } } } : {}),
        validUntil: String(data.get('validUntil') ?? ''),
        options: [
          {
            name: description,
            ...(spanishWork ? { translations: { es: { name: spanishWork } } } : {}),
            items: [{ description, quantity: 1, unitPrice: price, ...(spanishWork ? { translations: { es: { description: spanishWork } } } : {}) }],
          },
        ],
        terms: DEMO_TERMS,
      });
      form.reset();
      this.creating = { kind: 'saved', message: `Made estimate ${made.number}. Send its link below.` };
      announceChange();
    } catch (error) {
      const reported = error instanceof OfficeApiError ? error.field : null;
      // The backend names its fields; the form names the ones it shows.
      const field = reported?.startsWith('options.0') ? (reported.endsWith('unitPrice') ? 'price' : 'description') : reported === 'customerId' || reported === 'locationId' ? 'location' : reported;
      this.creating = { kind: 'failed', message: problemText(error), field };
      if (field && (NEW_FIELDS as readonly string[]).includes(field)) {
        await this.updateComplete;
        this.renderRoot.querySelector<HTMLElement>(`#new-${field}`)?.focus();
      }
    }
  }

  #renderNew() {
    const state = this.creating;
    const failedField = state.kind === 'failed' && state.field && (NEW_FIELDS as readonly string[]).includes(state.field) ? state.field : null;
    const errorFor = (field: string) =>
      failedField === field && state.kind === 'failed' ? html`<span class="problem" role="alert" id=${`new-${field}-error`}>${state.message}</span>` : nothing;
    const input = (field: (typeof NEW_FIELDS)[number], label: string, type: string, extra: { inputmode?: string; value?: string } = {}) =>
      html`<label for=${`new-${field}`}>${label}</label>
        <input
          type=${type}
          id=${`new-${field}`}
          name=${field}
          required
          inputmode=${ifDefined(extra.inputmode)}
          value=${ifDefined(extra.value)}
          aria-invalid=${failedField === field ? 'true' : 'false'}
          aria-describedby=${ifDefined(failedField === field ? `new-${field}-error` : undefined)}
        />
        ${errorFor(field)}`;
    // Optional: a Spanish page shows the English where the office gave no Spanish.
    const spanish = (field: string, label: string) =>
      html`<label for=${`new-${field}`}>${label}</label> <input type="text" id=${`new-${field}`} name=${field} lang="es" />`;
    const inAMonth = todayIn(this.timeZone, new Date(Date.now() + 30 * 86_400_000));
    return html`<details>
      <summary>New estimate</summary>
      <form
        @submit=${(event: SubmitEvent) => this.#create(event)}
        @input=${() => {
          // Typing clears what was said, but not a save on its way (Enter again would make a second one).
          if (this.creating.kind !== 'saving') this.creating = { kind: 'idle' };
        }}
      >
        <p class="meta">One option with one line, for a first try: your field-service system sends the full estimate (<code>POST /office/estimates</code>, docs/contract/links.md).</p>
        <label for="new-location">Customer and location</label>
        <select
          id="new-location"
          name="location"
          required
          aria-invalid=${failedField === 'location' ? 'true' : 'false'}
          aria-describedby=${ifDefined(failedField === 'location' ? 'new-location-error' : undefined)}
        >
          ${this.customerList.flatMap((customer) =>
            customer.locations.map((location) => html`<option value=${`${customer.id}|${location.id}`}>${customer.name}: ${location.name}</option>`),
          )}
        </select>
        ${errorFor('location')}
        ${this.customerList.length === 0 ? html`<p class="meta">No customer with a location yet: import your records first (docs/import.md).</p>` : nothing}
        ${input('name', 'What the estimate is for', 'text')} ${spanish('nameEs', 'The same, in Spanish (optional)')}
        ${input('description', 'The work (the option’s name and its line)', 'text')} ${spanish('descriptionEs', 'The work, in Spanish (optional)')}
        ${input('price', 'Price (USD)', 'text', { inputmode: 'decimal' })} ${input('validUntil', 'Valid until', 'date', { value: inAMonth })}
        <div class="row">
          <button type="submit" aria-disabled=${state.kind === 'saving' ? 'true' : 'false'}>${state.kind === 'saving' ? 'Saving…' : 'Make estimate'}</button>
          <span role="status">${state.kind === 'saved' ? html`<span class="saved">${state.message}</span>` : nothing}</span>
          <span role="alert">${state.kind === 'failed' && !failedField ? html`<span class="problem">${state.message}</span>` : nothing}</span>
        </div>
      </form>
    </details>`;
  }

  async #edit(event: SubmitEvent, estimate: OfficeEstimate) {
    event.preventDefault();
    if (this.edits[estimate.id]?.kind === 'saving') return;
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const locale = localeOf(this);
    let badField: string | null = null;
    const options = estimate.options.map((option, i) => {
      const items = option.items.map((item, j) => {
        const field = `options.${i}.items.${j}.unitPrice`;
        const unitPrice = parseMoney(String(data.get(field) ?? ''), estimate.currency, locale);
        if (unitPrice === null) badField ??= field;
        return { description: item.description, quantity: item.quantity, unitPrice: unitPrice ?? item.unitPrice };
      });
      // The tax stays at the option's present rate (the backend keeps the tax it is given).
      const subtotal = items.reduce((sum, item) => sum + Math.round(item.quantity * item.unitPrice), 0);
      const tax = option.subtotal > 0 ? Math.round((subtotal * option.tax) / option.subtotal) : option.tax;
      return { id: option.id, name: option.name, description: option.description, recommended: option.recommended, items, tax };
    });
    if (badField) {
      this.edits = { ...this.edits, [estimate.id]: { kind: 'failed', message: 'Type a price such as 1,234.50.', field: badField } };
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>(`#${CSS.escape(`${estimate.id}-${badField}`)}`)?.focus();
      return;
    }
    this.edits = { ...this.edits, [estimate.id]: { kind: 'saving' } };
    try {
      const saved = await office<Estimate>('PUT', `/estimates/${encodeURIComponent(estimate.id)}`, {
        validUntil: String(data.get('validUntil') ?? estimate.validUntil),
        options,
      });
      const again = estimate.status === 'Open' ? '' : ` It was ${statusWords[estimate.status].toLowerCase()}: the customer must approve the new version.`;
      this.edits = { ...this.edits, [estimate.id]: { kind: 'saved', message: `Saved as version ${saved.version}.${again}` } };
      announceChange();
    } catch (error) {
      const field = error instanceof OfficeApiError ? error.field : null;
      this.edits = { ...this.edits, [estimate.id]: { kind: 'failed', message: problemText(error), field } };
      if (field) {
        await this.updateComplete;
        this.renderRoot.querySelector<HTMLElement>(`#${CSS.escape(`${estimate.id}-${field}`)}`)?.focus();
      }
    }
  }

  #renderRecord(estimate: OfficeEstimate, record: SignatureRecord) {
    const locale = localeOf(this);
    const current = record.version === estimate.version && estimate.status === 'Approved';
    return html`<div class="card">
      <h4>Signature record, version ${record.version}${current ? '' : ' (an earlier version)'}</h4>
      <dl class="record">
        <dt>Signed by</dt><dd>${record.signerName}</dd>
        <dt>Server time</dt><dd>${formatDateTime(record.signedAt, this.timeZone, locale)} <span class="meta">(${record.signedAt})</span></dd>
        <dt>Option</dt><dd>${optionName(estimate, record.optionId)} <span class="meta">(${record.optionId})</span></dd>
        <dt>Content SHA-256</dt><dd class="hash">${record.contentSha256}</dd>
        <dt>Consents shown</dt>
        <dd>${record.consents.map((c) => html`<div>“${c.text}” <span class="meta">(${c.id}, version ${c.version})</span></div>`)}</dd>
        <dt>Client address</dt><dd>${record.clientAddress ?? html`<span class="meta">not known (the demo's backend runs in the page, behind no network)</span>`}</dd>
        <dt>User agent</dt><dd>${record.userAgent ?? html`<span class="meta">not known (a request through the demo's in-page backend carries none)</span>`}</dd>
        <dt>Link used</dt><dd>${viaWords(record.via)}</dd>
      </dl>
    </div>`;
  }

  #renderEdit(estimate: OfficeEstimate) {
    const edit = this.edits[estimate.id] ?? { kind: 'idle' };
    const fields = new Set(['validUntil', ...estimate.options.flatMap((o, i) => o.items.map((_, j) => `options.${i}.items.${j}.unitPrice`))]);
    // A refusal about a field this form shows goes next to it; any other, below the button.
    const failedField = edit.kind === 'failed' && edit.field && fields.has(edit.field) ? edit.field : null;
    const idFor = (field: string) => `${estimate.id}-${field}`;
    const errorFor = (field: string) =>
      failedField === field && edit.kind === 'failed'
        ? html`<span class="problem" role="alert" id=${idFor(`${field}-error`)}>${edit.message}</span>`
        : nothing;
    return html`<details>
      <summary>Edit estimate ${estimate.number} (a price or the valid-until date)</summary>
      <form
        @submit=${(event: SubmitEvent) => this.#edit(event, estimate)}
        @input=${() => {
          if (this.edits[estimate.id]?.kind !== 'saving') this.edits = { ...this.edits, [estimate.id]: { kind: 'idle' } };
        }}
      >
        <p class="meta">Saving always makes a new version. An approved, declined or changed estimate opens again: the customer must approve the new version.</p>
        <label for=${idFor('validUntil')}>Valid until</label>
        <input
          type="date"
          id=${idFor('validUntil')}
          name="validUntil"
          required
          .value=${estimate.validUntil}
          aria-invalid=${failedField === 'validUntil' ? 'true' : 'false'}
          aria-describedby=${ifDefined(failedField === 'validUntil' ? idFor('validUntil-error') : undefined)}
        />
        ${errorFor('validUntil')}
        ${estimate.options.map(
          (option, i) => html`<fieldset>
            <legend>${option.name}: unit prices (${estimate.currency})</legend>
            ${option.items.map((item, j) => {
              const field = `options.${i}.items.${j}.unitPrice`;
              return html`<label for=${idFor(field)}>${item.description}${item.quantity === 1 ? '' : ` (× ${item.quantity})`}</label>
                <input
                  type="text"
                  inputmode="decimal"
                  id=${idFor(field)}
                  name=${field}
                  .value=${minorToInput(item.unitPrice, estimate.currency, localeOf(this))}
                  aria-invalid=${failedField === field ? 'true' : 'false'}
                  aria-describedby=${ifDefined(failedField === field ? idFor(`${field}-error`) : undefined)}
                />
                ${errorFor(field)}`;
            })}
          </fieldset>`,
        )}
        <div class="row">
          <button type="submit" aria-disabled=${edit.kind === 'saving' ? 'true' : 'false'}>${edit.kind === 'saving' ? 'Saving…' : 'Save as a new version'}</button>
          <span role="status">${edit.kind === 'saved' ? html`<span class="saved">${edit.message}</span>` : nothing}</span>
          <span role="alert">${edit.kind === 'failed' && !failedField ? html`<span class="problem">${edit.message}</span>` : nothing}</span>
        </div>
      </form>
    </details>`;
  }

  #renderEstimate(estimate: OfficeEstimate) {
    const locale = localeOf(this);
    // A decision on an earlier version (the office edited the estimate since) is history, not this version's answer.
    const decision = estimate.decision?.version === estimate.version ? estimate.decision : null;
    const earlier = estimate.decision && estimate.decision.version < estimate.version ? estimate.decision : null;
    const records = [...estimate.signatures].reverse();
    return html`<article class="card" aria-labelledby=${`${estimate.id}-title`}>
      <h3 id=${`${estimate.id}-title`}>Estimate ${estimate.number}: ${estimate.name}</h3>
      <div class="row">
        <span class="badge ${estimate.status}">${statusWords[estimate.status]}</span>
        <span class="meta">Version ${estimate.version} · ${this.customers.get(estimate.customerId) ?? estimate.customerId}, ${estimate.location.name} · valid until
          ${formatDate(estimate.validUntil, locale)}</span>
      </div>
      <ul>
        ${estimate.options.map(
          (o) => html`<li>${o.name}${o.recommended ? ' (recommended)' : ''}: ${formatMoney(o.total, estimate.currency, locale)}
            ${decision?.kind === 'approved' && decision.optionId === o.id ? html`<strong>— approved</strong>` : nothing}</li>`,
        )}
      </ul>
      ${decision?.kind === 'declined' ? html`<p>Declined: “${decision.reason}”</p>` : nothing}
      ${decision?.kind === 'changes-requested' ? html`<p>Changes asked for: “${decision.message}”</p>` : nothing}
      ${earlier
        ? html`<p class="meta">Earlier answer, to version ${earlier.version}: ${earlier.kind === 'approved'
            ? `approved by ${earlier.signerName}`
            : earlier.kind === 'declined'
              ? `declined (“${earlier.reason}”)`
              : `changes asked for (“${earlier.message}”)`}. This version needs its own answer.</p>`
        : nothing}
      <div class="row">
        ${estimate.withdrawn
          ? html`<p class="meta">Withdrawn ${formatDate(todayIn(this.timeZone, new Date(estimate.withdrawn.at)), locale)}: its links say so, and the customer no longer sees it.</p>`
          : html`${this.#links.render(
                estimate.id,
                { label: 'Send estimate link', name: `Send estimate link: ${estimate.number}`, link: 'Open the estimate link' },
                this.timeZone,
              )}
              ${estimate.status === 'Approved'
                ? nothing
                : html`<button type="button" class="secondary" aria-label=${`Withdraw estimate ${estimate.number}`} @click=${() => void this.#withdraw(estimate)}>
                    Withdraw
                  </button>`}
              <span role="alert">${this.withdrawProblems[estimate.id] ? html`<span class="problem">${this.withdrawProblems[estimate.id]}</span>` : nothing}</span>`}
      </div>
      ${records.length ? records.map((record) => this.#renderRecord(estimate, record)) : html`<p class="meta">No signature yet.</p>`}
      ${this.#renderEdit(estimate)}
    </article>`;
  }

  override render() {
    return html`<section aria-labelledby="estimates-title">
      <h2 id="estimates-title">Estimates</h2>
      <div class="row">
        <p class="meta">Send a customer their estimate to approve online. An approval keeps a signature record: the exact content signed (its SHA-256), the typed name, the consents as shown, the time, and the link used.</p>
        <button type="button" class="secondary" @click=${() => void this.#checkForAnswers()}>Check for answers</button>
        <span role="status">${this.checked}</span>
      </div>
      ${this.problem ? html`<p role="alert" class="problem">${this.problem}</p>` : nothing}
      ${this.estimates === null ? nothing : this.#renderNew()}
      ${this.estimates === null
        ? html`<p>${this.problem ? '' : 'Loading…'}</p>`
        : this.estimates.length === 0
          ? html`<p>No estimates.</p>`
          : this.estimates.map((estimate) => this.#renderEstimate(estimate))}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'office-estimates': OfficeEstimates;
  }
}
