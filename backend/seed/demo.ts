/**
 * The demo contractor, Northwind Heating & Air, and its customers. Dates are relative to "now" so that
 * past-due invoices stay past due and upcoming visits stay upcoming whenever the demo is opened.
 */
import type {
  BusinessUnit,
  Customer,
  InstalledEquipment,
  Invoice,
  Membership,
  Payment,
  PortalSettings,
  ReviewStatus,
  SyncStatus,
} from '../../src/model/index.js';
import { hashPassword } from '../rules/crypto.js';
import type { StoredJob } from '../queries/rows.js';
import type { EstimateRecord } from '../rules/estimates.js';
import { standardConsents } from '../rules/standard-consents.js';
import type { BackendDump, LoginRecord } from './dump.js';

/** Seeded sign-ins, documented in the README. */
export const SEEDED_PASSWORDS: Record<string, string> = {
  'dana.whitfield@example.com': 'maple street furnace 1987',
  'priya.nair@harborpoint.example': 'harbor point boiler room',
};

export const defaultSettings: PortalSettings = {
  portalEnabled: true,
  hostname: 'www.northwindair.example',
  companyName: 'Northwind Heating & Air',
  companyPhone: '(555) 010-4477',
  companyEmail: 'office@northwindair.example',
  // The demo's outbox shows the office's notices beside the customers' messages.
  officeNoticeEmail: 'dispatch@northwindair.example',
  timeZone: 'America/Chicago',
  schedulerEnabled: true,
  membershipsVisible: true,
  membershipStatuses: ['Active', 'Suspended'],
  visitsMessage:
    'Call us at (555) 010-4477 or visit https://northwindair.example/schedule to request your next visit.',
  // The office's own Spanish for Spanish pages (src/i18n/contractor-words.ts).
  translations: {
    es: { visitsMessage: 'Llámenos al (555) 010-4477 o visite https://northwindair.example/schedule para pedir su próxima visita.' },
  },
  invoiceFilter: { syncStatuses: ['Posted', 'Exported'], reviewStatuses: ['Reviewed', 'ReadyForBilling', 'Invoiced'] },
  excludedBusinessUnitIds: ['bu-commercial'],
  onlinePaymentsEnabled: true,
  // On by default: knowing an email on file is not enough to take that customer's account. A
  // contractor may turn it off (office setting "Confirm new accounts by email").
  requireEmailVerification: true,
};

/**
 * What a database nobody seeded starts with (a real server's first start): the example company's name
 * and phone, so the portal answers at once, but nothing that could mislead a customer or the office
 * before the contractor saves their own:
 * - online payments off: the reference backend's card processor is simulated, and a customer must
 *   never "pay" where no money moves;
 * - no hostname: the example's would send emailed links to northwindair.example (links open on the
 *   server's first --link-origin until the contractor names their site);
 * - no example email (nor notices address), visits message or excluded business unit: they would name the example's office,
 *   or hide the contractor's own work;
 * - online appointment requests off: the example's services and service area would take requests the
 *   office cannot book;
 * - memberships shown only while active (the demo also shows a suspended one, to show how it looks).
 * The server warns at every start while any example value is still in use (exampleSettingsInUse,
 * docs/deployment.md, "Before customers see it").
 */
export const newDatabaseSettings: PortalSettings = {
  ...defaultSettings,
  hostname: '',
  companyEmail: '',
  officeNoticeEmail: '',
  visitsMessage: '',
  translations: {},
  excludedBusinessUnitIds: [],
  schedulerEnabled: false,
  onlinePaymentsEnabled: false,
  membershipStatuses: ['Active'],
};

const businessUnits: BusinessUnit[] = [
  { id: 'bu-hvac', name: 'HVAC Service', trade: 'HVAC' },
  { id: 'bu-plumbing', name: 'Plumbing', trade: 'Plumbing' },
  { id: 'bu-electrical', name: 'Electrical', trade: 'Electrical' },
  { id: 'bu-commercial', name: 'Commercial HVAC', trade: 'HVAC' },
];

const technicians = [
  { id: 'tech-1', name: 'Luis Ortega' },
  { id: 'tech-2', name: 'Hannah Brooks' },
  { id: 'tech-3', name: 'Dev Patel' },
];

