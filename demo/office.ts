/**
 * The office page of the demo: the portal settings form (changes apply live in the customer's tab),
 * estimates, invoice emails and visits with their links (office/), the outbox (open every emailed link
 * from here), the message templates, invitations, and "reset demo data".
 * It talks to the reference backend's office endpoints with the demo office key (office/api.ts).
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { demoPortalPage, startMockBackend } from '../mocks/browser.js';
import type { BusinessUnit, PortalSettings } from '../src/model/index.js';
import { membershipStatuses, reviewStatuses, syncStatuses } from '../src/model/index.js';
import { OFFICE_CHANGED, OfficeApiError, announceChange, announceReset, announceSettingsSaved, office, problemText } from './office/api.js';
import './office/availability.js';
import './office/estimates.js';
import './office/invoices.js';
import './office/outbox.js';
import './office/requests.js';
import './office/templates.js';
import './office/visits.js';

interface OfficeCustomer {
  id: string;
  name: string;
  type: string;
  emails: { email: string; hasAccount: boolean }[];
  /** The language the office's messages go in; the office's record of it; the pages' (docs/localization.md). */
  language: 'en' | 'es';
  languageOnFile: 'en' | 'es' | null;
  pageLanguage: 'en' | 'es' | null;
}

const languageWords = { en: 'English', es: 'Spanish' } as const;

@customElement('office-app')
export class OfficeApp extends LitElement {
  static override styles = css`
    /* One column that never grows past the page: the page works from 320 px wide. */
    :host { display: grid; grid-template-columns: minmax(0, 1fr); gap: 1.5rem; }
    section { background: #fff; border: 1px solid #d5d9e0; border-radius: 0.75rem; padding: 1.25rem 1.5rem; }
    h2 { margin-top: 0; font-size: 1.2rem; }
    fieldset { border: 1px solid #d5d9e0; border-radius: 0.5rem; margin: 0 0 1rem; padding: 0.75rem 1rem; min-width: 0; }
    legend { font-weight: 600; }
    label { display: block; margin: 0.35rem 0; }
    label.inline { display: inline-flex; flex-wrap: wrap; gap: 0.35rem; margin-right: 1rem; align-items: center; }
    input[type='text'], textarea, select { font: inherit; width: 100%; max-width: 36rem; padding: 0.4rem 0.5rem; box-sizing: border-box; }
    .scroll { overflow-x: auto; }
    @media (max-width: 30rem) { section { padding: 1rem; } }
    textarea { min-height: 4rem; }
    button { font: inherit; padding: 0.5rem 1rem; border-radius: 0.375rem; border: 1px solid #0b5cad; background: #0b5cad; color: #fff; cursor: pointer; }
    button.danger { background: #b3261e; border-color: #b3261e; }
    table { border-collapse: collapse; width: 100%; }
    td, th { text-align: left; padding: 0.35rem 0.5rem; border-bottom: 1px solid #e3e6eb; }
    .saved { color: #1e6b34; margin-left: 1rem; }
    .problem { color: #b3261e; margin-left: 1rem; }
  `;

  @state() private settings: PortalSettings | null = null;
  @state() private businessUnits: BusinessUnit[] = [];
  @state() private customers: OfficeCustomer[] = [];
  @state() private notice = '';
  /** Said under the customers' table once a language is set there. */
  @state() private languageNotice = '';
  /** Said beside "Send invitation": sent, or why not. */
  @state() private inviteNotice = '';
  @state() private problem = '';
  /** Why the settings were not saved, beside "Save settings". */
  @state() private saveProblem = '';

