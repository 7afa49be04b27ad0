import { msg, str } from '../../i18n/msg.js';
import { html, nothing } from 'lit';
import { canRetry, describeError } from '../../internal/error-messages.js';
import { addressLine, problemText, radioChoice, textField } from './fields.js';
import type { StepView } from './view.js';

/** The address fields, postal code first: it decides whether anything else is asked. */
export function addressFields(v: StepView, withZip: boolean) {
  const a = v.draft.address;
  const edit = v.act.editAddress;
  return html`${withZip
      ? textField({
          name: 'zip',
          label: msg('Postal code'),
          value: a.zip,
          problems: v.problems,
          autocomplete: 'postal-code',
          onInput: (zip) => edit({ zip }),
        })
      : nothing}
    ${textField({ name: 'street', label: msg('Street address'), value: a.street, problems: v.problems, autocomplete: 'address-line1', onInput: (street) => edit({ street }) })}
    ${textField({ name: 'unit', label: msg('Apartment, suite or unit (optional)'), value: a.unit, problems: v.problems, autocomplete: 'address-line2', onInput: (unit) => edit({ unit }) })}
    ${textField({ name: 'city', label: msg('Town or city'), value: a.city, problems: v.problems, autocomplete: 'address-level2', onInput: (city) => edit({ city }) })}
    ${textField({ name: 'state', label: msg('State'), value: a.state, problems: v.problems, autocomplete: 'address-level1', onInput: (state) => edit({ state }) })}`;
}

function publicWhere(v: StepView) {
  return html`<p class="muted">${msg('First, let’s check that we work in your area.')}</p>
    ${textField({
      name: 'zip',
      label: msg('Postal code where you need service'),
      value: v.draft.address.zip,
      problems: v.problems,
      autocomplete: 'postal-code',
      onInput: (zip) => v.act.editAddress({ zip }),
    })}`;
}

function accountWhere(v: StepView) {
  if (v.locationsError) {
    return html`<div class="message error" part="error">
      <p role="alert">${describeError(v.locationsError, v.settings)}</p>
      ${canRetry(v.locationsError) ? html`<button part="button secondary-button" type="button" class="secondary" @click=${v.act.retry}>${msg('Try again')}</button>` : nothing}
    </div>`;
  }
  if (!v.locations) return html`<p class="muted" role="status">${msg('Loading your locations…')}</p>`;
  // No location of the account is this sign-in's to see: the backend refuses its requests (403), so
  // say so here rather than after every step is filled in.
  if (v.locations.length === 0) {
    const { companyName, companyPhone } = v.settings;
    return html`<p class="message info" role="status">
      ${msg(str`Your sign-in can’t request visits for this account. Ask the account holder, or call ${companyName} at ${companyPhone}.`)}
    </p>`;
  }
  const draft = v.draft;
  const invalid = Boolean(v.problems.location);
  return html`<fieldset class="choices">
      <legend>${msg('Choose the place for the visit')}</legend>
      ${v.locations.map((location) =>
        radioChoice({
          group: 'location',
          value: location.locationId,
          label: location.name,
          description: location.inServiceArea
            ? addressLine(location.address)
            : `${addressLine(location.address)} — ${msg('outside our service area')}`,
          checked: !draft.otherAddress && draft.locationId === location.locationId,
          invalid,
          onChoose: () => v.act.edit({ locationId: location.locationId, otherAddress: false }),
        }),
      )}
      ${radioChoice({
        group: 'location',
        value: 'other',
        label: msg('Another address'),
        checked: draft.otherAddress,
        invalid,
        onChoose: () => v.act.edit({ otherAddress: true, locationId: null }),
      })}
    </fieldset>
    ${problemText(v.problems, 'location')}
    ${draft.otherAddress ? html`<div class="stack address">${addressFields(v, true)}</div>` : nothing}`;
}

export function renderWhere(v: StepView) {
  return v.signedIn ? accountWhere(v) : publicWhere(v);
}
