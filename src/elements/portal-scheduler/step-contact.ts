import { msg, str } from '../../i18n/msg.js';
import { html } from 'lit';
import { describedBy, problemId, problemText, textField } from './fields.js';
import { addressFields } from './step-where.js';
import type { StepView } from './view.js';

function checkbox(v: StepView, name: 'consentToContact' | 'consentToTexts', label: string) {
  const invalid = Boolean(v.problems[name]);
  return html`<div class="check">
      <input
        type="checkbox"
        id=${`field-${name}`}
        name=${name}
        .checked=${v.draft.contact[name]}
        aria-invalid=${invalid ? 'true' : 'false'}
        aria-describedby=${describedBy(invalid && problemId(name))}
        @change=${(e: Event) => v.act.editContact({ [name]: (e.target as HTMLInputElement).checked })}
      />
      <label for=${`field-${name}`}>${label}</label>
    </div>
    ${problemText(v.problems, name)}`;
}

export function renderContact(v: StepView) {
  const c = v.draft.contact;
  const company = v.settings.companyName;
  return html`${textField({ name: 'name', label: msg('Your name'), value: c.name, problems: v.problems, autocomplete: 'name', onInput: (name) => v.act.editContact({ name }) })}
    <fieldset class="stack reach" aria-describedby=${describedBy('reach-hint', Boolean(v.problems.reach) && problemId('reach'))}>
      <legend>${msg('How to reach you')}</legend>
      <p class="hint" id="reach-hint">${msg('A phone number, an email address, or both.')}</p>
      ${textField({ name: 'phone', label: msg('Phone'), type: 'tel', value: c.phone, problems: v.problems, autocomplete: 'tel', inputmode: 'tel', onInput: (phone) => v.act.editContact({ phone }) })}
      ${textField({ name: 'email', label: msg('Email'), type: 'email', value: c.email, problems: v.problems, autocomplete: 'email', inputmode: 'email', onInput: (email) => v.act.editContact({ email }) })}
      ${problemText(v.problems, 'reach')}
    </fieldset>
    <fieldset class="stack">
      <legend>${msg('Service address')}</legend>
      <p>
        ${msg(str`Postal code ${v.draft.address.zip.trim()}`)}
        <button part="link-button" type="button" class="link" @click=${() => v.act.change('where')}>
          ${msg('Change')}<span class="visually-hidden"> ${msg('postal code')}</span>
        </button>
      </p>
      ${addressFields(v, false)}
    </fieldset>
    ${checkbox(v, 'consentToContact', msg(str`${company} may call, email or write to me about this request.`))}
    ${checkbox(v, 'consentToTexts', msg('Also send me text messages about this request (optional; message and data rates may apply).'))}
    <div class="trap" aria-hidden="true">
      <label for="field-website">${msg('Leave this field empty')}</label>
      <input id="field-website" name="website" tabindex="-1" autocomplete="off" .value=${v.draft.website} @input=${(e: Event) => v.act.edit({ website: (e.target as HTMLInputElement).value })} />
    </div>`;
}
