import { msg, str } from '../../i18n/msg.js';
import { Task, TaskStatus } from '@lit/task';
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { DocumentAccess, EstimateApproval, PortalAdapter } from '../../adapter/portal-adapter.js';
import { PortalError, toPortalError } from '../../adapter/portal-error.js';
import { PortalDocumentDownloadEvent } from '../../events/portal-document-download.js';
import { PortalEstimateApprovedEvent } from '../../events/portal-estimate-approved.js';
import { PortalEstimateChangesRequestedEvent } from '../../events/portal-estimate-changes-requested.js';
import { PortalEstimateDeclinedEvent } from '../../events/portal-estimate-declined.js';
import { seesBilling } from '../../internal/access-note.js';
import { describeError } from '../../internal/error-messages.js';
import { formatDate, localeOf, todayIn } from '../../internal/format.js';
import { PortalLinkElement } from '../../internal/portal-link-element.js';
import { contentStyles } from '../../internal/content-styles.js';
import { itemsStyles } from '../../internal/items-styles.js';
import { controlStyles, hostStyles } from '../../internal/shared-styles.js';
import { linkStyles } from '../../internal/link-styles.js';
import { safeTimeZone } from '../../internal/time-zone.js';
import { estimateIn } from '../../i18n/contractor-words.js';
import type { Estimate, EstimateView } from '../../model/estimate.js';
import { saveFile } from '../portal-history/save-file.js';
import { alertAfterEdit, focusUnmoved, problemsAlert } from '../../internal/form-alert.js';
import { renderDecision, renderEarlierAnswer } from './estimate-decision.js';
import { checkApproval, checkChanges, checkDecline, draftForNewVersion, newEstimateDraft, type EstimateDraft } from './estimate-draft.js';
import { renderEstimateList } from './estimate-list.js';
import { renderFacts, renderOpenEstimate, type EstimateContext } from './estimate-view.js';
import { estimateStyles } from './portal-estimate.styles.js';

type Loaded = { kind: 'estimate'; view: EstimateView } | { kind: 'list'; estimates: Estimate[] };

/** What the element shows for the current link or sign-in and estimate id. */
interface Shown {
  key: string;
  view: EstimateView;
}

