/** The contractor's side: settings, the outbox, invitations, and resetting the demo. */
import { portalSettings } from '../src/model/settings.js';
import { randomId } from './crypto.js';
import { ApiError, json, readJsonObject, requireString, type Route, type RouteContext } from './http.js';
import { grantsFor } from './identity.js';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './password-policy.js';

export const OFFICE_KEY_HEADER = 'X-Porchlight-Office-Key';

export function requireOffice(context: RouteContext) {
  if (context.request.headers.get(OFFICE_KEY_HEADER) !== context.config.officeKey) {
    throw new ApiError(403, 'FORBIDDEN', 'Office endpoints need the office key.');
  }
}

export const publicRoutes: Route[] = [
  {
    method: 'GET',
    path: '/settings',
    handler({ state: { settings } }) {
      return json({
        portalEnabled: settings.portalEnabled,
        companyName: settings.companyName,
        companyPhone: settings.companyPhone,
        companyEmail: settings.companyEmail,
        timeZone: settings.timeZone,
        schedulerEnabled: settings.schedulerEnabled,
        membershipsVisible: settings.membershipsVisible,
        visitsMessage: settings.visitsMessage,
        onlinePaymentsEnabled: settings.onlinePaymentsEnabled,
        passwordPolicy: { minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH },
      });
    },
  },
];

export const officeRoutes: Route[] = [
  {
    method: 'POST',
    path: '/office/reset',
    async handler(context) {
      requireOffice(context);
      // Done by the backend itself after this handler (it owns seeding and storage).
      context.resetRequested = true;
      return json({ reset: true });
    },
  },
  {
    method: 'GET',
    path: '/office/settings',
    handler(context) {
      requireOffice(context);
      return json(context.state.settings);
    },
  },
  {
    method: 'PUT',
    path: '/office/settings',
    async handler(context) {
      requireOffice(context);
      const parsed = portalSettings.safeParse(await readJsonObject(context.request));
      if (!parsed.success) {
        const field = parsed.error.issues[0]?.path.join('.') ?? '';
        throw new ApiError(400, 'VALIDATION', `The settings are not valid (${field}).`, { field });
      }
      context.state.settings = parsed.data;
      context.markChanged();
      return json(context.state.settings);
    },
  },
  {
    method: 'GET',
    path: '/office/business-units',
    handler(context) {
      requireOffice(context);
      return json(context.state.businessUnits);
    },
  },
  {
    method: 'GET',
    path: '/office/customers',
    handler(context) {
      requireOffice(context);
      return json(
        context.state.customers.map((customer) => {
          const emails = [
            ...customer.contacts.filter((c) => c.type === 'Email').map((c) => c.value),
            ...customer.locations.flatMap((l) => l.contacts.filter((c) => c.type === 'Email').map((c) => c.value)),
          ];
          return {
            id: customer.id,
            name: customer.name,
            type: customer.type,
            emails: [...new Set(emails)].map((email) => ({
              email,
              hasAccount: context.state.logins.some((l) => l.email === email.trim().toLowerCase() && l.verifiedAt !== null),
            })),
          };
        }),
      );
    },
  },
  {
    method: 'GET',
    path: '/office/outbox',
    handler(context) {
      requireOffice(context);
      return json([...context.state.outbox].reverse());
    },
  },
  {
    method: 'POST',
    path: '/office/invitations',
    async handler(context) {
      requireOffice(context);
      const body = await readJsonObject(context.request);
      const email = requireString(body, 'email', 320);
      const portalUrl = requireString(body, 'portalUrl', 2048);
      if (grantsFor(context.state, email).length === 0) {
        throw new ApiError(422, 'EMAIL_NOT_ON_FILE', 'That email is not on any customer.', { field: 'email' });
      }
      const url = new URL(portalUrl);
      url.hash = `porchlight-sign-up=${encodeURIComponent(email.trim())}`;
      const { companyName } = context.state.settings;
      const message = {
        id: randomId('mail'),
        to: email.trim(),
        subject: `Your ${companyName} customer portal`,
        body: `See your invoices, pay online, and check your membership and equipment any time. Create your account with this email address.`,
        link: url.toString(),
        kind: 'invitation' as const,
        sentAt: context.now.toISOString(),
      };
      context.state.outbox.push(message);
      context.markChanged();
      return json(message, 201);
    },
  },
];
