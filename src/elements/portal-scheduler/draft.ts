/**
 * What the customer has entered so far, kept in session storage so a reload (or a tab that was
 * put to sleep) does not lose it; cleared once the request is sent. Session storage is per tab and
 * ends with it, so the name and phone number of someone on a shared computer do not linger.
 */
import type { AppointmentRequestBody } from '../../model/booking-request.js';
import type { SchedulerStep } from '../../events/portal-scheduler-step.js';
import type { PreparedPhoto } from './photos.js';

export interface AddressDraft {
  street: string;
  unit: string;
  city: string;
  state: string;
  zip: string;
}

export interface ContactDraft {
  name: string;
  email: string;
  phone: string;
  consentToContact: boolean;
  consentToTexts: boolean;
}

export interface DayChoice {
  date: string;
  windowId: string | null;
}

export interface SchedulerDraft {
  step: SchedulerStep;
  /** Signed in: the location chosen, unless `otherAddress`. */
  locationId: string | null;
  otherAddress: boolean;
  /** Public site: `zip` is asked first, the rest with the contact details. Signed in: another address. */
  address: AddressDraft;
  serviceId: string | null;
  description: string;
  /** In the order chosen; the first is the customer's first choice. */
  days: DayChoice[];
  photos: PreparedPhoto[];
  contact: ContactDraft;
  /** The honeypot, as the page's field holds it. */
  website: string;
  /**
   * The Idempotency-Key of the request being sent, kept while its outcome is unknown (and across a
   * reload), with what it was for: a changed request gets a new key.
   */
  idempotencyKey: string | null;
  keyFingerprint: string;
}

export function newDraft(): SchedulerDraft {
  return {
    step: 'where',
    locationId: null,
    otherAddress: false,
    address: { street: '', unit: '', city: '', state: '', zip: '' },
    serviceId: null,
    description: '',
    days: [],
    photos: [],
    contact: { name: '', email: '', phone: '', consentToContact: false, consentToTexts: false },
    website: '',
    idempotencyKey: null,
    keyFingerprint: '',
  };
}

const STORAGE_PREFIX = 'porchlight.scheduler-draft:';

export function draftKey(customerId: string | null): string {
  return `${STORAGE_PREFIX}${customerId ?? 'public'}`;
}

function storage(): Storage | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    // Blocked storage (third-party frame, strict privacy settings): the draft lives in memory only.
    return null;
  }
}

const text = (value: unknown, max = 4000) => (typeof value === 'string' ? value.slice(0, max) : '');
const steps: readonly SchedulerStep[] = ['where', 'what', 'when', 'photos', 'contact', 'review'];

/** A stored draft, checked field by field: anything odd falls back to empty rather than breaking the element. */
export function readDraft(key: string): SchedulerDraft | null {
  let raw: string | null;
  try {
    raw = storage()?.getItem(key) ?? null;
  } catch {
    return null;
  }
  if (!raw) return null;
  let kept: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (!parsed || typeof parsed !== 'object') return null;
    kept = parsed as Record<string, unknown>;
  } catch {
    return null;
  }
  const draft = newDraft();
  const address = (kept.address ?? {}) as Record<string, unknown>;
  const contact = (kept.contact ?? {}) as Record<string, unknown>;
  draft.step = steps.includes(kept.step as SchedulerStep) ? (kept.step as SchedulerStep) : 'where';
  draft.locationId = typeof kept.locationId === 'string' ? kept.locationId : null;
  draft.otherAddress = kept.otherAddress === true;
  draft.address = {
    street: text(address.street, 200),
    unit: text(address.unit, 100),
    city: text(address.city, 100),
    state: text(address.state, 100),
    zip: text(address.zip, 20),
  };
  draft.serviceId = typeof kept.serviceId === 'string' ? kept.serviceId : null;
  draft.description = text(kept.description);
  draft.days = (Array.isArray(kept.days) ? kept.days : [])
    .filter((d): d is { date: string; windowId: unknown } => typeof d?.date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d.date))
    .map((d) => ({ date: d.date, windowId: typeof d.windowId === 'string' ? d.windowId : null }));
  draft.photos = (Array.isArray(kept.photos) ? kept.photos : []).filter(
    (p): p is PreparedPhoto => typeof p?.name === 'string' && typeof p?.data === 'string' && p?.type === 'image/jpeg',
  );
  draft.contact = {
    name: text(contact.name, 200),
    email: text(contact.email, 254),
    phone: text(contact.phone, 40),
    consentToContact: contact.consentToContact === true,
    consentToTexts: contact.consentToTexts === true,
  };
  draft.website = text(kept.website, 200);
  draft.idempotencyKey = typeof kept.idempotencyKey === 'string' ? kept.idempotencyKey : null;
  draft.keyFingerprint = text(kept.keyFingerprint, 100_000);
  return draft;
}