/**
 * An estimate the customer answers online: its options (good / better / best) side by side, each with
 * its items and total; they pick one and **approve** it by ticking each consent and typing their full
 * name, or **decline** with a reason, or **ask for changes** with a message. Once approved it shows who
 * signed and when, and the signed PDF.
 *
 * Opened from a link with no sign-in: the token comes from the `token` property or the page address
 * (`#porchlight-link=<token>`); the estimate from the `estimate-id` attribute, else the page address
 * (`?estimate=<id>`, or `&estimate=<id>` after the token in the fragment). With no token and a
 * signed-in customer it shows the same estimate through the account (with no id: the account's
 * estimates, to pick one). Opening changes nothing: every answer is a button a person presses.
 *
 * @summary An estimate to approve (signed with a typed name), decline or ask to change, from a link or signed in.
 * @fires {PortalEstimateApprovedEvent} portal-estimate-approved - The customer approved an option; `detail` has `estimateId`, `version`, `optionId`.
 * @fires {PortalEstimateDeclinedEvent} portal-estimate-declined - The customer declined the estimate.
 * @fires {PortalEstimateChangesRequestedEvent} portal-estimate-changes-requested - The customer asked for changes.
 * @fires {PortalDocumentDownloadEvent} portal-document-download - The signed PDF arrived (`kind: 'estimate'`); cancel it to handle the file yourself.
 * @csspart section - The element's card: the labelled region around everything.
 * @csspart header - The title bar.
 * @csspart heading - The element's title (`<h2>`).
 * @csspart facts - The estimate's location, dates and version.
 * @csspart options - The options to choose from.
 * @csspart option - One option's card.
 * @csspart recommended - The "Recommended" badge.
 * @csspart items - An option's items and totals.
 * @csspart terms - The terms.
 * @csspart approve-form - The approval form (options, terms, consents, name).
 * @csspart sign - The consents and the name.
 * @csspart approve-button - Approve.
 * @csspart approve-error - Why an approval did not go through.
 * @csspart other-answers - Decline and Ask for changes.
 * @csspart decline-form - The reason to decline.
 * @csspart changes-form - The changes asked for.
 * @csspart decision - The answer given: approved (with the PDF), declined or changes asked.
 * @csspart pdf-button - Download the signed estimate.
 * @csspart notice - A note above the estimate (it changed since it was opened).
 * @csspart expired - Said in place of the answer form when an open estimate is past its valid-until day.
 * @csspart earlier-answer - The customer's answer to an earlier version, above a version the office has changed since.
 * @csspart list - The signed-in account's estimates.
 * @csspart link-problem - Why the link does not work, and whom to call.
 * @csspart error - An error message.
 * @csspart empty - The message shown when the account has no estimates.
 * @csspart signed-out - What shows with no link and no one signed in.
 * @csspart no-billing - Said where the estimates would be, for a sign-in without billing access (estimates are billing documents).
 * @csspart loading - The estimate is loading.
 * @csspart button - Every button (a secondary one is also `secondary-button`).
 * @csspart secondary-button - A secondary button (also `button`).
 * @csspart link-button - A button that looks like a link.
 * @csspart input - Every text field and select.
 * @cssprop --portal-estimate-max-width - Widest the element grows (64em).
 * @cssprop --portal-estimate-padding - Space inside the card (1em on a phone, up to 1.5em).
 * @cssprop --portal-estimate-option-min-width - Narrowest an option's card gets before the cards stack (13em).
 * @cssstate loading - The estimate is loading.
 * @cssstate error - Loading failed.
 * @cssstate link-problem - The link does not work.
 * @cssstate decided - The estimate has been answered.
 */
export class PortalEstimate extends PortalLinkElement {
  protected override readonly renewsExpiredLinks = false;

  /** Its link expires only with the estimate (its valid-until day): that is what the customer needs to know. */
  protected override expiredTitle(): string {
    return msg('This estimate has expired');
  }

  static override styles = [hostStyles, controlStyles, contentStyles, itemsStyles, linkStyles, estimateStyles];

  /**
   * Which estimate. Left unset, read from the page address (`?estimate=<id>`); signed in with neither,
   * the account's estimates to pick one. The element keeps it current as a signed-in customer opens an
   * estimate from the list and goes back to it (so `<portal-app>` can keep it in the address).
   * Reflected as the `estimate-id` attribute.
   */
  @property({ attribute: 'estimate-id', reflect: true }) estimateId: string | undefined;

  /** @internal The estimate as last answered by the backend (a load, or an answer to an action). */
  @state() private shown: Shown | null = null;
  /** @internal */
  @state() private draft: EstimateDraft | null = null;
  /** @internal A note above the estimate (it changed since it was opened). */
  @state() private notice = '';
  /** @internal An action answered that the link no longer works. */
  @state() private actionLinkError: PortalError | null = null;
  /** @internal */
  @state() private download = { busy: false, notice: '', failed: false };
  /** @internal Signed in, the session ended as an answer was sent: said on the signed-out card. */
  @state() private answerNotSent = false;

  /**
   * What the customer had entered when the estimate left the screen (the session ended, another
   * account was chosen): given back when the same estimate, at the same version, is shown again.
   */
  #kept: { key: string; who: string; version: number; draft: EstimateDraft } | null = null;
  /** Who was last signed in here (a kept draft goes back only to them, never to the next person). */
  #who = '';

  #reloads = 0;
  /** Set synchronously on submit: a second press in the same instant sends nothing. */
  #sending = false;
  #focus: string | null = null;
  /**
   * The estimate opened from the account's list: back on the list (loaded again), focus goes on to its
   * button rather than stopping at the heading, so a keyboard or screen-reader customer keeps their place.
   */
  #openedFromList: string | null = null;
  /** `<id>@<validUntil>` of an estimate the backend refused as expired (until the office changes its date). */
  #expiredByBackend: string | null = null;

