/**
 * Writing data: the demo's customers (the README's table) and the synthetic data set used to try the
 * backend at scale (`porchlight-server seed --customers N`, `npm run bench`).
 */
import type { Customer, InstalledEquipment, Invoice, Membership } from '../../src/model/index.js';
import type { PortalDatabase } from '../dialects/portal-database.js';
import type { StoredJob } from '../queries/rows.js';
import { equipmentRow, membershipRow } from '../queries/rows.js';
import { DEFAULT_PBKDF2_ITERATIONS, hashPassword } from '../rules/crypto.js';
import { migrateToLatest } from '../schema/migrate.js';
import { createSeedState, defaultSettings } from './demo.js';
import { addSyntheticJobs } from './synthetic-jobs.js';
import { clearAll, insertAll, writeCustomers, writeDump, writeInvoices, writeJobs, writeLogins } from './dump.js';

export { createSeedState, defaultSettings, SEEDED_PASSWORDS } from './demo.js';

export interface SeedOptions {
  now?: Date;
  passwordIterations?: number;
}

/** Replaces all data with the demo contractor and its customers. */
export async function seedDemo(database: PortalDatabase, options: SeedOptions = {}): Promise<void> {
  await migrateToLatest(database);
  const dump = await createSeedState(options.now ?? new Date(), options.passwordIterations ?? DEFAULT_PBKDF2_ITERATIONS);
  await database.db.transaction().execute((trx) => writeDump(trx, dump));
}

/** Every synthetic customer's password (documented): anyone can sign in and try the scale. */
export const SYNTHETIC_PASSWORD = 'synthetic customer password';

export function syntheticEmail(n: number): string {
  return `customer${n}@example.test`;
}

export interface SyntheticOptions extends SeedOptions {
  customers: number;
  /** Completed jobs (each with a paid invoice) added to customer 1, for history pages deep into a long list. */
  historyJobs?: number;
  /** Called after each batch with the number of customers written so far. */
  onProgress?: (written: number) => void;
}

const DAY = 86_400_000;
const BATCH = 1_000;

function day(now: Date, offsetDays: number): string {
  return new Date(now.getTime() + offsetDays * DAY).toISOString().slice(0, 10);
}

/** One synthetic customer: a home, three invoices (one open), two completed jobs, a membership, two pieces of equipment. */
function syntheticCustomer(n: number, now: Date) {
  const id = `syn-c${n}`;
  const location = { id: `syn-l${n}`, name: 'Home' };
  const address = { street: `${100 + (n % 900)} Synthetic St`, city: 'Springfield', state: 'IL', zip: String(62700 + (n % 50)), country: 'US' };
  const customer: Customer = {
    id,
    name: `Synthetic Customer ${n}`,
    type: 'Residential',
    address,
    contacts: [{ id: `syn-e${n}`, type: 'Email', value: syntheticEmail(n) }],
    locations: [{ id: location.id, name: location.name, address, contacts: [] }],
  };
  const bu = { id: 'bu-hvac', name: 'HVAC Service' };
  const invoices: Invoice[] = [];
  const jobs: StoredJob[] = [];
  for (let k = 0; k < 3; k++) {
    const daysAgo = 20 + k * 120 + (n % 17);
    const subtotal = 9_900 + ((n * 7 + k * 3_001) % 40_000);
    const tax = Math.round(subtotal * 0.0725);
    const total = subtotal + tax;
    const open = k === 0;
    const invoiceId = `syn-i${n}-${k}`;
    const jobId = `syn-j${n}-${k}`;
    const number = String(3_000_000 + n * 3 + k);
    const completedOn = day(now, -daysAgo);
    invoices.push({
      id: invoiceId,
      number,
      customerId: id,
      invoiceDate: completedOn,
      dueDate: day(now, -daysAgo + 30),
      currency: 'USD',
      items: [{ id: `syn-it${n}-${k}`, description: k === 0 ? 'Furnace repair' : 'Seasonal tune-up', quantity: 1, unitPrice: subtotal, total: subtotal }],
      subtotal,
      tax,
      total,
      balance: open ? total : 0,
      businessUnit: bu,
      location,
      job: k < 2 ? { id: jobId, number: `J${number}` } : null,
      payments: open ? [] : [{ paymentId: `syn-p${n}-${k}`, paidOn: day(now, -daysAgo + 10), amount: total, method: 'Check' }],
      syncStatus: 'Exported',
      reviewStatus: 'Invoiced',
      summary: k === 0 ? 'Furnace repair' : 'Seasonal tune-up',
    });
    if (k < 2) {
      const start = `${completedOn}T15:00:00.000Z`;
      jobs.push({
        id: jobId,
        number: `J${number}`,
        customerId: id,
        location,
        businessUnit: bu,
        jobType: k === 0 ? 'Repair' : 'Maintenance',
        summary: k === 0 ? 'Furnace repair' : 'Seasonal tune-up',
        status: 'Completed',
        completedOn,
        appointments: [
          { id: `syn-a${n}-${k}`, start, end: `${completedOn}T17:00:00.000Z`, arrivalWindowStart: start, arrivalWindowEnd: `${completedOn}T16:00:00.000Z`, status: 'Done', technician: { id: 'tech-1', name: 'Luis Ortega' } },
        ],
        invoice: { id: invoiceId, number, total, currency: 'USD' },
        equipmentIds: [`syn-q${n}-0`],
      });
    }
  }
  const membership: Membership = {
    id: `syn-m${n}`,
    customerId: id,
    location,
    plan: { id: 'plan-gold', name: 'Comfort Club Gold', description: 'Two tune-ups a year.' },
    status: 'Active',
    from: day(now, -100),
    to: day(now, 265),
    renewsOn: day(now, 265),
    billingFrequency: 'Monthly',
    price: 1_995,
    currency: 'USD',
    benefits: ['Two tune-ups a year'],
    discounts: [{ description: 'Repairs', percent: 15 }],
    recurringVisits: { included: 2, used: 1 },
    nextVisitOn: day(now, 30),
  };
  const equipment: InstalledEquipment[] = ['Gas furnace', 'Central air conditioner'].map((name, k) => ({
    id: `syn-q${n}-${k}`,
    customerId: id,
    location,
    name,
    type: k === 0 ? 'Furnace' : 'Air conditioner',
    manufacturer: 'Carrier',
    model: `M-${n}-${k}`,
    serialNumber: `S${n}${k}`,
    installedOn: day(now, -3_000),
    manufacturerWarrantyEnd: day(now, 600),
    serviceProviderWarrantyEnd: null,
    predictedReplacementOn: null,
    lastServicedOn: null,
    attachments: [],
  }));
  return { customer, invoices, jobs, membership, equipment };
}

