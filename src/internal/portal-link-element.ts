import { msg, str } from '../i18n/msg.js';
import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { LinkTarget } from '../adapter/portal-adapter.js';
import { PortalError, toPortalError, type RevokedReason } from '../adapter/portal-error.js';
import type { LinkCompany } from '../model/estimate.js';
import { canRetry, describeError } from './error-messages.js';
import { readDocumentId, readLinkToken } from './link-token.js';
import { telHref } from './linkify.js';
import { PortalElement } from './portal-element.js';

type Resend = { kind: 'idle' } | { kind: 'sending' } | { kind: 'sent' } | { kind: 'failed'; message: string };

/** The company a link page names: from the document's answer, the link error, or the portal's settings. */
export interface CallCompany {
  name: string;
  phone: string;
}

/**
 * Base of the elements a link without a sign-in opens (`<portal-estimate>`, `<portal-pay>`,
 * `<portal-visit-status>`): the link's token (the `token` property, else the page address's
 * `#porchlight-link=…`), the document id from the page address, and what to show when a link does
 * not work — why, a fresh link for an expired one, the company's phone for the rest.
 */
export abstract class PortalLinkElement extends PortalElement {
  /**
   * The link's token. Left unset, it is read from the page address (`#porchlight-link=<token>`). A
   * property only, never an attribute, so the secret is not written into the page's markup.
   */
  @property({ attribute: false }) token: string | undefined;

  /** @internal The page address when last read (the fragment can change without a reload). */
  @state() protected pageAddress: { hash: string; search: string } = { hash: '', search: '' };
  /** @internal Asking for a fresh link. */
  @state() private resend: Resend = { kind: 'idle' };

  /**
   * Whether a fresh link could work where this one expired. An estimate's link expires only with the
   * estimate (its valid-until day), so a fresh one would not work either: the page gives the phone.
   */
  protected readonly renewsExpiredLinks: boolean = true;

  #focusResend = false;

  override connectedCallback() {
    super.connectedCallback();
    this.#readAddress();
    globalThis.addEventListener?.('hashchange', this.#readAddress);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    globalThis.removeEventListener?.('hashchange', this.#readAddress);
  }

  #readAddress = () => {
    const { hash, search } = globalThis.location ?? { hash: '', search: '' };
    if (hash === this.pageAddress.hash && search === this.pageAddress.search) return;
    this.pageAddress = { hash, search };
    this.resend = { kind: 'idle' };
  };

  /** The token calls are made with: the property, else the page address's. */
  protected linkToken(): string | null {
    return this.token?.trim() || readLinkToken(this.pageAddress);
  }

  /** A document id from the page address (`?name=…`, or `&name=…` in the fragment). */
  protected idFromPage(name: string): string | null {
    return readDocumentId(name, this.pageAddress);
  }

  /**
   * The document a link opens when the page address does not name it: asked from the token alone
   * (`GET /links/open`). A token for another kind of page is refused like a link for another document.
   */
  protected async linkedDocument(purpose: LinkTarget['purpose'], token: string, signal: AbortSignal): Promise<string> {
    const adapter = this.portal?.adapter;
    // Without openLink the backend cannot say what the link opens: the page's setup, not the customer's link, is at fault.
    if (!adapter?.openLink) throw new PortalError('FEATURE_DISABLED', 'This portal’s backend cannot open a link that does not name its document.');
    const target = await adapter.openLink(token, { signal });
    if (target.purpose !== purpose) {
      throw new PortalError('LINK_INVALID', 'This link is for another page.', { linkProblem: 'other-document' });
    }
    return target.documentId;
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>) {
    super.willUpdate(changed);
    if (changed.has('token') && changed.get('token') !== undefined) this.resend = { kind: 'idle' };
  }

  protected override updated(changed: Map<PropertyKey, unknown>) {
    super.updated(changed);
    if (this.#focusResend) {
      this.#focusResend = false;
      // The button pressed is gone: the answer takes focus, so it is read and focus is not lost.
      this.renderRoot.querySelector<HTMLElement>('#resend-result')?.focus();
    }
  }

  /** Whom to call: the company in a link error or answer, else the portal's public settings. */
  protected callCompany(error?: PortalError, company?: LinkCompany | null): CallCompany | null {
    const { companyName, companyPhone } = error?.details ?? {};
    if (companyName && companyPhone) return { name: companyName, phone: companyPhone };
    if (company) return { name: company.name, phone: company.phone };
    const settings = this.portal?.settings;
    return settings ? { name: settings.companyName, phone: settings.companyPhone } : null;
  }

  /** "Call Northwind Heating & Air at (555) 010-4477." with the number as a `tel:` link. */
  protected callLine(company: CallCompany | null): TemplateResult {
    if (!company) return html`${msg('Call our office for help.')}`;
    const tel = telHref(company.phone);
    const phone = tel ? html`<a class="nowrap" href=${tel}>${company.phone}</a>` : html`<span class="nowrap">${company.phone}</span>`;
    return html`${msg(html`Call ${company.name} at ${phone}.`)}`;
  }

