/**
 * Links without a sign-in, for the link elements' stories: the office sends a link (through the story
 * backend's own office route), and the story opens it; a few helpers put the link or its document in
 * the state a story shows (expired, revoked, approved, paid, on the way …).
 */
import { HttpAdapter } from '../src/adapter/http-adapter.js';
import type { PortalAdapter } from '../src/adapter/portal-adapter.js';
import { PortalError } from '../src/adapter/portal-error.js';
import { TEST_CARDS, type ReferenceBackend } from '../backend/index.js';
import { call, office, signIn, storyBackend, storyLoader, type StoryData } from './support.js';

export interface LinkStoryData extends StoryData {
  /** The link's token, as the page address would carry it. */
  token: string;
}


/** The office sends a link; its token. */
export async function sendLink(purpose: 'estimate' | 'pay' | 'visit', documentId: string): Promise<string> {
  const sent = await call('POST', '/office/links', { headers: office(), body: { purpose, documentId, pageUrl: `${location.origin}/page` } });
  return new URL(sent.url as string).hash.replace('#porchlight-link=', '');
}

/** Every link of the story backend ends a minute ago. */
export async function expireLinks() {
  await storyBackend.database.db
    .updateTable('document_links')
    .set({ expires_at: new Date(Date.now() - 60_000).toISOString() })
    .execute();
}

export function viaLink(token: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  return call(method, path, { body, headers: { 'X-Porchlight-Link': token, ...headers } });
}

/** Answers the estimate as the customer would, from the link. */
export async function answerEstimate(token: string, answer: 'approve' | 'decline' | 'request-changes', optionId = 'opt-better') {
  if (answer === 'decline') return viaLink(token, 'POST', '/links/estimates/est-2001/decline', { reason: 'We are moving next spring.' });
  if (answer === 'request-changes') {
    return viaLink(token, 'POST', '/links/estimates/est-2001/request-changes', { message: 'Can you quote a 100,000 BTU unit, and a quieter heat pump?' });
  }
  const { estimate } = await viaLink(token, 'GET', '/links/estimates/est-2001');
  const option = estimate.options.find((o: { id: string }) => o.id === optionId);
  return viaLink(token, 'POST', '/links/estimates/est-2001/approve', {
    optionId,
    signerName: 'Dana Whitfield',
    version: estimate.version,
    contentSha256: option.contentSha256,
    consents: estimate.consents.map((c: { id: string; version: string }) => ({ id: c.id, version: c.version })),
  });
}

/** Pays part (or all, with no amount) of an invoice from its link. */
export async function payFromLink(token: string, invoiceId: string, amount?: number) {
  const { invoice } = await viaLink(token, 'GET', `/links/invoices/${invoiceId}`);
  const card = { number: TEST_CARDS.visa, expMonth: 12, expYear: new Date().getFullYear() + 2, cvc: '123', postalCode: '62704' };
  return viaLink(token, 'POST', `/links/invoices/${invoiceId}/payments`, { applications: [{ invoiceId, amount: amount ?? invoice.balance }], card }, {
    'Idempotency-Key': crypto.randomUUID(),
  });
}

/**
 * The office edits the estimate, which makes a new version (the link stays good). Inside a setup, or in
 * a play step on the story's `backend`.
 */
export async function reviseEstimate(backend?: ReferenceBackend) {
  await call('PUT', '/office/estimates/est-2001', { headers: office(backend), body: { name: 'Furnace replacement, revised after your visit' } }, backend);
}

/** The office withdraws the estimate: its links stop working, and say why. */
export async function withdrawEstimate() {
  await call('POST', '/office/estimates/est-2001/withdraw', { headers: office(), body: {} });
}

/** The office voids the invoice: its pay links stop working, and say why. */
export async function voidInvoice(invoiceId: string) {
  await call('POST', `/office/invoices/${invoiceId}/void`, { headers: office(), body: {} });
}

export async function moveVisit(appointmentId: string, status: string) {
  await call('PUT', `/office/appointments/${appointmentId}/status`, { headers: office(), body: { status } });
}

/**
 * A Storybook loader: reseed, send a link, then the story's own setup (given the token). `token`
 * overrides the link sent (a forged one).
 */
export function prepareLink(
  purpose: 'estimate' | 'pay' | 'visit',
  documentId: string,
  options: { setup?: (token: string) => Promise<unknown>; token?: string; signedInAs?: string } = {},
) {
  return storyLoader(async () => {
    const token = await sendLink(purpose, documentId);
    await options.setup?.(token);
    return { token: options.token ?? token, session: options.signedInAs ? await signIn(options.signedInAs) : null };
  });
}

/** An adapter to the story's backend whose link answers never come: the loading state. */
export function slowLinkAdapter(method: keyof PortalAdapter, apiBase: string): PortalAdapter {
  const adapter = new HttpAdapter({ apiBase });
  Object.assign(adapter, { [method]: () => new Promise<never>(() => undefined) });
  return adapter;
}

/** An adapter to the story's backend whose one method fails as if offline: the error with its Try again. */
export function offlineLinkAdapter(method: keyof PortalAdapter, apiBase: string): PortalAdapter {
  const adapter = new HttpAdapter({ apiBase });
  Object.assign(adapter, { [method]: () => Promise.reject(new PortalError('NETWORK', 'offline')) });
  return adapter;
}

/** An adapter whose one method answers the first time, then fails as if offline: a refresh or reload that fails. */
export function offlineAfterFirstLinkAdapter(method: keyof PortalAdapter, apiBase: string): PortalAdapter {
  const adapter = new HttpAdapter({ apiBase });
  const original = (adapter[method] as (...args: unknown[]) => Promise<unknown>).bind(adapter);
  let calls = 0;
  Object.assign(adapter, {
    [method]: (...args: unknown[]) => (++calls === 1 ? original(...args) : Promise.reject(new PortalError('NETWORK', 'offline'))),
  });
  return adapter;
}

/** Waits for a selector in an element's shadow root (a play step waiting for the backend). */
export async function shadowQuery<T extends Element>(canvas: HTMLElement, tag: string, selector: string, timeoutMs = 15_000): Promise<T> {
  const start = performance.now();
  for (;;) {
    const found = canvas.querySelector(tag)?.shadowRoot?.querySelector<T>(selector);
    if (found) return found;
    if (performance.now() - start > timeoutMs) throw new Error(`${selector} never appeared in <${tag}>`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