const customers: Customer[] = [
  {
    id: 'cust-1001',
    name: 'Dana Whitfield',
    type: 'Residential',
    address: { street: '418 Maple Ave', city: 'Springfield', state: 'IL', zip: '62704', country: 'US' },
    contacts: [
      { id: 'con-1', type: 'Email', value: 'dana.whitfield@example.com' },
      { id: 'con-2', type: 'MobilePhone', value: '(555) 014-2231' },
    ],
    locations: [
      {
        id: 'loc-1',
        name: 'Home',
        address: { street: '418 Maple Ave', city: 'Springfield', state: 'IL', zip: '62704', country: 'US' },
        contacts: [],
      },
    ],
  },
  {
    id: 'cust-1002',
    name: 'Marcus Reyes',
    type: 'Residential',
    address: { street: '77 Birch Ct', city: 'Springfield', state: 'IL', zip: '62711', country: 'US' },
    // Stored in mixed case on purpose: sign-up matches ignoring case and spaces.
    contacts: [
      { id: 'con-3', type: 'Email', value: 'Marcus.Reyes@Example.com' },
      { id: 'con-4', type: 'Phone', value: '(555) 019-8870' },
    ],
    locations: [
      {
        id: 'loc-2',
        name: 'Home',
        address: { street: '77 Birch Ct', city: 'Springfield', state: 'IL', zip: '62711', country: 'US' },
        contacts: [],
      },
    ],
  },
  {
    id: 'cust-1003',
    name: 'Harbor Point Properties LLC',
    type: 'Commercial',
    address: { street: '1200 Lakeshore Dr', unit: 'Suite 300', city: 'Springfield', state: 'IL', zip: '62702', country: 'US' },
    contacts: [
      { id: 'con-5', type: 'Email', value: 'priya.nair@harborpoint.example', memo: 'Property manager' },
      { id: 'con-6', type: 'Phone', value: '(555) 013-6000' },
    ],
    locations: [
      {
        id: 'loc-3',
        name: 'Harbor Point Apartments',
        address: { street: '1250 Lakeshore Dr', city: 'Springfield', state: 'IL', zip: '62702', country: 'US' },
        contacts: [
          { id: 'con-7', type: 'Email', value: 'sam.ortiz@example.com', memo: 'Site superintendent', portalAccess: 'nonBilling' },
        ],
      },
      {
        id: 'loc-4',
        name: 'Harbor Point Leasing Office',
        address: { street: '1200 Lakeshore Dr', unit: 'Suite 100', city: 'Springfield', state: 'IL', zip: '62702', country: 'US' },
        contacts: [{ id: 'con-8', type: 'Email', value: 'sam.ortiz@example.com', portalAccess: 'none' }],
      },
    ],
  },
  {
    id: 'cust-1004',
    name: 'Priya & Arjun Nair',
    type: 'Residential',
    address: { street: '9 Willow Lane', city: 'Chatham', state: 'IL', zip: '62629', country: 'US' },
    contacts: [{ id: 'con-9', type: 'Email', value: 'priya.nair@harborpoint.example' }],
    locations: [
      {
        id: 'loc-5',
        name: 'Home',
        address: { street: '9 Willow Lane', city: 'Chatham', state: 'IL', zip: '62629', country: 'US' },
        contacts: [],
      },
    ],
  },
  {
    id: 'cust-1005',
    name: 'Elena Kowalski',
    type: 'Residential',
    address: { street: '3 Orchard Rd', city: 'Rochester', state: 'IL', zip: '62563', country: 'US' },
    contacts: [{ id: 'con-10', type: 'Email', value: 'elena.kowalski@example.com' }],
    locations: [
      {
        id: 'loc-6',
        name: 'Home',
        address: { street: '3 Orchard Rd', city: 'Rochester', state: 'IL', zip: '62563', country: 'US' },
        contacts: [],
      },
    ],
  },
];

interface InvoiceSpec {
  number: string;
  customerId: string;
  locationId: string;
  businessUnitId: string;
  daysAgo: number;
  termsDays: number;
  jobType: string;
  summary: string;
  items: [description: string, quantity: number, unitPrice: number][];
  syncStatus: SyncStatus;
  reviewStatus: ReviewStatus;
  /** How much has been paid, in minor units; 'all' for paid in full. */
  paid: number | 'all';
  technician: number;
  /** The installed equipment the job worked on: its "last serviced" date comes from these jobs. */
  equipment?: string[];
}

