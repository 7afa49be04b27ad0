/**
 * The contractor's message templates (`GET`/`PUT /office/templates`): for each kind of message, the
 * subject, the email's plain text and HTML, and the text message, with the merge tags beside the
 * editor. A save with an unknown or misplaced tag is refused by the backend; its message, naming the
 * tag, shows next to the field.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { OFFICE_SETTINGS_SAVED, OfficeApiError, announceChange, office, onReset, problemText } from './api.js';
import { sectionStyles } from './styles.js';

const kinds = [
  'invitation',
  'invoice',
  'estimate',
  'receipt',
  'visit',
  'requestReceived',
  'requestBooked',
  'requestDismissed',
  'estimateApproved',
  'visitCanceled',
  'emailConfirmation',
  'passwordReset',
] as const;
/** Sent to the address signed up with, never by text (the backend refuses a text for them). */
const emailOnly: ReadonlySet<Kind> = new Set(['emailConfirmation', 'passwordReset']);
type Kind = (typeof kinds)[number];
const parts = ['subject', 'text', 'html', 'sms'] as const;
type Part = (typeof parts)[number];
type Template = Record<Part, string>;
type Templates = Record<Kind, Template>;
/** The main set is English; Spanish is its translation (`translations.es`), sent to customers who read Spanish. */
const languages = ['en', 'es'] as const;
type Language = (typeof languages)[number];
type Sets = Record<Language, Templates>;
const languageWords: Record<Language, string> = { en: 'English', es: 'Spanish (español)' };
/** GET's and PUT's answer. */
type TemplatesAnswer = { templates: Templates; translations: { es: Templates } };
const setsOf = (answer: TemplatesAnswer): Sets => ({ en: answer.templates, es: answer.translations.es });

const kindWords: Record<Kind, string> = {
  invitation: 'Portal invitation',
  invoice: 'Invoice (pay link)',
  estimate: 'Estimate (online estimate link)',
  receipt: 'Payment receipt',
  visit: 'Visit status link',
  requestReceived: 'Appointment request received',
  requestBooked: 'Appointment request booked',
  requestDismissed: 'Appointment request dismissed',
  estimateApproved: 'Estimate approved (the customer’s record)',
  visitCanceled: 'Visit canceled',
  emailConfirmation: 'Account: confirm the email',
  passwordReset: 'Account: password reset',
};

const partWords: Record<Part, { label: string; hint: string }> = {
  subject: { label: 'Subject', hint: 'Plain text.' },
  text: { label: 'Email text', hint: 'The plain-text part of the email.' },
  // The example link is the message's own (#htmlHint): another message's would be refused.
  html: { label: 'Email HTML', hint: 'A link tag may stand in text or in a quoted attribute; other tags in text only.' },
  sms: { label: 'Text message', hint: 'Sent to the customer’s mobile phone on file, when there is one.' },
};

const tagWords: Record<string, string> = {
  CustomerPortalLink: 'The customer portal (the demo’s My account page).',
  InvoicePayLink: 'Pay this invoice without signing in (invoice messages).',
  OnlineEstimateLink: 'The estimate to approve online (estimate messages).',
  VisitStatusLink: 'Follow the visit (visit messages).',
  CustomerFirstName: 'The customer’s first name (a company’s whole name).',
  CompanyName: 'Your company name, from the settings.',
  CompanyPhone: 'Your company phone, from the settings.',
  ConfirmEmailLink: 'Confirms a new account (email confirmation).',
  PasswordResetLink: 'Choose a new password (password reset).',
  RequestReference: 'The request’s reference, AR-… (appointment requests).',
  ServiceName: 'The service asked for (appointment requests).',
  PreferredDays: 'The days and windows the customer preferred (request received).',
  VisitDate: 'The visit’s day (visit messages, request booked, visit canceled).',
  ArrivalWindow: 'The visit’s arrival window, with the time zone (visit messages, request booked, visit canceled).',
  TechnicianName: 'The technician booked, or nothing when none was chosen (request booked).',
  InvoiceNumber: 'The invoice’s number (invoice messages).',
  EstimateNumber: 'The estimate’s number, E-… (estimate messages, estimate approved).',
  ApprovedOption: 'The option approved and its total (estimate approved).',
  SignerName: 'The name signed with (estimate approved).',
};

type Save = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'failed'; message: string; field: string | null };

/** `invoice.html`, or `translations.es.invoice.html` for the Spanish set: the message, part and language, when it names one. */
function templateField(field: string | null): { kind: Kind; part: Part; language: Language } | null {
  const spanish = field?.startsWith('translations.es.') ?? false;
  const [kind, part] = (spanish ? field!.slice('translations.es.'.length) : (field ?? '')).split('.');
  if (!kinds.includes(kind as Kind) || !parts.includes(part as Part)) return null;
  return { kind: kind as Kind, part: part as Part, language: spanish ? 'es' : 'en' };
}

/**
 * A refusal as the office reads it. The backend starts it with the field's path
 * ("translations.es.estimate.sms: Unknown merge tag …"): beside the field it is dropped, elsewhere the
 * field is named in words ("Spanish, Estimate (online estimate link), Text message: …").
 */
