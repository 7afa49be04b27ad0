/** Shared by the account tests: the office changing settings, and Sam (a nonBilling site superintendent). */
import type { PortalSettings, Session } from '../../src/model/index.js';
import { DEMO_OFFICE_KEY, OFFICE_KEY_HEADER } from '../../backend/index.js';
import { api, backend, signUpConfirmed } from './backend.js';

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

/** Sam has no account in the seed: he signs up with the email on file at Harbor Point, and confirms it. */
export async function samSession(): Promise<Session> {
  return signUpConfirmed(SAM, SAM_PASSWORD);
}
