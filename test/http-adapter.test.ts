/** The HTTP adapter against the contract: status → code mapping, malformed answers, the session header. */
import { expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { restClientBase } from '../src/adapter/adapter-kinds.js';
import { HttpAdapter } from '../src/adapter/http-adapter.js';
import { lazyHttpAdapter } from '../src/adapter/lazy-http-adapter.js';
import { loadOnce } from '../src/adapter/load-once.js';
import { PortalError, toPortalError } from '../src/adapter/portal-error.js';
import { SEEDED_PASSWORDS } from '../backend/seed/index.js';
import { startTestBackend, useHandlers } from './helpers/backend.js';
import { DANA } from './helpers/portal-fixture.js';

const adapter = () => new HttpAdapter({ apiBase: '/api/' });

async function failure(promise: Promise<unknown>): Promise<PortalError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(PortalError);
    return error as PortalError;
  }
  throw new Error('expected the call to fail');
}

describe('HttpAdapter', () => {
  beforeEach(() => startTestBackend());

  it('returns parsed domain objects', async () => {
    const settings = await adapter().getSettings();
    expect(settings.companyName).to.equal('Northwind Heating & Air');
    const session = await adapter().signIn({ email: DANA, password: SEEDED_PASSWORDS[DANA]! });
    expect(session.accounts[0]!.locations[0]!.access).to.equal('billing');
  });

  it('sends the session as a bearer token and nothing else (no cookies)', async () => {
    let seen: Request | undefined;
    const session = await adapter().signIn({ email: DANA, password: SEEDED_PASSWORDS[DANA]! });
    useHandlers(
      http.get('*/api/auth/session', ({ request }) => {
        seen = request.clone();
        return undefined;
      }),
    );
    await adapter().refreshSession(session);
    expect(seen!.headers.get('Authorization')).to.equal(`Bearer ${session.token}`);
    expect(seen!.credentials).to.equal('omit');
  });

  it('sends the calling element’s language as Accept-Language, and leaves the browser’s alone otherwise', async () => {
    const seen: (string | null)[] = [];
    useHandlers(
      http.post('*/api/auth/password-reset', ({ request }) => {
        seen.push(request.headers.get('Accept-Language'));
        return undefined;
      }),
    );
    await adapter().requestPasswordReset(DANA, `${location.origin}/`, { language: 'es-MX' });
    await adapter().requestPasswordReset(DANA, `${location.origin}/`);
    expect(seen[0]).to.equal('es-MX');
    expect(seen[1]).not.to.equal('es-MX');
  });

  it('keeps the backend’s code and details', async () => {
    const error = await failure(adapter().signUp({ email: 'nobody@example.com', password: 'long enough password' }));
    expect(error.code).to.equal('EMAIL_NOT_ON_FILE');
    expect(error.status).to.equal(422);
    const weak = await failure(adapter().signUp({ email: 'marcus.reyes@example.com', password: 'short' }));
    expect(weak.details.passwordProblems).to.deep.equal(['TOO_SHORT']);
  });

  it('turns a 401 on a call with a session into SESSION_EXPIRED, whatever its body says', async () => {
    const session = await adapter().signIn({ email: DANA, password: SEEDED_PASSWORDS[DANA]! });
    useHandlers(http.get('*/api/auth/session', () => HttpResponse.json({ error: { code: 'FORBIDDEN', message: 'x' } }, { status: 401 })));
    expect((await failure(adapter().refreshSession(session))).code).to.equal('SESSION_EXPIRED');
  });

  it('keeps INVALID_CREDENTIALS on a failed sign-in (a 401 without a session)', async () => {
    expect((await failure(adapter().signIn({ email: DANA, password: 'wrong password!!' }))).code).to.equal('INVALID_CREDENTIALS');
  });

  const statusCases: [number, string][] = [
    [400, 'VALIDATION'],
    [403, 'FORBIDDEN'],
    [404, 'NOT_FOUND'],
    [409, 'CONFLICT'],
    [423, 'LOCKED_OUT'],
    [429, 'RATE_LIMITED'],
    [500, 'BAD_RESPONSE'],
    [502, 'BAD_RESPONSE'],
  ];
  for (const [status, code] of statusCases) {
    it(`maps a bare ${status} (an HTML error page from a proxy) to ${code}`, async () => {
      useHandlers(http.get('*/api/settings', () => new HttpResponse('<html>oops</html>', { status, headers: { 'Content-Type': 'text/html' } })));
      const error = await failure(adapter().getSettings());
      expect(error.code).to.equal(code);
      expect(error.status).to.equal(status);
    });
  }

  it('maps an unknown code in an error body by its status', async () => {
    useHandlers(http.get('*/api/settings', () => HttpResponse.json({ error: { code: 'WHO_KNOWS', message: 'x' } }, { status: 404 })));
    expect((await failure(adapter().getSettings())).code).to.equal('NOT_FOUND');
  });

  it('keeps a link error whose reason this version does not know, without the reason', async () => {
    const linkError = (linkProblem: unknown) =>
      HttpResponse.json(
        { error: { code: 'LINK_INVALID', message: 'x', details: { linkProblem, companyPhone: '(555) 010-2000' } } },
        { status: 403 },
      );
    useHandlers(http.get('*/api/links/open', () => linkError('superseded')));
    const unknownReason = await failure(adapter().openLink('token'));
    expect(unknownReason.code).to.equal('LINK_INVALID');
    expect(unknownReason.details).to.deep.equal({ companyPhone: '(555) 010-2000' });
    useHandlers(http.get('*/api/links/open', () => linkError('revoked')));
    expect((await failure(adapter().openLink('token'))).details.linkProblem).to.equal('revoked');
  });

  it('keeps why a link was revoked when it is a reason this version knows', async () => {
    const revoked = (revokedBecause: unknown) =>
      HttpResponse.json({ error: { code: 'LINK_EXPIRED', message: 'x', details: { linkProblem: 'revoked', revokedBecause } } }, { status: 410 });
    useHandlers(http.get('*/api/links/open', () => revoked('voided')));
    expect((await failure(adapter().openLink('token'))).details).to.deep.equal({ linkProblem: 'revoked', revokedBecause: 'voided' });
    useHandlers(http.get('*/api/links/open', () => revoked('eaten-by-the-dog')));
    expect((await failure(adapter().openLink('token'))).details).to.deep.equal({ linkProblem: 'revoked' });
  });

  it('keeps an error’s code and message when one of its details has the wrong type', async () => {
    useHandlers(
      http.get('*/api/links/open', () =>
        HttpResponse.json(
          { error: { code: 'LINK_INVALID', message: 'This link is no longer valid.', details: { linkProblem: 'revoked', revokedBecause: null, companyName: 7, companyPhone: '(555) 010-2000' } } },
          { status: 403 },
        ),
      ),
    );
    const error = await failure(adapter().openLink('token'));
    expect(error.code).to.equal('LINK_INVALID');
    expect(error.message).to.equal('This link is no longer valid.');
    expect(error.details).to.deep.equal({ linkProblem: 'revoked', companyPhone: '(555) 010-2000' });
  });

  it('reads only the details it knows: a __proto__ key in them reaches no object', async () => {
    useHandlers(
      http.get('*/api/settings', () =>
        HttpResponse.text('{"error":{"code":"RATE_LIMITED","message":"Slow down.","details":{"__proto__":{"polluted":true},"retryAfterSeconds":30,"extra":"x"}}}', {
          status: 429,
          headers: { 'Content-Type': 'application/json' },
        }),
      ),
    );
    const error = await failure(adapter().getSettings());
    expect(error.code).to.equal('RATE_LIMITED');
    expect(error.details).to.deep.equal({ retryAfterSeconds: 30 });
    expect(Object.getPrototypeOf(error.details)).to.equal(Object.prototype);
  });

  it('turns a malformed 200 into BAD_RESPONSE: wrong shape, wrong types, not JSON', async () => {
    const bodies = [
      HttpResponse.json({ companyName: 42 }),
      HttpResponse.json([]),
      new HttpResponse('not json', { headers: { 'Content-Type': 'application/json' } }),
    ];
    const said: string[] = [];
    const consoleError = console.error;
    console.error = (...args: unknown[]) => said.push(args.map(String).join(' '));
    try {
      for (const body of bodies) {
        useHandlers(http.get('*/api/settings', () => body.clone()));
        const error = await failure(adapter().getSettings());
        expect(error.code).to.equal('BAD_RESPONSE');
      }
    } finally {
      console.error = consoleError;
    }
    // Each said to the developer: which request, and what was wrong with its answer.
    expect(said).to.have.length(3);
    expect(said[0]).to.contain('[porchlight] GET /settings answered 200 with JSON not in the contract\'s shape for publicSettings').and.to.contain('companyName');
    expect(said[1]).to.contain('GET /settings answered 200 with JSON not in the contract\'s shape');
    expect(said[2]).to.contain('GET /settings answered 200 with a body that is not JSON');
  });

  it('refuses a session whose token is too short to be ours', async () => {
    useHandlers(
      http.post('*/api/auth/sign-in', () =>
        HttpResponse.json({ token: 'abc', expiresAt: '2030-01-01T00:00:00Z', email: DANA, accounts: [] }),
      ),
    );
    expect((await failure(adapter().signIn({ email: DANA, password: 'whatever it is' }))).code).to.equal('BAD_RESPONSE');
  });

  it('is known as the REST client by its brand, which a copy of its fields does not carry', () => {
    const client = new HttpAdapter({ apiBase: '/api/' });
    expect(restClientBase(client)).to.equal('/api');
    expect(restClientBase(lazyHttpAdapter('/api/'))).to.equal('/api');
    expect(restClientBase({ ...client } as never)).to.equal(undefined);
    expect(restClientBase({ ...lazyHttpAdapter('/api') })).to.equal(undefined);
  });

  it('a chunk of code that does not arrive reads as a network problem, and the next call fetches it again', async () => {
    // What Chromium's import() throws for a chunk that did not load (its message names the address).
    const missing = await import(/* @vite-ignore */ `${location.origin}/no-such-chunk-${Date.now()}.js`).then(
      () => null,
      (error: unknown) => error,
    );
    expect(missing).to.be.instanceOf(TypeError);
    expect(toPortalError(missing).code).to.equal('NETWORK');
    let calls = 0;
    const load = loadOnce(async () => {
      calls += 1;
      if (calls === 1) throw missing;
      return 'loaded';
    });
    expect(await load().catch((error: unknown) => error)).to.equal(missing);
    expect(await load()).to.equal('loaded');
    expect(await load()).to.equal('loaded');
    expect(calls).to.equal(2);
  });

  it('reports a network failure as NETWORK and an abort as ABORTED', async () => {
    useHandlers(http.get('*/api/settings', () => HttpResponse.error()));
    expect((await failure(adapter().getSettings())).code).to.equal('NETWORK');
    const controller = new AbortController();
    useHandlers(http.get('*/api/settings', () => new Promise<never>(() => undefined)));
    const pending = adapter().getSettings({ signal: controller.signal });
    controller.abort();
    expect((await failure(pending)).code).to.equal('ABORTED');
  });

  it('works with an injected fetch (a server or another transport)', async () => {
    const calls: string[] = [];
    const custom = new HttpAdapter({
      apiBase: 'https://portal.example/api',
      fetch: async (input) => {
        calls.push(String(input));
        return Response.json({ error: { code: 'PORTAL_DISABLED', message: 'off' } }, { status: 503 });
      },
    });
    expect((await failure(custom.getSettings())).code).to.equal('PORTAL_DISABLED');
    expect(calls).to.deep.equal(['https://portal.example/api/settings']);
  });

  it('an answer cut or called off while its body arrives is NETWORK or ABORTED, not an answer outside the contract', async () => {
    const failing = (error: unknown) =>
      new HttpAdapter({
        apiBase: '/api',
        fetch: async () =>
          new Response(new ReadableStream({ start: (controller) => controller.error(error) }), { headers: { 'Content-Type': 'application/json' } }),
      });
    const said: unknown[] = [];
    const consoleError = console.error;
    console.error = (...args: unknown[]) => said.push(args);
    try {
      expect((await failure(failing(new TypeError('network error')).getSettings())).code).to.equal('NETWORK');
      // Called off once the headers are in, while the body (which never ends) is still arriving.
      useHandlers(
        http.get('*/api/settings', () => new HttpResponse(new ReadableStream({ start: (c) => c.enqueue(new TextEncoder().encode('{"companyName":')) }), { headers: { 'Content-Type': 'application/json' } })),
      );
      const controller = new AbortController();
      const calledOff = new HttpAdapter({
        apiBase: '/api',
        fetch: async (input, init) => {
          const response = await fetch(input, init);
          controller.abort();
          return response;
        },
      });
      expect((await failure(calledOff.getSettings({ signal: controller.signal }))).code).to.equal('ABORTED');
    } finally {
      console.error = consoleError;
    }
    expect(said, 'told the developer the answer was malformed').to.deep.equal([]);
  });
});