function refusalText(message: string, field: string | null, besideField: boolean): string {
  if (!field || !message.startsWith(`${field}: `)) return message;
  const rest = message.slice(field.length + 2);
  if (besideField) return rest;
  const named = templateField(field);
  return named ? `${languageWords[named.language]}, ${kindWords[named.kind]}, ${partWords[named.part].label}: ${rest}` : message;
}

@customElement('office-templates')
export class OfficeTemplates extends LitElement {
  static override styles = [
    sectionStyles,
    css`
      .layout { display: grid; grid-template-columns: minmax(0, 1fr) minmax(12rem, 18rem); gap: 1.5rem; align-items: start; }
      @media (max-width: 48rem) { .layout { grid-template-columns: minmax(0, 1fr); } }
      textarea, input[type='text'] { max-width: none; }
      textarea.html { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 0.85rem; min-height: 7rem; }
      textarea.text { min-height: 7rem; }
      .field { margin-bottom: 0.9rem; }
      .hint { display: block; }
      aside ul { padding-left: 1.1rem; margin: 0.5rem 0; }
      aside li { margin-bottom: 0.4rem; }
    `,
  ];

  /** @internal As saved, in each language. */
  @state() private saved: Sets | null = null;
  /** @internal As being edited (every kind and language: switching keeps unsaved edits). */
  @state() private drafts: Sets | null = null;
  /** @internal The tags each message fills in (GET's `messageTags`). */
  @state() private tags: Partial<Record<Kind, string[]>> = {};
  @state() private kind: Kind = 'invoice';
  @state() private language: Language = 'en';
  @state() private save: Save = { kind: 'idle' };
  @state() private problem = '';

  #unfollow: (() => void) | null = null;

  override connectedCallback() {
    super.connectedCallback();
    // Loaded once, again after a reset, and after the settings are saved with no edit here unsaved (the
    // defaults follow online payments): following every change would wipe unsaved edits.
    void this.#load();
    const unfollowReset = onReset(() => {
      this.save = { kind: 'idle' };
      void this.#load();
    });
    const onSettings = () => {
      if (!this.#changed()) void this.#load();
    };
    addEventListener(OFFICE_SETTINGS_SAVED, onSettings);
    this.#unfollow = () => {
      unfollowReset();
      removeEventListener(OFFICE_SETTINGS_SAVED, onSettings);
    };
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.#unfollow?.();
  }

