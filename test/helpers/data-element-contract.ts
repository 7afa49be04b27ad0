/**
 * The contract every data element keeps (STYLE.md "one shared contract suite"): a clear message when
 * signed out, a loading state, an error with a retry that works, a malformed answer shown as an error,
 * a session the backend ended turning into "signed out", and axe passing in each state.
 * Each element's test file calls `runDataElementContract` with what is particular to it.
 */
import { expect, html, oneEvent } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import type { TemplateResult } from 'lit';
import { HttpAdapter } from '../../src/adapter/http-adapter.js';
import type { PortalAdapter } from '../../src/adapter/portal-adapter.js';
import { PortalError } from '../../src/adapter/portal-error.js';
import { api, backend, startTestBackend, useHandlers } from './backend.js';
import { $, $$, mount, sessionFor, textOf, untilText } from './portal-fixture.js';

export interface DataElementContract {
  /** e.g. `portal-invoices` */
  tag: string;
  template: () => TemplateResult;
  /** Who has data for this element. */
  signedInAs: string;
  /** The adapter method the element loads with (made to fail or hang in the tests). */
  adapterMethod: keyof PortalAdapter;
  /** A path (glob, after /api) whose answer the tests replace with a malformed one. */
  endpoint: string;
  /** Text the loaded element shows for `signedInAs`. */
  loadedText: string | RegExp;
  /** Text shown when signed out. */
  signedOutText: string | RegExp;
  /**
   * Optional: the empty state. `setup` removes the data (through `backend`), then the element must
   * show `text` and pass axe.
   */
  empty?: { setup: () => Promise<void>; text: string | RegExp };
}

/** An HttpAdapter whose one method fails or hangs as a test says. */
function adapterWith(method: keyof PortalAdapter, behaviour: (original: () => Promise<unknown>) => Promise<unknown>) {
  const adapter = new HttpAdapter({ apiBase: '/api' }) as unknown as Record<string, unknown>;
  const original = (adapter[method] as (...args: unknown[]) => Promise<unknown>).bind(adapter);
  adapter[method] = (...args: unknown[]) => behaviour(() => original(...args));
  return adapter as unknown as PortalAdapter;
}

export function runDataElementContract(contract: DataElementContract) {
  describe(`<${contract.tag}> data-element contract`, () => {
    beforeEach(() => startTestBackend());

    it('says what to do when signed out, and passes axe', async () => {
      const { element } = await mount(contract.template());
      await untilText(element, contract.signedOutText);
      await expect(element).to.be.accessible();
    });

    it('shows its data when signed in, and passes axe', async () => {
      const { element } = await mount(contract.template(), { session: await sessionFor(contract.signedInAs) });
      await untilText(element, contract.loadedText);
      await expect(element).to.be.accessible();
    });

    if (contract.empty) {
      const empty = contract.empty;
      it('says plainly when there is nothing to show, and passes axe', async () => {
        await empty.setup();
        const { element } = await mount(contract.template(), { session: await sessionFor(contract.signedInAs) });
        await untilText(element, empty.text);
        await expect(element).to.be.accessible();
      });
    }

    it('shows a loading state while the backend answers, and passes axe', async () => {
      const adapter = adapterWith(contract.adapterMethod, () => new Promise(() => undefined));
      const { element } = await mount(contract.template(), { session: await sessionFor(contract.signedInAs), adapter });
      await untilText(element, /Loading/);
      expect($(element, '[role="status"]')).to.exist;
      await expect(element).to.be.accessible();
    });

    it('shows a network failure with a retry that works, and passes axe', async () => {
      let calls = 0;
      const adapter = adapterWith(contract.adapterMethod, (original) =>
        ++calls === 1 ? Promise.reject(new PortalError('NETWORK', 'offline')) : original(),
      );
      const { element } = await mount(contract.template(), { session: await sessionFor(contract.signedInAs), adapter });
      await untilText(element, /couldn’t connect/);
      expect($(element, '[role="alert"]')).to.exist;
      await expect(element).to.be.accessible();
      ($(element, '[part="error"] button') as HTMLButtonElement).click();
      await untilText(element, contract.loadedText);
    });

    it('keeps what it shows when a reload fails, says so above it, and Try again loads it again', async () => {
      let calls = 0;
      const adapter = adapterWith(contract.adapterMethod, (original) =>
        ++calls === 2 ? Promise.reject(new PortalError('NETWORK', 'offline')) : original(),
      );
      const { element } = await mount(contract.template(), { session: await sessionFor(contract.signedInAs), adapter });
      await untilText(element, contract.loadedText);
      (element as unknown as { reload(): void }).reload();
      await untilText(element, /couldn’t connect/);
      // Still there: a failed reload takes nothing away.
      await untilText(element, contract.loadedText, 100);
      await expect(element).to.be.accessible();
      ($(element, '[part="error"] button') as HTMLButtonElement).click();
      const alerts = () => $$(element, '[role="alert"]').length;
      for (let i = 0; i < 100 && alerts() > 0; i++) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(alerts(), 'the note goes once a reload works').to.equal(0);
      await untilText(element, contract.loadedText, 100);
    });

    it('shows a malformed backend answer as a clear error, never a broken element', async () => {
      useHandlers(http.get(`*/api${contract.endpoint}`, () => HttpResponse.json({ surprise: true })));
      const { element } = await mount(contract.template(), { session: await sessionFor(contract.signedInAs) });
      await untilText(element, /Something went wrong on our side/);
      expect(textOf(element)).not.to.match(/undefined|NaN|\[object/);
      // Whom to call is its own sentence, never a capital after a comma.
      expect(textOf(element)).to.match(/If it keeps happening: Call Northwind Heating & Air at/);
      await expect(element).to.be.accessible();
    });

    it('shows an answer with the right shape but impossible dates as a clear error', async () => {
      // The real answer, with every calendar date made impossible: a value that would crash Intl.
      let corrupted = 0;
      const corrupt = (value: unknown): unknown => {
        if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
          corrupted++;
          return `${value.slice(0, 4)}-02-31`;
        }
        if (Array.isArray(value)) return value.map(corrupt);
        if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, corrupt(v)]));
        return value;
      };
      useHandlers(
        http.get(`*/api${contract.endpoint}`, async ({ request }) => {
          const answer = await backend.handle(request);
          return HttpResponse.json(corrupt(await answer.json()) as Record<string, unknown>, { status: answer.status });
        }),
      );
      const { element } = await mount(contract.template(), { session: await sessionFor(contract.signedInAs) });
      await untilText(element, /Something went wrong on our side/);
      expect(corrupted, 'the answer had dates to corrupt').to.be.greaterThan(0);
      expect(textOf(element)).not.to.match(/Invalid Date|NaN|undefined/);
    });

    it('turns a session the backend ended into "signed out", and tells the page', async () => {
      const session = await sessionFor(contract.signedInAs);
      await api('POST', '/auth/sign-out', { token: session.token });
      const { element, provider } = await mount(contract.template(), { session: undefined });
      const signedOut = oneEvent(provider, 'portal-signed-out');
      provider.portalState.value.signedIn(session);
      const event = await signedOut;
      expect(event.detail.reason).to.equal('expired');
      await untilText(element, contract.signedOutText);
    });
  });
}

export { html };
