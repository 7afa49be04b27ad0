/**
 * What the office saves is what it meant: a misspelt key, an empty company name or subject, a rounded
 * estimate line or a mistyped field is refused naming it, never saved as something else with a 200.
 */
import { expect } from 'chai';
import { DEMO_OFFICE_KEY, OFFICE_KEY_HEADER } from '../backend/index.js';
import { defaultTemplates } from '../backend/rules/messages.js';
import { unknownKey } from '../backend/http/known-keys.js';
import { schedulerSettings } from '../src/model/scheduler.js';
import { portalSettings } from '../src/model/settings.js';
import { api, backend, lastMailTo, ORIGIN, startTestBackend } from './helpers/backend.js';
import { DANA, MARCUS } from './helpers/people.js';

const office = { [OFFICE_KEY_HEADER]: DEMO_OFFICE_KEY };
const GOOD_PASSWORD = 'a quiet house on birch court';

type Answer = { status: number; body: Record<string, any> };
const refusal = (answer: Answer) => [answer.status, answer.body.error?.code, answer.body.error?.details?.field];
const get = async (path: string) => (await api('GET', path, { headers: office })).body;
const put = (path: string, body: unknown) => api('PUT', path, { headers: office, body });

describe('reference backend: office inputs', () => {
  beforeEach(() => startTestBackend());

  describe('PUT /office/settings', () => {
    it('saves the time zone as it is named ("america/denver" → "America/Denver"), as it does the hostname', async () => {
      const saved = await put('/office/settings', { ...(await get('/office/settings')), timeZone: 'america/denver' });
      expect(saved.status, JSON.stringify(saved.body)).to.equal(200);
      expect([saved.body.timeZone, (await get('/office/settings')).timeZone, (await api('GET', '/settings')).body.timeZone]).to.deep.equal(['America/Denver', 'America/Denver', 'America/Denver']);
      // A name Intl knows under another spelling is kept as typed, never swapped for an older one.
      expect((await put('/office/settings', { ...(await get('/office/settings')), timeZone: 'Asia/Kolkata' })).body.timeZone).to.equal('Asia/Kolkata');
    });

    it('saves the hostname in lower case, so CORS and emailed links match the site as browsers spell it', async () => {
      const saved = await put('/office/settings', { ...(await get('/office/settings')), hostname: 'WWW.Acme.example' });
      expect(saved.status, JSON.stringify(saved.body)).to.equal(200);
      expect(saved.body.hostname).to.equal('www.acme.example');
      expect((await get('/office/settings')).hostname).to.equal('www.acme.example');
      expect(await backend.allowedOrigins()).to.include('https://www.acme.example');
      const reset = await api('POST', '/auth/password-reset', { body: { email: DANA, resetUrl: 'https://www.acme.example/account' } });
      expect(reset.status, JSON.stringify(reset.body)).to.equal(202);
      expect((await lastMailTo(DANA))?.link).to.match(/^https:\/\/www\.acme\.example\/account#porchlight-reset=/);
      const invited = await api('POST', '/office/invitations', { headers: office, body: { email: MARCUS, portalUrl: 'https://WWW.ACME.example/portal' } });
      expect(invited.status, JSON.stringify(invited.body)).to.equal(201);
    });

    it('takes links to a hostname saved in capitals before it was lower-cased', async () => {
      const settings = { ...(await get('/office/settings')), hostname: 'WWW.Acme.example' };
      await backend.database.db.updateTable('settings').set({ value: JSON.stringify(settings) }).where('key', '=', 'portal').execute();
      const reset = await api('POST', '/auth/password-reset', { body: { email: DANA, resetUrl: 'https://www.acme.example/account' } });
      expect(reset.status, JSON.stringify(reset.body)).to.equal(202);
    });

    it('refuses a key the settings do not have, at any level, naming it, and saves nothing', async () => {
      const current = await get('/office/settings');
      const misspelt: [Record<string, unknown>, string][] = [
        [{ ...current, onlinePaymentEnabled: false }, 'onlinePaymentEnabled'],
        [{ ...current, link: { payLinkMaxDays: 30 } }, 'link'],
        [{ ...current, links: { payLinkMaxDays: 30, payLinkDaysAfterPaid: 5, visitLinkHoursAfterVisit: 24, payLinkMaxDay: 1 } }, 'links.payLinkMaxDay'],
        [{ ...current, invoiceFilter: { ...current.invoiceFilter, syncStatus: [] } }, 'invoiceFilter.syncStatus'],
      ];
      for (const [body, field] of misspelt) {
        const answer = await put('/office/settings', body);
        expect(refusal(answer), field).to.deep.equal([400, 'VALIDATION', field]);
        expect(answer.body.error.message).to.contain(`"${field}"`);
      }
      // As JSON text: a `__proto__` key is an own key of the parsed body, refused like any unknown key.
      for (const key of ['__proto__', 'constructor']) {
        const text = JSON.stringify(current).replace(/^\{/, `{"${key}":{"onlinePaymentsEnabled":true},`);
        expect(refusal(await put('/office/settings', text)), key).to.deep.equal([400, 'VALIDATION', key]);
      }
      expect(await get('/office/settings')).to.deep.equal(current);
      // What GET answered goes back as it is.
      expect((await put('/office/settings', current)).status).to.equal(200);
    });

    it('refuses a field left out naming it as missing, the link lifetimes’ too', async () => {
      const current = await get('/office/settings');
      const partialLinks = await put('/office/settings', { ...current, links: { payLinkMaxDays: 30 } });
      expect(refusal(partialLinks)).to.deep.equal([400, 'VALIDATION', 'links.payLinkDaysAfterPaid']);
      expect(partialLinks.body.error.message).to.contain('"links.payLinkDaysAfterPaid" is missing');
      const withoutPhone = { ...current };
      delete withoutPhone.companyPhone;
      const noPhone = await put('/office/settings', withoutPhone);
      expect(refusal(noPhone)).to.deep.equal([400, 'VALIDATION', 'companyPhone']);
      expect(noPhone.body.error.message).to.contain('"companyPhone" is missing');
      // A field there with the wrong value is not called missing.
      const wrongType = await put('/office/settings', { ...current, links: { ...current.links, payLinkDaysAfterPaid: 'ninety' } });
      expect(refusal(wrongType)).to.deep.equal([400, 'VALIDATION', 'links.payLinkDaysAfterPaid']);
      expect(wrongType.body.error.message).not.to.contain('missing');
      expect(await get('/office/settings')).to.deep.equal(current);
    });

    it('says what a setting may be: its bounds, its values, its kind, a business unit the records have', async () => {
      const current = await get('/office/settings');
      const wrong: [Record<string, unknown>, string, string][] = [
        [{ links: { ...current.links, payLinkMaxDays: 0 } }, 'links.payLinkMaxDays', '"links.payLinkMaxDays" must be at least 1.'],
        [{ links: { ...current.links, payLinkMaxDays: '30' } }, 'links.payLinkMaxDays', '"links.payLinkMaxDays" must be a number.'],
        [{ links: { ...current.links, payLinkMaxDays: 1.5 } }, 'links.payLinkMaxDays', '"links.payLinkMaxDays" must be a whole number.'],
        [{ companyName: 5 }, 'companyName', '"companyName" must be text.'],
        [{ portalEnabled: 'true' }, 'portalEnabled', '"portalEnabled" must be true or false.'],
        [{ membershipStatuses: ['Active', 'Foo'] }, 'membershipStatuses.1', '"membershipStatuses.1" must be one of "Active", "Suspended", "Expired", "Canceled".'],
        [
          { excludedBusinessUnitIds: ['bu-commercial', 'nope'] },
          'excludedBusinessUnitIds.1',
          'There is no business unit "nope". The business units are Commercial HVAC (bu-commercial), Electrical (bu-electrical), HVAC Service (bu-hvac), Plumbing (bu-plumbing).',
        ],
      ];
      for (const [change, field, message] of wrong) {
        const answer = await put('/office/settings', { ...current, ...change });
        expect([...refusal(answer), answer.body.error.message], field).to.deep.equal([400, 'VALIDATION', field, message]);
      }
      expect(await get('/office/settings')).to.deep.equal(current);
      // A unit already excluded that the records no longer have goes back as GET answered it.
      await backend.database.db.updateTable('settings').set({ value: JSON.stringify({ ...current, excludedBusinessUnitIds: ['bu-gone'] }) }).where('key', '=', 'portal').execute();
      expect((await put('/office/settings', await get('/office/settings'))).status).to.equal(200);
    });

    it('keeps the saved link lifetimes when a save leaves `links` out (a tool from before them)', async () => {
      const current = await get('/office/settings');
      const links = { payLinkMaxDays: 45, payLinkDaysAfterPaid: 3, visitLinkHoursAfterVisit: 12 };
      expect((await put('/office/settings', { ...current, links })).status).to.equal(200);
      const older = { ...current };
      delete older.links;
      const saved = await put('/office/settings', { ...older, companyPhone: '(555) 010-0000' });
      expect([saved.status, saved.body.links, saved.body.companyPhone]).to.deep.equal([200, links, '(555) 010-0000']);
    });

    it('GET answers every setting, defaults where none was ever saved, so what it answers goes back as it is', async () => {
      // A row as an office tool from before the link lifetimes and the email confirmation left it.
      const older = await get('/office/settings');
      delete older.links;
      delete older.requireEmailVerification;
      await backend.database.db.updateTable('settings').set({ value: JSON.stringify(older) }).where('key', '=', 'portal').execute();
      const read = await get('/office/settings');
      expect(Object.keys(read)).to.have.members(Object.keys(portalSettings._zod.def.shape));
      expect(read.links).to.deep.equal({ payLinkMaxDays: 365, payLinkDaysAfterPaid: 90, visitLinkHoursAfterVisit: 24 });
      expect(read.requireEmailVerification).to.equal(true);
      const saved = await put('/office/settings', { ...read, links: { ...read.links, payLinkMaxDays: 30 } });
      expect(saved.status, JSON.stringify(saved.body)).to.equal(200);
      expect(saved.body).to.deep.equal(await get('/office/settings'));
      expect(saved.body.links).to.deep.equal({ payLinkMaxDays: 30, payLinkDaysAfterPaid: 90, visitLinkHoursAfterVisit: 24 });
    });

    it('refuses an empty company name or phone: every message and every “call us” shows them', async () => {
      const current = await get('/office/settings');
      for (const [field, value] of [['companyName', ''], ['companyName', '   '], ['companyPhone', '']]) {
        const answer = await put('/office/settings', { ...current, [field!]: value });
        expect(refusal(answer), `${field} ${JSON.stringify(value)}`).to.deep.equal([400, 'VALIDATION', field]);
      }
      // Not every text is required: no company email, no visits message and no hostname are fine.
      expect((await put('/office/settings', { ...current, companyEmail: '', visitsMessage: '', hostname: '' })).status).to.equal(200);
    });
  });

  describe('the office key', () => {
    it('says which header to send when none came, and that the key is wrong when a wrong one came, with the same status', async () => {
      const missing = await api('GET', '/office/settings');
      expect([missing.status, missing.body.error.code]).to.deep.equal([403, 'FORBIDDEN']);
      expect(missing.body.error.message).to.contain(OFFICE_KEY_HEADER);
      expect((await api('GET', '/office/settings', { headers: { [OFFICE_KEY_HEADER]: '' } })).body.error.message).to.equal(missing.body.error.message);
      // Nearly right, far off, or longer: one answer, which tells nothing about the right key.
      for (const wrong of [`${DEMO_OFFICE_KEY.slice(0, -1)}x`, 'a-key-from-before-the-rotation', `${DEMO_OFFICE_KEY}-old`]) {
        const answer = await api('GET', '/office/settings', { headers: { [OFFICE_KEY_HEADER]: wrong } });
        expect([answer.status, answer.body.error.code, answer.body.error.message], wrong).to.deep.equal([
          403,
          'FORBIDDEN',
          'That office key is not the one this server uses.',
        ]);
      }
    });
  });

  describe('PUT /office/scheduling', () => {
    it('refuses a key the scheduling settings do not have, at any level, naming it, and takes back what GET answered', async () => {
      const current = await get('/office/scheduling');
      const [service] = current.services;
      const mondayWindow = current.arrivalWindows.mon[0];
      const misspelt: [Record<string, unknown>, string][] = [
        [{ ...current, horizonDay: 5 }, 'horizonDay'],
        [{ ...current, services: [{ ...service, nmae: 'Heating' }] }, 'services.0.nmae'],
        [{ ...current, serviceArea: { postalCodes: ['627'], postalCode: '62704' } }, 'serviceArea.postalCode'],
        [{ ...current, arrivalWindows: { ...current.arrivalWindows, mon: [{ ...mondayWindow, label: 'Morning' }] } }, 'arrivalWindows.mon.0.label'],
        [{ ...current, replyWithin: { ...current.replyWithin, units: 'hours' } }, 'replyWithin.units'],
      ];
      for (const [body, field] of misspelt) {
        expect(refusal(await put('/office/scheduling', body)), field).to.deep.equal([400, 'VALIDATION', field]);
      }
      const proto = JSON.stringify(current).replace(/^\{/, '{"__proto__":{"horizonDays":1},');
      expect(refusal(await put('/office/scheduling', proto))).to.deep.equal([400, 'VALIDATION', '__proto__']);
      expect(await get('/office/scheduling')).to.deep.equal(current);
      const saved = await put('/office/scheduling', { ...current, horizonDays: 5 });
      expect(saved.status, JSON.stringify(saved.body)).to.equal(200);
      expect((await get('/office/scheduling')).horizonDays).to.equal(5);
    });

    it('says which bound a number crossed, or that it must be whole, naming the field', async () => {
      const current = await get('/office/scheduling');
      const said = async (change: Record<string, unknown>) => (await put('/office/scheduling', { ...current, ...change })).body.error;
      expect(await said({ leadTimeDays: -3 })).to.deep.include({ message: '"leadTimeDays" must be at least 0.', details: { field: 'leadTimeDays' } });
      expect((await said({ horizonDays: 400 })).message).to.equal('"horizonDays" must be at most 365.');
      expect((await said({ horizonDays: 1.5 })).message).to.equal('"horizonDays" must be a whole number.');
      expect((await said({ blackoutDates: 'none' })).message).to.equal('"blackoutDates" must be a list.');
      const withoutDates = { ...current };
      delete withoutDates.blackoutDates;
      expect((await put('/office/scheduling', withoutDates)).body.error.message).to.equal(
        '"blackoutDates" is missing: save the scheduling settings whole (read them, edit them, send them back).',
      );
    });
  });

  describe('the contractor’s words in Spanish (translations)', () => {
    it('saves the visits message per language, answers it to every visitor, and refuses a language or a text it does not have', async () => {
      const current = await get('/office/settings');
      expect(current.translations).to.deep.equal({ es: { visitsMessage: 'Llámenos al (555) 010-4477 o visite https://northwindair.example/schedule para pedir su próxima visita.' } });
      const saved = await put('/office/settings', { ...current, translations: { es: { visitsMessage: 'Cerrado el viernes.' }, en: { visitsMessage: 'Closed Friday.' } } });
      expect(saved.status, JSON.stringify(saved.body)).to.equal(200);
      expect((await api('GET', '/settings')).body.translations).to.deep.equal({ es: { visitsMessage: 'Cerrado el viernes.' }, en: { visitsMessage: 'Closed Friday.' } });
      const refused: [Record<string, unknown>, string][] = [
        [{ ...current, translations: { fr: { visitsMessage: 'Fermé vendredi.' } } }, 'translations.fr'],
        [{ ...current, translations: { es: { visitMessage: 'Cerrado.' } } }, 'translations.es.visitMessage'],
        [{ ...current, translations: { es: { visitsMessage: 'x'.repeat(2_001) } } }, 'translations.es.visitsMessage'],
        [{ ...current, translations: { es: { visitsMessage: 7 } } }, 'translations.es.visitsMessage'],
      ];
      for (const [body, field] of refused) expect(refusal(await put('/office/settings', body)), field).to.deep.equal([400, 'VALIDATION', field]);
      expect((await put('/office/settings', refused[0]![0])).body.error.message).to.contain('Translations are given for en or es.');
      const proto = JSON.stringify({ ...current, translations: {} }).replace('"translations":{}', '"translations":{"__proto__":{"visitsMessage":"x"}}');
      expect(refusal(await put('/office/settings', proto))).to.deep.equal([400, 'VALIDATION', 'translations.__proto__']);
      expect((await get('/office/settings')).translations).to.deep.equal({ es: { visitsMessage: 'Cerrado el viernes.' }, en: { visitsMessage: 'Closed Friday.' } });
      // Settings saved before translations existed read as none, and go back as GET answered them.
      const older = await get('/office/settings');
      delete older.translations;
      await backend.database.db.updateTable('settings').set({ value: JSON.stringify(older) }).where('key', '=', 'portal').execute();
      expect((await get('/office/settings')).translations).to.deep.equal({});
      expect((await api('GET', '/settings')).body.translations).to.deep.equal({});
      expect((await put('/office/settings', await get('/office/settings'))).status).to.equal(200);
    });

    it('keeps the Spanish when a tool from before translations saves without them, while the text it translates is unchanged', async () => {
      const withSpanish = await get('/office/settings');
      const { translations, ...older } = withSpanish;
      expect(translations.es.visitsMessage).to.be.a('string');
      expect((await put('/office/settings', { ...older, companyPhone: '(555) 010-9999' })).body.translations).to.deep.equal(translations);
      // A message rewritten without its Spanish: the old Spanish would say something else, so it goes.
      expect((await put('/office/settings', { ...older, visitsMessage: 'Closed for the holidays.' })).body.translations).to.deep.equal({});
      expect((await put('/office/settings', { ...withSpanish, visitsMessage: 'Closed for the holidays.' })).status).to.equal(200);
      expect((await put('/office/settings', { ...withSpanish, visitsMessage: 'Closed for the holidays.', translations: {} })).body.translations).to.deep.equal({});
    });

    it('keeps a service’s Spanish when it is saved without translations, text by text while name and description are unchanged', async () => {
      const current = await get('/office/scheduling');
      const strip = ({ translations: _, ...service }: Record<string, unknown>) => service;
      const [heating, cooling, ...rest] = current.services;
      const saved = await put('/office/scheduling', { ...current, services: [strip(heating), { ...strip(cooling), name: 'A/C repair' }, ...rest] });
      expect(saved.status, JSON.stringify(saved.body)).to.equal(200);
      const [heatingNow, coolingNow] = (await get('/office/scheduling')).services;
      expect(heatingNow.translations).to.deep.equal(heating.translations);
      expect(coolingNow.translations).to.deep.equal({ es: { description: cooling.translations.es.description } });
      await put('/office/scheduling', { ...current, services: [{ ...heating, translations: {} }, ...current.services.slice(1)] });
      expect((await get('/office/scheduling')).services[0].translations).to.deep.equal({});
    });

    it('saves a service’s name and description per language, answers them in the scheduler’s configuration, and refuses one too long', async () => {
      const current = await get('/office/scheduling');
      expect(current.services[0].translations.es.name).to.equal('Reparación de calefacción');
      const services = [{ ...current.services[0], translations: { es: { name: 'Calefacción' } } }, ...current.services.slice(1)];
      const saved = await put('/office/scheduling', { ...current, services });
      expect(saved.status, JSON.stringify(saved.body)).to.equal(200);
      await put('/office/settings', { ...(await get('/office/settings')), schedulerEnabled: true });
      expect((await api('GET', '/scheduling/config')).body.services[0].translations).to.deep.equal({ es: { name: 'Calefacción' } });
      const long = [{ ...current.services[0], translations: { es: { description: 'x'.repeat(501) } } }];
      expect(refusal(await put('/office/scheduling', { ...current, services: long }))).to.deep.equal([400, 'VALIDATION', 'services.0.translations.es.description']);
      const unknown = [{ ...current.services[0], translations: { de: { name: 'Heizung' } } }];
      expect(refusal(await put('/office/scheduling', { ...current, services: unknown }))).to.deep.equal([400, 'VALIDATION', 'services.0.translations.de']);
    });
  });

  describe('PUT /office/templates', () => {
    it('names, for a misspelt merge tag, the tags this message can use, and suggests only one of them', async () => {
      const read = await get('/office/templates');
      const save = (subject: string) => put('/office/templates', { visit: { ...read.templates.visit, subject } });
      const unknown = await save('Your visit {{VisitDat}}');
      expect(refusal(unknown)).to.deep.equal([400, 'VALIDATION', 'visit.subject']);
      expect(unknown.body.error.message).to.contain('This message’s tags are: ');
      expect(unknown.body.error.message).to.contain('{{VisitDate}}');
      expect(unknown.body.error.message).not.to.contain('{{InvoicePayLink}}');
      // A near miss of a tag another message has is not suggested here, where it would be refused next.
      const other = await save('Pay {{invoicepaylink}}');
      expect(other.body.error.message).not.to.contain('did you mean');
      expect((await save('Your visit on {{ visitdate }}')).body.error.message).to.contain('did you mean {{VisitDate}}?');
    });

    it('refuses a part a message does not have, naming message and part, and a stray key beside GET’s answer', async () => {
      const read = await get('/office/templates');
      const subjct = await put('/office/templates', { invoice: { subjct: 'x' } });
      expect(refusal(subjct)).to.deep.equal([400, 'VALIDATION', 'invoice.subjct']);
      expect(subjct.body.error.message).to.contain('"invoice.subjct"');
      expect(refusal(await put('/office/templates', { ...read, note: 'x' }))).to.deep.equal([400, 'VALIDATION', 'note']);
      const proto = `{"invoice":{"__proto__":{"subject":"x"},"subject":"Hello"}}`;
      expect(refusal(await put('/office/templates', proto))).to.deep.equal([400, 'VALIDATION', 'invoice.__proto__']);
      expect(refusal(await put('/office/templates', { invoice: { ...read.templates.invoice, constructor: 'x' } }))).to.deep.equal([
        400,
        'VALIDATION',
        'invoice.constructor',
      ]);
      // What GET answered, `tags` and all, goes back as it is.
      expect((await put('/office/templates', read)).status).to.equal(200);
    });

    it('writes the account emails from templates too, with the link in the text and the HTML, and never by text message', async () => {
      const read = await get('/office/templates');
      read.templates.passwordReset = {
        subject: 'Nueva contraseña para {{CompanyName}}',
        html: '<p>Hola {{CustomerFirstName}}, <a href="{{PasswordResetLink}}">elija una nueva contraseña</a>.</p>',
        text: 'Hola {{CustomerFirstName}}: {{PasswordResetLink}}',
        sms: '',
      };
      expect((await put('/office/templates', read)).status).to.equal(200);
      expect((await api('POST', '/auth/password-reset', { body: { email: DANA, resetUrl: `${ORIGIN}/account` } })).status).to.equal(202);
      const mail = await backend.database.db.selectFrom('outbox').selectAll().where('kind', '=', 'password-reset').executeTakeFirstOrThrow();
      expect(mail.subject).to.equal('Nueva contraseña para Northwind Heating & Air');
      expect(mail.link).to.match(/#porchlight-reset=/);
      expect(mail.body).to.equal(`Hola Dana: ${mail.link}`);
      // In HTML the link's "&" (before the address it names) is written &#38;, which a mail reader reads back as "&".
      expect(mail.html).to.contain(`href="${mail.link!.replaceAll('&', '&#38;')}"`);
      // The default confirmation email carries its link in its text, for a sender that sends the text as it is.
      const signUp = await api('POST', '/auth/sign-up', { body: { email: MARCUS, password: GOOD_PASSWORD, verifyUrl: `${ORIGIN}/account` } });
      expect(signUp.status, JSON.stringify(signUp.body)).to.equal(202);
      const confirm = await lastMailTo(MARCUS);
      expect(confirm?.kind).to.equal('verify-email');
      expect(confirm?.body).to.contain(confirm!.link!);
      // A text message for an account email is refused: it would go to a phone, not to the address asked for.
      const sms = await put('/office/templates', { ...read.templates, emailConfirmation: { ...defaultTemplates.emailConfirmation, sms: 'Confirm: {{ConfirmEmailLink}}' } });
      expect(refusal(sms)).to.deep.equal([400, 'VALIDATION', 'emailConfirmation.sms']);
    });

    it('refuses an empty subject, HTML or plain text (the email would reach the customer blank); an empty text message sends none', async () => {
      for (const part of ['subject', 'html', 'text']) {
        for (const value of ['', ' \n ']) {
          const answer = await put('/office/templates', { invoice: { ...defaultTemplates.invoice, [part]: value } });
          expect(refusal(answer), `${part} ${JSON.stringify(value)}`).to.deep.equal([400, 'VALIDATION', `invoice.${part}`]);
        }
      }
      expect((await put('/office/templates', { invoice: { ...defaultTemplates.invoice, sms: '' } })).status).to.equal(200);
      const sent = await api('POST', '/office/links', { headers: office, body: { purpose: 'pay', documentId: 'inv-10412', pageUrl: `${ORIGIN}/page` } });
      expect(sent.status, JSON.stringify(sent.body)).to.equal(201);
      const outbox = await backend.database.db.selectFrom('outbox').select(['kind', 'subject']).execute();
      expect(outbox.filter((m) => m.kind === 'invoice').map((m) => m.subject)).to.deep.equal(['Invoice 10412 from Northwind Heating & Air']);
      expect(outbox.filter((m) => m.kind === 'invoice-sms')).to.have.length(0);
    });
  });

  describe('PUT /office/estimates/:estimateId', () => {
    const edit = (quantity: number, unitPrice: number) =>
      put('/office/estimates/est-2001', { options: [{ id: 'a', name: 'Repair', items: [{ description: 'Igniter', quantity, unitPrice }] }] });

    it('refuses a line whose quantity × unit price is not a whole number of cents, naming the line, rather than rounding it; keeps an exact one', async () => {
      for (const [quantity, unitPrice] of [
        [1.5, 333],
        [0.333, 100],
        [1e-7, 100],
      ]) {
        const answer = await edit(quantity!, unitPrice!);
        expect(refusal(answer), `${quantity} × ${unitPrice}`).to.deep.equal([400, 'VALIDATION', 'options.0.items.0']);
      }
      expect((await get('/office/estimates')).find((e: { id: string }) => e.id === 'est-2001').version).to.equal(1);
      // An exact line stays exact, worked out in decimals (0.1 × 30 is 3 cents, not 3.0000000000000004).
      for (const [quantity, unitPrice, total] of [
        [1.5, 200, 300],
        [0.1, 30, 3],
        [2.25, 400, 900],
      ]) {
        const answer = await edit(quantity!, unitPrice!);
        expect(answer.status, JSON.stringify(answer.body)).to.equal(200);
        expect(answer.body.options[0].items[0].total, `${quantity} × ${unitPrice}`).to.equal(total);
        expect(answer.body.options[0].total).to.equal(total);
      }
    });
  });

  describe('an estimate’s words in Spanish (translations)', () => {
    const spanishEstimate = {
      customerId: 'cust-1001',
      locationId: 'loc-1',
      name: 'Replace the water heater',
      translations: { es: { name: 'Cambiar el calentador de agua' } },
      validUntil: '2099-01-31',
      options: [
        {
          name: '50-gallon tank',
          description: 'Same size as today',
          translations: { es: { name: 'Tanque de 50 galones', description: '  Del mismo tamaño que el actual ' } },
          items: [{ description: 'Water heater, installed', quantity: 1, unitPrice: 189_900, translations: { es: { description: 'Calentador de agua, instalado' } } }],
        },
      ],
      terms: { version: '2026-11', text: 'Payment due on completion.', translations: { es: { text: 'El pago se hace al terminar.' } } },
    };
    const make = (change: Record<string, unknown> = {}) => api('POST', '/office/estimates', { headers: office, body: { ...spanishEstimate, ...change } });

    it('saves them at every level, trimmed, answers them to the office, and signs them', async () => {
      const made = await make();
      expect(made.status, JSON.stringify(made.body)).to.equal(201);
      expect(made.body.translations).to.deep.equal({ es: { name: 'Cambiar el calentador de agua' } });
      expect(made.body.options[0].translations).to.deep.equal({ es: { name: 'Tanque de 50 galones', description: 'Del mismo tamaño que el actual' } });
      expect(made.body.options[0].items[0].translations).to.deep.equal({ es: { description: 'Calentador de agua, instalado' } });
      expect(made.body.terms.translations).to.deep.equal({ es: { text: 'El pago se hace al terminar.' } });
      // What a Spanish reader sees is signed too: a new Spanish word for the option is a new hash.
      const before = made.body.options[0].contentSha256;
      const options = [{ ...spanishEstimate.options[0], translations: { es: { name: 'Tanque de 190 litros' } } }];
      const edited = await put(`/office/estimates/${made.body.id}`, { options });
      expect(edited.status, JSON.stringify(edited.body)).to.equal(200);
      expect(edited.body.options[0].contentSha256).not.to.equal(before);
      expect(edited.body.options[0].translations).to.deep.equal({ es: { name: 'Tanque de 190 litros' } });
    });

    it('refuses another language, a field a part does not have, a text too long, or a prototype key, by path, and saves nothing', async () => {
      const option = spanishEstimate.options[0]!;
      const cases: [Record<string, unknown>, string][] = [
        [{ translations: { fr: { name: 'Remplacer' } } }, 'translations.fr'],
        [{ translations: { es: { nombre: 'Cambiar' } } }, 'translations.es.nombre'],
        [{ translations: 'Cambiar' }, 'translations'],
        [{ options: [{ ...option, translations: { es: { title: 'Tanque' } } }] }, 'options.0.translations.es.title'],
        [{ options: [{ ...option, items: [{ ...option.items[0], translations: { es: { description: 'x'.repeat(501) } } }] }] }, 'options.0.items.0.translations.es.description'],
        [{ options: [{ ...option, translations: { es: { name: 42 } } }] }, 'options.0.translations.es.name'],
        [{ terms: { ...spanishEstimate.terms, translations: { es: { version: '2' } } } }, 'terms.translations.es.version'],
        [{ translations: JSON.parse('{"__proto__": {"name": "polluted"}}') }, 'translations.__proto__'],
      ];
      for (const [change, field] of cases) {
        const answer = await make(change);
        expect(refusal(answer), JSON.stringify(change)).to.deep.equal([400, 'VALIDATION', field]);
      }
      expect(({} as Record<string, unknown>).name).to.equal(undefined);
      expect((await get('/office/estimates')).filter((e: { name: string }) => e.name === spanishEstimate.name)).to.have.length(0);
    });

    it('keeps the name’s Spanish through an edit that leaves translations out while the name is unchanged; null removes it', async () => {
      const { id } = (await make()).body;
      const extended = await put(`/office/estimates/${id}`, { validUntil: '2099-02-28' });
      expect(extended.body.translations).to.deep.equal({ es: { name: 'Cambiar el calentador de agua' } });
      const renamed = await put(`/office/estimates/${id}`, { name: 'Replace the water heater and the valve' });
      expect(renamed.body.translations).to.equal(undefined);
      const again = await put(`/office/estimates/${id}`, { translations: { es: { name: 'Cambiar el calentador y la válvula' } } });
      expect(again.body.translations).to.deep.equal({ es: { name: 'Cambiar el calentador y la válvula' } });
      expect((await put(`/office/estimates/${id}`, { translations: null })).body.translations).to.equal(undefined);
    });

    it('keeps an option’s, a line’s and the terms’ Spanish through an edit that leaves them out, each while its text is unchanged', async () => {
      const made = (await make()).body;
      // A tool that rebuilds the options from prices (the demo office's edit) sends no translations.
      const [option] = made.options;
      const repriced = {
        id: option.id,
        name: option.name,
        description: option.description,
        items: [
          { description: 'Water heater, installed', quantity: 1, unitPrice: 199_900 },
          { description: 'Expansion tank', quantity: 1, unitPrice: 12_000 },
        ],
      };
      const edited = await put(`/office/estimates/${made.id}`, { options: [repriced], terms: { version: '2026-12', text: made.terms.text } });
      expect(edited.status, JSON.stringify(edited.body)).to.equal(200);
      expect(edited.body.options[0].translations).to.deep.equal(made.options[0].translations);
      expect(edited.body.options[0].items.map((item: { translations?: unknown }) => item.translations)).to.deep.equal([
        { es: { description: 'Calentador de agua, instalado' } },
        undefined,
      ]);
      expect(edited.body.terms.translations).to.deep.equal({ es: { text: 'El pago se hace al terminar.' } });
      // Rewritten, the English no longer says what the Spanish does: the Spanish goes.
      const rewritten = await put(`/office/estimates/${made.id}`, {
        options: [{ ...repriced, name: '40-gallon tank' }],
        terms: { version: '2026-12', text: 'Half now, half on completion.' },
      });
      expect(rewritten.body.options[0].translations).to.deep.equal({ es: { description: 'Del mismo tamaño que el actual' } });
      expect(rewritten.body.terms.translations).to.equal(undefined);
    });
  });

  describe('GET /office/outbox', () => {
    it('reads pending as true or false, and refuses any other value naming the parameter', async () => {
      for (const email of [DANA, MARCUS]) {
        // Dana has an account: her message is a reset link; Marcus gets an invitation.
        const made =
          email === DANA
            ? await api('POST', '/auth/password-reset', { body: { email, resetUrl: `${ORIGIN}/` } })
            : await api('POST', '/office/invitations', { headers: office, body: { email, portalUrl: `${ORIGIN}/` } });
        expect(made.status, JSON.stringify(made.body)).to.be.below(300);
      }
      const all = (await get('/office/outbox')) as { id: string }[];
      expect(all.length).to.be.at.least(2);
      const delivered = all[0]!.id;
      expect((await api('POST', `/office/outbox/${delivered}/delivered`, { headers: office })).status).to.equal(200);
      const ids = async (query: string) => ((await get(`/office/outbox${query}`)) as { id: string }[]).map((m) => m.id);
      for (const query of ['?pending', '?pending=true', '?pending=1']) {
        expect(await ids(query), query).not.to.include(delivered);
      }
      for (const query of ['?pending=false', '?pending=0']) {
        expect(await ids(query), query).to.deep.equal(await ids(''));
      }
      for (const query of ['?pending=no', '?pending=yes', '?pending=2']) {
        expect(refusal(await api('GET', `/office/outbox${query}`, { headers: office })), query).to.deep.equal([400, 'VALIDATION', 'pending']);
      }
    });
  });

  describe('POST /office/invitations', () => {
    it('refuses to invite an email that already has an account, as sign-up does (an unconfirmed sign-up does not count), and sends nothing', async () => {
      const before = await backend.database.db.selectFrom('outbox').select('id').execute();
      const answer = await api('POST', '/office/invitations', { headers: office, body: { email: DANA, portalUrl: `${ORIGIN}/portal` } });
      expect(refusal(answer)).to.deep.equal([409, 'ACCOUNT_EXISTS', 'email']);
      expect(answer.body.error.message).to.contain('already has a portal account').and.to.contain('reset their password');
      expect(await backend.database.db.selectFrom('outbox').select('id').execute()).to.have.length(before.length);
      // A sign-up never confirmed does not hold the address: its owner may still be invited.
      expect((await api('POST', '/auth/sign-up', { body: { email: MARCUS, password: GOOD_PASSWORD, verifyUrl: `${ORIGIN}/` } })).status).to.equal(202);
      const unconfirmed = await api('POST', '/office/invitations', { headers: office, body: { email: MARCUS, portalUrl: `${ORIGIN}/portal` } });
      expect(unconfirmed.status, JSON.stringify(unconfirmed.body)).to.equal(201);
    });

    it('greets the customer by name, and a contact at a location only by no name, never as the account holder', async () => {
      const own = await api('POST', '/office/invitations', { headers: office, body: { email: MARCUS, portalUrl: `${ORIGIN}/portal` } });
      expect(own.body.body, own.body.body).to.match(/^Hi Marcus,\n/);
      // The site superintendent at Harbor Point Properties' apartments: not Harbor Point, and not its owner.
      const site = await api('POST', '/office/invitations', { headers: office, body: { email: 'sam.ortiz@example.com', portalUrl: `${ORIGIN}/portal` } });
      expect(site.status, JSON.stringify(site.body)).to.equal(201);
      expect(site.body.body, site.body.body).to.match(/^Hi,\n/);
      expect(site.body.html).to.match(/^<p>Hi,<\/p>/);
    });
  });
});

describe('reference backend: request fields of the wrong type', () => {
  beforeEach(() => startTestBackend());

  it('says a field is not text when it is there with another type, and “required” only when it is missing', async () => {
    const cases: [string, Record<string, unknown>, string, string][] = [
      ['/auth/sign-in', { email: DANA, password: 123456789012345 }, 'password', '"password" must be text, not a number.'],
      ['/auth/password-reset/check', { token: 123 }, 'token', '"token" must be text, not a number.'],
      ['/auth/sign-up/check', { email: ['a'] }, 'email', '"email" must be text, not a list.'],
      ['/auth/verify-email', { token: { a: 1 }, password: GOOD_PASSWORD }, 'token', '"token" must be text, not an object.'],
      ['/auth/sign-in', { email: DANA, password: true }, 'password', '"password" must be text, not true or false.'],
      ['/auth/sign-in', { email: DANA }, 'password', '"password" is required.'],
      ['/auth/sign-in', { email: DANA, password: null }, 'password', '"password" is required.'],
      ['/auth/sign-up/check', {}, 'email', '"email" is required.'],
    ];
    for (const [path, body, field, message] of cases) {
      const answer = await api('POST', path, { body });
      expect([...refusal(answer), answer.body.error?.message], `${path} ${JSON.stringify(body)}`).to.deep.equal([400, 'VALIDATION', field, message]);
    }
  });

  it('says the same in an estimate answer’s fields (they share the reader)', async () => {
    const answer = await api('PUT', '/office/estimates/est-2001', { headers: office, body: { name: 42 } });
    expect([...refusal(answer), answer.body.error?.message]).to.deep.equal([400, 'VALIDATION', 'name', '"name" must be text, not a number.']);
  });
});

describe('reference backend: a confirmation link opened again', () => {
  beforeEach(() => startTestBackend());

  it('says the account is already confirmed (sign in, or reset the password), not “sign up again”', async () => {
    expect((await api('POST', '/auth/sign-up', { body: { email: MARCUS, password: GOOD_PASSWORD, verifyUrl: `${ORIGIN}/` } })).status).to.equal(202);
    const token = new URL((await lastMailTo(MARCUS))!.link!).hash.split(/[=&]/)[1]!;
    expect((await api('POST', '/auth/verify-email', { body: { token, password: GOOD_PASSWORD } })).status).to.equal(200);
    const again = await api('POST', '/auth/verify-email', { body: { token, password: GOOD_PASSWORD } });
    expect([again.status, again.body.error.code]).to.deep.equal([400, 'INVALID_VERIFY_LINK']);
    expect(again.body.error.message).to.contain('your account is confirmed').and.to.contain('Sign in').and.not.to.contain('Sign up again');
    // What "sign up again" would have answered.
    expect((await api('POST', '/auth/sign-up', { body: { email: MARCUS, password: GOOD_PASSWORD, verifyUrl: `${ORIGIN}/` } })).body.error.code).to.equal('ACCOUNT_EXISTS');
  });

  it('gives both ways in for a link it cannot place (unknown, or expired): sign in if confirmed, else sign up again', async () => {
    const unknown = await api('POST', '/auth/verify-email', { body: { token: 'A'.repeat(43), password: GOOD_PASSWORD } });
    expect([unknown.status, unknown.body.error.code]).to.deep.equal([400, 'INVALID_VERIFY_LINK']);
    expect(unknown.body.error.message).to.contain('If you already confirmed your account, sign in').and.to.contain('sign up again');
  });
});

describe('reference backend: the unknown-key check reads every kind of schema the office saves', () => {
  /** The kinds of schema `unknownKey` walks into, or knows hold no keys (known-keys.ts). */
  const read = new Set(['object', 'array', 'record', 'optional', 'nullable', 'default', 'prefault', 'nonoptional', 'readonly', 'catch', 'pipe']);
  const leaves = new Set(['string', 'number', 'int', 'boolean', 'enum', 'literal', 'unknown', 'null']);

  function kinds(schema: unknown, found = new Set<string>()): Set<string> {
    const def = (schema as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
    found.add(def.type);
    const children = [def.innerType, def.element, def.valueType, def.in, ...Object.values((def.shape as Record<string, unknown>) ?? {})];
    for (const child of children) if (child) kinds(child, found);
    return found;
  }

  it('a union, a tuple or anything else it would pass over unread fails here first, before a misspelling hides in it', () => {
    for (const [name, schema] of Object.entries({ portalSettings, schedulerSettings })) {
      const unread = [...kinds(schema)].filter((kind) => !read.has(kind) && !leaves.has(kind));
      expect(unread, `${name} has schema kinds unknownKey does not walk into`).to.deep.equal([]);
    }
    expect(unknownKey({ links: { payLinkMaxDay: 3 } }, portalSettings)?.path).to.equal('links.payLinkMaxDay');
  });
});
