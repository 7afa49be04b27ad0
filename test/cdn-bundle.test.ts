/**
 * The one-file CDN bundle as a contractor's page meets it: built files from a plain static server
 * (scripts/cdn-test-server.mjs, under /cdn-test/) with a strict Content-Security-Policy, one
 * `<script type="module">` and the elements, no import map. Each page opens in an iframe, so it
 * has its own custom-element registry, CSP and network log.
 */
import { expect } from '@open-wc/testing';

interface Probe {
  violations: string[];
  errors: string[];
  warnings: string[];
}
type PageWindow = Window & typeof globalThis & { cdnProbe: Probe };

const frames: HTMLIFrameElement[] = [];
afterEach(() => {
  for (const frame of frames.splice(0)) frame.remove();
});

async function openPage(name: string): Promise<PageWindow> {
  const frame = document.createElement('iframe');
  frame.title = `CDN test page ${name}`;
  frame.width = '800';
  frame.height = '600';
  frames.push(frame);
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.src = `/cdn-test/page/${name}.html`;
  document.body.append(frame);
  await loaded;
  return frame.contentWindow as PageWindow;
}

/** Waits (polling each frame) until `check` holds; the test's own timeout ends a wait that never does. */
async function until<T>(check: () => T | null | undefined | false, what: string): Promise<T> {
  for (;;) {
    try {
      const value = check();
      if (value) return value;
    } catch {
      // Not there yet (a shadow root still empty).
    }
    await new Promise((resolve) => requestAnimationFrame(resolve));
    if (!document.body.contains(frames.at(-1) ?? null)) throw new Error(`page closed while waiting for ${what}`);
  }
}

/** The email field of the sign-in card, once the card is defined, has its settings and shows the form. */
function emailField(root: ParentNode): HTMLInputElement | null {
  const card = root.querySelector('portal-login');
  return card?.shadowRoot?.querySelector<HTMLInputElement>('input[type="email"]') ?? null;
}

/** Paths of the scripts the page fetched (static and dynamic imports alike). */
function scriptsFetched(win: PageWindow): string[] {
  return win.performance
    .getEntriesByType('resource')
    .map((entry) => new URL(entry.name).pathname)
    .filter((path) => path.endsWith('.js'));
}

const defineFile = (path: string) => /\/define\/([a-z-]+)\.js$/.exec(path)?.[1];

