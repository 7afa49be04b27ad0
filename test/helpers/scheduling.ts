/**
 * Scheduling on the adapter side, in memory, until the reference backend serves it: an adapter that
 * answers sign-in, settings and everything else from the test backend (`/api`) and the scheduling
 * methods from here, keeping the rules the REST contract (`docs/contract/scheduling.md`) states —
 * service area, preferred days, anonymous contact, photos, the honeypot and the Idempotency-Key.
 * Used by `test/portal-scheduler.test.ts` and the scheduler's stories.
 */
import { HttpAdapter } from '../../src/adapter/http-adapter.js';
import type { AccountScope, AppointmentRequest, AppointmentRequestOptions, AvailabilityQuery, PortalAdapter } from '../../src/adapter/portal-adapter.js';
import { PortalError } from '../../src/adapter/portal-error.js';
import type { AppointmentRequestReceipt } from '../../src/model/booking-request.js';
import type { Availability, SchedulerSettings, ServiceAddress, ServiceLocation } from '../../src/model/scheduler.js';
import type { PublicSettings } from '../../src/model/settings.js';
import {
  MAX_PREFERRED_DAYS,
  PHOTO_LIMITS,
  addDays,
  availabilityBetween,
  inServiceArea,
  preferredDayProblem,
} from '../../src/model/scheduling-rules.js';

/** Northwind's scheduling: weekdays 8–12 and 12–4, Saturday mornings, a day's notice, 30 days ahead. */
export const demoSchedulerSettings: SchedulerSettings = {
  services: [
    { id: 'svc-heating', name: 'Heating repair', description: 'No heat, odd noises, a furnace that keeps shutting off.' },
    { id: 'svc-cooling', name: 'Air conditioning repair', description: 'Warm air, ice on the lines, water around the indoor unit.' },
    { id: 'svc-tuneup', name: 'Seasonal tune-up', description: 'Cleaning and a safety check, spring or fall.' },
    { id: 'svc-plumbing', name: 'Plumbing', description: 'Leaks, water heaters, drains that back up.' },
  ],
  // Springfield (627…), Chatham and Rochester.
  serviceArea: { postalCodes: ['627', '62629', '62563'] },
  workingDays: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'],
  arrivalWindows: {
    mon: weekdayWindows(),
    tue: weekdayWindows(),
    wed: weekdayWindows(),
    thu: weekdayWindows(),
    fri: weekdayWindows(),
    sat: [{ id: 'sat-morning', start: '09:00', end: '12:00' }],
  },
  leadTimeDays: 1,
  horizonDays: 30,
  // Thanksgiving.
  blackoutDates: ['2026-11-26'],
  replyWithin: { amount: 1, unit: 'businessDays' },
};

function weekdayWindows() {
  return [
    { id: 'morning', start: '08:00', end: '12:00' },
    { id: 'afternoon', start: '12:00', end: '16:00' },
  ];
}

/** Tuesday, November 17, 2026, 2 p.m. in Chicago — already Wednesday morning in Auckland. */
export const SCHEDULING_NOW = new Date('2026-11-17T20:00:00Z');

/** Addresses of the seeded locations (as the reference backend's seed has them). */
const seededAddresses: Record<string, ServiceAddress> = {
  'loc-1': { street: '418 Maple Ave', city: 'Springfield', state: 'IL', zip: '62704' },
  'loc-2': { street: '77 Birch Ct', city: 'Springfield', state: 'IL', zip: '62711' },
  'loc-3': { street: '1250 Lakeshore Dr', city: 'Springfield', state: 'IL', zip: '62702' },
  'loc-4': { street: '1200 Lakeshore Dr', unit: 'Suite 100', city: 'Springfield', state: 'IL', zip: '62702' },
  'loc-5': { street: '9 Willow Lane', city: 'Chatham', state: 'IL', zip: '62629' },
};

export interface StoredRequest {
  key: string;
  fingerprint: string;
  body: Omit<AppointmentRequest, 'idempotencyKey'>;
  email: string | null;
  receipt: AppointmentRequestReceipt;
}

function validation(field: string, message = 'Check this field.') {
  return new PortalError('VALIDATION', message, { field }, { status: 422 });
}

