/**
 * The written introduction at the top of each element's docs page: what it is for, what it needs, and
 * an embed snippet to copy. The tables under it (attributes, properties, events, slots, parts, CSS
 * properties, custom states) come from custom-elements.json; this is the prose the manifest lacks.
 * Also how the overview pages show the repository's markdown (docs/*.md) with links that work in Storybook.
 */

/** Where the one-file build is served from, in the snippets (a contractor puts their own address). */
export const CDN_SCRIPT = 'https://your-cdn.example/porchlight/porchlight.js';
const API = 'https://portal.yourcompany.com/api';

/**
 * The whole kit on one page, as README.md's "Embed it" writes it: the provider kept light (without
 * `theme`, a visitor whose system is dark gets dark cards on a light site), the elements spaced by a
 * class of the page's own stylesheet (`PORTAL_EMBED_CSS`). Written here rather than in an MDX page:
 * MDX drops the indentation of a multi-line attribute's lines.
 */
export const PORTAL_EMBED = `<script type="module" src="${CDN_SCRIPT}"></script>

<portal-provider api-base="${API}" theme="light">
  <div class="portal">
    <portal-login></portal-login>
    <portal-account-switcher></portal-account-switcher>
    <portal-invoices></portal-invoices>
    <portal-history></portal-history>
    <portal-visits></portal-visits>
    <portal-memberships></portal-memberships>
    <portal-equipment></portal-equipment>
    <portal-scheduler hidden></portal-scheduler>
  </div>
</portal-provider>`;

/** The page's own rule that spaces the embed's elements (README.md's "Embed it"). */
export const PORTAL_EMBED_CSS = `/* In your site's stylesheet: the elements have no margins, and the provider lays nothing out. */
.portal { display: grid; gap: 1.5rem; }`;

interface ElementIntro {
  /** What a customer does with it, in a sentence or two. */
  purpose: string;
  /** What it needs around it to work. */
  needs: string;
  /** The element's markup in a snippet (inside a provider unless `standalone`). */
  markup: string;
  /** The snippet uses the element alone with `api-base` rather than inside a provider. */
  standalone?: boolean;
  /** Anything else a reader of the stories should know. */
  notes?: string;
}

const PROVIDER = `a \`<portal-provider api-base="…">\` around it (any depth), or \`api-base\` on the element itself; it shares one sign-in with every Porchlight element on the page that uses the same API base.`;
const LINK = `a link token: the contractor's page passes the token from its address (\`#porchlight-link=…\`), or the element reads it itself; no sign-in. Serve the page with \`Referrer-Policy: no-referrer\`.`;

export const ELEMENT_INTROS: Record<string, ElementIntro> = {
  'portal-provider': {
    purpose:
      'Connects the Porchlight elements inside it — at any depth, among your own markup — to one backend and one sign-in: a customer who signs in on its `<portal-login>` sees their invoices in its `<portal-invoices>` at once, and signing out on one signs out all of them.',
    needs:
      'The backend’s address (`api-base`), or a custom `PortalAdapter` in its `adapter` property. It has no look of its own (`display: contents`); `theme="dark"` on it themes every element inside.',
    markup: `<portal-provider api-base="${API}" theme="light">\n  <portal-login></portal-login>\n  <portal-invoices></portal-invoices>\n</portal-provider>`,
    standalone: true,
    notes:
      'The session is kept in `localStorage` by default (`session-persistence="session"` for this tab only, `"memory"` for this page only). A page with its own sign-in can hand the provider a session in its `session` property instead of showing `<portal-login>`.',
  },
  'portal-login': {
    purpose: 'Sign in, create an account (the email must be one the contractor has on file), reset a forgotten password, and sign out.',
    needs: PROVIDER,
    markup: '<portal-login></portal-login>',
  },
  'portal-account-switcher': {
    purpose: 'For a sign-in that reaches several accounts (a property manager): choose the account the other elements show.',
    needs: `${PROVIDER} It renders nothing for a sign-in with one account.`,
    markup: '<portal-account-switcher></portal-account-switcher>',
  },
  'portal-invoices': {
    purpose: 'The balance, the open invoices oldest due first, paid ones on request, an invoice’s detail, and paying one, several or all by card.',
    needs: `${PROVIDER} Paying needs online payments on in the contractor’s settings.`,
    markup: '<portal-invoices></portal-invoices>',
    notes:
      '**Test cards** (reference backend): 4242 4242 4242 4242 approved · 4000 0000 0000 0002 declined · ' +
      '4000 0000 0000 9995 insufficient funds · 4000 0000 0000 0119 processor failure · ' +
      '4000 0000 0000 7700 network failure (charged, answer lost: press Pay again). Any future expiry, any CVC.',
  },
  'portal-history': {
    purpose: 'The work done for the customer, year by year, searchable, with each invoice’s PDF to download.',
    needs: PROVIDER,
    markup: '<portal-history></portal-history>',
  },
  'portal-visits': {
    purpose: 'Upcoming and recent visits, the contractor’s message, and “Request a visit”.',
    needs: `${PROVIDER} The request button opens a \`<portal-scheduler>\` on the page, or fires a cancelable \`portal-appointment-requested\` for your own.`,
    markup: '<portal-visits></portal-visits>\n  <portal-scheduler hidden></portal-scheduler>',
  },
  'portal-memberships': {
    purpose: 'The customer’s maintenance plans: what is covered, visits left, renewal.',
    needs: `${PROVIDER} Shown only when the contractor shows memberships online.`,
    markup: '<portal-memberships></portal-memberships>',
  },
  'portal-equipment': {
    purpose: 'The equipment the contractor looks after at each location: make, model, age, warranty.',
    needs: PROVIDER,
    markup: '<portal-equipment></portal-equipment>',
  },
  'portal-scheduler': {
    purpose: 'Request a visit in steps: where, what, when (the contractor’s open days, in their time zone), photos, contact, review. Works signed in or on a public page.',
    needs: `${PROVIDER} Online scheduling on in the contractor’s settings.`,
    markup: '<portal-scheduler></portal-scheduler>',
  },
  'portal-app': {
    purpose: 'The whole portal in one tag: the sign-in, then every section the contractor’s settings allow, with the section in the page address.',
    needs: 'An `api-base` (or a provider around it). Nothing else.',
    markup: `<portal-app api-base="${API}" theme="light"></portal-app>`,
    standalone: true,
  },
  'portal-estimate': {
    purpose: 'An estimate opened from its emailed link: choose an option, tick each consent, sign with your name; or decline, or ask for changes.',
    needs: `${LINK} Signed in with no link, it shows the account’s estimates.`,
    markup: '<portal-estimate estimate-id="est-2001"></portal-estimate>',
  },
  'portal-pay': {
    purpose: 'Pay one invoice from its emailed link, without an account, and keep the receipt.',
    needs: LINK,
    markup: '<portal-pay invoice-id="inv-10412"></portal-pay>',
  },
  'portal-visit-status': {
    purpose: 'Where a visit stands — the technician, the arrival window, the steps — refreshed while the page is open.',
    needs: LINK,
    markup: '<portal-visit-status visit-id="appt-job-u1"></portal-visit-status>',
  },
};

