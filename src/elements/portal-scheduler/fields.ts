/** Labelled inputs with a hint and a message on the field, wired for screen readers. */
import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import type { Problems } from './checks.js';

export function problemId(name: string) {
  return `problem-${name}`;
}

/** The message under a field, when there is one. */
export function problemText(problems: Problems, name: string) {
  const problem = problems[name];
  return problem ? html`<p class="problem" id=${problemId(name)}>${problem}</p>` : nothing;
}

export function describedBy(...ids: (string | false | undefined)[]) {
  const list = ids.filter(Boolean).join(' ');
  return list || nothing;
}

export interface TextFieldOptions {
  name: string;
  label: string;
  value: string;
  problems: Problems;
  onInput: (value: string) => void;
  hint?: string;
  type?: 'text' | 'email' | 'tel';
  autocomplete?: string;
  inputmode?: string;
  multiline?: boolean;
}

export function textField(o: TextFieldOptions) {
  const invalid = Boolean(o.problems[o.name]);
  const hintId = o.hint ? `hint-${o.name}` : undefined;
  const ids = describedBy(hintId, invalid && problemId(o.name));
  const onInput = (e: Event) => o.onInput((e.target as HTMLInputElement | HTMLTextAreaElement).value);
  return html`<div class="field">
    <label for=${`field-${o.name}`}>${o.label}</label>
    ${o.hint ? html`<span class="hint" id=${hintId!}>${o.hint}</span>` : nothing}
    ${o.multiline
      ? html`<textarea part="input" id=${`field-${o.name}`} name=${o.name} rows="5" .value=${live(o.value)} aria-invalid=${invalid ? 'true' : 'false'} aria-describedby=${ids} @input=${onInput}></textarea>`
      : html`<input part="input"
          id=${`field-${o.name}`}
          name=${o.name}
          type=${o.type ?? 'text'}
          autocomplete=${o.autocomplete ?? 'off'}
          inputmode=${o.inputmode ?? nothing}
          .value=${live(o.value)}
          aria-invalid=${invalid ? 'true' : 'false'}
          aria-describedby=${ids}
          @input=${onInput}
        />`}
    ${problemText(o.problems, o.name)}
  </div>`;
}

export interface ChoiceOptions {
  group: string;
  value: string;
  label: string;
  description?: string;
  checked: boolean;
  invalid: boolean;
  onChoose: () => void;
}

/** A radio as a large card: its label names it, the description is read after it. */
export function radioChoice(o: ChoiceOptions) {
  const id = `${o.group}-${o.value}`;
  return html`<div class="choice">
    <input
      type="radio"
      id=${id}
      name=${o.group}
      .value=${o.value}
      .checked=${live(o.checked)}
      aria-invalid=${o.invalid ? 'true' : 'false'}
      aria-describedby=${describedBy(o.description !== undefined && `${id}-text`, o.invalid && problemId(o.group))}
      @change=${o.onChoose}
    />
    <label for=${id}>${o.label}</label>
    ${o.description !== undefined ? html`<span class="hint" id=${`${id}-text`}>${o.description}</span>` : nothing}
  </div>`;
}

/** "418 Maple Ave, Suite 2, Springfield, IL 62704" */
export function addressLine(a: { street: string; unit?: string; city: string; state: string; zip: string }) {
  const parts = [a.street, a.unit, a.city, `${a.state} ${a.zip}`.trim()].map((p) => p?.trim()).filter(Boolean);
  return parts.join(', ');
}