  /** Whether an error means the link itself does not work (rather than a failed request). */
  protected isLinkProblem(error: PortalError): boolean {
    return error.code === 'LINK_EXPIRED' || error.code === 'LINK_INVALID';
  }

  /**
   * Why the link does not work, in words: an expired one offers a fresh link sent to the contact on
   * file (the page never asks for an address, nor says which one); a revoked, forged or mistyped one,
   * or one for another document, says whom to call.
   */
  protected renderLinkProblem(error: PortalError): TemplateResult {
    const company = this.callCompany(error);
    const problem = error.details.linkProblem ?? (error.code === 'LINK_EXPIRED' ? 'expired' : 'unknown');
    if (problem === 'expired') return this.#renderExpired(company, error.details.renewable !== false);
    const [title, why] =
      problem === 'revoked'
        ? this.#revokedWords(error.details.revokedBecause)
        : [msg('This link doesn’t work'), msg('Check that you opened the whole link from your message.')];
    return html`<div class="message error stack" role="alert" part="link-problem">
      <h3>${title}</h3>
      <p>${why} ${this.callLine(company)}</p>
    </div>`;
  }

  /** A revoked link's title and reason: what the backend says happened, else the possibilities. */
  #revokedWords(reason: RevokedReason | undefined): [string, string] {
    if (reason === 'voided') return this.voidedWords();
    const title = msg('This link is no longer valid');
    if (reason === 'replaced') return [title, msg('A newer link was sent to you. Open the newest message from us.')];
    if (reason === 'revoked') return [title, msg('We turned this link off.')];
    return [title, msg('A newer link may have been sent to you, or the document was withdrawn.')];
  }

  /** The title and reason when the link's document was voided, withdrawn or canceled, in this page's words. */
  protected abstract voidedWords(): [string, string];

  /** An expired link's title: the link, unless the page's document itself is what expired (an estimate). */
  protected expiredTitle(): string {
    return msg('This link has expired');
  }

  /** `renewable`: the backend did not say a fresh link would expire too. */
  #renderExpired(company: CallCompany | null, renewable: boolean) {
    const token = this.linkToken();
    const canResend = Boolean(this.renewsExpiredLinks && renewable && token && this.portal?.adapter.resendLink);
    const resend = this.resend;
    if (resend.kind === 'sent') {
      return html`<div class="message success stack" role="status" part="link-problem">
        <h3 id="resend-result" tabindex="-1">${msg('We sent you a new link')}</h3>
        <p>${msg('It went to the email or phone number we have on file for you. It may take a few minutes to arrive.')}</p>
        <p>${msg('Didn’t get it?')} ${this.callLine(company)}</p>
      </div>`;
    }
    return html`<div class="message info stack" part="link-problem">
      <div class="stack" role="alert">
        <h3>${this.expiredTitle()}</h3>
        <p>
          ${canResend
            ? msg('For your security, links stop working after a while. We can send a new one to the email or phone number we have on file for you.')
            : this.callLine(company)}
        </p>
      </div>
      <div role="status">${resend.kind === 'failed' ? html`<p class="problem">${resend.message}</p>` : nothing}</div>
      ${canResend
        ? html`<div class="actions">
            <button
              type="button"
              part="resend-button button"
              aria-disabled=${resend.kind === 'sending' ? 'true' : 'false'}
              @click=${() => void this.#resend(token!, company)}
            >
              ${resend.kind === 'sending' ? msg('Sending…') : msg('Send me a new link')}
            </button>
          </div>`
        : nothing}
    </div>`;
  }

  async #resend(token: string, company: CallCompany | null) {
    const adapter = this.portal?.adapter;
    if (!adapter?.resendLink || this.resend.kind === 'sending') return;
    this.resend = { kind: 'sending' };
    try {
      await adapter.resendLink(token);
      if (this.linkToken() !== token) return;
      this.resend = { kind: 'sent' };
      this.#focusResend = true;
    } catch (error) {
      if (this.linkToken() !== token) return;
      const portalError = toPortalError(error);
      // After the await: outside any render, so the strings are made in this element's language.
      const message = this.inLocale(() => {
        const call = company ? msg(str`Or call ${company.name} at ${company.phone}.`) : '';
        return `${describeError(portalError, this.portal?.settings ?? null)} ${call}`.trim();
      });
      this.resend = { kind: 'failed', message };
    }
  }

  /** The shell every state shares: a labelled region with its heading, in the element's card. */
  protected frame(heading: string, body: TemplateResult | typeof nothing) {
    return html`<section class="frame" aria-labelledby="heading" part="section">
      <div class="header" part="header">
        <h2 id="heading" tabindex="-1" part="heading">${heading}</h2>
      </div>
      ${body}
    </section>`;
  }

  /** A request that failed for another reason than the link: what happened, and a retry. */
  protected renderFailure(error: PortalError, retry: () => void) {
    return this.renderRetryable(describeError(error, this.portal?.settings ?? null), canRetry(error) ? retry : undefined);
  }

  /** Shown when the element has no portal to talk to. */
  protected renderNotConnected(heading: string) {
    return this.frame(heading, this.renderWithoutPortal());
  }
}