const invoiceSpecs: InvoiceSpec[] = [
  { number: '10231', equipment: ['eq-2'], customerId: 'cust-1001', locationId: 'loc-1', businessUnitId: 'bu-hvac', daysAgo: 400, termsDays: 30, jobType: 'Maintenance', summary: 'Spring A/C tune-up', items: [['A/C tune-up', 1, 12900], ['Condenser coil cleaning', 1, 8900]], syncStatus: 'Exported', reviewStatus: 'Invoiced', paid: 'all', technician: 0 },
  { number: '10377', equipment: ['eq-1'], customerId: 'cust-1001', locationId: 'loc-1', businessUnitId: 'bu-hvac', daysAgo: 95, termsDays: 30, jobType: 'Repair', summary: 'Blower motor replacement', items: [['Blower motor, 1/2 HP', 1, 48500], ['Labor (hours)', 2.5, 11500]], syncStatus: 'Exported', reviewStatus: 'Invoiced', paid: 30000, technician: 1 },
  { number: '10412', equipment: ['eq-1'], customerId: 'cust-1001', locationId: 'loc-1', businessUnitId: 'bu-hvac', daysAgo: 45, termsDays: 30, jobType: 'Repair', summary: 'Furnace will not ignite — replaced hot surface igniter', items: [['Hot surface igniter', 1, 8900], ['Diagnostic fee', 1, 8900], ['Labor (hours)', 1, 11500]], syncStatus: 'Posted', reviewStatus: 'Invoiced', paid: 0, technician: 0 },
  { number: '10518', equipment: ['eq-3'], customerId: 'cust-1001', locationId: 'loc-1', businessUnitId: 'bu-plumbing', daysAgo: 10, termsDays: 30, jobType: 'Maintenance', summary: 'Water heater flush and anode check', items: [['Water heater flush', 1, 14900], ['Anode rod', 1, 6500]], syncStatus: 'Exported', reviewStatus: 'Reviewed', paid: 0, technician: 2 },
  { number: '10533', customerId: 'cust-1001', locationId: 'loc-1', businessUnitId: 'bu-hvac', daysAgo: 3, termsDays: 30, jobType: 'Repair', summary: 'Thermostat replacement', items: [['Smart thermostat', 1, 24900], ['Labor (hours)', 1, 11500]], syncStatus: 'Pending', reviewStatus: 'NeedsReview', paid: 0, technician: 1 },
  { number: '10540', customerId: 'cust-1001', locationId: 'loc-1', businessUnitId: 'bu-electrical', daysAgo: 6, termsDays: 30, jobType: 'Inspection', summary: 'Panel inspection', items: [['Electrical panel inspection', 1, 15900]], syncStatus: 'Posted', reviewStatus: 'OnHold', paid: 0, technician: 2 },
  { number: '10544', customerId: 'cust-1001', locationId: 'loc-1', businessUnitId: 'bu-electrical', daysAgo: 5, termsDays: 30, jobType: 'Repair', summary: 'GFCI outlet replacement', items: [['GFCI outlet', 2, 4500], ['Labor (hours)', 1, 11500]], syncStatus: 'Posted', reviewStatus: 'PendingApproval', paid: 0, technician: 2 },
  { number: '10601', customerId: 'cust-1003', locationId: 'loc-3', businessUnitId: 'bu-commercial', daysAgo: 20, termsDays: 45, jobType: 'Repair', summary: 'Rooftop unit compressor', items: [['Compressor, 5 ton', 1, 289000], ['Crane rental', 1, 65000]], syncStatus: 'Exported', reviewStatus: 'Invoiced', paid: 0, technician: 0 },
  { number: '10602', customerId: 'cust-1003', locationId: 'loc-3', businessUnitId: 'bu-plumbing', daysAgo: 130, termsDays: 30, jobType: 'Repair', summary: 'Main drain line hydro-jetting', items: [['Hydro-jetting', 1, 69500], ['Camera inspection', 1, 22500]], syncStatus: 'Exported', reviewStatus: 'Invoiced', paid: 0, technician: 2 },
  { number: '10603', customerId: 'cust-1003', locationId: 'loc-4', businessUnitId: 'bu-electrical', daysAgo: 8, termsDays: 30, jobType: 'Install', summary: 'LED retrofit, leasing office', items: [['LED troffer', 12, 8900], ['Labor (hours)', 6, 11500]], syncStatus: 'Posted', reviewStatus: 'ReadyForBilling', paid: 0, technician: 2 },
  { number: '10604', customerId: 'cust-1003', locationId: 'loc-4', businessUnitId: 'bu-hvac', daysAgo: 12, termsDays: 30, jobType: 'Repair', summary: 'Duplicate ticket', items: [['Service call', 1, 8900]], syncStatus: 'Posted', reviewStatus: 'Rejected', paid: 0, technician: 1 },
  { number: '10605', equipment: ['eq-4'], customerId: 'cust-1003', locationId: 'loc-3', businessUnitId: 'bu-hvac', daysAgo: 70, termsDays: 30, jobType: 'Repair', summary: 'Boiler circulator pump', items: [['Circulator pump', 1, 41000], ['Labor (hours)', 3, 11500]], syncStatus: 'Exported', reviewStatus: 'Invoiced', paid: 'all', technician: 1 },
  { number: '10606', equipment: ['eq-4'], customerId: 'cust-1003', locationId: 'loc-3', businessUnitId: 'bu-hvac', daysAgo: 50, termsDays: 30, jobType: 'Repair', summary: 'Boiler pressure relief valve', items: [['Relief valve', 1, 9500], ['Labor (hours)', 1, 11500]], syncStatus: 'Exported', reviewStatus: 'Invoiced', paid: 0, technician: 0 },
  { number: '10701', equipment: ['eq-6'], customerId: 'cust-1004', locationId: 'loc-5', businessUnitId: 'bu-hvac', daysAgo: 15, termsDays: 30, jobType: 'Maintenance', summary: 'Heat pump fall check-up', items: [['Heat pump maintenance', 1, 14900]], syncStatus: 'Exported', reviewStatus: 'Invoiced', paid: 0, technician: 0 },
  { number: '10702', customerId: 'cust-1004', locationId: 'loc-5', businessUnitId: 'bu-plumbing', daysAgo: 200, termsDays: 30, jobType: 'Repair', summary: 'Kitchen faucet replacement', items: [['Faucet (customer supplied)', 1, 0], ['Labor (hours)', 1.5, 11500]], syncStatus: 'Exported', reviewStatus: 'Invoiced', paid: 'all', technician: 2 },
  { number: '10801', customerId: 'cust-1002', locationId: 'loc-2', businessUnitId: 'bu-hvac', daysAgo: 35, termsDays: 30, jobType: 'Repair', summary: 'Refrigerant leak search and recharge', items: [['Leak search', 1, 19500], ['R-410A (lb)', 3, 9500]], syncStatus: 'Posted', reviewStatus: 'Invoiced', paid: 0, technician: 1 },
  { number: '10802', customerId: 'cust-1002', locationId: 'loc-2', businessUnitId: 'bu-hvac', daysAgo: 300, termsDays: 30, jobType: 'Install', summary: 'New 16 SEER air conditioner', items: [['Condenser, 3 ton 16 SEER', 1, 420000], ['Install labor', 1, 120000]], syncStatus: 'Exported', reviewStatus: 'Invoiced', paid: 'all', technician: 0 },
  { number: '10901', customerId: 'cust-1005', locationId: 'loc-6', businessUnitId: 'bu-hvac', daysAgo: 25, termsDays: 30, jobType: 'Warranty', summary: 'Warranty call — capacitor replaced at no charge', items: [['Run capacitor (warranty)', 1, 0]], syncStatus: 'Exported', reviewStatus: 'Invoiced', paid: 0, technician: 1 },
];