  /** Called once the backend is up; then follows the customer's tab (a reset email shows at once). */
  start() {
    addEventListener('storage', () => void this.refresh());
    // Another section of this page sent a link, moved a visit…: customers' accounts may have changed.
    addEventListener(OFFICE_CHANGED, () => void this.refresh());
    // On the server no storage event comes: catch up when this tab is shown again.
    addEventListener('focus', () => void this.refresh());
    return this.refresh().then(() => this.#namePortalPage());
  }

  /**
   * On porchlight-server (`npm run demo:server`) the seed's settings name no portal page, so messages'
   * portal links would open the example company's site: the demo names its own, as a contractor does in
   * the settings. (In the browser, the seed names it: mocks/browser.ts.)
   */
  async #namePortalPage() {
    if (!onServer || !this.settings || this.settings.portalUrl) return;
    const { portalUrl, spanishPortalUrl } = demoPortalPage();
    const current = this.settings;
    const translations = { ...current.translations, es: { ...current.translations?.es, portalUrl: spanishPortalUrl } };
    try {
      this.settings = await office<PortalSettings>('PUT', '/settings', { ...current, portalUrl, translations });
    } catch (error) {
      this.problem = problemText(error);
    }
  }

  async refresh() {
    this.problem = '';
    try {
      [this.settings, this.businessUnits, this.customers] = await Promise.all([
        office<PortalSettings>('GET', '/settings'),
        office<BusinessUnit[]>('GET', '/business-units'),
        office<OfficeCustomer[]>('GET', '/customers'),
      ]);
    } catch (error) {
      this.problem = String(error);
    }
  }