  #task = new Task(this, {
    args: () => [this.portal?.adapter, this.linkToken(), this.portal?.session, this.portal?.account, this.#id(), this.#reloads] as const,
    task: async ([adapter, token, session, account, pageId], { signal }): Promise<Loaded | undefined> => {
      let id = pageId;
      const access = this.#accessFrom(token, session, account);
      if (!adapter || !access) return undefined;
      try {
        if (!id && token) id = await this.linkedDocument('estimate', token, signal);
        if (!id) {
          const estimates = await this.#method(adapter, 'listEstimates')(access as Extract<DocumentAccess, { session: unknown }>, { signal });
          return { kind: 'list', estimates };
        }
        const view = await this.#method(adapter, 'getEstimate')(access, id, { signal });
        this.#show(view);
        return { kind: 'estimate', view };
      } catch (error) {
        throw this.#guard(error);
      }
    },
  });

  #id(): string | null {
    return this.estimateId?.trim() || this.idFromPage('estimate');
  }

  #accessFrom(token: string | null, session = this.portal?.session, account = this.portal?.account): DocumentAccess | null {
    if (token) return { linkToken: token };
    // Without billing access there is nothing to ask for (render says why).
    return session && account && seesBilling(account) ? { session, customerId: account.customerId } : null;
  }

  #access(): DocumentAccess | null {
    return this.#accessFrom(this.linkToken());
  }

  /** Which document and credential `shown` belongs to: another link, account or id starts afresh. */
  #key(): string {
    const token = this.linkToken();
    return `${token ? `link:${token}` : `account:${this.portal?.account?.customerId ?? ''}`}|${this.#id() ?? ''}`;
  }

  #method<K extends 'getEstimate' | 'listEstimates' | 'approveEstimate' | 'declineEstimate' | 'requestEstimateChanges' | 'downloadEstimatePdf'>(
    adapter: PortalAdapter,
    name: K,
  ): NonNullable<PortalAdapter[K]> {
    const method = adapter[name];
    if (typeof method !== 'function') throw new PortalError('FEATURE_DISABLED', `This portal's backend does not provide ${name}.`);
    return (method as (...args: never[]) => unknown).bind(adapter) as NonNullable<PortalAdapter[K]>;
  }

  #guard(error: unknown): PortalError {
    const portalError = toPortalError(error);
    if (portalError.code === 'SESSION_EXPIRED' && !this.linkToken()) this.portal?.sessionExpired();
    return portalError;
  }

  /** A fresh answer from the backend: shown, with the draft following a new version. */
  #show(view: EstimateView) {
    const key = this.#key();
    const previous = this.shown?.key === key ? this.shown.view.estimate : null;
    this.shown = { key, view };
    const estimate = view.estimate;
    const kept = this.#kept;
    if (!previous && kept?.key === key && kept.who === this.#who && kept.version === estimate.version && estimate.status === 'Open') {
      // Back on the estimate left with something entered (signed in again): it is all still there.
      this.draft = kept.draft;
      this.#kept = null;
      this.answerNotSent = false;
    } else if (!this.draft || !previous) this.draft = newEstimateDraft(estimate);
    else if (previous.version !== estimate.version || previous.status !== estimate.status) this.draft = draftForNewVersion(this.draft, estimate);
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    super.willUpdate(changed);
    const who = this.linkToken() ? '' : (this.portal?.session?.email ?? null);
    if (this.shown && this.shown.key !== this.#key()) {
      if (this.draft && this.shown.view.estimate.status === 'Open') {
        const draft = { ...this.draft, busy: false, error: '', problems: {} };
        this.#kept = { key: this.shown.key, who: this.#who, version: this.shown.view.estimate.version, draft };
      }
      this.shown = null;
      this.draft = null;
      this.notice = '';
      this.actionLinkError = null;
      this.download = { busy: false, notice: '', failed: false };
    }
    if (who !== null) this.#who = who;
    // Another estimate opened since (the page's address): the list's button is no longer where the customer was.
    if (this.estimateId && this.estimateId !== this.#openedFromList) this.#openedFromList = null;
    if (this.portal?.session && this.answerNotSent) this.answerNotSent = false;
    // Someone else signed in: what the last person entered is not theirs to see.
    if (this.#kept && who !== null && this.#kept.who !== who) this.#kept = null;
  }

  protected override updated(changed: PropertyValues<this>) {
    super.updated(changed);
    const status = this.#task.status;
    this.setCustomState('loading', status === 1);
    this.setCustomState('error', status === 3 && !this.#linkError());
    this.setCustomState('link-problem', Boolean(this.#linkError()));
    this.setCustomState('decided', Boolean(this.shown && this.shown.view.estimate.status !== 'Open'));
    if (this.#focus) {
      const target = this.renderRoot.querySelector<HTMLElement>(this.#focus);
      // Asked for once: a target this render does not show is not focused some later time.
      this.#focus = null;
      target?.focus();
    }
    // Back on the account's list, once it has loaded again: on to the button of the estimate opened from it.
    const loaded = this.#task.status === TaskStatus.COMPLETE ? this.#task.value : undefined;
    if (this.#openedFromList && !this.#id() && loaded?.kind === 'list') {
      const button = this.renderRoot.querySelector<HTMLElement>(`[part~="list"] button[data-estimate="${CSS.escape(this.#openedFromList)}"]`);
      this.#openedFromList = null;
      // Not in the list any more: focus stays on the heading. Moved on meanwhile: left where it is.
      if (button && this.shadowRoot?.activeElement?.id === 'heading') button.focus();
    }
  }

  /** Reload the estimate (the retry button; after a conflict). */
  reload() {
    this.#reloads++;
    void this.#task.run();
  }

  #context(view: EstimateView | null): EstimateContext {
    const zone = view?.company.timeZone ?? this.portal?.settings?.timeZone;
    return { locale: localeOf(this), language: this.elementLocale.language, timeZone: safeTimeZone(zone, this.portal?.settings?.timeZone) };
  }

  #edit(change: Partial<EstimateDraft>) {
    const draft = this.draft;
    if (!draft) return;
    const next = { ...draft, ...change };
    // An edit that mends problems takes a stale alert with them.
    if (change.problems && !('error' in change)) next.error = alertAfterEdit(next.error, draft.problems, next.problems);
    this.draft = next;
  }

  async #submit(kind: 'approve' | 'decline' | 'changes', event: SubmitEvent) {
    event.preventDefault();
    const draft = this.draft;
    const view = this.shown?.view;
    const access = this.#access();
    const adapter = this.portal?.adapter;
    if (!draft || !view || !access || !adapter || this.#sending) return;
    const estimate = view.estimate;
    const problems = kind === 'approve' ? checkApproval(draft, estimate) : kind === 'decline' ? checkDecline(draft) : checkChanges(draft);
    if (Object.keys(problems).length > 0) {
      this.#edit({ answer: kind, problems, error: problemsAlert(problems), attempt: draft.attempt + 1 });
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    this.#sending = true;
    this.notice = '';
    // Where focus was when the answer was sent: a refusal that arrives after the customer moved on leaves it be.
    const focusAtSend = (this.renderRoot as ShadowRoot).activeElement;
    this.#edit({ answer: kind, busy: true, problems: {}, error: '', attempt: draft.attempt + 1 });
    const key = this.#key();
    try {
      let answer: EstimateView;
      if (kind === 'approve') {
        const option = estimate.options.find((o) => o.id === draft.optionId)!;
        const approval: EstimateApproval = {
          optionId: option.id,
          signerName: draft.signerName.trim().replace(/\s+/g, ' '),
          version: estimate.version,
          contentSha256: option.contentSha256,
          consents: estimate.consents.filter((c) => draft.consents.has(c.id)).map((c) => ({ id: c.id, version: c.version })),
        };
        answer = await this.#method(adapter, 'approveEstimate')(access, estimate.id, approval, { language: this.elementLocale.tag });
      } else if (kind === 'decline') {
        answer = await this.#method(adapter, 'declineEstimate')(access, estimate.id, draft.reason.trim(), { version: estimate.version });
      } else {
        answer = await this.#method(adapter, 'requestEstimateChanges')(access, estimate.id, draft.message.trim(), { version: estimate.version });
      }
      if (this.#key() !== key) return;
      this.#show(answer);
      this.#focus = '#decision-heading';
      const detail = { estimateId: estimate.id, version: estimate.version };
      if (kind === 'approve') this.dispatchEvent(new PortalEstimateApprovedEvent({ ...detail, optionId: draft.optionId! }));
      else if (kind === 'decline') this.dispatchEvent(new PortalEstimateDeclinedEvent(detail));
      else this.dispatchEvent(new PortalEstimateChangesRequestedEvent(detail));
      this.portal?.dataChanged();
    } catch (error) {
      const problem = this.#guard(error);
      // Signed in, the session ended: the card turns to "sign in", and says the answer was not sent
      // (what was entered comes back once signed in again).
      if (problem.code === 'SESSION_EXPIRED' && !this.linkToken()) this.answerNotSent = true;
      else if (this.#key() === key) this.inLocale(() => this.#failed(problem, focusAtSend));
    } finally {
      this.#sending = false;
      this.#edit({ busy: false });
    }
  }

  #failed(error: PortalError, focusAtSend: Element | null) {
    if (this.isLinkProblem(error)) {
      this.actionLinkError = error;
      this.#focus = '#heading';
      return;
    }
    if (error.code === 'CONFLICT' && error.details.field === 'validUntil' && this.shown) {
      // Past its valid-until day by the backend's calendar (this device's date may be behind): the
      // estimate says it expired, whatever this device's clock says, and takes focus to be read.
      const { estimate } = this.shown.view;
      this.#expiredByBackend = `${estimate.id}@${estimate.validUntil}`;
      this.notice = '';
      this.#edit({ error: '' });
      this.#focus = '[part~="expired"]';
      return;
    }
    if (error.code === 'CONFLICT') {
      // Edited by the office (the version the customer saw is gone), or answered elsewhere (another tab,
      // another person) since it was shown: say which, and show it as it is now.
      this.notice =
        error.details.field === 'version'
          ? msg('This estimate changed since you opened it. Review it as it is now before you answer.')
          : msg('This estimate was already answered, perhaps in another window or by someone else. Here it is as it is now.');
      this.#edit({ error: '' });
      this.#focus = '[part="notice"]';
      this.reload();
      return;
    }
    const field = error.code === 'VALIDATION' ? this.#fieldOf(error.details.field) : null;
    const problems: Record<string, string> = field ? { [field]: msg('Check this: it was not accepted.') } : {};
    // The field's own words say "this": above the button, the general sentence (focus goes to the field).
    this.#edit({ problems, error: describeError(error, this.portal?.settings ?? null) });
    // The field refused, as for the form's own checks, unless the customer has moved on meanwhile.
    if (field && focusUnmoved(this.renderRoot as ShadowRoot, focusAtSend)) this.#focus = '[aria-invalid="true"]';
  }

  /** The backend's field name → the form's. */
  #fieldOf(field: string | undefined): string | null {
    if (!field) return null;
    if (field === 'signerName') return 'signer';
    if (field === 'optionId') return 'option';
    if (field === 'reason' || field === 'message') return field;
    const consent = /^consents(?:\.(\d+))?/.exec(field);
    const first = this.shown?.view.estimate.consents[Number(consent?.[1] ?? 0)];
    return consent && first ? `consent-${first.id}` : null;
  }

  async #download() {
    const view = this.shown?.view;
    const access = this.#access();
    const adapter = this.portal?.adapter;
    if (!view || !access || !adapter || this.download.busy) return;
    const estimate = view.estimate;
    this.download = { busy: true, notice: msg('Preparing the signed estimate…'), failed: false };
    try {
      const file = await this.#method(adapter, 'downloadEstimatePdf')(access, estimate.id, { language: this.elementLocale.tag });
      const event = new PortalDocumentDownloadEvent({ kind: 'estimate', estimateId: estimate.id, fileName: file.fileName, blob: file.blob });
      if (this.dispatchEvent(event)) saveFile(file.blob, file.fileName, this.renderRoot);
      this.download = { busy: false, notice: this.inLocale(() => msg(str`Downloaded ${file.fileName}.`)), failed: false };
    } catch (error) {
      const portalError = this.#guard(error);
      // After the await: outside any render, so the strings are made in this element's language.
      this.inLocale(() => {
        const why = this.isLinkProblem(portalError) ? '' : describeError(portalError, this.portal?.settings ?? null);
        this.download = { busy: false, notice: `${msg('We couldn’t download the signed estimate.')} ${why}`.trim(), failed: true };
      });
      if (this.isLinkProblem(portalError)) this.actionLinkError = portalError;
    }
  }

  #linkError(): PortalError | null {
    if (this.actionLinkError) return this.actionLinkError;
    const error = this.#task.status === 3 ? toPortalError(this.#task.error) : null;
    return error && this.isLinkProblem(error) ? error : null;
  }

  #heading(): string {
    const estimate = this.shown?.view.estimate;
    if (estimate) return msg(str`Estimate ${estimate.number}`);
    // Signed in with no estimate named: the account's list, loading or failed to load.
    return !this.linkToken() && this.portal?.session && !this.#id() ? msg('Your estimates') : msg('Your estimate');
  }

  protected override voidedWords(): [string, string] {
    return [msg('This estimate was withdrawn'), msg('We withdrew this estimate, so there is nothing to approve here.')];
  }

  protected override render() {
    const portal = this.portal;
    if (!portal) return this.renderNotConnected(this.#heading());
    const linkError = this.#linkError();
    if (linkError) return this.frame(msg('Your estimate'), this.renderLinkProblem(linkError));
    const token = this.linkToken();
    if (!token && !portal.session) {
      return this.frame(
        this.#heading(),
        this.answerNotSent
          ? html`<p class="message error" role="alert" part="signed-out">
              ${msg('Your session ended before your answer was sent. Sign in again to send it: what you entered is kept.')}
            </p>`
          : html`<p class="message info" role="status" part="signed-out">
              ${msg('Open the link in the message we sent you to see your estimate, or sign in.')}
            </p>`,
      );
    }
    // Estimates are billing documents: a sign-in without billing access sees none (the backend agrees).
    if (!token && portal.account && !seesBilling(portal.account)) {
      return this.frame(
        this.#heading(),
        html`<p class="message info" role="status" part="no-billing">${msg('Estimates for this account are with the account holder.')}</p>`,
      );
    }
    const shown = this.shown?.key === this.#key() ? this.shown.view : null;
    if (shown) return this.#renderEstimate(shown);
    const loading = () => this.frame(this.#heading(), html`<p class="muted" role="status" part="loading">${msg('Loading your estimate…')}</p>`);
    return this.#task.render({
      initial: loading,
      pending: loading,
      error: (error) =>
        this.frame(this.#heading(), html`<div class="stack">${this.renderFailure(toPortalError(error), () => this.reload())} ${this.#backToList()}</div>`),
      complete: (loaded) =>
        loaded?.kind === 'list'
          ? this.frame(
              msg('Your estimates'),
              renderEstimateList(
                loaded.estimates.map((estimate) => estimateIn(this.elementLocale.language, estimate)),
                this.#context(null),
                (id) => {
                this.estimateId = id;
                this.#focus = '#heading';
                this.#openedFromList = id;
                },
              ),
            )
          : loading(),
    });
  }

  /** Signed in, on an estimate the page address does not pin: back to the account's list (also when it failed to load). */
  #backToList() {
    if (!this.estimateId || this.linkToken() || this.idFromPage('estimate')) return nothing;
    return html`<div>
      <button part="link-button" type="button" class="link" @click=${() => {
        this.estimateId = undefined;
        this.#focus = '#heading';
      }}>${msg('All your estimates')}</button>
    </div>`;
  }

  #renderEstimate(view: EstimateView) {
    const v = this.#context(view);
    // Shown in the contractor's words for this language; the events keep them as written.
    const estimate = estimateIn(v.language, view.estimate);
    const draft = this.draft ?? newEstimateDraft(estimate);
    const refreshing = this.#task.status === 1;
    const decision = estimate.status === 'Open' ? null : estimate.decision;
    // Past its valid-until day in the company's calendar (or so the backend said), an open estimate takes no answer.
    const expired =
      estimate.status === 'Open' && (todayIn(v.timeZone) > estimate.validUntil || this.#expiredByBackend === `${estimate.id}@${estimate.validUntil}`);
    const earlier = estimate.status === 'Open' && estimate.decision && estimate.decision.version < estimate.version;
    const backToList = this.#backToList();
    return this.frame(
      this.#heading(),
      html`<div class="stack" aria-busy=${refreshing ? 'true' : 'false'}>
        ${backToList}
        <p class="lede">${estimate.name}</p>
        ${renderFacts(estimate, v)}
        ${this.#task.status === 3 ? this.renderFailure(toPortalError(this.#task.error), () => this.reload()) : nothing}
        <!-- Not in the status region: focus goes to the notice, and is what reads it (once, not twice). -->
        ${this.notice ? html`<p class="message info" part="notice" tabindex="-1">${this.notice}</p>` : nothing}
        <div role="status">
          ${earlier && estimate.decision ? renderEarlierAnswer(estimate, estimate.decision, v) : nothing}
        </div>
        ${decision
          ? renderDecision(
              estimate,
              decision,
              v,
              { download: () => void this.#download(), downloading: this.download.busy, downloadNotice: this.download.notice, downloadFailed: this.download.failed },
              this.callLine(this.callCompany(undefined, view.company)),
            )
          : expired
            ? html`<p class="message info" part="expired" tabindex="-1">
                ${msg(str`This estimate expired on ${formatDate(estimate.validUntil, v.locale)}.`)}
                ${this.callLine(this.callCompany(undefined, view.company))}
              </p>`
            : renderOpenEstimate(estimate, v, draft, {
              choose: (optionId) => this.#edit({ optionId, problems: { ...draft.problems, option: '' } }),
              consent: (id, on) => {
                const consents = new Set(this.draft?.consents);
                if (on) consents.add(id);
                else consents.delete(id);
                this.#edit({ consents, problems: { ...this.draft?.problems, [`consent-${id}`]: '' } });
              },
              // The field's problem goes as the customer edits it, as choosing an option or ticking a box does.
              edit: (field, value) => this.#edit({ [field]: value, problems: { ...this.draft?.problems, [field === 'signerName' ? 'signer' : field]: '' } }),
              answer: (answer) => {
                this.#edit({ answer, error: '', problems: {} });
                if (answer !== 'approve') this.#focus = `#${answer}-form textarea`;
              },
              cancel: (kind) => {
                this.#edit({ answer: 'approve', error: '', problems: {} });
                this.#focus = `#${kind}-button`;
              },
              approve: (e) => void this.#submit('approve', e),
              decline: (e) => void this.#submit('decline', e),
              requestChanges: (e) => void this.#submit('changes', e),
            })}
      </div>`,
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-estimate': PortalEstimate;
  }
}
