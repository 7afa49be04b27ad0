/**
 * What the link elements share, against small custom adapters (the contract's answers made by hand):
 * the HTTP adapter's link calls, how a link error reads, a resend that fails, an adapter with no resend,
 * and the token given as a property.
 */
import { expect, html, waitUntil } from '@open-wc/testing';
import { HttpAdapter } from '../src/adapter/http-adapter.js';
import type { PortalAdapter } from '../src/adapter/portal-adapter.js';
import { PortalError } from '../src/adapter/portal-error.js';
import type { PortalEstimate } from '../src/elements/portal-estimate/portal-estimate.js';
import type { PortalVisitStatus } from '../src/elements/portal-visit-status/portal-visit-status.js';
import { readDocumentId, readLinkToken } from '../src/internal/link-token.js';
import type { EstimateView } from '../src/model/estimate.js';
import type { PublicSettings } from '../src/model/settings.js';
import '../src/define/portal-estimate.js';
import '../src/define/portal-visit-status.js';
import { $, mount, textOf, untilText } from './helpers/portal-fixture.js';

const settings: PublicSettings = {
  portalEnabled: true,
  companyName: 'Acme Plumbing',
  companyPhone: '(555) 000-1111',
  companyEmail: 'office@acme.example',
  timeZone: 'America/Denver',
  schedulerEnabled: false,
  membershipsVisible: false,
  visitsMessage: '',
  onlinePaymentsEnabled: true,
  passwordPolicy: { minLength: 12, maxLength: 128 },
};

const hex = (c: string) => c.repeat(64);

const estimateView: EstimateView = {
  estimate: {
    id: 'est-1',
    number: 'E-1',
    name: 'New water heater',
    customerId: 'c-1',
    location: { id: 'l-1', name: 'Home' },
    createdOn: '2026-11-20',
    validUntil: '2026-12-20',
    version: 1,
    status: 'Open',
    currency: 'USD',
    options: [
      {
        id: 'o-1',
        name: 'Tank',
        description: '50 gallons',
        recommended: false,
        items: [{ description: 'Heater', quantity: 1, unitPrice: 100000, total: 100000 }],
        subtotal: 100000,
        tax: 0,
        total: 100000,
        contentSha256: hex('a'),
      },
    ],
    terms: { version: '1', text: 'Terms.' },
    consents: [{ id: 'terms', version: '1', text: 'I agree.' }],
    decision: null,
  },
  company: { name: 'Acme Plumbing', phone: '(555) 000-1111', timeZone: 'Not/AZone' },
};

const expired = new PortalError('LINK_EXPIRED', 'expired', { linkProblem: 'expired', companyName: 'Acme Plumbing', companyPhone: '(555) 000-1111' });

/** A custom adapter: sign-in refused, settings as above, and the given link methods. */
function customAdapter(methods: Partial<PortalAdapter>): PortalAdapter {
  const no = () => Promise.reject(new PortalError('FEATURE_DISABLED', 'no'));
  return {
    getSettings: async () => settings,
    signUp: no,
    signIn: no,
    signOut: async () => undefined,
    refreshSession: no,
    requestPasswordReset: async () => undefined,
    resetPassword: async () => undefined,
    ...methods,
  };
}

