import { msg, str } from '../../i18n/msg.js';
import { html } from 'lit';
import { problemText, radioChoice, textField } from './fields.js';
import type { StepView } from './view.js';

export function renderWhat(v: StepView) {
  const services = v.config.services;
  if (services.length === 0) {
    return html`<p class="message info" role="status">
      ${msg(str`No services are listed for online requests yet. Call ${v.settings.companyName} at ${v.settings.companyPhone}.`)}
    </p>`;
  }
  const invalid = Boolean(v.problems.service);
  return html`<fieldset class="choices">
      <legend>${msg('Service')}</legend>
      ${services.map((service) =>
        radioChoice({
          group: 'service',
          value: service.id,
          label: service.name,
          description: service.description,
          checked: v.draft.serviceId === service.id,
          invalid,
          onChoose: () => v.act.edit({ serviceId: service.id }),
        }),
      )}
    </fieldset>
    ${problemText(v.problems, 'service')}
    ${textField({
      name: 'description',
      label: msg('Describe the problem'),
      hint: msg('What happens, since when, and anything the technician should know (a gate code, a dog in the yard).'),
      value: v.draft.description,
      problems: v.problems,
      multiline: true,
      onInput: (description) => v.act.edit({ description }),
    })}`;
}