const TAX_RATE = 0.0725;

export interface Clock {
  now(): Date;
}

function dayOffset(now: Date, days: number): string {
  return new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

function instantAt(now: Date, days: number, hourUtc: number): string {
  const date = new Date(now.getTime() + days * 86_400_000);
  date.setUTCHours(hourUtc, 0, 0, 0);
  return date.toISOString();
}

function ref(id: string, name: string) {
  return { id, name };
}

function locationRef(locationId: string) {
  for (const customer of customers) {
    const location = customer.locations.find((l) => l.id === locationId);
    if (location) return ref(location.id, location.name);
  }
  throw new Error(`Unknown location ${locationId}`);
}

function buildInvoicesAndJobs(now: Date) {
  const invoices: Invoice[] = [];
  const jobs: StoredJob[] = [];
  const payments: Payment[] = [];
  for (const [index, spec] of invoiceSpecs.entries()) {
    const items = spec.items.map(([description, quantity, unitPrice], i) => ({
      id: `item-${spec.number}-${i + 1}`,
      description,
      quantity,
      unitPrice,
      total: Math.round(quantity * unitPrice),
    }));
    const subtotal = items.reduce((sum, item) => sum + item.total, 0);
    const tax = Math.round(subtotal * TAX_RATE);
    const total = subtotal + tax;
    const paidAmount = spec.paid === 'all' ? total : spec.paid;
    const bu = businessUnits.find((b) => b.id === spec.businessUnitId)!;
    const jobId = `job-${spec.number}`;
    const jobNumber = String(50000 + index * 7);
    const completedOn = dayOffset(now, -spec.daysAgo);
    const invoiceId = `inv-${spec.number}`;
    const paidOn = dayOffset(now, -spec.daysAgo + Math.min(spec.termsDays, 14));
    const paymentId = `pay-seed-${spec.number}`;
    if (paidAmount > 0) {
      payments.push({
        id: paymentId,
        customerId: spec.customerId,
        createdAt: `${paidOn}T15:00:00Z`,
        amount: paidAmount,
        currency: 'USD',
        card: { brand: 'Visa', last4: '4242' },
        applications: [{ invoiceId, invoiceNumber: spec.number, amount: paidAmount }],
        receiptNumber: `R-${spec.number}`,
      });
    }
    invoices.push({
      id: invoiceId,
      number: spec.number,
      customerId: spec.customerId,
      invoiceDate: completedOn,
      dueDate: dayOffset(now, -spec.daysAgo + spec.termsDays),
      currency: 'USD',
      items,
      subtotal,
      tax,
      total,
      balance: total - paidAmount,
      businessUnit: ref(bu.id, bu.name),
      location: locationRef(spec.locationId),
      job: { id: jobId, number: jobNumber },
      payments: paidAmount > 0 ? [{ paymentId, paidOn, amount: paidAmount, method: 'Visa •••• 4242' }] : [],
      syncStatus: spec.syncStatus,
      reviewStatus: spec.reviewStatus,
      summary: spec.summary,
    });
    const technician = technicians[spec.technician] ?? null;
    jobs.push({
      id: jobId,
      number: jobNumber,
      customerId: spec.customerId,
      location: locationRef(spec.locationId),
      businessUnit: ref(bu.id, bu.name),
      jobType: spec.jobType,
      summary: spec.summary,
      status: 'Completed',
      completedOn,
      appointments: [
        {
          id: `appt-${spec.number}`,
          start: instantAt(now, -spec.daysAgo, 14),
          end: instantAt(now, -spec.daysAgo, 17),
          arrivalWindowStart: instantAt(now, -spec.daysAgo, 14),
          arrivalWindowEnd: instantAt(now, -spec.daysAgo, 16),
          status: 'Done',
          technician,
        },
      ],
      invoice: { id: invoiceId, number: spec.number, total, currency: 'USD' },
      equipmentIds: spec.equipment ?? [],
    });
  }
  const upcoming: [string, string, string, string, string, number, number][] = [
    ['job-u1', 'cust-1001', 'loc-1', 'Maintenance', 'Fall furnace tune-up (Comfort Club visit)', 5, 0],
    ['job-u2', 'cust-1003', 'loc-3', 'Maintenance', 'Quarterly boiler inspection', 2, 1],
    ['job-u3', 'cust-1003', 'loc-4', 'Repair', 'Leasing office thermostat not holding temperature', 9, 2],
    ['job-u4', 'cust-1004', 'loc-5', 'Maintenance', 'Heat pump filter change', 21, 0],
  ];
  for (const [id, customerId, locationId, jobType, summary, inDays, tech] of upcoming) {
    jobs.push({
      id,
      number: `6${id.slice(-1)}00${inDays}`,
      customerId,
      location: locationRef(locationId),
      businessUnit: ref('bu-hvac', 'HVAC Service'),
      jobType,
      summary,
      status: 'Scheduled',
      completedOn: null,
      appointments: [
        {
          id: `appt-${id}`,
          start: instantAt(now, inDays, 14),
          end: instantAt(now, inDays, 17),
          arrivalWindowStart: instantAt(now, inDays, 14),
          arrivalWindowEnd: instantAt(now, inDays, 16),
          status: 'Scheduled',
          technician: technicians[tech] ?? null,
        },
      ],
      invoice: null,
    });
  }
  jobs.push({
    id: 'job-c1',
    number: '61999',
    customerId: 'cust-1002',
    location: locationRef('loc-2'),
    businessUnit: ref('bu-plumbing', 'Plumbing'),
    jobType: 'Estimate',
    summary: 'Water softener estimate (canceled by customer)',
    status: 'Canceled',
    completedOn: null,
    appointments: [],
    invoice: null,
  });
  return { invoices, jobs, payments };
}

function buildMemberships(now: Date): Membership[] {
  const gold = {
    id: 'plan-gold',
    name: 'Comfort Club Gold',
    description: 'Two precision tune-ups a year, priority service and repair discounts.',
  };
  const benefits = ['Spring A/C and fall furnace tune-up', 'Priority scheduling', 'No overtime charges'];
  return [
    { id: 'mem-1', customerId: 'cust-1001', location: locationRef('loc-1'), plan: gold, status: 'Active', from: dayOffset(now, -200), to: dayOffset(now, 165), renewsOn: dayOffset(now, 165), billingFrequency: 'Monthly', price: 1995, currency: 'USD', benefits, discounts: [{ description: 'Repairs', percent: 15 }], recurringVisits: { included: 2, used: 1 }, nextVisitOn: dayOffset(now, 5) },
    { id: 'mem-2', customerId: 'cust-1001', location: locationRef('loc-1'), plan: { id: 'plan-basic', name: 'Comfort Club Basic', description: 'One tune-up a year.' }, status: 'Expired', from: dayOffset(now, -600), to: dayOffset(now, -235), renewsOn: null, billingFrequency: 'Annual', price: 14900, currency: 'USD', benefits: ['One annual tune-up'], discounts: [{ description: 'Repairs', percent: 5 }], recurringVisits: { included: 1, used: 1 }, nextVisitOn: null },
    { id: 'mem-3', customerId: 'cust-1003', location: locationRef('loc-3'), plan: { id: 'plan-commercial', name: 'Commercial Preventive Maintenance', description: 'Quarterly inspection of boilers and rooftop units.' }, status: 'Active', from: dayOffset(now, -90), to: dayOffset(now, 275), renewsOn: dayOffset(now, 275), billingFrequency: 'Quarterly', price: 89000, currency: 'USD', benefits: ['Quarterly boiler inspection', 'Rooftop unit filter changes', '4-hour emergency response'], discounts: [{ description: 'Parts', percent: 10 }], recurringVisits: { included: 4, used: 1 }, nextVisitOn: dayOffset(now, 2) },
    { id: 'mem-4', customerId: 'cust-1003', location: locationRef('loc-4'), plan: { id: 'plan-plumbing', name: 'Plumbing Protection', description: 'Annual plumbing inspection and drain care.' }, status: 'Suspended', from: dayOffset(now, -300), to: dayOffset(now, 65), renewsOn: null, billingFrequency: 'Monthly', price: 1495, currency: 'USD', benefits: ['Annual plumbing inspection'], discounts: [{ description: 'Drain cleaning', percent: 20 }], recurringVisits: { included: 1, used: 0 }, nextVisitOn: null },
    { id: 'mem-5', customerId: 'cust-1004', location: locationRef('loc-5'), plan: gold, status: 'Canceled', from: dayOffset(now, -500), to: dayOffset(now, -120), renewsOn: null, billingFrequency: 'Monthly', price: 1995, currency: 'USD', benefits, discounts: [{ description: 'Repairs', percent: 15 }], recurringVisits: { included: 2, used: 2 }, nextVisitOn: null },
    { id: 'mem-6', customerId: 'cust-1002', location: locationRef('loc-2'), plan: gold, status: 'Active', from: dayOffset(now, -300), to: dayOffset(now, 65), renewsOn: dayOffset(now, 65), billingFrequency: 'Annual', price: 21900, currency: 'USD', benefits, discounts: [{ description: 'Repairs', percent: 15 }], recurringVisits: { included: 2, used: 2 }, nextVisitOn: null },
  ];
}

/** The demo estimate's items in Spanish (the contractor's own words, translated by the office). */
const itemsInSpanish: Record<string, string> = {
  '80% AFUE gas furnace, 80,000 BTU': 'Calefactor de gas 80 % AFUE, 80,000 BTU',
  'Installation labor (hours)': 'Mano de obra de instalación (horas)',
  'Permit and haul-away': 'Permiso y retiro del equipo viejo',
  '96% AFUE two-stage gas furnace, 80,000 BTU': 'Calefactor de gas de dos etapas 96 % AFUE, 80,000 BTU',
  'New venting (PVC) and condensate drain': 'Ventilación nueva (PVC) y drenaje de condensado',
  '3-ton heat pump (dual fuel)': 'Bomba de calor de 3 toneladas (combustible dual)',
  'Smart thermostat': 'Termostato inteligente',
};

/** Dana's open estimate (the online-estimate demo): three options in English and Spanish, the contractor's terms and consents. */
function buildEstimates(now: Date): EstimateRecord[] {
  const option = (id: string, [name, nombre]: [string, string], [description, descripción]: [string, string], recommended: boolean, items: [string, number, number][]) => {
    const lines = items.map(([description, quantity, unitPrice]) => ({
      description,
      quantity,
      unitPrice,
      total: Math.round(quantity * unitPrice),
      translations: { es: { description: itemsInSpanish[description] } },
    }));
    const subtotal = lines.reduce((sum, l) => sum + l.total, 0);
    const tax = Math.round(subtotal * TAX_RATE);
    return { id, name, description, translations: { es: { name: nombre, description: descripción } }, recommended, items: lines, subtotal, tax, total: subtotal + tax };
  };
  return [
    {
      id: 'est-2001',
      number: 'E-2001',
      name: 'Replace the furnace and improve comfort',
      translations: { es: { name: 'Cambiar el calefactor y mejorar el confort' } },
      customerId: 'cust-1001',
      location: locationRef('loc-1'),
      createdOn: dayOffset(now, -2),
      validUntil: dayOffset(now, 28),
      version: 1,
      status: 'Open',
      currency: 'USD',
      options: [
        option('opt-good', ['Good', 'Bueno'], ['A new 80% efficient gas furnace in place of the 13-year-old one.', 'Un calefactor de gas nuevo, con 80 % de eficiencia, en lugar del que tiene 13 años.'], false, [
          ['80% AFUE gas furnace, 80,000 BTU', 1, 289000],
          ['Installation labor (hours)', 6, 11500],
          ['Permit and haul-away', 1, 18500],
        ]),
        option('opt-better', ['Better', 'Mejor'], ['A 96% efficient two-stage furnace: quieter, steadier heat, lower gas bills.', 'Un calefactor de dos etapas con 96 % de eficiencia: más silencioso, un calor más parejo y facturas de gas más bajas.'], true, [
          ['96% AFUE two-stage gas furnace, 80,000 BTU', 1, 429000],
          ['New venting (PVC) and condensate drain', 1, 62000],
          ['Installation labor (hours)', 8, 11500],
          ['Permit and haul-away', 1, 18500],
        ]),
        option('opt-best', ['Best', 'Superior'], ['The 96% furnace with a heat pump for mild days, and a smart thermostat.', 'El calefactor de 96 % con una bomba de calor para los días templados y un termostato inteligente.'], false, [
          ['96% AFUE two-stage gas furnace, 80,000 BTU', 1, 429000],
          ['3-ton heat pump (dual fuel)', 1, 612000],
          ['Smart thermostat', 1, 24900],
          ['Installation labor (hours)', 14, 11500],
          ['Permit and haul-away', 1, 18500],
        ]),
      ],
      terms: {
        version: '2026-01',
        text: 'Prices include equipment, labor, permit and removal of the old equipment. Work is scheduled within 14 days of approval. A 10-year parts and 2-year labor warranty applies. Payment is due on completion.',
        translations: {
          es: {
            text: 'Los precios incluyen el equipo, la mano de obra, el permiso y el retiro del equipo viejo. El trabajo se programa dentro de los 14 días siguientes a la aprobación. Tiene una garantía de 10 años en piezas y de 2 años en mano de obra. El pago se hace al terminar el trabajo.',
          },
        },
      },
      consents: standardConsents('2026-01'),
      decision: null,
    },
  ];
}

function buildEquipment(now: Date): InstalledEquipment[] {
  const base = { attachments: [] as { name: string; url: string }[] };
  return [
    { ...base, id: 'eq-1', customerId: 'cust-1001', location: locationRef('loc-1'), name: 'Gas furnace', type: 'Furnace', manufacturer: 'Carrier', model: '59SC5A080S17', serialNumber: '2412A51234', installedOn: dayOffset(now, -13 * 365), manufacturerWarrantyEnd: dayOffset(now, -3 * 365), serviceProviderWarrantyEnd: dayOffset(now, -12 * 365), predictedReplacementOn: dayOffset(now, 300), lastServicedOn: null, attachments: [{ name: 'Owner manual (PDF)', url: 'https://example.com/manuals/carrier-59sc5.pdf' }] },
    { ...base, id: 'eq-2', customerId: 'cust-1001', location: locationRef('loc-1'), name: 'Central air conditioner', type: 'Air conditioner', manufacturer: 'Trane', model: 'XR16 4TTR6036', serialNumber: '23051KX9AF', installedOn: dayOffset(now, -2 * 365), manufacturerWarrantyEnd: dayOffset(now, 8 * 365), serviceProviderWarrantyEnd: dayOffset(now, 60), predictedReplacementOn: dayOffset(now, 13 * 365), lastServicedOn: null },
    { ...base, id: 'eq-3', customerId: 'cust-1001', location: locationRef('loc-1'), name: 'Water heater, 50 gal', type: 'Water heater', manufacturer: 'Rheem', model: 'XG50T06EC36U1', serialNumber: 'Q061612345', installedOn: dayOffset(now, -6 * 365), manufacturerWarrantyEnd: dayOffset(now, 45), serviceProviderWarrantyEnd: null, predictedReplacementOn: dayOffset(now, 3 * 365), lastServicedOn: null },
    { ...base, id: 'eq-4', customerId: 'cust-1003', location: locationRef('loc-3'), name: 'Hot water boiler', type: 'Boiler', manufacturer: 'Weil-McLain', model: 'CGa-8', serialNumber: 'WM-88231', installedOn: dayOffset(now, -9 * 365), manufacturerWarrantyEnd: dayOffset(now, -4 * 365), serviceProviderWarrantyEnd: null, predictedReplacementOn: dayOffset(now, 6 * 365), lastServicedOn: null },
    { ...base, id: 'eq-5', customerId: 'cust-1003', location: locationRef('loc-4'), name: 'Rooftop unit', type: 'Packaged unit', manufacturer: 'Lennox', model: 'LGH120H4B', serialNumber: '5619D04122', installedOn: dayOffset(now, -4 * 365), manufacturerWarrantyEnd: dayOffset(now, 365), serviceProviderWarrantyEnd: dayOffset(now, 20), predictedReplacementOn: dayOffset(now, 11 * 365), lastServicedOn: null },
    { ...base, id: 'eq-6', customerId: 'cust-1004', location: locationRef('loc-5'), name: 'Heat pump', type: 'Heat pump', manufacturer: 'Mitsubishi', model: 'MXZ-3C24NA', serialNumber: '0ZU04321', installedOn: dayOffset(now, -3 * 365), manufacturerWarrantyEnd: dayOffset(now, 9 * 365), serviceProviderWarrantyEnd: null, predictedReplacementOn: null, lastServicedOn: null },
  ];
}

/** Cached per iteration count: seeding runs before every test and PBKDF2 is slow on purpose. */
const seededLoginCache = new Map<number, Promise<LoginRecord[]>>();

function seededLogins(iterations: number, now: Date): Promise<LoginRecord[]> {
  let logins = seededLoginCache.get(iterations);
  if (!logins) {
    logins = Promise.all(
      Object.entries(SEEDED_PASSWORDS).map(async ([email, password], i) => ({
        id: `login-${i + 1}`,
        email,
        password: await hashPassword(password, iterations),
        createdAt: new Date(now.getTime() - 30 * 86_400_000).toISOString(),
      })),
    );
    seededLoginCache.set(iterations, logins);
  }
  return logins;
}

export async function createSeedState(now: Date, passwordIterations: number): Promise<BackendDump> {
  const { invoices, jobs, payments } = buildInvoicesAndJobs(now);
  const logins = await seededLogins(passwordIterations, now);
  return structuredClone({
    settings: defaultSettings,
    businessUnits,
    customers,
    invoices,
    payments,
    jobs,
    memberships: buildMemberships(now),
    equipment: buildEquipment(now),
    bookingRequests: [],
    estimates: buildEstimates(now),
    logins,
    sessions: [],
    resetTokens: [],
    outbox: [],
  });
}