/** The copy-paste embed for one element. */
export function embedSnippet(tag: string): string {
  const intro = ELEMENT_INTROS[tag];
  const markup = intro?.markup ?? `<${tag}></${tag}>`;
  const body = intro?.standalone ? markup : `<portal-provider api-base="${API}" theme="light">\n  ${markup}\n</portal-provider>`;
  return `<script type="module" src="${CDN_SCRIPT}"></script>\n\n${body}`;
}

/** The docs page's introduction (Markdown): the manifest's own description, then purpose, needs and the snippet. */
export function elementIntro(tag: string, manifestDescription = ''): string {
  const intro = ELEMENT_INTROS[tag];
  if (!intro) return manifestDescription;
  return [
    intro.purpose,
    manifestDescription,
    `**What it needs:** ${intro.needs}`,
    '**Embed it** (the one-file build loads each element’s code when its tag first appears):',
    '```html\n' + embedSnippet(tag) + '\n```',
    intro.notes ?? '',
  ]
    .filter(Boolean)
    .join('\n\n');
}

/**
 * The Storybook pages that show a repository markdown file (rendered with the `<Markdown>` block), by the
 * file's path in the repository. A relative link between those files works on GitHub and in the npm
 * package, but inside Storybook it would resolve against the preview frame (a 404): `storybookMarkdown`
 * points it at the page instead.
 */
export const MARKDOWN_PAGES: Record<string, string> = {
  'docs/theming.md': 'overview-theming--docs',
  'docs/csp.md': 'overview-content-security-policy--docs',
  'docs/rest-contract.md': 'reference-rest-contract--docs',
  'docs/contract/account.md': 'reference-rest-contract--docs',
  'docs/contract/billing.md': 'reference-rest-contract--docs',
  'docs/contract/history.md': 'reference-rest-contract--docs',
  'docs/contract/links.md': 'reference-rest-contract--docs',
  'docs/contract/scheduling.md': 'reference-rest-contract--docs',
};

/** A heading's id as the `<Markdown>` block (markdown-to-jsx) makes it, which is also GitHub's for plain headings. */
export function headingId(heading: string): string {
  return heading
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9- ]/gi, '')
    .replace(/ /g, '-')
    .toLowerCase();
}

/** `to`, relative to the folder of repository file `from`, as a repository path. */
function resolvePath(from: string, to: string): string {
  const parts = from.split('/').slice(0, -1);
  for (const segment of to.split('/')) {
    if (segment === '..') parts.pop();
    else if (segment !== '.' && segment !== '') parts.push(segment);
  }
  return parts.join('/');
}

/**
 * Repository markdown made ready for a Storybook page: each relative link to a `.md` file points at the
 * page that shows it (`?path=/docs/…`, which Storybook's docs blocks open in the Storybook UI), or, for a
 * file shown on the same page (`onThisPage`: path → its markdown), at its first heading there. A link to
 * a file no page shows becomes its text and the file's repository path, not a link that would 404.
 */
export function storybookMarkdown(markdown: string, file: string, onThisPage: Record<string, string> = {}): string {
  const page = MARKDOWN_PAGES[file];
  return markdown.replace(/\[([^\]]*)\]\(([^)\s#]+\.md)(#[^)\s]*)?\)/g, (link, text: string, target: string, hash = '') => {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('/')) return link;
    const path = resolvePath(file, target);
    const targetPage = MARKDOWN_PAGES[path];
    if (!targetPage) return `${text} (\`${path}\` in the repository)`;
    if (targetPage === page) {
      const firstHeading = /^#{1,6}\s+(.+)$/m.exec(onThisPage[path] ?? '')?.[1];
      const anchor = hash || (firstHeading ? `#${headingId(firstHeading)}` : '');
      return anchor ? `[${text}](${anchor})` : text;
    }
    return `[${text}](?path=/docs/${targetPage}${hash})`;
  });
}
