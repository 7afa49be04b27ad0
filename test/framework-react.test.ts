import { expect, waitUntil } from '@open-wc/testing';
import type { Root } from 'react-dom/client';
import type { PortalSignedInEvent } from '../src/events/portal-signed-in.js';
import { startTestBackend } from './helpers/backend.js';
import { signInThroughExample, statusLine } from './helpers/framework-example.js';
import { DANA, untilText } from './helpers/portal-fixture.js';

interface ReactExample {
  mount(container: Element, props?: { apiBase?: string; onSignedIn?: (event: PortalSignedInEvent) => void }): Root;
}

// examples/react/src/main.tsx itself, bundled with React 19 by scripts/example-bundler.mjs (a variable
// URL, so tsc leaves the JSX file to the example's own tsconfig).
const exampleUrl = new URL('../examples/react/src/main.tsx', import.meta.url).href;

describe('React 19 example (examples/react)', () => {
  let container: HTMLElement;
  let root: Root | undefined;

  beforeEach(async () => {
    await startTestBackend();
    container = document.createElement('div');
    document.body.append(container);
  });

  afterEach(() => {
    root?.unmount();
    container.remove();
  });

  it('signs in through <portal-login>; portal-signed-in reaches the React handler, which renders it', async () => {
    const { mount } = (await import(exampleUrl)) as ReactExample;
    const received: PortalSignedInEvent[] = [];
    root = mount(container, { apiBase: '/api', onSignedIn: (event) => received.push(event) });
    await waitUntil(() => statusLine(container) === 'Not signed in.', 'React never rendered the example', { timeout: 5000 });
    await expect(container).to.be.accessible();

    const login = await signInThroughExample(container, DANA);
    await waitUntil(() => received.length === 1, 'the React handler never got portal-signed-in', { timeout: 10_000 });
    expect(received[0]!.detail.email).to.equal(DANA);
    expect(received[0]!.target).to.equal(login);
    // React's own state took the event: the status line is React's render, not the element's.
    await waitUntil(() => statusLine(container) === `Signed in as ${DANA}.`, `status said: ${statusLine(container)}`, { timeout: 5000 });
    await untilText(login, `Signed in as ${DANA}`);

    // A React-rendered element after sign-in, with a number passed as an attribute, loads its data.
    const invoices = container.querySelector('portal-invoices')!;
    expect(invoices.getAttribute('page-size')).to.equal('10');
    await untilText(invoices, /Invoice \d{5}/, 10_000);
    await expect(container).to.be.accessible();
    expect(received.map((e) => e.detail.restored)).to.deep.equal([false]);

    // A reload: the session was kept, and the page hears of it the same way (restored: true).
    root.unmount();
    const again: PortalSignedInEvent[] = [];
    root = mount(container, { apiBase: '/api', onSignedIn: (event) => again.push(event) });
    await waitUntil(() => again.length === 1, 'the kept session never reached the React handler', { timeout: 10_000 });
    expect(again[0]!.detail).to.include({ email: DANA, restored: true, newAccount: false });
    await waitUntil(() => statusLine(container) === `Signed in as ${DANA}.`, `status said after the reload: ${statusLine(container)}`, { timeout: 5000 });
    await untilText(container.querySelector('portal-invoices')!, /Invoice \d{5}/, 10_000);
    expect(again).to.have.length(1);
  });
});
