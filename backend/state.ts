import type {
  BookingRequest,
  BusinessUnit,
  Customer,
  Estimate,
  InstalledEquipment,
  Invoice,
  Job,
  Membership,
  Payment,
  PortalSettings,
} from '../src/model/index.js';

/** A stored password: never the password itself, only a salted, slow hash. */
export interface PasswordHash {
  algorithm: 'PBKDF2-SHA256';
  iterations: number;
  salt: string;
  hash: string;
}

/** A portal sign-in. Which customers it reaches is derived from the contacts on file. */
export interface LoginRecord {
  id: string;
  email: string;
  password: PasswordHash;
  createdAt: string;
  /** `null` until the email is confirmed (when the contractor requires it); absent on older records = confirmed. */
  verifiedAt?: string | null;
}

export interface SessionRecord {
  /** SHA-256 of the bearer token: a leaked store does not leak sessions. */
  tokenHash: string;
  loginId: string;
  createdAt: string;
  expiresAt: string;
}

export interface ResetTokenRecord {
  /** `verify` confirms a new account's email; `reset` (or absent) sets a new password. */
  purpose?: 'reset' | 'verify';
  tokenHash: string;
  loginId: string;
  expiresAt: string;
  usedAt: string | null;
}

export interface OutboxMessage {
  id: string;
  to: string;
  subject: string;
  body: string;
  /** The link the message carries, for the office page to open. */
  link: string | null;
  kind: 'password-reset' | 'invitation' | 'receipt' | 'verify-email';
  sentAt: string;
}

export interface IdempotencyRecord {
  key: string;
  customerId: string;
  /** What the request asked for; the same key with another request is refused. */
  fingerprint: string;
  status: number;
  body: unknown;
  createdAt: string;
}

/** Everything the reference backend knows. Storage keeps it as one JSON document. */
export interface BackendState {
  version: number;
  settings: PortalSettings;
  businessUnits: BusinessUnit[];
  customers: Customer[];
  invoices: Invoice[];
  payments: Payment[];
  jobs: Job[];
  memberships: Membership[];
  equipment: InstalledEquipment[];
  bookingRequests: BookingRequest[];
  estimates: Estimate[];
  logins: LoginRecord[];
  sessions: SessionRecord[];
  resetTokens: ResetTokenRecord[];
  /** Failed sign-ins per normalised email, for the lockout rule. */
  failedSignIns: Record<string, string[]>;
  /** Reset emails sent per normalised email, to throttle mail bombing. Optional: older saved states lack it. */
  resetRequests?: Record<string, string[]>;
  /** Declined charges per customer, to stop card testing. Optional: older saved states lack it. */
  declinedCharges?: Record<string, string[]>;
  outbox: OutboxMessage[];
  idempotency: IdempotencyRecord[];
}

export const STATE_VERSION = 1;
