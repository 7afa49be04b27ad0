/** Links without a sign-in, as the office sends them, and the page addresses they open. */
import { expect, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import { DEMO_OFFICE_KEY, OFFICE_KEY_HEADER } from '../../backend/index.js';
import { api, backend, ORIGIN } from './backend.js';
import { deepElements } from './every-element.js';

export const office = { [OFFICE_KEY_HEADER]: DEMO_OFFICE_KEY };
export const DAY = 86_400_000;

/** The office sends a link (`POST /office/links`): its address and its token. */
export async function sendLink(purpose: 'estimate' | 'pay' | 'visit', documentId: string) {
  const sent = await api('POST', '/office/links', {
    headers: office,
    body: { purpose, documentId, pageUrl: `${ORIGIN}/page`, portalUrl: `${ORIGIN}/portal` },
  });
  expect(sent.status, JSON.stringify(sent.body)).to.equal(201);
  const url = new URL(sent.body.url as string);
  return { url, token: url.hash.replace('#porchlight-link=', '') };
}

const testPage = `${location.pathname}${location.search}`;

/**
 * Opens the test page at a link's address (its query and fragment), as a customer opening the link
 * would; `leaveLinkAddress` (after each test) puts the page back.
 */
export function openAddress(url: URL) {
  history.replaceState(history.state, '', `${testPage}${testPage.includes('?') ? '&' : '?'}${url.search.slice(1)}${url.hash}`);
}

export function leaveLinkAddress() {
  history.replaceState(history.state, '', testPage);
}

/** An office edit of the estimate: one option's price changes, which makes a new version when it was answered. */
export async function editEstimate(estimateId = 'est-2001') {
  const edited = await api('PUT', `/office/estimates/${estimateId}`, {
    headers: office,
    body: {
      options: [
        {
          id: 'opt-good',
          name: 'Good',
          items: [{ description: 'Furnace, now with a 12-year warranty', quantity: 1, unitPrice: 299000 }],
          tax: 21678,
        },
      ],
    },
  });
  expect(edited.status, JSON.stringify(edited.body)).to.equal(200);
  return edited.body;
}

export async function moveVisit(appointmentId: string, status: string) {
  const moved = await api('PUT', `/office/appointments/${appointmentId}/status`, { headers: office, body: { status } });
  expect(moved.status, JSON.stringify(moved.body)).to.equal(200);
}

export async function signatureRecords() {
  return backend.database.db.selectFrom('estimate_signatures').selectAll().orderBy('version').execute();
}

/** Every message in the outbox, oldest first. */
export async function outbox() {
  return backend.database.db.selectFrom('outbox').selectAll().orderBy('id').execute();
}

/** What scrolls sideways or sticks out of the host; empty when everything fits. */
export function sidewaysProblems(host: HTMLElement): string[] {
  const problems: string[] = [];
  const page = document.documentElement;
  if (page.scrollWidth > page.clientWidth) problems.push(`the page scrolls sideways: ${page.scrollWidth} > ${page.clientWidth}`);
  const box = host.getBoundingClientRect();
  for (const element of deepElements(host)) {
    const rect = element.getBoundingClientRect();
    if (rect.width <= 1 || rect.height <= 1) continue;
    const name = `<${element.localName} class="${element.getAttribute('class') ?? ''}"> “${(element.textContent ?? '').trim().slice(0, 30)}”`;
    if (element.scrollWidth > element.clientWidth + 1 && getComputedStyle(element).overflowX !== 'visible') {
      problems.push(`${name} scrolls sideways: ${element.scrollWidth} > ${element.clientWidth}`);
    }
    if (rect.right > box.right + 0.5 || rect.left < box.left - 0.5) problems.push(`${name} sticks out`);
  }
  return problems;
}

/** Runs `check` at a 320 × 640 viewport, with the body's margin off, then puts the viewport back. */
export function atPhoneWidth(check: () => Promise<void>) {
  return atWidth(320, check);
}

/** Runs `check` on a phone held upright, `width` CSS pixels wide, the body's margin off; then puts the viewport back. */
export async function atWidth(width: number, check: () => Promise<void>) {
  await setViewport({ width, height: 640 });
  document.body.style.margin = '0';
  try {
    await check();
  } finally {
    document.body.style.margin = '';
    await setViewport({ width: 800, height: 600 });
  }
}

/** Two frames: layout has settled. */
export function settled() {
  return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
}

export async function until(check: () => unknown, message: string, timeout = 5000) {
  await waitUntil(check, message, { timeout });
}
