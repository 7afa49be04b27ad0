// Drives the demo as a new user would, in headless Chromium against the built demo (`npm run demo:build`):
// sign up with the email typed in another case with trailing spaces, sign out, sign back in; an
// unknown email; five wrong passwords; a reset from the office page's outbox link. Screenshots go
// to smoke-output/. Then links without a sign-in (linksJourney): invoice email → portal → new account → the
// invoice; an estimate approved from its link; a visit link following the office. Usage: node scripts/demo-smoke.mjs [baseUrl]
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { chromium } from 'playwright-core';
import { chromeArgs, chromePath } from './chrome-path.mjs';

/** A port nothing listens on now (the system picks it), so a running `npm start` on 5173 or 5174 is left alone. */
function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

let base = process.argv[2];
let server;
if (!base) {
  // The demo built as a static site (vite.demo.config.ts) and served by `vite preview`: Vite's dev server
  // discovers dependencies on first use and reloads the page mid-step on a fresh clone.
  const build = spawn(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'vite.demo.config.ts', '--logLevel', 'warn'], {
    stdio: 'inherit',
  });
  const code = await new Promise((resolve) => build.on('exit', resolve));
  if (code !== 0) throw new Error(`the demo build failed (exit ${code})`);
  const port = await freePort();
  // Vite itself (not through npx) so that kill() ends it.
  server = spawn(
    process.execPath,
    ['node_modules/vite/bin/vite.js', 'preview', '--config', 'vite.demo.config.ts', '--port', String(port), '--strictPort', '--host', '127.0.0.1'],
    { stdio: 'pipe', env: { ...process.env, BROWSER: 'none' } },
  );
  base = `http://127.0.0.1:${port}`;
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      server.kill();
      reject(new Error('vite preview did not start'));
    }, 30_000);
    server.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`vite preview exited (${code}) before it served the demo`));
    });
    server.stdout.on('data', (chunk) => {
      if (String(chunk).includes('Local')) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
}

mkdirSync('smoke-output', { recursive: true });
const browser = await chromium.launch({ executablePath: chromePath(), args: chromeArgs });
const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
const page = await context.newPage();
const errors = [];
page.on('pageerror', (error) => errors.push(String(error)));
page.on('console', (message) => {
  if (message.type() === 'error') errors.push(message.text());
});
// A file the page asks for and the site lacks (a /favicon.ico): the API's own refusals are part of the flows.
const missing = [];
page.on('response', (response) => {
  if (response.status() === 404 && !new URL(response.url()).pathname.startsWith('/api/')) missing.push(response.url());
});

/**
 * axe over the whole page (every element, every shadow root), at a desktop width and a phone's, failing
 * on any serious or critical violation; at 320 px the page must not scroll sideways either.
 */
async function wholePageChecks(label, target = page) {
  for (const viewport of [{ width: 1280, height: 900 }, { width: 320, height: 640 }]) {
    await target.setViewportSize(viewport);
    await target.waitForTimeout(400);
    if (!(await target.evaluate(() => 'axe' in window))) await target.addScriptTag({ path: 'node_modules/axe-core/axe.min.js' });
    const found = await target.evaluate(async () => {
      const { violations } = await window.axe.run(document, { resultTypes: ['violations'] });
      return violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id} (${v.impact}) at ${v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)).join(', ')}`);
    });
    if (found.length) throw new Error(`axe, ${label}, ${viewport.width} px:\n  ${found.join('\n  ')}`);
    const [scrollWidth, clientWidth] = await target.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    if (scrollWidth > clientWidth) throw new Error(`${label}, ${viewport.width} px: the page scrolls sideways (${scrollWidth} > ${clientWidth})`);
    await target.screenshot({ path: `smoke-output/axe-${label.replace(/\W+/g, '-')}-${viewport.width}.png`, fullPage: true });
  }
  await target.setViewportSize({ width: 1280, height: 900 });
}

/** Every section <portal-app> shows this customer, each checked as a whole page. */
async function everySection(label) {
  const nav = page.locator('portal-app').getByRole('navigation').getByRole('link');
  await nav.first().waitFor({ timeout: 20_000 });
  const names = await nav.allTextContents();
  for (const name of names) {
    await nav.filter({ hasText: name.trim() }).first().click();
    await page.waitForTimeout(800);
    await wholePageChecks(`${label}, ${name.trim()}`);
  }
}

const login = page.locator('portal-login');
const step = async (name, fn) => {
  process.stdout.write(`- ${name} … `);
  await fn();
  await page.screenshot({ path: `smoke-output/${name.replace(/\W+/g, '-')}.png`, fullPage: true });
  console.log('ok');
};

/**
 * Links without a sign-in, the whole path (issue 9), in the same browser as the customer so the office
 * and the customer share the demo's database: the office resets the demo and asks new accounts to be
 * confirmed by email, sends Marcus Reyes his invoice email, and he opens its portal link, creates an
 * account, confirms it from the emailed link and sees that invoice; the office sends Dana's estimate
 * link, she approves an option, the office page shows the signature record and an edit makes a new
 * version; a visit link shows "On the way" once the office moves the visit, and "canceled" once it
 * cancels it (the customer is sent the cancellation); then axe checks the office page, full of all that.
 */
async function linksJourney({ base, context, errors }) {
  const office = await context.newPage();
  const customer = await context.newPage();
  for (const p of [office, customer]) {
    p.on('pageerror', (error) => errors.push(String(error)));
    p.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
  }
  const app = office.locator('office-app');
  const outbox = app.locator('office-outbox');
  const estimates = app.locator('office-estimates');
  const login = customer.locator('portal-login');
  const linkStep = async (name, shot, fn) => {
    process.stdout.write(`- ${name} … `);
    await fn();
    await shot.screenshot({ path: `smoke-output/links-${name.replace(/\W+/g, '-')}.png`, fullPage: true });
    console.log('ok');
  };
  /** The newest outbox message of a kind to an address, and the address of one of its links. */
  const outboxLink = async (kind, to, linkName, about = '') => {
    // Under MSW the office tab hears of the customer's tab at once; on porchlight-server it asks.
    await outbox.getByRole('button', { name: 'Check for new messages' }).click();
    const message = outbox.getByRole('article').filter({ hasText: kind }).filter({ hasText: to }).filter({ hasText: about }).first();
    const link = message.getByRole('link', { name: linkName }).first();
    await link.waitFor({ timeout: 20_000 });
    return { message, href: await link.getAttribute('href') };
  };

  await linkStep('the office resets the demo and confirms new accounts by email', office, async () => {
    await office.goto(`${base}/demo/office.html`);
    await app.getByRole('heading', { name: 'Estimates' }).waitFor({ timeout: 30_000 });
    office.once('dialog', (dialog) => void dialog.accept());
    await app.getByRole('button', { name: 'Reset demo data' }).click();
    await app.getByText('Demo data reset.').waitFor();
    await app.getByLabel('Confirm new accounts by email').check();
    await app.getByRole('button', { name: 'Save settings' }).click();
    await app.getByText('Saved. The customer site follows at once.').waitFor();
  });

  let portalHref;
  await linkStep('the office sends an invoice email with a pay link and a portal link', office, async () => {
    await app.locator('office-invoices').getByRole('button', { name: 'Send invoice email: 10801' }).click();
    const { message } = await outboxLink('Invoice · email', 'Marcus.Reyes@Example.com', 'Open the pay link');
    // The HTML version is shown, sandboxed (no scripts), never as markup in the page.
    const frame = message.locator('iframe');
    if ((await frame.getAttribute('sandbox')) !== '') throw new Error('the email HTML is not in a fully sandboxed frame');
    await message.frameLocator('iframe').getByText('Hi Marcus,').waitFor();
    const portal = message.getByRole('link', { name: `${base}/demo/` });
    portalHref = await portal.getAttribute('href');
  });

  await linkStep('Marcus opens the portal link and creates an account', customer, async () => {
    await customer.goto(portalHref);
    // A session from the steps before the reset is gone: sign out if the page still shows one.
    // The tab may also find the stored session gone and sign out by itself while the button is clicked.
    const create = login.getByRole('button', { name: /Create an account/ });
    const signOut = login.getByRole('button', { name: 'Sign out' });
    await create.or(signOut).first().waitFor({ timeout: 30_000 });
    if (await signOut.isVisible()) {
      await signOut.click({ timeout: 5_000 }).catch(() => {});
      await signOut.waitFor({ state: 'detached', timeout: 20_000 });
      // Signed out (by the click or by the tab itself): the sign-in form, settled.
      await login.getByLabel('Password', { exact: true }).waitFor({ timeout: 20_000 });
    }
    await create.click({ timeout: 30_000 });
    await login.getByLabel('Email').fill('Marcus.Reyes@Example.com');
    await login.getByRole('button', { name: 'Continue' }).click();
    await login.locator('input[name="new-password"]').fill('a quiet house on birch court');
    await login.getByRole('button', { name: 'Create account' }).click();
    await login.getByText('We sent a link to Marcus.Reyes@Example.com').waitFor({ timeout: 20_000 });
  });

  await linkStep('Marcus confirms the account from the emailed link and sees the invoice', customer, async () => {
    const { href } = await outboxLink('Email confirmation', 'Marcus.Reyes@Example.com', 'Open the confirmation link');
    await customer.goto(href);
    // The link asks for the password chosen at sign-up.
    await login.getByText('enter the password you chose when you signed up').waitFor({ timeout: 30_000 });
    await login.getByLabel('Password', { exact: true }).fill('a quiet house on birch court');
    await login.getByRole('button', { name: 'Confirm and sign in' }).click();
    await login.getByText('Signed in as').waitFor({ timeout: 30_000 });
    await customer.locator('portal-invoices').getByText('10801').first().waitFor({ timeout: 20_000 });
  });

  await linkStep('the office sends an estimate link and Dana approves an option', customer, async () => {
    await estimates.getByRole('button', { name: 'Send estimate link: E-2001' }).click();
    const { href } = await outboxLink('Estimate · email', 'dana.whitfield@example.com', 'Open the estimate link');
    await customer.goto(href);
    const estimate = customer.locator('portal-estimate');
    await estimate.getByRole('radio', { name: /^Choose Better/ }).check({ timeout: 30_000 });
    await estimate.getByLabel('I have read and agree to the terms above.').check();
    await estimate.getByLabel(/I agree to sign this estimate electronically/).check();
    await estimate.getByLabel('Your full name').fill('Dana Whitfield');
    await estimate.getByRole('button', { name: /^Approve Better/ }).click();
    await estimate.getByText(/Approved: Better/).waitFor({ timeout: 20_000 });
    const download = customer.waitForEvent('download', { timeout: 20_000 });
    await estimate.getByRole('button', { name: 'Download the signed estimate (PDF)' }).click();
    const bytes = readFileSync(await (await download).path());
    if (bytes.subarray(0, 5).toString() !== '%PDF-') throw new Error('the signed estimate is not a PDF');
  });

  await linkStep('the office page shows the signature record', office, async () => {
    await office.bringToFront();
    await estimates.getByRole('button', { name: 'Check for answers' }).click();
    const record = estimates.locator('dl.record').first();
    await record.waitFor({ timeout: 20_000 });
    const text = await record.innerText();
    // (The client address and user agent are recorded on a real server; MSW's requests carry neither.)
    for (const expected of ['Dana Whitfield', 'Better (opt-better)', 'I agree to sign this estimate electronically', 'e-sign, version 2026-01', 'A link without a sign-in']) {
      if (!text.includes(expected)) throw new Error(`the signature record lacks "${expected}":\n${text}`);
    }
    if (!/\b[0-9a-f]{64}\b/.test(text)) throw new Error('the signature record shows no SHA-256');
  });

  await linkStep('an edit after approval is a new version to approve again', office, async () => {
    await estimates.getByText('Edit estimate E-2001').click();
    await estimates.locator('details', { hasText: 'Edit estimate E-2001' }).getByLabel('Valid until').fill('2099-01-31');
    await estimates.getByRole('button', { name: 'Save as a new version' }).click();
    await estimates.getByText('Saved as version 2. It was approved: the customer must approve the new version.').waitFor();
    await estimates.getByText('Signature record, version 1 (an earlier version)').waitFor();
  });

  await linkStep('the office makes a new estimate, and its link opens it', customer, async () => {
    await estimates.getByText('New estimate').click();
    const form = estimates.locator('details', { hasText: 'Make estimate' });
    await form.getByLabel('Customer and location').selectOption({ label: 'Dana Whitfield: Home' });
    await form.getByLabel('What the estimate is for', { exact: true }).fill('Replace the water heater');
    await form.getByLabel('The same, in Spanish (optional)').fill('Cambiar el calentador de agua');
    await form.getByLabel('The work (the option’s name and its line)').fill('50-gallon gas water heater, installed');
    await form.getByLabel('The work, in Spanish (optional)').fill('Calentador de agua a gas de 50 galones, instalado');
    await form.getByLabel('Price (USD)').fill('1,899.00');
    await form.getByRole('button', { name: 'Make estimate' }).click();
    await form.getByText('Made estimate E-5001.').waitFor();
    await estimates.getByRole('button', { name: 'Send estimate link: E-5001' }).click();
    const { href } = await outboxLink('Estimate · email', 'dana.whitfield@example.com', 'Open the estimate link', 'E-5001');
    await customer.goto(href);
    const estimate = customer.locator('portal-estimate');
    await estimate.getByText('50-gallon gas water heater, installed').first().waitFor({ timeout: 30_000 });
    await estimate.getByText('$1,899.00').first().waitFor();
    // The same link on the Spanish page: the office's Spanish words.
    const spanish = new URL(href);
    spanish.searchParams.set('lang', 'es');
    await customer.goto(spanish.href);
    await estimate.getByText('Cambiar el calentador de agua').first().waitFor({ timeout: 30_000 });
    await estimate.getByText('Calentador de agua a gas de 50 galones, instalado').first().waitFor();
  });

  await linkStep('a visit link shows On the way after the office moves the visit', customer, async () => {
    const visits = app.locator('office-visits');
    await visits.getByRole('button', { name: 'Send visit-status link: job 61005' }).click();
    const { href } = await outboxLink('Visit status · email', 'dana.whitfield@example.com', 'Open the visit-status link');
    await customer.goto(href);
    const visit = customer.locator('portal-visit-status');
    await visit.getByText('Your visit is scheduled.').first().waitFor({ timeout: 30_000 });
    await visits.getByRole('group', { name: 'Status of job 61005' }).getByRole('button', { name: 'On the way' }).click();
    await visits.getByText('Now “On the way”').waitFor();
    // The page follows the change (the demo's office tab tells it; else it checks every 30 seconds).
    await visit.getByText('Luis is on the way.').first().waitFor({ timeout: 40_000 });
  });

  await linkStep('the office cancels the visit: the customer is told, and the link says so', customer, async () => {
    const visits = app.locator('office-visits');
    await visits.getByRole('button', { name: 'Cancel visit: job 61005' }).click();
    await visits.getByRole('button', { name: 'Yes, cancel the visit: job 61005' }).click();
    await visits.getByText('Canceled: the customer was sent the cancellation').waitFor();
    await outbox.getByRole('button', { name: 'Check for new messages' }).click();
    await outbox.getByRole('article').filter({ hasText: 'Visit canceled · email' }).filter({ hasText: 'dana.whitfield@example.com' }).first().waitFor({ timeout: 20_000 });
    await customer.locator('portal-visit-status').getByText('This visit was canceled').first().waitFor({ timeout: 40_000 });
  });

  await linkStep('the office writes its Spanish invoice email: a refused tag names the field, then it saves', office, async () => {
    const templates = app.locator('office-templates');
    await templates.getByLabel('Message', { exact: true }).selectOption('invoice');
    await templates.getByLabel('Language').selectOption('es');
    const subject = templates.getByLabel('Subject');
    if (!(await subject.inputValue()).startsWith('Factura')) throw new Error(`the Spanish invoice subject reads "${await subject.inputValue()}"`);
    await subject.fill('Su factura {{InvoiceNumbr}}');
    // The refusal is a 400 the browser logs; it is this step's own, and the only console line it may leave.
    const logged = errors.length;
    await templates.getByRole('button', { name: 'Save templates' }).click();
    await templates.locator('#template-subject-error').getByText('Unknown merge tag {{InvoiceNumbr}}').waitFor();
    errors.push(...errors.splice(logged).filter((line) => !/status of 400/.test(line)));
    await subject.fill('Su factura {{InvoiceNumber}} de {{CompanyName}}');
    await templates.getByRole('button', { name: 'Save templates' }).click();
    await templates.getByText('Saved, in both languages.').waitFor();
  });

  await linkStep('Marcus signs in on the Spanish page: the office’s next invoice email to him is its Spanish one', office, async () => {
    await customer.bringToFront();
    await customer.goto(`${base}/demo/?lang=es`);
    const signOut = login.getByRole('button', { name: 'Cerrar sesión', exact: true });
    const password = login.getByLabel('Contraseña', { exact: true });
    await signOut.or(password).first().waitFor({ timeout: 30_000 });
    if (await signOut.isVisible()) {
      await signOut.click({ timeout: 5_000 }).catch(() => {});
      await password.waitFor({ timeout: 20_000 });
    }
    await login.getByLabel('Correo electrónico').fill('Marcus.Reyes@Example.com');
    await password.fill('a quiet house on birch court');
    await login.getByRole('button', { name: 'Iniciar sesión', exact: true }).click();
    await login.getByText('Sesión iniciada como').waitFor({ timeout: 30_000 });
    await office.bringToFront();
    await app.locator('office-invoices').getByRole('button', { name: 'Send invoice email: 10801' }).click();
    await outbox.getByRole('button', { name: 'Check for new messages' }).click();
    await outbox.getByRole('article').filter({ hasText: 'Su factura 10801 de Northwind Heating & Air' }).first().waitFor({ timeout: 20_000 });
  });

  await linkStep('its pay link opens the Spanish pay page, in Spanish, and axe finds nothing serious there', customer, async () => {
    const { href } = await outboxLink('Invoice · email', 'Marcus.Reyes@Example.com', 'Open the pay link', 'Su factura 10801');
    if (!new URL(href).searchParams.has('lang')) throw new Error(`the Spanish invoice email's pay link opens ${href}, not the Spanish page`);
    await customer.bringToFront();
    await customer.goto(href);
    if ((await customer.locator('html').getAttribute('lang')) !== 'es') throw new Error('the Spanish pay page is not lang="es"');
    await customer.getByRole('heading', { name: 'Pague su factura' }).waitFor({ timeout: 30_000 });
    await customer.locator('portal-pay').getByText('10801').first().waitFor({ timeout: 30_000 });
    await wholePageChecks('spanish-pay-page', customer);
  });

  await linkStep('axe finds nothing serious on the office page, after all that, at 1280 and 320 px', office, () => wholePageChecks('office', office));
}