/**
 * Replaces all data with `customers` synthetic customers. Customer n signs in as
 * `customer<n>@example.test` with SYNTHETIC_PASSWORD (hashed once, shared by every login), except every
 * tenth customer (10, 20, …), who has no account yet: sign-up works for them.
 */
export async function seedSynthetic(database: PortalDatabase, options: SyntheticOptions): Promise<void> {
  await migrateToLatest(database);
  const now = options.now ?? new Date();
  const password = await hashPassword(SYNTHETIC_PASSWORD, options.passwordIterations ?? DEFAULT_PBKDF2_ITERATIONS);
  const { db } = database;
  await db.transaction().execute(async (trx) => {
    await clearAll(trx);
    await trx.insertInto('settings').values({ key: 'portal', value: JSON.stringify(defaultSettings) }).execute();
    await trx.insertInto('counters').values({ name: 'receipt', value: 100_000 }).execute();
    await insertAll(trx, 'business_units', [{ id: 'bu-hvac', name: 'HVAC Service', trade: 'HVAC' }]);
  });
  for (let first = 1; first <= options.customers; first += BATCH) {
    const last = Math.min(options.customers, first + BATCH - 1);
    const batch = Array.from({ length: last - first + 1 }, (_, i) => syntheticCustomer(first + i, now));
    await db.transaction().execute(async (trx) => {
      await writeCustomers(trx, batch.map((b) => b.customer));
      await writeInvoices(trx, batch.flatMap((b) => b.invoices));
      await insertAll(trx, 'memberships', batch.map((b) => membershipRow(b.membership)));
      await insertAll(trx, 'equipment', batch.flatMap((b) => b.equipment.map(equipmentRow)));
      await writeJobs(trx, batch.flatMap((b) => b.jobs));
      await writeLogins(
        trx,
        batch
          .map((_, i) => first + i)
          .filter((n) => n % 10 !== 0)
          .map((n) => ({ id: `syn-login${n}`, email: syntheticEmail(n), password, createdAt: now.toISOString(), verifiedAt: now.toISOString() })),
      );
    });
    options.onProgress?.(last);
  }
  if (options.historyJobs && options.customers >= 1) {
    const dump = { customers: [syntheticCustomer(1, now).customer], jobs: [] as StoredJob[], invoices: [] as Invoice[] };
    addSyntheticJobs(dump as never, { customerId: 'syn-c1', count: options.historyJobs, now });
    await db.transaction().execute(async (trx) => {
      await writeInvoices(trx, dump.invoices);
      await writeJobs(trx, dump.jobs);
    });
  }
}
