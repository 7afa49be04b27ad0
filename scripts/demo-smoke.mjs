// Drives the demo as a new user would, in headless Chromium against `vite` (the `npm start` server):
// sign up with the email typed in another case with trailing spaces, sign out, sign back in; an
// unknown email; five wrong passwords; a reset from the office page's outbox link. Screenshots go
// to smoke-output/. Usage: node scripts/demo-smoke.mjs [baseUrl]
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { chromeArgs, chromePath } from './chrome-path.mjs';

const port = 5174;
let base = process.argv[2];
let server;
if (!base) {
  // Vite itself (not through npx) so that kill() ends it; BROWSER=none keeps it from opening a window.
  server = spawn(process.execPath, ['node_modules/vite/bin/vite.js', '--port', String(port), '--strictPort'], {
    stdio: 'pipe',
    env: { ...process.env, BROWSER: 'none' },
  });
  base = `http://localhost:${port}`;
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('vite did not start')), 30_000);
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

const login = page.locator('portal-login');
const step = async (name, fn) => {
  process.stdout.write(`- ${name} … `);
  await fn();
  await page.screenshot({ path: `smoke-output/${name.replace(/\W+/g, '-')}.png`, fullPage: true });
  console.log('ok');
};

try {
  await page.goto(`${base}/demo/`);
  await login.getByRole('heading', { name: 'Sign in' }).waitFor({ timeout: 20_000 });

  await step('unknown email gets a clear message', async () => {
    await login.getByRole('button', { name: /Create an account/ }).click();
    await login.getByLabel('Email').fill('not.on.file@example.com');
    await login.getByRole('button', { name: 'Continue' }).click();
    await login.getByRole('alert').filter({ hasText: 'We don’t have that email on file' }).waitFor();
  });

  await step('sign up with the email in another case and trailing spaces', async () => {
    await login.getByLabel('Email').fill('MARCUS.Reyes@Example.com   ');
    await login.getByRole('button', { name: 'Continue' }).click();
    await login.locator('input[name="new-password"]').fill('a quiet house on birch court');
    await login.getByRole('button', { name: 'Create account' }).click();
    await login.getByText('Signed in as').waitFor({ timeout: 20_000 });
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
    const officeAlerts = await office.locator('office-app').getByRole('alert').count();
    if (officeAlerts > 0) throw new Error('the office page shows an error');
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
    if (!/^Northwind-statement-\d{4}-\d{2}-\d{2}\.pdf$/.test(file.suggestedFilename())) {
      throw new Error(`unexpected file name ${file.suggestedFilename()}`);
    }
    const bytes = readFileSync(await file.path());
    if (bytes.subarray(0, 5).toString() !== '%PDF-') throw new Error('the statement is not a PDF');
  });

  const unexpected = errors.filter((e) => !/Failed to load resource: the server responded with a status of (401|404|409|422|423)/.test(e));
  if (unexpected.length) {
    console.error('Errors in the page console:\n' + unexpected.join('\n'));
    process.exitCode = 1;
  } else {
    console.log('Demo smoke test passed.');
  }
} catch (error) {
  console.error('\nDemo smoke test failed:', error);
  await page.screenshot({ path: 'smoke-output/failure.png', fullPage: true }).catch(() => {});
  process.exitCode = 1;
} finally {
  await browser.close();
  server?.kill();
}
process.exit(process.exitCode ?? 0);
