/** Shared by the account tests: the office changing settings, and Sam (a nonBilling site superintendent). */
import { HttpAdapter } from '../../src/adapter/http-adapter.js';
import { sessionOf } from '../../src/adapter/portal-adapter.js';
import type { PortalSettings, Session } from '../../src/model/index.js';
import { DEMO_OFFICE_KEY, OFFICE_KEY_HEADER } from '../../backend/index.js';
import { api, backend } from './backend.js';

export const SAM = 'sam.ortiz@example.com';
export const SAM_PASSWORD = 'boiler room on lakeshore drive';

/** The office saves its settings form, as the office page would. */
export async function changeSettings(change: Partial<PortalSettings>) {
  const current = (await backend.inspect()).settings;
  const { status, body } = await api('PUT', '/office/settings', {
    body: { ...current, ...change },
    headers: { [OFFICE_KEY_HEADER]: DEMO_OFFICE_KEY },
  });
  if (status !== 200) throw new Error(`settings refused: ${status} ${JSON.stringify(body)}`);
}

/** Sam has no account in the seed: he signs up with the email on file at Harbor Point. */
export async function samSession(): Promise<Session> {
  return sessionOf(await new HttpAdapter({ apiBase: '/api' }).signUp({ email: SAM, password: SAM_PASSWORD }));
}