try {
  await page.goto(`${base}/demo/`);
  await login.getByRole('heading', { name: 'Sign in' }).waitFor({ timeout: 20_000 });

  await step('axe finds nothing serious on the whole page, signed out, at 1280 and 320 px', () => wholePageChecks('signed out'));

  await step('the site’s public "Request a visit" page asks for a visit with no sign-in, and axe finds nothing serious there', async () => {
    await page.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Request a visit' }).click();
    const scheduler = page.locator('portal-scheduler');
    await scheduler.getByText('Step 1 of').waitFor({ timeout: 30_000 });
    await scheduler.getByLabel('Postal code where you need service').fill('62704');
    await scheduler.getByRole('button', { name: 'Next' }).click();
    await scheduler.getByText('Step 2 of').waitFor({ timeout: 30_000 });
    await wholePageChecks('request page');
    await page.goto(`${base}/demo/`);
    await login.getByRole('heading', { name: 'Sign in' }).waitFor({ timeout: 20_000 });
  });

  await step('unknown email gets a clear message', async () => {
    await login.getByRole('button', { name: /Create an account/ }).click();
    await login.getByLabel('Email').fill('not.on.file@example.com');
    await login.getByRole('button', { name: 'Continue' }).click();
    await login.getByRole('alert').filter({ hasText: 'We don’t have that email on file' }).waitFor();
  });

  await step('sign up with the email in another case and trailing spaces', async () => {
    await login.getByLabel('Email').fill('MARCUS.Reyes@Example.com   ');
    await login.getByRole('button', { name: 'Continue' }).click();
    // The next step shows the address as the office has it on file.
    await login.getByText('Choose a password for Marcus.Reyes@Example.com').waitFor();
    await login.locator('input[name="new-password"]').fill('a quiet house on birch court');
    await login.getByRole('button', { name: 'Create account' }).click();
    // New accounts are confirmed by email (the default): nothing is signed in yet.
    await login.getByText('We sent a link to Marcus.Reyes@Example.com').waitFor({ timeout: 20_000 });
  });

  await step('open the confirmation link from the office outbox, type the password chosen, and be signed in', async () => {
    const office = await context.newPage();
    await office.goto(`${base}/demo/office.html`);
    // The message's own button, labelled by its kind (not "the portal link"); the same link also sits in
    // the email's text, folded away under "Plain-text version".
    const link = office.locator('office-app').getByRole('link', { name: 'Open the confirmation link' }).first();
    await link.waitFor({ timeout: 30_000 });
    const href = await link.getAttribute('href');
    if (!href?.includes('#porchlight-verify=')) throw new Error(`the outbox's confirmation link goes to ${href}`);
    await office.close();
    await page.goto(href);
    // The link proves the mailbox; the password chosen at sign-up proves who signed up.
    await login.getByText('enter the password you chose when you signed up').waitFor({ timeout: 30_000 });
    await login.getByLabel('Password', { exact: true }).fill('a quiet house on birch court');
    await login.getByRole('button', { name: 'Confirm and sign in' }).click();
    await login.getByText('Signed in as').waitFor({ timeout: 30_000 });
  });

  await step('the session survives a reload', async () => {
    await page.reload();
    await login.getByText('Signed in as').waitFor({ timeout: 20_000 });
  });

  await step('sign out and back in', async () => {
    await login.getByRole('button', { name: 'Sign out' }).click();
    await login.getByText('You have signed out').waitFor();
    await login.getByLabel('Email').fill('marcus.reyes@example.com');
    await login.getByLabel('Password', { exact: true }).fill('a quiet house on birch court');
    await login.getByLabel('Password', { exact: true }).press('Enter');
    await login.getByText('Signed in as').waitFor({ timeout: 20_000 });
    await login.getByRole('button', { name: 'Sign out' }).click();
  });

  await step('five wrong passwords lock the account', async () => {
    for (let i = 1; i <= 5; i++) {
      await login.getByLabel('Email').fill('marcus.reyes@example.com');
      await login.getByLabel('Password', { exact: true }).fill(`wrong password ${i}`);
      await login.getByRole('button', { name: 'Sign in' }).click();
      await login.getByRole('alert').waitFor();
      await login.getByRole('button', { name: 'Sign in' }).waitFor();
    }
    await login.getByRole('alert').filter({ hasText: 'Too many failed sign-in attempts' }).waitFor();
  });

  await step('reset from the office outbox link', async () => {
    await login.getByRole('button', { name: /Forgot/ }).click();
    await login.getByLabel('Email').fill('marcus.reyes@example.com');
    await login.getByRole('button', { name: 'Email me a reset link' }).click();
    await login.getByText('a reset link is on its way').waitFor();
    const office = await context.newPage();
    await office.goto(`${base}/demo/office.html`);
    const link = office.locator('office-app').getByRole('link', { name: 'Open the reset link' }).first();
    await link.waitFor({ timeout: 20_000 });
    const href = await link.getAttribute('href');
    // An empty live region waits for a message; one with words in it is an error on the office page.
    const officeAlerts = (await office.locator('office-app').getByRole('alert').allInnerTexts()).filter((text) => text.trim());
    if (officeAlerts.length > 0) throw new Error(`the office page shows an error: ${officeAlerts.join(' | ')}`);
    await office.screenshot({ path: 'smoke-output/office.png', fullPage: true });
    await page.goto(href);
    await login.getByRole('heading', { name: 'Choose a new password' }).waitFor({ timeout: 20_000 });
    await login.locator('input[name="new-password"]').fill('the furnace hums all winter');
    await login.getByRole('button', { name: 'Save new password' }).click();
    await login.getByText('Your password has been changed').waitFor();
    await login.getByLabel('Email').fill('marcus.reyes@example.com');
    await login.getByLabel('Password', { exact: true }).fill('the furnace hums all winter');
    await login.getByRole('button', { name: 'Sign in' }).click();
    await login.getByText('Signed in as').waitFor({ timeout: 20_000 });
  });

  await step('pay the balance with a test card and get a receipt', async () => {
    await login.getByRole('button', { name: 'Sign out' }).click();
    await login.getByLabel('Email').fill('dana.whitfield@example.com');
    await login.getByLabel('Password', { exact: true }).fill('maple street furnace 1987');
    await login.getByRole('button', { name: 'Sign in' }).click();
    const invoices = page.locator('portal-invoices');
    await invoices.getByRole('button', { name: /^Pay (balance|all)/ }).click({ timeout: 20_000 });
    await invoices.locator('input[name="number"]').fill('4242 4242 4242 4242');
    await invoices.locator('input[name="expiry"]').fill(`12/${(new Date().getFullYear() + 2) % 100}`);
    await invoices.locator('input[name="cvc"]').fill('123');
    await invoices.locator('input[name="postalCode"]').fill('62704');
    await invoices.locator('form button[type="submit"]').click();
    await invoices.getByText('We received your payment').waitFor({ timeout: 20_000 });
  });

  await step('axe finds nothing serious on any section, signed in, at 1280 and 320 px', () => everySection('signed in'));

  await step('download the statement as a PDF', async () => {
    // <portal-app> shows one section at a time: open the history first.
    await page.locator('portal-app').getByRole('link', { name: 'Service history' }).click();
    const history = page.locator('portal-history');
    await history.scrollIntoViewIfNeeded();
    await history.getByRole('row').nth(1).waitFor({ timeout: 20_000 });
    await page.screenshot({ path: 'smoke-output/history.png' });
    const download = page.waitForEvent('download', { timeout: 20_000 });
    await history.getByRole('button', { name: 'Download statement (PDF)' }).click();
    const file = await download;
    if (!/^Northwind-Heating-Air-statement-\d{4}-\d{2}-\d{2}\.pdf$/.test(file.suggestedFilename())) {
      throw new Error(`unexpected file name ${file.suggestedFilename()}`);
    }
    const bytes = readFileSync(await file.path());
    if (bytes.subarray(0, 5).toString() !== '%PDF-') throw new Error('the statement is not a PDF');
  });

  // Dana's tab is done. Closed, because with it left open the office tab below sometimes never started:
  // a known bug (the in-page database's Web Lock can stay with a tab that sits idle; see the issue note),
  // not what this half of the drive is about.
  await page.close();
  await linksJourney({ base, context, errors });

  const unexpected = errors.filter(
    (e) =>
      !/Failed to load resource: the server responded with a status of (401|404|409|422|423)/.test(e) &&
      // MSW's worker unregisters itself when the last tab it served closes; a tab opening meanwhile gets
      // this from MSW's own update() call, and mocks/browser.ts then puts the tab under the worker again.
      !/^TypeError: Failed to update a ServiceWorker for scope .* Not found$/.test(e),
  );
  if (missing.length) unexpected.push(...missing.map((url) => `404 for ${url}`));
  if (unexpected.length) {
    console.error('Errors in the page console:\n' + unexpected.join('\n'));
    process.exitCode = 1;
  } else {
    console.log('Demo smoke test passed.');
  }
} catch (error) {
  console.error('\nDemo smoke test failed:', error);
  // What each open tab shows: its status line, the database's Web Lock, the service worker.
  for (const [index, open] of context.pages().entries()) {
    await open.screenshot({ path: `smoke-output/failure-${index}.png`, fullPage: true }).catch(() => {});
    const state = await open
      .evaluate(async () => ({
        status: document.querySelector('#demo-status')?.textContent ?? null,
        locks: await navigator.locks.query(),
        worker: navigator.serviceWorker.controller?.state ?? 'none',
      }))
      .catch((reason) => String(reason));
    console.error(`  tab ${index} (${open.url()}): ${JSON.stringify(state)}`);
  }
  process.exitCode = 1;
} finally {
  await browser.close();
  server?.kill();
}
process.exit(process.exitCode ?? 0);