describe('the CDN bundle (dist/cdn/porchlight.js)', () => {
  it('serves its pages under a policy that reports what it blocks (the check below can fail)', async () => {
    const win = await openPage('login');
    // What a template setting a style attribute, or code calling eval, would do.
    win.document.body.setAttribute('style', 'outline: 1px solid red');
    expect(() => new win.Function('return 1')).to.throw();
    await until(() => win.cdnProbe.violations.length >= 2, 'both violations reported');
    expect(win.cdnProbe.violations.join('\n')).to.contain('style-src');
    expect(win.cdnProbe.violations.join('\n')).to.contain('script-src');
  });

  it('upgrades a lone sign-in card under a strict CSP and downloads only its code', async () => {
    const win = await openPage('login');
    const email = await until(() => emailField(win.document), 'the sign-in form');
    // Ready to type: the field takes focus and keystrokes.
    email.focus();
    expect(email.matches(':focus')).to.equal(true);
    expect(win.customElements.get('portal-login')).to.be.a('function');

    const fetched = scriptsFetched(win);
    expect(fetched).to.include('/cdn-test/copy-a/porchlight.js');
    expect(fetched.map(defineFile).filter(Boolean)).to.deep.equal(['portal-login']);
    // Only the sign-in's code: the other elements stay undefined and undownloaded.
    for (const tag of ['portal-scheduler', 'portal-history', 'portal-invoices', 'portal-app', 'portal-estimate']) {
      expect(win.customElements.get(tag), tag).to.equal(undefined);
    }
    expect(win.cdnProbe.violations).to.deep.equal([]);
    expect(win.cdnProbe.errors).to.deep.equal([]);
    expect(win.cdnProbe.warnings).to.deep.equal([]);
  });

  it('styles the card from its own stylesheets, which the policy allows', async () => {
    const win = await openPage('login');
    const email = await until(() => emailField(win.document), 'the sign-in form');
    const card = win.document.querySelector('portal-login')!;
    // Constructed stylesheets reached the shadow root: the card is laid out, not raw inline text.
    expect(card.shadowRoot!.adoptedStyleSheets.length).to.be.greaterThan(0);
    expect(win.getComputedStyle(card).display).not.to.equal('inline');
    expect(email.getBoundingClientRect().width).to.be.greaterThan(100);
    expect(win.cdnProbe.violations).to.deep.equal([]);
  });

  it('brings what <portal-app> needs with it, and no section before it opens', async () => {
    const win = await openPage('app');
    const app = win.document.querySelector('portal-app')!;
    // Signed out, the app shows its own sign-in card, which lives in the app's shadow root.
    await until(() => app.shadowRoot && emailField(app.shadowRoot), 'the app’s sign-in form');
    const defined = scriptsFetched(win).map(defineFile).filter(Boolean).sort();
    // <portal-login> comes inside the app's own files (a static import there), not as a download of its own.
    expect(defined).to.include.members(['portal-app', 'portal-provider']);
    expect(win.customElements.get('portal-login')).to.be.a('function');
    for (const section of ['portal-scheduler', 'portal-history', 'portal-invoices', 'portal-memberships', 'portal-equipment']) {
      expect(defined, section).not.to.include(section);
    }
    expect(win.cdnProbe.violations).to.deep.equal([]);
    expect(win.cdnProbe.errors).to.deep.equal([]);
  });

  it('loads an element the host page adds after load', async () => {
    const win = await openPage('later');
    await until(() => emailField(win.document), 'the sign-in form added later');
    expect(scriptsFetched(win).map(defineFile).filter(Boolean)).to.deep.equal(['portal-login']);
    expect(win.cdnProbe.errors).to.deep.equal([]);
  });

  it('loads an element that appears inside a Porchlight element’s shadow root', async () => {
    const win = await openPage('shadow');
    const provider = win.document.querySelector('portal-provider')!;
    await until(() => provider.shadowRoot && emailField(provider.shadowRoot), 'the sign-in form in the shadow root');
    expect(scriptsFetched(win).map(defineFile).filter(Boolean).sort()).to.deep.equal(['portal-login', 'portal-provider']);
    expect(win.cdnProbe.errors).to.deep.equal([]);
  });

  it('rewords a string page-wide from the host’s own module script (registerStrings, exported by the file)', async () => {
    const win = await openPage('reworded');
    await until(() => emailField(win.document), 'the sign-in form');
    const card = win.document.querySelector('portal-login')!;
    const button = await until(() => [...card.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Log in to your account'), 'the reworded button');
    expect(button).to.exist;
    expect(win.cdnProbe.errors).to.deep.equal([]);
    expect(win.cdnProbe.violations).to.deep.equal([]);
  });

  it('loaded twice (two copies, and the second copy’s define module): no error, one warning', async () => {
    const win = await openPage('twice');
    await until(() => emailField(win.document), 'the sign-in form');
    // Both copies ran (the second one's define module too) before the card showed its form.
    const fetched = scriptsFetched(win);
    expect(fetched).to.include.members(['/cdn-test/copy-b/porchlight.js', '/cdn-test/copy-b/define/portal-login.js']);
    expect(win.cdnProbe.errors).to.deep.equal([]);
    expect(win.cdnProbe.warnings).to.have.length(1);
    expect(win.cdnProbe.warnings[0]).to.contain('loaded twice');
    // The first copy keeps the page: its class is the one defined.
    expect(fetched).to.include('/cdn-test/copy-a/define/portal-login.js');
    expect(win.cdnProbe.violations).to.deep.equal([]);
  });

  it('beside a host’s own bundle of the npm package: no error, one warning, nothing downloaded twice', async () => {
    const win = await openPage('npm-then-cdn');
    await until(() => emailField(win.document), 'the sign-in form');
    expect(win.cdnProbe.errors).to.deep.equal([]);
    expect(win.cdnProbe.warnings).to.have.length(1);
    expect(win.cdnProbe.warnings[0]).to.contain('loaded twice');
    // The npm bundle defined every tag first: the CDN copy downloads no element code.
    expect(scriptsFetched(win).map(defineFile).filter(Boolean)).to.deep.equal([]);
  });
});
