/**
 * Messages in the customer's language (rules/languages.ts): the page's for what the customer does
 * (sent as Accept-Language), the customer's for what the office sends later, and the office's Spanish
 * templates (`translations` of GET/PUT /office/templates), on every engine.
 */
import { expect } from 'chai';
import { sql } from 'kysely';
import { DEMO_OFFICE_KEY, OFFICE_KEY_HEADER, SEEDED_PASSWORDS } from '../backend/index.js';
import { TEST_CARDS } from '../backend/rules/card-processor.js';
import { customerLanguage, keepPageLanguage, namedLanguage } from '../backend/rules/languages.js';
import { defaultTemplates } from '../backend/rules/messages.js';
import { spanishTemplates } from '../backend/rules/messages-es.js';
import { changeSettings, SAM, SAM_PASSWORD } from './helpers/account.js';
import { api, backend, clock, httpAdapter, lastMailTo, ORIGIN, startTestBackend } from './helpers/backend.js';
import { DANA, MARCUS, PRIYA } from './helpers/people.js';

const office = { [OFFICE_KEY_HEADER]: DEMO_OFFICE_KEY };
const spanishPage = { 'Accept-Language': 'es-US' };
/** Tuesday, November 17, 2026, 2 p.m. in Chicago: the scheduler's example days are open. */
const SCHEDULING_NOW = Date.parse('2026-11-17T20:00:00Z');

/** The language the office's messages to this customer go in. */
const customerLanguageOf = (customerId: string) => customerLanguage(backend.database.db, customerId);

async function sendPayLink(invoiceId: string, to = DANA) {
  const sent = await api('POST', '/office/links', { headers: office, body: { purpose: 'pay', documentId: invoiceId, pageUrl: `${ORIGIN}/pay` } });
  expect(sent.status, JSON.stringify(sent.body)).to.equal(201);
  return lastMailTo(to);
}

const signIn = (headers: Record<string, string>) => api('POST', '/auth/sign-in', { headers, body: { email: DANA, password: SEEDED_PASSWORDS[DANA] } });

