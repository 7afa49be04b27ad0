/**
 * The PDFs' Unicode font could not be loaded (the demo's page lost its connection to the font files):
 * the invoice still downloads, drawn in the standard fonts with "?" where they cannot draw, and the next
 * PDF tries the font again rather than keeping the failure. Browser only (the in-page backend fetches
 * the font files; MSW stands in for a dropped connection), in a file of its own so no earlier test has
 * loaded the fonts first.
 */
import { expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { SEEDED_PASSWORDS } from '../backend/index.js';
import { backend, backendFetch, signInAs, startTestBackend, useHandlers } from './helpers/backend.js';
import { DANA } from './helpers/people.js';
import { readPdf } from './helpers/pdf-text.js';

async function invoicePdf(auth: Record<string, string>) {
  const response = await backendFetch('/api/customers/cust-1001/invoices/inv-10412/pdf', { headers: auth });
  expect(response.status).to.equal(200);
  return readPdf(new Uint8Array(await response.arrayBuffer()));
}

describe('PDFs when their Unicode font cannot be loaded', function () {
  this.timeout(60_000);

  it('still downloads in the standard fonts, and tries the font again for the next one', async () => {
    await startTestBackend();
    const auth = { Authorization: `Bearer ${await signInAs(DANA, SEEDED_PASSWORDS[DANA]!)}` };
    await backend.database.db.updateTable('customers').set({ name: 'Łucja Nguyễn' }).where('id', '=', 'cust-1001').execute();
    const warn = console.warn;
    const warnings: unknown[][] = [];
    console.warn = (...args: unknown[]) => void warnings.push(args);
    try {
      useHandlers(http.get(/DejaVuSans(-Bold)?(-\w+)?\.ttf$/, () => HttpResponse.error()));
      const offline = await invoicePdf(auth);
      expect(offline.text).to.contain('?ucja Nguy?n');
      expect(offline.fonts).to.deep.equal(['Helvetica', 'Helvetica-Bold']);
      expect(warnings.some((args) => String(args[0]).includes('could not be loaded'))).to.equal(true);
    } finally {
      console.warn = warn;
    }
    // The connection is back (the test's handler goes; the backend's stay).
    await startTestBackend();
    const again = { Authorization: `Bearer ${await signInAs(DANA, SEEDED_PASSWORDS[DANA]!)}` };
    await backend.database.db.updateTable('customers').set({ name: 'Łucja Nguyễn' }).where('id', '=', 'cust-1001').execute();
    const online = await invoicePdf(again);
    expect(online.text).to.contain('Łucja Nguyễn');
    expect(online.embedsFont).to.equal(true);
  });
});
