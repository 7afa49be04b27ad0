/** Mounting elements inside a provider, signed in or not, against the test backend. */
import { fixture, html, waitUntil } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import { HttpAdapter } from '../../src/adapter/http-adapter.js';
import type { PortalAdapter } from '../../src/adapter/portal-adapter.js';
import type { PortalProvider } from '../../src/elements/portal-provider/portal-provider.js';
import type { Session } from '../../src/model/session.js';
import type { PublicSettings } from '../../src/model/settings.js';
import { SEEDED_PASSWORDS } from '../../backend/seed/index.js';
import '../../src/define/portal-provider.js';

export { DANA, PRIYA, MARCUS } from './people.js';

export async function sessionFor(email: string, password = SEEDED_PASSWORDS[email]!): Promise<Session> {
  return new HttpAdapter({ apiBase: '/api' }).signIn({ email, password });
}

export interface Mounted<E extends HTMLElement> {
  provider: PortalProvider;
  element: E;
}

/**
 * Renders `content` inside a provider (session kept in memory only), signs `session` in when
 * given, and waits until the provider has its settings.
 */
export async function mount<E extends HTMLElement>(
  content: TemplateResult,
  options: { session?: Session | null; adapter?: PortalAdapter; select?: string } = {},
): Promise<Mounted<E>> {
  const provider = await fixture<PortalProvider>(
    html`<portal-provider api-base="/api" session-persistence="memory" .adapter=${options.adapter}>${content}</portal-provider>`,
  );
  if (options.session) provider.portalState.value.signedIn(options.session);
  await waitUntil(
    () => provider.portalState.value.settings !== null || provider.portalState.value.settingsError !== null,
    'settings never arrived',
    { timeout: 5000 },
  );
  const element = (options.select ? provider.querySelector(options.select) : provider.firstElementChild) as E;
  await (element as unknown as { updateComplete?: Promise<unknown> }).updateComplete;
  return { provider, element };
}

/** Text of the element's shadow root, whitespace collapsed: what a reader would see. */
export function textOf(element: Element): string {
  return (element.shadowRoot?.textContent ?? element.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Waits for text to appear in an element's shadow root. */
export async function untilText(element: Element, text: string | RegExp, timeout = 5000) {
  await waitUntil(
    () => (typeof text === 'string' ? textOf(element).includes(text) : text.test(textOf(element))),
    `never showed ${String(text)}; showed: ${textOf(element).slice(0, 300)}`,
    { timeout },
  );
}

export function $(element: Element, selector: string): HTMLElement {
  const found = element.shadowRoot?.querySelector(selector);
  if (!found) throw new Error(`${selector} not found in <${element.localName}>`);
  return found as HTMLElement;
}

export function $$(element: Element, selector: string): HTMLElement[] {
  return [...(element.shadowRoot?.querySelectorAll(selector) ?? [])] as HTMLElement[];
}

/** Sets a form field as typing would, so Lit's listeners and FormData both see it. */
export function type(input: HTMLElement, value: string) {
  const field = input as HTMLInputElement;
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  field.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}

/** A contractor of a developer's own backend (no seeded data behind it), for custom-adapter tests. */
export const ACME_SETTINGS: PublicSettings = {
  portalEnabled: true,
  companyName: 'Acme Plumbing',
  companyPhone: '(555) 000-1111',
  companyEmail: 'hi@acme.example',
  timeZone: 'America/Denver',
  schedulerEnabled: false,
  membershipsVisible: true,
  visitsMessage: '',
  onlinePaymentsEnabled: true,
  passwordPolicy: { minLength: 12, maxLength: 128 },
};

/** Fills `<portal-login>`'s sign-in form and sends it. */
export function submitSignIn(login: Element, email: string, password: string) {
  type($(login, '[name=email]'), email);
  type($(login, '[name=password]'), password);
  $(login, 'form').dispatchEvent(new Event('submit', { cancelable: true }));
}