export function saveDraft(key: string, draft: SchedulerDraft) {
  const store = storage();
  if (!store) return;
  try {
    store.setItem(key, JSON.stringify(draft));
  } catch {
    // Photos can fill the quota: keep the rest, the photos are added again after a reload.
    try {
      store.setItem(key, JSON.stringify({ ...draft, photos: [] }));
    } catch {
      // Storage full or blocked: the draft simply does not survive a reload.
    }
  }
}

export function clearDraft(key: string) {
  try {
    storage()?.removeItem(key);
  } catch {
    // As above.
  }
}

const clean = (value: string) => value.trim();
const optional = (value: string) => (value.trim() ? value.trim() : undefined);

/** The request body the draft stands for (checked already). */
export function requestBody(draft: SchedulerDraft, customerId: string | null): AppointmentRequestBody {
  const address = {
    street: clean(draft.address.street),
    ...(optional(draft.address.unit) ? { unit: clean(draft.address.unit) } : {}),
    city: clean(draft.address.city),
    state: clean(draft.address.state),
    zip: clean(draft.address.zip),
  };
  const body: AppointmentRequestBody = {
    serviceId: draft.serviceId ?? '',
    description: draft.description.trim(),
    preferredDays: draft.days.map((d) => ({ date: d.date, windowId: d.windowId ?? '' })),
    photos: draft.photos.map((p) => ({ name: p.name, type: p.type, data: p.data })),
    website: draft.website,
  };
  if (customerId) {
    body.customerId = customerId;
    if (draft.otherAddress) body.address = address;
    else body.locationId = draft.locationId ?? '';
  } else {
    body.address = address;
    const email = optional(draft.contact.email);
    const phone = optional(draft.contact.phone);
    body.contact = {
      name: clean(draft.contact.name),
      ...(email ? { email } : {}),
      ...(phone ? { phone } : {}),
      consentToContact: draft.contact.consentToContact,
      consentToTexts: draft.contact.consentToTexts && phone !== undefined,
    };
  }
  return body;
}

function newKey(): string {
  // randomUUID exists only in secure contexts; getRandomValues everywhere.
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** What identifies a request for its key: everything sent, photos by size and tail rather than in full. */
function fingerprintOf(body: AppointmentRequestBody): string {
  return JSON.stringify({ ...body, photos: body.photos.map((p) => [p.name, p.data.length, p.data.slice(-48)]) });
}

/**
 * The Idempotency-Key for this request: the one kept in the draft when it is the same request (a
 * retry after a dropped connection, a double click, a reload), otherwise a new one.
 */
export function withKey(draft: SchedulerDraft, body: AppointmentRequestBody): SchedulerDraft {
  const fingerprint = fingerprintOf(body);
  if (draft.idempotencyKey && draft.keyFingerprint === fingerprint) return draft;
  return { ...draft, idempotencyKey: newKey(), keyFingerprint: fingerprint };
}