describe('reference backend: messages in the customer’s language', () => {
  beforeEach(async () => {
    await startTestBackend();
  });

  it('reads the page’s language from Accept-Language by its weights; none when it names neither', () => {
    expect(namedLanguage('es-MX')).to.equal('es');
    expect(namedLanguage('fr-CA, es;q=0.8, en;q=0.5')).to.equal('es');
    expect(namedLanguage('en;q=0.4, es;q=0.9')).to.equal('es');
    expect(namedLanguage('es;q=0, en')).to.equal('en');
    expect(namedLanguage('fr-FR, de')).to.equal(null);
    expect(namedLanguage('*')).to.equal(null);
    expect(namedLanguage(null)).to.equal(null);
    expect(namedLanguage(';;,q=2,ES')).to.equal('es');
  });

  it('sends a reset link in the language of the page that asked for it', async () => {
    const ask = (headers: Record<string, string>) => api('POST', '/auth/password-reset', { headers, body: { email: DANA, resetUrl: `${ORIGIN}/` } });
    expect((await ask(spanishPage)).status).to.equal(202);
    const spanish = await lastMailTo(DANA);
    expect(spanish?.subject).to.equal('Restablezca su contraseña del portal de Northwind Heating & Air');
    expect(spanish?.body).to.contain('30 minutos');
    expect((await ask({})).status).to.equal(202);
    expect((await lastMailTo(DANA))?.subject).to.equal('Reset your Northwind Heating & Air portal password');
  });

  it('signs up from a Spanish page: the confirmation in Spanish, and the office’s later messages too', async () => {
    const adapter = httpAdapter();
    const sent = await adapter.signUp({ email: MARCUS, password: SAM_PASSWORD, verifyUrl: `${ORIGIN}/` }, { language: 'es-US' });
    expect(sent).to.deep.include({ verificationSent: true });
    const confirmation = await lastMailTo(MARCUS);
    expect(confirmation?.subject).to.equal('Confirme su cuenta del portal de Northwind Heating & Air');
    // Learned once the account is confirmed from that page: Marcus's own customer reads Spanish.
    expect(await customerLanguageOf('cust-1002')).to.equal('en');
    const token = new URL(confirmation!.link!).hash.split(/[=&]/)[1]!;
    await adapter.verifyEmail(token, SAM_PASSWORD, { language: 'es-US' });
    expect(await customerLanguageOf('cust-1002')).to.equal('es');
  });

  it('learns nothing from a contact of one location: a site superintendent’s Spanish is not the bill payer’s', async () => {
    const adapter = httpAdapter();
    await adapter.signUp({ email: SAM, password: SAM_PASSWORD, verifyUrl: `${ORIGIN}/` }, { language: 'es-US' });
    const confirmation = await lastMailTo(SAM);
    // His own email is in his page's language…
    expect(confirmation?.subject).to.equal('Confirme su cuenta del portal de Northwind Heating & Air');
    await adapter.verifyEmail(new URL(confirmation!.link!).hash.split(/[=&]/)[1]!, SAM_PASSWORD, { language: 'es-US' });
    // …but Harbor Point's invoices still go to Priya in English.
    expect(await customerLanguageOf('cust-1003')).to.equal('en');
    expect((await sendPayLink('inv-10606', PRIYA))?.subject).to.equal('Invoice 10606 from Northwind Heating & Air');
  });

  it('writes the office’s messages in the language the customer last used the portal in', async () => {
    expect(await customerLanguageOf('cust-1001')).to.equal('en');
    expect((await sendPayLink('inv-10412'))?.subject).to.equal('Invoice 10412 from Northwind Heating & Air');

    expect((await signIn(spanishPage)).status).to.equal(200);
    expect(await customerLanguageOf('cust-1001')).to.equal('es');
    const spanish = await sendPayLink('inv-10412');
    expect(spanish?.subject).to.equal('Factura 10412 de Northwind Heating & Air');
    expect(spanish?.body.startsWith('Hola Dana:'), spanish?.body).to.equal(true);
    expect(spanish?.body).to.contain(`${ORIGIN}/pay?invoice=inv-10412#porchlight-link=`);

    // A client that names no language of ours (or none) teaches nothing.
    expect((await signIn({})).status).to.equal(200);
    expect((await signIn({ 'Accept-Language': 'fr-CA' })).status).to.equal(200);
    expect(await customerLanguageOf('cust-1001')).to.equal('es');
    // Back on an English page: English again.
    expect((await signIn({ 'Accept-Language': 'en-US,en;q=0.9' })).status).to.equal(200);
    expect((await sendPayLink('inv-10412'))?.subject).to.equal('Invoice 10412 from Northwind Heating & Air');
  });

  it('writes a receipt in the language of the page the customer paid on, amounts included', async () => {
    const signedIn = await api('POST', '/auth/sign-in', { headers: spanishPage, body: { email: DANA, password: SEEDED_PASSWORDS[DANA] } });
    const expYear = new Date().getUTCFullYear() + 3;
    const paid = await api('POST', '/customers/cust-1001/payments', {
      token: signedIn.body.token,
      headers: { ...spanishPage, 'Idempotency-Key': 'language-receipt-1' },
      body: { applications: [{ invoiceId: 'inv-10412', amount: 12345 }], card: { number: TEST_CARDS.visa, expMonth: 12, expYear, cvc: '123', postalCode: '62704' } },
    });
    expect(paid.status, JSON.stringify(paid.body)).to.equal(201);
    const receipt = await lastMailTo(DANA);
    expect(receipt?.subject).to.equal(`Su recibo de pago de Northwind Heating & Air (${paid.body.receiptNumber})`);
    expect(receipt?.body).to.contain(`Recibo ${paid.body.receiptNumber}: $123.45`);
    expect(receipt?.body).to.contain('Factura 10412: $123.45');
  });

  it('answers a payment by link in its page’s language, and learns nothing from it (anyone may hold a link)', async () => {
    const sent = await api('POST', '/office/links', { headers: office, body: { purpose: 'pay', documentId: 'inv-10412', pageUrl: `${ORIGIN}/pay` } });
    const token = new URL(sent.body.url).hash.replace('#porchlight-link=', '');
    const expYear = new Date().getUTCFullYear() + 3;
    const paid = await api('POST', '/links/invoices/inv-10412/payments', {
      headers: { ...spanishPage, 'X-Porchlight-Link': token, 'Idempotency-Key': 'language-link-1' },
      body: { applications: [{ invoiceId: 'inv-10412', amount: 1000 }], card: { number: TEST_CARDS.visa, expMonth: 12, expYear, cvc: '123', postalCode: '62704' } },
    });
    expect(paid.status, JSON.stringify(paid.body)).to.equal(201);
    const receipt = await lastMailTo(DANA);
    expect(receipt?.body).to.contain('Factura 10412: $10.00');
    expect(await customerLanguageOf('cust-1001')).to.equal('en');
  });

  it('names the Spanish portal page a link was sent with in the receipt of a payment made through it from a Spanish page', async () => {
    const sent = await api('POST', '/office/links', {
      headers: office,
      body: { purpose: 'pay', documentId: 'inv-10412', pageUrl: `${ORIGIN}/pay`, portalUrl: `${ORIGIN}/`, translations: { es: { pageUrl: `${ORIGIN}/es/pagar`, portalUrl: `${ORIGIN}/es/` } } },
    });
    const token = new URL(sent.body.url).hash.replace('#porchlight-link=', '');
    const expYear = new Date().getUTCFullYear() + 3;
    const pay = (headers: Record<string, string>, key: string) =>
      api('POST', '/links/invoices/inv-10412/payments', {
        headers: { ...headers, 'X-Porchlight-Link': token, 'Idempotency-Key': key },
        body: { applications: [{ invoiceId: 'inv-10412', amount: 1000 }], card: { number: TEST_CARDS.visa, expMonth: 12, expYear, cvc: '123', postalCode: '62704' } },
      });
    expect((await pay(spanishPage, 'language-portal-1')).status).to.equal(201);
    expect((await lastMailTo(DANA))?.body).to.contain(`su portal de clientes:\n${ORIGIN}/es/`);
    expect((await pay({ 'Accept-Language': 'en-US' }, 'language-portal-2')).status).to.equal(201);
    expect((await lastMailTo(DANA))?.body).to.contain(`your customer portal:\n${ORIGIN}/\n`);
  });

  it('answers a Spanish request in Spanish (the service’s Spanish name, Spanish dates), and books it in Spanish', async () => {
    clock.offsetMs = SCHEDULING_NOW - Date.now();
    const request = {
      address: { street: '12 Elm St', city: 'Springfield', state: 'IL', zip: '62704' },
      contact: { name: 'Lucía Moreno', email: 'lucia@example.com', consentToContact: true, consentToTexts: false },
      serviceId: 'svc-heating',
      description: 'La calefacción no enciende.',
      preferredDays: [{ date: '2026-11-18', windowId: 'morning' }],
      photos: [],
      website: '',
    };
    const sent = await api('POST', '/scheduling/requests', { headers: { ...spanishPage, 'Idempotency-Key': 'language-request-1' }, body: request });
    expect(sent.status, JSON.stringify(sent.body)).to.equal(201);
    const received = await lastMailTo('lucia@example.com');
    expect(received?.subject).to.equal(`Recibimos su solicitud ${sent.body.reference} — aún no está programada`);
    expect(received?.body).to.contain('Gracias por su solicitud de Reparación de calefacción.');
    expect(received?.body).to.contain('miércoles, 18 de noviembre de 2026');
    // The office sees which language to call back in.
    const queue = await api('GET', '/office/booking-requests?status=PendingReview', { headers: office });
    expect(queue.body.items.map((r: { language: string }) => r.language)).to.deep.equal(['es']);

    const booked = await api('POST', `/office/booking-requests/${sent.body.id}/book`, { headers: office, body: { date: '2026-11-18', windowId: 'morning' } });
    expect(booked.status, JSON.stringify(booked.body)).to.equal(200);
    const confirmation = await lastMailTo('lucia@example.com');
    expect(confirmation?.subject).to.equal('Su visita está programada: miércoles, 18 de noviembre de 2026');
    expect(confirmation?.body).to.contain('Su visita de Reparación de calefacción está programada');
    // The customer the booking made reads Spanish: the visit's link goes in Spanish too.
    expect(await customerLanguageOf(booked.body.request.customerId)).to.equal('es');
    const link = await api('POST', '/office/links', { headers: office, body: { purpose: 'visit', documentId: booked.body.job.appointments[0].id, pageUrl: `${ORIGIN}/visit` } });
    expect(link.status, JSON.stringify(link.body)).to.equal(201);
    expect((await lastMailTo('lucia@example.com'))?.subject).to.equal('Su visita del miércoles, 18 de noviembre de 2026 con Northwind Heating & Air');
  });

  it('takes a customer’s language from the records import; an import without it keeps the one on file', async () => {
    const customer = (language?: string | null) => ({
      id: 'C-77',
      name: 'Rosa Delgado',
      type: 'Residential',
      address: { street: '40 Oak Ave', city: 'Springfield', state: 'IL', zip: '62704', country: 'US' },
      contacts: [{ id: 'C-77-E1', type: 'Email', value: 'rosa@example.com' }],
      locations: [],
      ...(language === undefined ? {} : { language }),
    });
    const importing = (record: unknown) => api('POST', '/office/import', { headers: office, body: { customers: [record] } });
    expect((await importing(customer('es'))).status).to.equal(200);
    expect(await customerLanguageOf('C-77')).to.equal('es');
    const without = await importing(customer());
    expect([without.status, without.body.imported.customers]).to.deep.equal([200, { created: 0, updated: 0, unchanged: 1 }]);
    expect(await customerLanguageOf('C-77')).to.equal('es');
    // The file's language wins over the pages' …
    await keepPageLanguage(backend.database.db, ['C-77'], 'en', new Date());
    expect(await customerLanguageOf('C-77')).to.equal('es');
    // … until the file drops it (null): then the page's decides.
    expect((await importing(customer(null))).body.imported.customers).to.deep.equal({ created: 0, updated: 1, unchanged: 0 });
    expect(await customerLanguageOf('C-77')).to.equal('en');
    await keepPageLanguage(backend.database.db, ['C-77'], 'es', new Date());
    expect(await customerLanguageOf('C-77')).to.equal('es');
    const wrong = await importing(customer('fr'));
    expect([wrong.status, wrong.body.error.details.problems[0]]).to.deep.equal([400, 'customers[0].language: must be one of en, es; not text ("fr")']);
  });

  it('on PostgreSQL, pays and signs in while an import holds the customer’s row, and learns the language all the same', async function () {
    if (typeof document !== 'undefined' || backend.database.dialect !== 'postgres') this.skip();
    const { openSecondConnection } = await import('./helpers/node-database.js');
    const other = openSecondConnection()!;
    try {
      // What an import does to a customer it rewrites: the row is held until the import commits.
      const holder = await other.db.startTransaction().execute();
      await holder.updateTable('customers').set({ name: 'Dana Whitfield' }).where('id', '=', 'cust-1001').execute();
      try {
        const signedIn = await signIn(spanishPage);
        expect(signedIn.status, JSON.stringify(signedIn.body)).to.equal(200);
        const expYear = new Date().getUTCFullYear() + 3;
        const paid = await api('POST', '/customers/cust-1001/payments', {
          token: signedIn.body.token,
          headers: { ...spanishPage, 'Idempotency-Key': 'language-held-row-1' },
          body: { applications: [{ invoiceId: 'inv-10412', amount: 1000 }], card: { number: TEST_CARDS.visa, expMonth: 12, expYear, cvc: '123', postalCode: '62704' } },
        });
        expect(paid.status, JSON.stringify(paid.body)).to.equal(201);
      } finally {
        await holder.rollback().execute();
      }
      expect(await customerLanguageOf('cust-1001')).to.equal('es');
    } finally {
      await other.close();
    }
  });

  it('approves an estimate in the page’s language, and a signed-in approval teaches it; a link’s does not', async () => {
    // By link, from a Spanish page: the record of it in Spanish, the language not learned.
    const sent = await api('POST', '/office/links', { headers: office, body: { purpose: 'estimate', documentId: 'est-2001', pageUrl: `${ORIGIN}/estimate` } });
    const linkToken = new URL(sent.body.url).hash.replace('#porchlight-link=', '');
    const shown = (await api('GET', '/links/estimates/est-2001', { headers: { 'X-Porchlight-Link': linkToken } })).body.estimate;
    const option = shown.options.find((o: { id: string }) => o.id === 'opt-better');
    const consents = shown.consents.map((c: { id: string; version: string }) => ({ id: c.id, version: c.version }));
    const approval = { optionId: option.id, signerName: 'Dana Whitfield', version: shown.version, contentSha256: option.contentSha256, consents };
    const approved = await api('POST', '/links/estimates/est-2001/approve', { headers: { ...spanishPage, 'X-Porchlight-Link': linkToken }, body: approval });
    expect(approved.status, JSON.stringify(approved.body)).to.equal(200);
    const record = await lastMailTo(DANA);
    expect(record?.subject).to.equal(`Usted aprobó el presupuesto ${shown.number} de Northwind Heating & Air`);
    // The option as the Spanish page named it (the office's Spanish words for it).
    expect(record?.body).to.match(/Mejor, \$[\d,]+\.\d\d, firmado por Dana Whitfield/);
    expect(await customerLanguageOf('cust-1001')).to.equal('en');
    // The consents as the signer was shown them: in Spanish.
    const signature = await backend.database.db.selectFrom('estimate_signatures').select('consents').executeTakeFirstOrThrow();
    expect((JSON.parse(signature.consents) as { text: string }[]).map((c) => c.text)).to.deep.equal([
      'He leído y acepto los términos anteriores.',
      'Acepto firmar este presupuesto electrónicamente; mi nombre escrito es mi firma.',
    ]);
  });

  it('learns from a signed-in request, not from an anonymous one', async () => {
    clock.offsetMs = SCHEDULING_NOW - Date.now();
    const token = (await signIn({})).body.token as string;
    expect(await customerLanguageOf('cust-1001')).to.equal('en');
    const request = { customerId: 'cust-1001', locationId: 'loc-1', serviceId: 'svc-heating', description: 'No hay calefacción.', preferredDays: [{ date: '2026-11-18', windowId: 'morning' }], photos: [] };
    const sent = await api('POST', '/scheduling/requests', { token, headers: { ...spanishPage, 'Idempotency-Key': 'language-signed-in-request' }, body: request });
    expect(sent.status, JSON.stringify(sent.body)).to.equal(201);
    expect(await customerLanguageOf('cust-1001')).to.equal('es');
  });

  it('does the customer’s action all the same when the language cannot be kept, and tells the log', async () => {
    const logged: string[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void logged.push(args.map(String).join(' '));
    await sql`alter table customer_page_languages rename to customer_page_languages_away`.execute(backend.database.db);
    try {
      expect((await signIn(spanishPage)).status).to.equal(200);
    } finally {
      await sql`alter table customer_page_languages_away rename to customer_page_languages`.execute(backend.database.db);
      console.error = original;
    }
    expect(logged.filter((line) => line.startsWith('[reference backend]') && line.includes('customer_page_languages')), logged.join('\n')).to.have.length(1);
    expect(await customerLanguageOf('cust-1001')).to.equal('en');
  });

  it('sends a Spanish customer the office’s Spanish pages, when it names them, and anyone else the main ones', async () => {
    const send = (body: Record<string, unknown>) => api('POST', '/office/links', { headers: office, body: { purpose: 'pay', documentId: 'inv-10412', ...body } });
    const pages = { pageUrl: `${ORIGIN}/pay`, portalUrl: `${ORIGIN}/`, translations: { es: { pageUrl: `${ORIGIN}/es/pagar`, portalUrl: `${ORIGIN}/es/` } } };
    const english = await send(pages);
    expect(english.status, JSON.stringify(english.body)).to.equal(201);
    expect(english.body.url).to.match(new RegExp(`^${ORIGIN}/pay\\?invoice=inv-10412#`));
    expect((await signIn(spanishPage)).status).to.equal(200);
    const spanish = await send(pages);
    expect(spanish.body.url).to.match(new RegExp(`^${ORIGIN}/es/pagar\\?invoice=inv-10412#`));
    const mail = await lastMailTo(DANA);
    expect(mail?.body).to.contain(`${ORIGIN}/es/pagar?invoice=inv-10412#porchlight-link=`);
    expect(mail?.body).to.contain(`su portal de clientes:\n${ORIGIN}/es/`);
    // Only the page named in Spanish: the portal stays the main one.
    const half = await send({ ...pages, translations: { es: { pageUrl: `${ORIGIN}/es/pagar` } } });
    expect(half.status).to.equal(201);
    expect((await lastMailTo(DANA))?.body).to.contain(`su portal de clientes:\n${ORIGIN}/\n`);
    // Refused by path: another language, another field, a page off the site.
    const refused = async (translations: unknown) => {
      const answer = await send({ ...pages, translations });
      expect(answer.status, JSON.stringify(answer.body)).to.equal(400);
      return answer.body.error.details.field;
    };
    expect(await refused({ fr: { pageUrl: `${ORIGIN}/fr` } })).to.equal('translations.fr');
    expect(await refused({ es: { page: `${ORIGIN}/es` } })).to.equal('translations.es.page');
    expect(await refused({ es: { pageUrl: 'https://elsewhere.example/es' } })).to.equal('translations.es.pageUrl');
    expect(await refused({ es: { pageUrl: 42 } })).to.equal('translations.es.pageUrl');
  });

  it('resends an expired link in the customer’s language of the moment, with that language’s pages', async () => {
    const setLanguage = (language: string) => api('PUT', '/office/customers/cust-1001/language', { headers: office, body: { language } });
    await setLanguage('es');
    const sent = await api('POST', '/office/links', {
      headers: office,
      body: { purpose: 'pay', documentId: 'inv-10412', pageUrl: `${ORIGIN}/pay`, portalUrl: `${ORIGIN}/`, translations: { es: { pageUrl: `${ORIGIN}/es/pagar`, portalUrl: `${ORIGIN}/es/` } } },
    });
    const token = new URL(sent.body.url).hash.replace('#porchlight-link=', '');
    clock.advance(366 * 86_400_000);
    await setLanguage('en');
    expect((await api('POST', '/links/resend', { body: { token } })).status).to.equal(202);
    const english = await lastMailTo(DANA);
    expect(english?.subject).to.equal('Invoice 10412 from Northwind Heating & Air');
    expect(english?.body).to.contain(`${ORIGIN}/pay?invoice=inv-10412#porchlight-link=`);
    expect(english?.body).not.to.contain('/es/');

    const fresh = /#porchlight-link=([\w-]+)/.exec(english!.body)![1]!;
    clock.advance(366 * 86_400_000);
    await setLanguage('es');
    expect((await api('POST', '/links/resend', { body: { token: fresh } })).status).to.equal(202);
    const spanish = await lastMailTo(DANA);
    expect(spanish?.body).to.contain(`${ORIGIN}/es/pagar?invoice=inv-10412#porchlight-link=`);
    expect(spanish?.body).to.contain(`su portal de clientes:\n${ORIGIN}/es/`);
  });

  it('invites a Spanish customer to the Spanish portal page', async () => {
    await keepPageLanguage(backend.database.db, ['cust-1002'], 'es', new Date());
    const invited = await api('POST', '/office/invitations', {
      headers: office,
      body: { email: MARCUS, portalUrl: `${ORIGIN}/`, translations: { es: { portalUrl: `${ORIGIN}/es/` } } },
    });
    expect(invited.status, JSON.stringify(invited.body)).to.equal(201);
    expect(invited.body.subject).to.equal('Su portal de clientes de Northwind Heating & Air');
    expect(invited.body.link).to.equal(`${ORIGIN}/es/#porchlight-sign-up=${encodeURIComponent(MARCUS)}`);
  });

  it('shows the office each customer’s language and where it comes from, and lets it set one by hand', async () => {
    const dana = async () => ((await api('GET', '/office/customers', { headers: office })).body as Record<string, unknown>[]).find((c) => c.id === 'cust-1001')!;
    expect(await dana()).to.deep.include({ language: 'en', languageOnFile: null, pageLanguage: null });
    expect((await signIn(spanishPage)).status).to.equal(200);
    expect(await dana()).to.deep.include({ language: 'es', languageOnFile: null, pageLanguage: 'es' });
    // The office's record wins over the pages, until it is dropped (null).
    const set = (language: unknown, id = 'cust-1001') => api('PUT', `/office/customers/${id}/language`, { headers: office, body: { language } });
    const english = await set('en');
    expect([english.status, english.body]).to.deep.equal([200, { id: 'cust-1001', language: 'en', languageOnFile: 'en', pageLanguage: 'es' }]);
    expect((await sendPayLink('inv-10412'))?.subject).to.equal('Invoice 10412 from Northwind Heating & Air');
    expect((await set(null)).body).to.deep.include({ language: 'es', languageOnFile: null });
    // Refused by name; nobody else’s record changes.
    const wrong = await set('fr');
    expect([wrong.status, wrong.body.error.details.field]).to.deep.equal([400, 'language']);
    const stray = await api('PUT', '/office/customers/cust-1001/language', { headers: office, body: { language: 'es', lang: 'es' } });
    expect([stray.status, stray.body.error.details.field]).to.deep.equal([400, 'lang']);
    const nobody = await set('es', 'cust-nobody');
    expect([nobody.status, nobody.body.error.code]).to.deep.equal([404, 'NOT_FOUND']);
    expect((await api('PUT', '/office/customers/cust-1001/language', { body: { language: 'es' } })).status).to.equal(403);
  });

  describe('the portal page in the settings (portalUrl)', () => {
    const pages = { portalUrl: `${ORIGIN}/account#top`, translations: { es: { visitsMessage: 'Hola', portalUrl: `${ORIGIN}/es/cuenta` } } };
    const readSettings = async () => (await api('GET', '/office/settings', { headers: office })).body;
    const save = async (change: Record<string, unknown>) => api('PUT', '/office/settings', { headers: office, body: { ...(await readSettings()), ...change } });

    it('is saved without its fragment, checked against the site, and kept from visitors', async () => {
      expect((await readSettings()).portalUrl).to.equal('');
      const saved = await save(pages);
      expect(saved.status, JSON.stringify(saved.body)).to.equal(200);
      expect(saved.body).to.deep.include({ portalUrl: `${ORIGIN}/account` });
      expect(saved.body.translations).to.deep.equal({ es: { visitsMessage: 'Hola', portalUrl: `${ORIGIN}/es/cuenta` } });
      // A visitor's page reads the Spanish visits message, not the office's pages.
      expect((await api('GET', '/settings')).body.translations).to.deep.equal({ es: { visitsMessage: 'Hola' } });
      const refused = async (change: Record<string, unknown>) => {
        const answer = await save(change);
        expect(answer.status, JSON.stringify(answer.body)).to.equal(400);
        return answer.body.error.details.field;
      };
      expect(await refused({ portalUrl: 'https://elsewhere.example/account' })).to.equal('portalUrl');
      expect(await refused({ portalUrl: 'not an address' })).to.equal('portalUrl');
      expect(await refused({ translations: { es: { portalUrl: 'javascript:alert(1)' } } })).to.equal('translations.es.portalUrl');
      expect(await refused({ translations: { fr: { portalUrl: `${ORIGIN}/fr` } } })).to.equal('translations.fr');
      // Nothing changed by a refusal; a blank page is none.
      expect((await readSettings()).portalUrl).to.equal(`${ORIGIN}/account`);
      expect((await save({ portalUrl: '  ' })).body.portalUrl).to.equal('');
    });

    it('keeps the Spanish page through a save without translations while the main page is unchanged', async () => {
      await save(pages);
      const withoutTranslations = await readSettings();
      delete withoutTranslations.translations;
      const unchanged = await api('PUT', '/office/settings', { headers: office, body: withoutTranslations });
      expect(unchanged.body.translations.es).to.deep.equal({ visitsMessage: 'Hola', portalUrl: `${ORIGIN}/es/cuenta` });
      const moved = await api('PUT', '/office/settings', { headers: office, body: { ...withoutTranslations, portalUrl: `${ORIGIN}/portal` } });
      expect(moved.body.translations.es).to.deep.equal({ visitsMessage: 'Hola' });
    });

    it('keeps both pages through a save from a tool that knows neither the page nor translations', async () => {
      await save(pages);
      const older = await readSettings();
      delete older.portalUrl;
      delete older.translations;
      const saved = await api('PUT', '/office/settings', { headers: office, body: older });
      expect(saved.status, JSON.stringify(saved.body)).to.equal(200);
      expect(saved.body.portalUrl).to.equal(`${ORIGIN}/account`);
      expect(saved.body.translations.es.portalUrl).to.equal(`${ORIGIN}/es/cuenta`);
    });

    it('keeps both pages through a save from a tool that knows translations but not the page, and drops a page the site moved away from', async () => {
      await save(pages);
      const older = await readSettings();
      delete older.portalUrl;
      older.translations = { es: { visitsMessage: 'Hola de nuevo' } };
      const saved = await api('PUT', '/office/settings', { headers: office, body: older });
      expect(saved.status, JSON.stringify(saved.body)).to.equal(200);
      expect(saved.body.portalUrl).to.equal(`${ORIGIN}/account`);
      expect(saved.body.translations.es).to.deep.equal({ visitsMessage: 'Hola de nuevo', portalUrl: `${ORIGIN}/es/cuenta` });
      // A page on the hostname, then a save (from the same tool) that moves the hostname: the page goes.
      await save({ portalUrl: 'https://www.northwindair.example/account' });
      const moved = await readSettings();
      delete moved.portalUrl;
      delete moved.translations;
      const answer = await api('PUT', '/office/settings', { headers: office, body: { ...moved, hostname: 'www.northwind.example' } });
      expect(answer.status, JSON.stringify(answer.body)).to.equal(200);
      expect(answer.body.portalUrl).to.equal('');
      // The Spanish page goes with the main one it went with, though it is still on the site.
      expect(answer.body.translations.es?.portalUrl).to.equal(undefined);
    });

    it('refuses a page with a user name or password in it, as every page it sends customers to', async () => {
      const answer = await save({ portalUrl: `${ORIGIN.replace('://', '://someone:secret@')}/account` });
      expect([answer.status, answer.body.error.details.field]).to.deep.equal([400, 'portalUrl']);
      const link = await api('POST', '/office/links', {
        headers: office,
        body: { purpose: 'pay', documentId: 'inv-10412', pageUrl: `${ORIGIN.replace('://', '://someone@')}/pay` },
      });
      expect([link.status, link.body.error.details.field]).to.deep.equal([400, 'pageUrl']);
    });

    it('is where messages send the customer, in the message’s language', async () => {
      await save(pages);
      const expYear = new Date().getUTCFullYear() + 3;
      const pay = async (headers: Record<string, string>, key: string) => {
        const signedIn = await signIn(headers);
        const paid = await api('POST', '/customers/cust-1001/payments', {
          token: signedIn.body.token,
          headers: { ...headers, 'Idempotency-Key': key },
          body: { applications: [{ invoiceId: 'inv-10412', amount: 1000 }], card: { number: TEST_CARDS.visa, expMonth: 12, expYear, cvc: '123', postalCode: '62704' } },
        });
        expect(paid.status, JSON.stringify(paid.body)).to.equal(201);
        return (await lastMailTo(DANA))?.body;
      };
      expect(await pay(spanishPage, 'portal-page-1')).to.contain(`su portal de clientes:
${ORIGIN}/es/cuenta`);
      expect(await pay({ 'Accept-Language': 'en-US' }, 'portal-page-2')).to.contain(`your customer portal:
${ORIGIN}/account
`);
    });

    it('is where a link sent without pages opens, in the customer’s language; pages named win', async () => {
      await save(pages);
      const send = (body: Record<string, unknown> = {}) => api('POST', '/office/links', { headers: office, body: { purpose: 'pay', documentId: 'inv-10412', ...body } });
      const english = await send();
      expect(english.status, JSON.stringify(english.body)).to.equal(201);
      expect(english.body.url).to.match(new RegExp(`^${ORIGIN}/account\\?invoice=inv-10412#`));
      expect((await lastMailTo(DANA))?.body).to.contain(`your customer portal:
${ORIGIN}/account
`);
      await api('PUT', '/office/customers/cust-1001/language', { headers: office, body: { language: 'es' } });
      const spanish = await send();
      expect(spanish.body.url).to.match(new RegExp(`^${ORIGIN}/es/cuenta\\?invoice=inv-10412#`));
      expect((await lastMailTo(DANA))?.body).to.contain(`su portal de clientes:
${ORIGIN}/es/cuenta
`);
      // A pay page named for this link is kept in Spanish too; the portal link is still the Spanish one.
      const named = await send({ pageUrl: `${ORIGIN}/pay` });
      expect(named.body.url).to.match(new RegExp(`^${ORIGIN}/pay\\?invoice=inv-10412#`));
      expect((await lastMailTo(DANA))?.body).to.contain(`su portal de clientes:
${ORIGIN}/es/cuenta
`);
    });

    it('is where a fresh link for an expired one opens for a Spanish customer, when the old one named no Spanish page', async () => {
      await save({ portalUrl: `${ORIGIN}/account` });
      const sent = await api('POST', '/office/links', { headers: office, body: { purpose: 'pay', documentId: 'inv-10412' } });
      expect(sent.body.url).to.match(new RegExp(`^${ORIGIN}/account\\?invoice=`));
      const token = new URL(sent.body.url).hash.replace('#porchlight-link=', '');
      // The office saves its Spanish portal page, and learns the customer reads Spanish, after the link went out.
      await save(pages);
      await api('PUT', '/office/customers/cust-1001/language', { headers: office, body: { language: 'es' } });
      clock.advance(366 * 86_400_000);
      expect((await api('POST', '/links/resend', { body: { token } })).status).to.equal(202);
      const fresh = await lastMailTo(DANA);
      expect(fresh?.body).to.contain(`${ORIGIN}/es/cuenta?invoice=inv-10412#porchlight-link=`);
      expect(fresh?.body).to.contain(`su portal de clientes:\n${ORIGIN}/es/cuenta\n`);
    });

    it('is where a fresh link opens for what the office did not name when it sent the old one, as saved now; what it named stays', async () => {
      const setLanguage = (language: string) => api('PUT', '/office/customers/cust-1001/language', { headers: office, body: { language } });
      const expire = () => clock.advance(366 * 86_400_000);
      const resendFrom = async (url: string) => {
        expect((await api('POST', '/links/resend', { body: { token: new URL(url).hash.replace('#porchlight-link=', '') } })).status).to.equal(202);
        return (await lastMailTo(DANA))!.body;
      };
      // Sent with no page before any portal page was saved: the site's main page, then.
      const early = await api('POST', '/office/links', { headers: office, body: { purpose: 'pay', documentId: 'inv-10412' } });
      expect(early.body.url).to.match(/^https:\/\/www\.northwindair\.example\/\?invoice=/);
      await save(pages);
      await setLanguage('es');
      expire();
      const fresh = await resendFrom(early.body.url);
      expect(fresh).to.contain(`${ORIGIN}/es/cuenta?invoice=inv-10412#porchlight-link=`);
      expect(fresh).to.contain(`su portal de clientes:\n${ORIGIN}/es/cuenta\n`);
      // A portal page the office named for the link stays that page, in Spanish too (it named no Spanish one).
      const special = await api('POST', '/office/links', { headers: office, body: { purpose: 'pay', documentId: 'inv-10412', portalUrl: `${ORIGIN}/special` } });
      expect(special.status, JSON.stringify(special.body)).to.equal(201);
      expire();
      expect(await resendFrom(special.body.url)).to.contain(`su portal de clientes:\n${ORIGIN}/special\n`);
    });

    it('takes a page that was the portal page for a default on a link sent before links kept which were', async () => {
      await save({ portalUrl: `${ORIGIN}/account` });
      const sent = await api('POST', '/office/links', { headers: office, body: { purpose: 'pay', documentId: 'inv-10412' } });
      // As such a link was stored: its pages, without `defaulted`.
      const row = await backend.database.db.selectFrom('document_links').select(['token_hash', 'pages']).where('revoked_at', 'is', null).executeTakeFirstOrThrow();
      const stored = JSON.parse(row.pages!);
      delete stored.defaulted;
      await backend.database.db.updateTable('document_links').set({ pages: JSON.stringify(stored) }).where('token_hash', '=', row.token_hash).execute();
      await save(pages);
      await api('PUT', '/office/customers/cust-1001/language', { headers: office, body: { language: 'es' } });
      clock.advance(366 * 86_400_000);
      const token = new URL(sent.body.url).hash.replace('#porchlight-link=', '');
      expect((await api('POST', '/links/resend', { body: { token } })).status).to.equal(202);
      expect((await lastMailTo(DANA))?.body).to.contain(`${ORIGIN}/es/cuenta?invoice=inv-10412#porchlight-link=`);
    });

    it('keeps a Spanish page the office named, even the same as the English one; one gone from the site gives way to the Spanish portal page', async () => {
      await save(pages);
      await api('PUT', '/office/customers/cust-1001/language', { headers: office, body: { language: 'es' } });
      const resendOf = async (body: Record<string, unknown>) => {
        const sent = await api('POST', '/office/links', { headers: office, body: { purpose: 'pay', documentId: 'inv-10412', ...body } });
        expect(sent.status, JSON.stringify(sent.body)).to.equal(201);
        return new URL(sent.body.url).hash.replace('#porchlight-link=', '');
      };
      const same = await resendOf({ portalUrl: `${ORIGIN}/special`, translations: { es: { portalUrl: `${ORIGIN}/special` } } });
      clock.advance(366 * 86_400_000);
      expect((await api('POST', '/links/resend', { body: { token: same } })).status).to.equal(202);
      expect((await lastMailTo(DANA))?.body).to.contain(`su portal de clientes:\n${ORIGIN}/special\n`);
      // Named on the hostname, which then moves: the settings' Spanish page, not the English one named.
      const gone = await resendOf({ portalUrl: `${ORIGIN}/special`, translations: { es: { portalUrl: 'https://www.northwindair.example/es/especial' } } });
      await save({ hostname: 'www.northwind.example' });
      clock.advance(366 * 86_400_000);
      expect((await api('POST', '/links/resend', { body: { token: gone } })).status).to.equal(202);
      expect((await lastMailTo(DANA))?.body).to.contain(`su portal de clientes:\n${ORIGIN}/es/cuenta\n`);
    });

    it('clears the Spanish page with the other translations when a save sends "translations": {}', async () => {
      await save(pages);
      const body = await readSettings();
      delete body.portalUrl;
      const cleared = await api('PUT', '/office/settings', { headers: office, body: { ...body, translations: {} } });
      expect(cleared.body.translations).to.deep.equal({});
      expect(cleared.body.portalUrl).to.equal(`${ORIGIN}/account`);
    });

    it('is where an invitation opens when the office names no page', async () => {
      await save(pages);
      const invite = async () => {
        const invited = await api('POST', '/office/invitations', { headers: office, body: { email: MARCUS } });
        expect(invited.status, JSON.stringify(invited.body)).to.equal(201);
        return invited.body.link;
      };
      expect(await invite()).to.equal(`${ORIGIN}/account#porchlight-sign-up=${encodeURIComponent(MARCUS)}`);
      await keepPageLanguage(backend.database.db, ['cust-1002'], 'es', new Date());
      expect(await invite()).to.equal(`${ORIGIN}/es/cuenta#porchlight-sign-up=${encodeURIComponent(MARCUS)}`);
    });
  });

  describe('the office’s Spanish templates', () => {
    const read = async () => {
      const answer = await api('GET', '/office/templates', { headers: office });
      expect(answer.status).to.equal(200);
      return answer.body;
    };
    const put = (body: unknown) => api('PUT', '/office/templates', { headers: office, body });

    it('answers the Spanish set beside the English one, defaults first, and takes it back edited', async () => {
      await changeSettings({ onlinePaymentsEnabled: true });
      const answer = await read();
      expect(answer.translations.es.invoice).to.deep.equal(spanishTemplates.invoice);
      expect(answer.templates.invoice).to.deep.equal(defaultTemplates.invoice);
      answer.translations.es.invoice.subject = 'Su factura {{InvoiceNumber}} — {{CompanyName}}';
      const saved = await put(answer);
      expect(saved.status, JSON.stringify(saved.body)).to.equal(200);
      expect(saved.body.translations.es.invoice.subject).to.equal('Su factura {{InvoiceNumber}} — {{CompanyName}}');
      await backend.database.db.updateTable('customers').set({ language: 'es' }).where('id', '=', 'cust-1001').execute();
      expect((await sendPayLink('inv-10412'))?.subject).to.equal('Su factura 10412 — Northwind Heating & Air');
    });

    it('keeps the Spanish set when a save leaves translations out, and resets it when told', async () => {
      await put({ translations: { es: { receipt: { subject: 'Gracias, {{CustomerFirstName}}' } } } });
      const englishOnly = await put({ invoice: { subject: 'Invoice {{InvoiceNumber}}' } });
      expect(englishOnly.status, JSON.stringify(englishOnly.body)).to.equal(200);
      expect(englishOnly.body.translations.es.receipt.subject).to.equal('Gracias, {{CustomerFirstName}}');
      expect(englishOnly.body.templates.invoice.subject).to.equal('Invoice {{InvoiceNumber}}');
      // A save of the Spanish alone leaves the English as it was.
      const spanishOnly = await put({ translations: { es: { receipt: { subject: 'Gracias de nuevo, {{CustomerFirstName}}' } } } });
      expect(spanishOnly.status, JSON.stringify(spanishOnly.body)).to.equal(200);
      expect(spanishOnly.body.templates.invoice.subject).to.equal('Invoice {{InvoiceNumber}}');
      expect(spanishOnly.body.translations.es.receipt.subject).to.equal('Gracias de nuevo, {{CustomerFirstName}}');
      const reset = await put({ translations: {} });
      expect(reset.body.translations.es.receipt.subject).to.equal(spanishTemplates.receipt.subject);
      expect(reset.body.templates.invoice.subject).to.equal('Invoice {{InvoiceNumber}}');
    });

    it('follows online payments in Spanish too: with payments off, the invoice message does not offer to pay online', async () => {
      await changeSettings({ onlinePaymentsEnabled: false });
      const spanish = (await read()).translations.es.invoice;
      expect(spanish.text).not.to.contain('páguela en línea');
      expect(spanish.text).to.contain('{{InvoicePayLink}}');
      await changeSettings({ onlinePaymentsEnabled: true });
      expect((await read()).translations.es.invoice.text).to.contain('páguela en línea');
    });

    it('refuses by path: another language, a Spanish message without its link, an unknown tag', async () => {
      const refusal = async (body: unknown) => {
        const answer = await put(body);
        expect(answer.status, JSON.stringify(answer.body)).to.equal(400);
        return [answer.body.error.details.field, answer.body.error.message];
      };
      expect(await refusal({ translations: { fr: {} } })).to.deep.equal([
        'translations.fr',
        'Templates are translated into es: the main templates are the English ones.',
      ]);
      expect((await refusal({ translations: { es: { invoice: { html: '<p>Hola</p>' } } } }))[0]).to.equal('translations.es.invoice.html');
      expect((await refusal({ translations: { es: { invoice: { subject: 'Factura {{Nada}}' } } } }))[0]).to.equal('translations.es.invoice.subject');
      expect((await refusal({ translations: { es: { facturas: {} } } }))[0]).to.equal('translations.es.facturas');
      expect((await refusal({ translations: { ['__proto__']: {} } }))[0]).to.equal('translations.__proto__');
      expect((await refusal({ translations: 'es' }))[0]).to.equal('translations');
      const inside = await refusal({ templates: { translations: { es: {} } } });
      expect(inside).to.deep.equal(['templates.translations', '"translations" goes beside "templates", not inside it: { "templates": …, "translations": { "es": … } }.']);
      // Nothing was saved by a refused save.
      expect((await read()).translations.es.invoice).to.deep.equal(spanishTemplates.invoice);
    });
  });
});