  async #save(event: SubmitEvent) {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const current = this.settings!;
    const next: PortalSettings = {
      ...current,
      portalEnabled: data.has('portalEnabled'),
      hostname: String(data.get('hostname') ?? ''),
      portalUrl: String(data.get('portalUrl') ?? ''),
      companyName: String(data.get('companyName') ?? ''),
      companyPhone: String(data.get('companyPhone') ?? ''),
      companyEmail: String(data.get('companyEmail') ?? ''),
      officeNoticeEmail: String(data.get('officeNoticeEmail') ?? ''),
      timeZone: String(data.get('timeZone') ?? current.timeZone),
      schedulerEnabled: data.has('schedulerEnabled'),
      membershipsVisible: data.has('membershipsVisible'),
      membershipStatuses: membershipStatuses.filter((s) => data.has(`membership-${s}`)),
      visitsMessage: String(data.get('visitsMessage') ?? ''),
      // The Spanish beside any other language's words the settings hold (this form edits only Spanish).
      translations: {
        ...current.translations,
        es: { ...current.translations?.es, visitsMessage: String(data.get('visitsMessageEs') ?? ''), portalUrl: String(data.get('portalUrlEs') ?? '') },
      },
      invoiceFilter: {
        syncStatuses: syncStatuses.filter((s) => data.has(`sync-${s}`)),
        reviewStatuses: reviewStatuses.filter((s) => data.has(`review-${s}`)),
      },
      excludedBusinessUnitIds: this.businessUnits.filter((bu) => !data.has(`bu-${bu.id}`)).map((bu) => bu.id),
      onlinePaymentsEnabled: data.has('onlinePaymentsEnabled'),
      requireEmailVerification: data.has('requireEmailVerification'),
    };
    try {
      this.settings = await office<PortalSettings>('PUT', '/settings', next);
      announceSettingsSaved();
      this.notice = 'Saved. The customer site follows at once.';
      this.saveProblem = '';
    } catch (error) {
      // Said beside the button, and the field it names focused (`translations.es.portalUrl` is the
      // Spanish field, `portalUrlEs`).
      this.saveProblem = problemText(error);
      const field = error instanceof OfficeApiError ? error.field : null;
      const name = field?.replace(/^translations\.es\.(\w+)$/, '$1Es').split('.')[0];
      if (name) form.querySelector<HTMLElement>(`[name="${CSS.escape(name)}"]`)?.focus();
    }
  }

  /** The office's record of a customer's language (`''`: none, the pages they use decide). */
  async #setLanguage(customer: OfficeCustomer, value: string) {
    try {
      await office('PUT', `/customers/${encodeURIComponent(customer.id)}/language`, { language: value === '' ? null : value });
      this.languageNotice = `Saved: ${customer.name}’s messages follow ${value === '' ? 'the pages they use' : languageWords[value as 'en' | 'es']}.`;
    } catch (error) {
      // Said under the table, and the choice shown as it is on file again (refresh below).
      this.languageNotice = `Not saved: ${problemText(error)}`;
    }
    await this.refresh();
  }

  async #invite(event: SubmitEvent) {
    event.preventDefault();
    const email = String(new FormData(event.currentTarget as HTMLFormElement).get('email') ?? '');
    try {
      // To the settings' portal page, in the customer's language (the demo's own page, set at its seed).
      await office('POST', '/invitations', { email });
      this.inviteNotice = `Invitation sent to ${email}: see the outbox.`;
      announceChange();
    } catch (error) {
      // Said beside the button that sent it, not at the top of the page.
      this.inviteNotice = problemText(error);
    }
  }

  async #reset() {
    if (!confirm('Reset every customer, account and setting to the demo seed?')) return;
    await office('POST', '/reset');
    await this.refresh();
    await this.#namePortalPage();
    this.notice = 'Demo data reset.';
    this.languageNotice = '';
    this.inviteNotice = '';
    announceReset();
  }

  override render() {
    const s = this.settings;
    if (!s) return html`<p>${this.problem || 'Loading…'}</p>`;
    const checkbox = (name: string, label: string, checked: boolean) =>
      html`<label class="inline"><input type="checkbox" name=${name} .checked=${checked} /> ${label}</label>`;
    const text = (name: keyof PortalSettings, label: string) =>
      html`<label>${label} <input type="text" name=${name} .value=${String(s[name])} /></label>`;
    return html`
      ${this.problem ? html`<p role="alert" style="color:#b3261e">${this.problem}</p>` : nothing}
      <section aria-labelledby="settings-title">
        <h2 id="settings-title">Customer portal settings</h2>
        <form
          @submit=${this.#save}
          @input=${() => {
            this.notice = '';
            this.saveProblem = '';
          }}
        >
          <fieldset>
            <legend>Portal</legend>
            ${checkbox('portalEnabled', 'Portal enabled', s.portalEnabled)} ${text('hostname', 'Hostname')}
            <label
              >Portal page, with the sign-in card: messages, reset and confirmation links open there (blank: the site’s main page)
              <input type="text" name="portalUrl" inputmode="url" .value=${s.portalUrl ?? ''}
            /></label>
            <label
              >Portal page in Spanish (blank: the page above)
              <input type="text" name="portalUrlEs" inputmode="url" lang="es" .value=${s.translations?.es?.portalUrl ?? ''}
            /></label>
            ${text('companyName', 'Company name')} ${text('companyPhone', 'Company phone')} ${text('companyEmail', 'Company email')}
            ${text('timeZone', 'Time zone (IANA)')}
            <label
              >Notices to the office: a new request, an estimate’s answer, a payment (blank: none)
              <input type="email" name="officeNoticeEmail" .value=${s.officeNoticeEmail ?? ''}
            /></label>
          </fieldset>
          <fieldset>
            <legend>Features</legend>
            ${checkbox('schedulerEnabled', 'Appointment scheduler', s.schedulerEnabled)}
            ${checkbox('onlinePaymentsEnabled', 'Online payments', s.onlinePaymentsEnabled)}
            ${checkbox('requireEmailVerification', 'Confirm new accounts by email', s.requireEmailVerification !== false)}
          </fieldset>
          <fieldset>
            <legend>Memberships</legend>
            ${checkbox('membershipsVisible', 'Memberships visible', s.membershipsVisible)}
            <div>Statuses shown: ${membershipStatuses.map((status) => checkbox(`membership-${status}`, status, s.membershipStatuses.includes(status)))}</div>
          </fieldset>
          <fieldset>
            <legend>Visits tab message (plain text)</legend>
            <label>Message <textarea name="visitsMessage" .value=${s.visitsMessage}></textarea></label>
            <label
              >On Spanish pages (blank: the message above)
              <textarea name="visitsMessageEs" lang="es" .value=${s.translations?.es?.visitsMessage ?? ''}></textarea
            ></label>
          </fieldset>
          <fieldset>
            <legend>Invoice filter: customers see invoices with…</legend>
            <div>Sync status: ${syncStatuses.map((status) => checkbox(`sync-${status}`, status, s.invoiceFilter.syncStatuses.includes(status)))}</div>
            <div>Review status: ${reviewStatuses.map((status) => checkbox(`review-${status}`, status, s.invoiceFilter.reviewStatuses.includes(status)))}</div>
          </fieldset>
          <fieldset>
            <legend>Business units shown in the portal</legend>
            ${this.businessUnits.map((bu) => checkbox(`bu-${bu.id}`, bu.name, !s.excludedBusinessUnitIds.includes(bu.id)))}
          </fieldset>
          <button type="submit">Save settings</button>
          ${this.notice ? html`<span class="saved" role="status">${this.notice}</span>` : nothing}
          <span role="alert">${this.saveProblem ? html`<span class="problem">Not saved: ${this.saveProblem}</span>` : nothing}</span>
        </form>
      </section>

      <office-requests></office-requests>
      <office-availability></office-availability>
      <office-estimates></office-estimates>
      <office-invoices></office-invoices>
      <office-visits></office-visits>
      <office-outbox></office-outbox>
      <office-templates></office-templates>

      <section aria-labelledby="customers-title">
        <h2 id="customers-title">Customers and invitations</h2>
        <p class="meta">“Messages in”: Automatic follows the language of the pages the customer uses signed in (English until they do); English or Spanish holds, as your records import does.</p>
        <!-- Focusable with a name: at 320 px the table scrolls sideways, and a keyboard must reach it. -->
        <div class="scroll" tabindex="0" role="region" aria-labelledby="customers-title"><table>
          <thead><tr><th>Customer</th><th>Type</th><th>Emails on file</th><th>Messages in</th></tr></thead>
          <tbody>
            ${this.customers.map(
              (c) => html`<tr><td>${c.name}</td><td>${c.type}</td>
                <td>${c.emails.map((e) => html`<div>${e.email} ${e.hasAccount ? html`<em>(has an account)</em>` : nothing}</div>`)}</td>
                <td>
                  <select aria-label=${`Messages to ${c.name} in`} .value=${live(c.languageOnFile ?? '')} @change=${(e: Event) => void this.#setLanguage(c, (e.target as HTMLSelectElement).value)}>
                    <option value="" ?selected=${c.languageOnFile === null}>Automatic: ${c.pageLanguage ? languageWords[c.pageLanguage] : 'English'}</option>
                    <option value="en" ?selected=${c.languageOnFile === 'en'}>English</option>
                    <option value="es" ?selected=${c.languageOnFile === 'es'}>Spanish</option>
                  </select>
                </td></tr>`,
            )}
          </tbody>
        </table></div>
        <p role="status">${this.languageNotice}</p>
        <form @submit=${this.#invite} style="margin-top:1rem">
          <label>Send the portal link (merge tag) to
            <select name="email">
              ${[...new Set(this.customers.flatMap((c) => c.emails.map((e) => e.email)))].map((email) => html`<option>${email}</option>`)}
            </select>
          </label>
          <button type="submit">Send invitation</button>
          <span role="status">${this.inviteNotice}</span>
        </form>
      </section>

      <section aria-labelledby="reset-title">
        <h2 id="reset-title">Demo data</h2>
        <p>
          ${onServer
            ? 'Everything lives in porchlight-server’s database and is shared by every tab of the demo.'
            : 'Everything lives in this browser (a SQLite database kept in IndexedDB) and is shared by every tab of the demo.'}
        </p>
        <button class="danger" @click=${this.#reset}>Reset demo data</button>
      </section>
    `;
  }
}

// `npm run demo:server`: porchlight-server answers /api through Vite's proxy, and MSW stays off.
const onServer = import.meta.env.VITE_PORCHLIGHT_SERVER === '1';
(onServer ? Promise.resolve() : startMockBackend())
  .then(() => {
    document.querySelector('#demo-status')!.textContent = '';
    return (document.querySelector('office-app') as OfficeApp).start();
  })
  .catch((error: unknown) => {
    console.error(error);
    document.querySelector('#demo-status')!.textContent = 'The demo backend could not start. Reload the page.';
  });