describe('link pages', () => {
  describe('the page address', () => {
    it('reads the token from the fragment and the document from the query or the fragment', () => {
      expect(readLinkToken({ hash: '#porchlight-link=abc_DEF-123' })).to.equal('abc_DEF-123');
      expect(readLinkToken({ hash: '#porchlight-reset=abc' })).to.equal(null);
      expect(readLinkToken({ hash: '' })).to.equal(null);
      expect(readDocumentId('estimate', { search: '?estimate=est-2001', hash: '#porchlight-link=x' })).to.equal('est-2001');
      expect(readDocumentId('estimate', { search: '', hash: '#porchlight-link=x&estimate=est-7' })).to.equal('est-7');
      expect(readDocumentId('invoice', { search: '?estimate=est-2001', hash: '' })).to.equal(null);
    });
  });

  describe('HttpAdapter', () => {
    function recording(answer: () => Response) {
      const seen: Request[] = [];
      const adapter = new HttpAdapter({
        apiBase: '/api',
        fetch: async (input, init) => {
          seen.push(new Request(new URL(String(input), location.origin), init));
          return answer();
        },
      });
      return { adapter, seen };
    }

    it('sends a link’s token in X-Porchlight-Link, never a session, to the links routes', async () => {
      const { adapter, seen } = recording(() => Response.json(estimateView));
      await adapter.getEstimate({ linkToken: 'tok_123' }, 'est/1');
      expect(new URL(seen[0]!.url).pathname).to.equal('/api/links/estimates/est%2F1');
      expect(seen[0]!.headers.get('X-Porchlight-Link')).to.equal('tok_123');
      expect(seen[0]!.headers.get('Authorization')).to.equal(null);
    });

    it('goes through the account’s routes when signed in', async () => {
      const { adapter, seen } = recording(() => Response.json(estimateView));
      const session = { token: 'sess', expiresAt: '2030-01-01T00:00:00Z', email: 'a@b.c', accounts: [] };
      await adapter.approveEstimate({ session, customerId: 'c-1' }, 'est-1', {
        optionId: 'o-1',
        signerName: 'Ann Lee',
        version: 1,
        contentSha256: hex('a'),
        consents: [{ id: 'terms', version: '1' }],
      });
      expect(new URL(seen[0]!.url).pathname).to.equal('/api/customers/c-1/estimates/est-1/approve');
      expect(seen[0]!.headers.get('Authorization')).to.equal('Bearer sess');
      expect(seen[0]!.headers.get('X-Porchlight-Link')).to.equal(null);
      expect(await seen[0]!.json()).to.deep.equal({
        optionId: 'o-1',
        signerName: 'Ann Lee',
        version: 1,
        contentSha256: hex('a'),
        consents: [{ id: 'terms', version: '1' }],
      });
    });

    it('pays by link with the Idempotency-Key in its header, not the body', async () => {
      const { adapter, seen } = recording(() => new Response('{}', { status: 500 }));
      const card = { number: '4242424242424242', expMonth: 12, expYear: 2030, cvc: '123', postalCode: '1' };
      await adapter.payByLink('tok', 'inv-1', { idempotencyKey: 'k-1', applications: [{ invoiceId: 'inv-1', amount: 100 }], card }).catch(() => undefined);
      expect(seen[0]!.headers.get('Idempotency-Key')).to.equal('k-1');
      expect(await seen[0]!.json()).to.deep.equal({ applications: [{ invoiceId: 'inv-1', amount: 100 }], card });
    });

    it('reads why a link does not work, and keeps the code when the reason is one it does not know', async () => {
      const body = (problem: string) => ({
        error: { code: 'LINK_EXPIRED', message: 'x', details: { linkProblem: problem, companyName: 'Acme', companyPhone: '555' } },
      });
      let problem = 'revoked';
      const { adapter } = recording(() => Response.json(body(problem), { status: 410 }));
      const known = await adapter.getVisitStatus('tok', 'a-1').catch((e: PortalError) => e);
      expect(known).to.include({ code: 'LINK_EXPIRED' });
      expect((known as PortalError).details).to.deep.equal({ linkProblem: 'revoked', companyName: 'Acme', companyPhone: '555' });
      problem = 'used-up';
      const unknown = (await adapter.getVisitStatus('tok', 'a-1').catch((e: PortalError) => e)) as PortalError;
      expect(unknown.code).to.equal('LINK_EXPIRED');
      expect(unknown.details.linkProblem).to.equal(undefined);
    });
  });

  describe('elements', () => {
    it('an expired link whose resend fails says why, keeps the button and keeps focus on it', async () => {
      const adapter = customAdapter({
        getVisitStatus: () => Promise.reject(expired),
        resendLink: () => Promise.reject(new PortalError('RATE_LIMITED', 'slow down', { retryAfterSeconds: 120 })),
      });
      const { element } = await mount<PortalVisitStatus>(html`<portal-visit-status visit-id="a-1" .token=${'tok'}></portal-visit-status>`, { adapter });
      await untilText(element, 'This link has expired');
      const button = $(element, '[part~="resend-button"]');
      button.focus();
      button.click();
      await untilText(element, 'Too many requests. Try again in 2 minutes. Or call Acme Plumbing at (555) 000-1111.');
      expect(element.shadowRoot!.activeElement).to.equal($(element, '[part~="resend-button"]'));
      await expect(element).to.be.accessible();
    });

    it('an expired link with an adapter that cannot resend gives the phone instead', async () => {
      const adapter = customAdapter({ getVisitStatus: () => Promise.reject(expired) });
      const { element } = await mount<PortalVisitStatus>(html`<portal-visit-status visit-id="a-1" .token=${'tok'}></portal-visit-status>`, { adapter });
      await untilText(element, 'This link has expired');
      expect(textOf(element)).to.contain('Call Acme Plumbing at (555) 000-1111.');
      expect(element.shadowRoot!.querySelector('[part~="resend-button"]')).to.equal(null);
    });

    it('an adapter without the link methods says the feature is not available', async () => {
      const { element } = await mount<PortalVisitStatus>(html`<portal-visit-status visit-id="a-1" .token=${'tok'}></portal-visit-status>`, {
        adapter: customAdapter({}),
      });
      await untilText(element, 'This isn’t available online. Call Acme Plumbing at (555) 000-1111.');
      await expect(element).to.be.accessible();
    });

    it('a zone Intl does not know falls back to the portal’s, and a new token reloads the document', async () => {
      const seen: string[] = [];
      const adapter = customAdapter({
        getEstimate: async (access) => {
          seen.push('linkToken' in access ? access.linkToken : 'account');
          return estimateView;
        },
      });
      const { element } = await mount<PortalEstimate>(html`<portal-estimate estimate-id="est-1" .token=${'first'}></portal-estimate>`, { adapter });
      await untilText(element, 'Estimate E-1');
      element.token = 'second';
      await waitUntil(() => seen.length === 2, 'the new token was never used', { timeout: 5000 });
      expect(seen).to.deep.equal(['first', 'second']);
      await untilText(element, 'Estimate E-1');
      // 'Not/AZone' is no zone: the page still renders its dates.
      expect(textOf(element)).to.contain('Nov 20, 2026');
    });
  });
});