  async #load() {
    try {
      const answer = await office<TemplatesAnswer & { messageTags: Record<Kind, string[]> }>('GET', '/templates');
      this.saved = setsOf(answer);
      this.drafts = structuredClone(this.saved);
      this.tags = answer.messageTags;
      this.problem = '';
    } catch (error) {
      this.problem = `The templates could not be loaded: ${problemText(error)}`;
    }
  }

  #changed(): boolean {
    return JSON.stringify(this.saved) !== JSON.stringify(this.drafts);
  }

  #edit(part: Part, value: string) {
    if (!this.drafts) return;
    const set = this.drafts[this.language];
    this.drafts = { ...this.drafts, [this.language]: { ...set, [this.kind]: { ...set[this.kind], [part]: value } } };
    if (this.save.kind !== 'saving') this.save = { kind: 'idle' };
  }

  async #submit(event: SubmitEvent) {
    event.preventDefault();
    if (!this.drafts || this.save.kind === 'saving') return;
    this.save = { kind: 'saving' };
    try {
      const answer = await office<TemplatesAnswer>('PUT', '/templates', { templates: this.drafts.en, translations: { es: this.drafts.es } });
      this.saved = setsOf(answer);
      this.drafts = structuredClone(this.saved);
      this.save = { kind: 'saved' };
      announceChange();
    } catch (error) {
      const field = error instanceof OfficeApiError ? error.field : null;
      this.save = { kind: 'failed', message: problemText(error), field };
      const named = templateField(field);
      if (named) {
        // The refused field may belong to another message (or language) than the one shown: show that one.
        this.kind = named.kind;
        this.language = named.language;
        await this.updateComplete;
        this.renderRoot.querySelector<HTMLElement>(`#template-${named.part}`)?.focus();
      }
    }
  }

  #discard() {
    this.drafts = structuredClone(this.saved);
    this.save = { kind: 'idle' };
  }

  #renderField(part: Part, value: string) {
    const save = this.save;
    const failed = save.kind === 'failed' && save.field === this.#fieldPath(part);
    const id = `template-${part}`;
    const describedBy = `${id}-hint${failed ? ` ${id}-error` : ''}`;
    const onInput = (event: InputEvent) => this.#edit(part, (event.target as HTMLInputElement | HTMLTextAreaElement).value);
    return html`<div class="field">
      <label for=${id}>${partWords[part].label}</label>
      ${part === 'subject'
        ? html`<input type="text" id=${id} lang=${this.language} .value=${value} aria-invalid=${failed ? 'true' : 'false'} aria-describedby=${describedBy} @input=${onInput} />`
        : html`<textarea
            id=${id}
            lang=${this.language}
            class=${part === 'html' ? 'html' : part === 'text' ? 'text' : ''}
            spellcheck=${part === 'html' ? 'false' : 'true'}
            .value=${value}
            aria-invalid=${failed ? 'true' : 'false'}
            aria-describedby=${describedBy}
            @input=${onInput}
          ></textarea>`}
      <span class="hint meta" id=${`${id}-hint`}>${part === 'html' ? this.#htmlHint() : partWords[part].hint}</span>
      ${failed ? html`<span class="problem" role="alert" id=${`${id}-error`}>${refusalText(save.message, save.field, true)}</span>` : nothing}
    </div>`;
  }

  /**
   * The HTML hint, its example the link this message carries (an invoice's pay link, an estimate's
   * estimate link), else the portal's: a link tag of another message is refused in this one.
   */
  #htmlHint() {
    const links = (this.tags[this.kind] ?? []).filter((tag) => tag.endsWith('Link'));
    const example = links.find((tag) => tag !== 'CustomerPortalLink') ?? links[0];
    return example
      ? `A link tag may stand in text or in a quoted attribute, as in href="{{${example}}}"; other tags in text only.`
      : partWords.html.hint;
  }

  /** How the backend names a part of the message shown when it refuses it. */
  #fieldPath(part: Part): string {
    return `${this.language === 'es' ? 'translations.es.' : ''}${this.kind}.${part}`;
  }

  override render() {
    const drafts = this.drafts;
    const save = this.save;
    const fieldShown = save.kind === 'failed' && save.field !== null && parts.some((p) => save.field === this.#fieldPath(p));
    return html`<section aria-labelledby="templates-title">
      <h2 id="templates-title">Message templates</h2>
      <p class="meta">The emails and text messages the backend sends. Merge tags are filled in for each customer, escaped for where they land.</p>
      ${this.problem ? html`<p role="alert" class="problem">${this.problem}</p>` : nothing}
      ${drafts === null
        ? html`<p>${this.problem ? '' : 'Loading…'}</p>`
        : html`<div class="layout">
            <form @submit=${this.#submit} aria-labelledby="templates-title">
              <label for="template-kind">Message</label>
              <select id="template-kind" .value=${this.kind} @change=${(e: Event) => (this.kind = (e.target as HTMLSelectElement).value as Kind)}>
                ${kinds.map((kind) => html`<option value=${kind} ?selected=${kind === this.kind}>${kindWords[kind]}</option>`)}
              </select>
              <label for="template-language">Language</label>
              <select id="template-language" aria-describedby="template-language-hint" .value=${this.language} @change=${(e: Event) => (this.language = (e.target as HTMLSelectElement).value as Language)}>
                ${languages.map((language) => html`<option value=${language} ?selected=${language === this.language}>${languageWords[language]}</option>`)}
              </select>
              <span class="hint meta" id="template-language-hint">
                What a customer does on a Spanish page is answered in Spanish. Your later messages go in the customer’s language: the one on file (your
                records import’s, or set under Customers, “Messages in”), else the pages they last used signed in, else English. Change a message in one
                language, and check the other says the same.
                Tags stay in English; their values (dates, amounts, your Spanish service names) come in Spanish.
              </span>
              <fieldset>
                <legend>${kindWords[this.kind]} — ${languageWords[this.language]}</legend>
                ${parts
                  .filter((part) => part !== 'sms' || !emailOnly.has(this.kind))
                  .map((part) => this.#renderField(part, drafts[this.language][this.kind][part]))}
                ${emailOnly.has(this.kind) ? html`<p class="meta">An account email goes only to the address it was asked for: it has no text message.</p>` : nothing}
              </fieldset>
              <div class="row">
                <button type="submit" aria-disabled=${save.kind === 'saving' ? 'true' : 'false'}>${save.kind === 'saving' ? 'Saving…' : 'Save templates'}</button>
                <button type="button" class="secondary" @click=${this.#discard} aria-disabled=${ifDefined(this.#changed() ? undefined : 'true')}>
                  Discard changes
                </button>
                <span role="status"
                  >${save.kind === 'saved'
                    ? html`<span class="saved"
                        >Saved, in both languages. New messages use these templates: check each language says what the other does.</span
                      >`
                    : nothing}</span
                >
                <span role="alert">${save.kind === 'failed' && !fieldShown ? html`<span class="problem">${refusalText(save.message, save.field, false)}</span>` : nothing}</span>
              </div>
            </form>
            <aside aria-labelledby="tags-title">
              <h3 id="tags-title">Merge tags for this message</h3>
              <ul>
                ${(this.tags[this.kind] ?? []).map((tag) => html`<li><code>{{${tag}}}</code>${tagWords[tag] ? html` — ${tagWords[tag]}` : nothing}</li>`)}
              </ul>
              <p class="meta">A tag is written exactly as above. A misspelt tag, or one this message has nothing for (a pay link in an estimate’s), is refused when you save, so it never reaches a customer as a blank. A message sent for a link (an invoice’s pay link, a confirmation email’s link) must carry it in its email text and HTML.</p>
            </aside>
          </div>`}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'office-templates': OfficeTemplates;
  }
}