function todayIn(timeZone: string, now: Date) {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export class FakeScheduling {
  settings: SchedulerSettings = structuredClone(demoSchedulerSettings);
  timeZone = 'America/Chicago';
  now = () => SCHEDULING_NOW;
  /** Addresses by location id; a test moves one out of the area. */
  addresses: Record<string, ServiceAddress> = structuredClone(seededAddresses);
  /** Requests in the queue (honeypot catches are not). */
  requests: StoredRequest[] = [];
  /** Every `requestAppointment` call, kept or refused. */
  calls: AppointmentRequest[] = [];
  /** Make the next request fail after (or before) it is stored: a dropped connection, a 500. */
  failNext: { error: PortalError; afterStoring: boolean } | null = null;
  /** Changes to the public settings the provider reads (e.g. the scheduler switched off). */
  publicSettings: Partial<PublicSettings> = {};
  /** Hold every request until `release()`: the "sending" state. */
  hold = false;
  #held: (() => void)[] = [];
  #reference = 100_022;

  readonly base: PortalAdapter;
  constructor(base: PortalAdapter = new HttpAdapter({ apiBase: '/api' })) {
    this.base = base;
  }

  release() {
    this.hold = false;
    for (const go of this.#held.splice(0)) go();
  }

  today() {
    return todayIn(this.timeZone, this.now());
  }

  async #settings(): Promise<PublicSettings> {
    return { ...(await this.base.getSettings()), ...this.publicSettings };
  }

  async #enabled() {
    const settings = await this.#settings();
    if (!settings.portalEnabled || !settings.schedulerEnabled) {
      throw new PortalError('FEATURE_DISABLED', 'Online appointment requests are off.', {}, { status: 403 });
    }
  }

  /** The base adapter with scheduling: what a test hands to `<portal-provider>`. */
  adapter(): PortalAdapter {
    const base = this.base as unknown as Record<string, unknown>;
    // The base's own methods, bound (an HttpAdapter keeps private fields, so no prototype tricks).
    const adapter: Record<string, unknown> = {};
    for (const name of Object.getOwnPropertyNames(Object.getPrototypeOf(base))) {
      const method = base[name];
      if (name !== 'constructor' && typeof method === 'function') adapter[name] = method.bind(base);
    }
    return Object.assign(adapter as unknown as PortalAdapter, {
      getSettings: () => this.#settings(),
      getSchedulerConfig: async () => {
        await this.#enabled();
        return { ...structuredClone(this.settings), timeZone: this.timeZone };
      },
      getAvailability: async (query: AvailabilityQuery): Promise<Availability> => {
        await this.#enabled();
        const today = this.today();
        const from = query.from ?? today;
        const to = query.to ?? addDays(today, this.settings.horizonDays);
        return { today, from, to, days: availabilityBetween(this.settings, today, from, to) };
      },
      listServiceLocations: async (scope: AccountScope): Promise<ServiceLocation[]> => {
        const account = scope.session.accounts.find((a) => a.customerId === scope.customerId);
        if (!account) throw new PortalError('NOT_FOUND', 'No such account.', {}, { status: 404 });
        return account.locations
          .filter((l) => l.access !== 'none')
          .map((l) => {
            const address = this.addresses[l.locationId] ?? { street: '', city: '', state: '', zip: '' };
            return { locationId: l.locationId, name: l.name, address, inServiceArea: inServiceArea(address.zip, this.settings.serviceArea.postalCodes) };
          });
      },
      requestAppointment: (request: AppointmentRequest, options: AppointmentRequestOptions = {}) => this.#request(request, options),
    });
  }

  async #request(request: AppointmentRequest, options: AppointmentRequestOptions): Promise<AppointmentRequestReceipt> {
    this.calls.push(request);
    if (this.hold) await new Promise<void>((resolve) => this.#held.push(resolve));
    const failure = this.failNext;
    if (failure && !failure.afterStoring) {
      this.failNext = null;
      throw failure.error;
    }
    await this.#enabled();
    const { idempotencyKey: key, ...body } = request;
    if (!/^[A-Za-z0-9_-]{8,255}$/.test(key)) throw validation('Idempotency-Key');
    const fingerprint = JSON.stringify(body);
    const replay = this.requests.find((r) => r.key === key);
    if (replay) {
      if (replay.fingerprint !== fingerprint) throw new PortalError('CONFLICT', 'That key was used for another request.', {}, { status: 409 });
      return this.#answer(replay.receipt);
    }
    const receipt = this.#check(body, options);
    // The honeypot: an answer like any other, and nothing kept.
    if (body.website) return this.#answer(receipt);
    this.requests.push({ key, fingerprint, body, email: options.session?.email ?? null, receipt });
    return this.#answer(receipt);
  }

  #answer(receipt: AppointmentRequestReceipt) {
    const failure = this.failNext;
    if (failure?.afterStoring) {
      this.failNext = null;
      throw failure.error;
    }
    return structuredClone(receipt);
  }

  #check(body: Omit<AppointmentRequest, 'idempotencyKey'>, options: AppointmentRequestOptions): AppointmentRequestReceipt {
    const session = options.session ?? null;
    const area = this.settings.serviceArea.postalCodes;
    const outside = (field: string) =>
      new PortalError('OUTSIDE_SERVICE_AREA', 'That address is outside the service area.', { field }, { status: 422 });
    if (body.customerId !== undefined) {
      if (!session) throw new PortalError('SESSION_EXPIRED', 'Sign in again.', {}, { status: 401 });
      const account = session.accounts.find((a) => a.customerId === body.customerId);
      if (!account) throw new PortalError('NOT_FOUND', 'No such account.', {}, { status: 404 });
      if (body.address) {
        if (!inServiceArea(body.address.zip, area)) throw outside('address.zip');
      } else {
        const grant = account.locations.find((l) => l.locationId === body.locationId && l.access !== 'none');
        if (!grant) throw new PortalError('NOT_FOUND', 'No such location.', { field: 'locationId' }, { status: 404 });
        if (!inServiceArea(this.addresses[grant.locationId]?.zip ?? '', area)) throw outside('locationId');
      }
    } else {
      const contact = body.contact;
      if (!body.address) throw validation('address');
      if (!inServiceArea(body.address.zip, area)) throw outside('address.zip');
      for (const part of ['street', 'city', 'state'] as const) if (!body.address[part].trim()) throw validation(`address.${part}`);
      if (!contact) throw validation('contact');
      if (!contact.name.trim()) throw validation('contact.name');
      if (!contact.email && !contact.phone) throw validation('contact');
      if (contact.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(contact.email)) throw validation('contact.email');
      if (contact.phone && contact.phone.replace(/\D/g, '').length < 7) throw validation('contact.phone');
      if (!contact.consentToContact) throw validation('contact.consentToContact');
    }
    const service = this.settings.services.find((s) => s.id === body.serviceId);
    if (!service) throw validation('serviceId');
    if (!body.description.trim()) throw validation('description');
    const days = body.preferredDays;
    if (days.length < 1 || days.length > MAX_PREFERRED_DAYS) throw validation('preferredDays');
    if (new Set(days.map((d) => d.date)).size !== days.length) throw validation('preferredDays');
    const today = this.today();
    days.forEach((day, i) => {
      const problem = preferredDayProblem(this.settings, today, day);
      if (problem) {
        throw new PortalError('DAY_UNAVAILABLE', 'That day is not open.', { field: `preferredDays.${i}.${problem === 'window' ? 'windowId' : 'date'}` }, { status: 409 });
      }
    });
    if (body.photos.length > PHOTO_LIMITS.maxCount) throw validation('photos');
    body.photos.forEach((photo, i) => {
      if (!(PHOTO_LIMITS.sentTypes as readonly string[]).includes(photo.type)) throw validation(`photos.${i}`);
      if (Math.floor((photo.data.length * 3) / 4) > PHOTO_LIMITS.maxBytes) throw validation(`photos.${i}`);
    });
    const id = ++this.#reference;
    return {
      id: `req-${id}`,
      reference: `AR-${id}`,
      status: 'PendingReview',
      createdAt: this.now().toISOString(),
      service: { id: service.id, name: service.name },
      preferredDays: days.map((d) => ({ date: d.date, windowId: d.windowId })),
    };
  }
}
