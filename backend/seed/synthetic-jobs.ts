/**
 * Many completed jobs for one customer, for the benchmark and the long-history and long-invoice-list
 * tests (never the demo seed). Each job has an invoice: paid by default, so the list shows totals and
 * the balance does not change; `invoices: 'open'` leaves each one owed in full instead.
 */
import type { Invoice, Job } from '../../src/model/index.js';
import type { BackendDump as BackendState } from './dump.js';

export interface SyntheticJobsOptions {
  customerId: string;
  count: number;
  now: Date;
  /** Defaults to the customer's first location. */
  locationId?: string;
  /** Days back the jobs are spread over (default: one a day, at least a year). */
  spanDays?: number;
  /** `paid` (default): each invoice paid by check on the day. `open`: nothing paid, due 30 days after. */
  invoices?: 'paid' | 'open';
}

const jobTypes = ['Repair', 'Maintenance', 'Inspection', 'Install', 'Warranty'];
const summaries = [
  'Replaced condensate pump',
  'Furnace tune-up and filter change',
  'Cleared clogged kitchen drain',
  'Thermostat wiring repair',
  'Water heater anode replacement',
  'Duct leak sealing',
  'Replaced run capacitor',
  'Outlet and breaker check',
];
const technicians = [
  { id: 'tech-1', name: 'Luis Ortega' },
  { id: 'tech-2', name: 'Hannah Brooks' },
  { id: 'tech-3', name: 'Dev Patel' },
];

/** Adds `count` completed jobs, spread back in time from `now`, and returns them. */
export function addSyntheticJobs(state: BackendState, options: SyntheticJobsOptions): Job[] {
  const customer = state.customers.find((c) => c.id === options.customerId);
  const location = customer?.locations.find((l) => l.id === (options.locationId ?? customer.locations[0]?.id));
  if (!customer || !location) throw new Error(`No customer ${options.customerId} with that location`);
  const span = options.spanDays ?? Math.max(365, options.count);
  const added: Job[] = [];
  const invoices: Invoice[] = [];
  // Numbering continues after earlier synthetic jobs: ids are keys in the database.
  const first = state.jobs.filter((j) => j.id.startsWith('job-syn-')).length;
  for (let i = 0; i < options.count; i++) {
    const daysAgo = 1 + Math.floor((i * span) / options.count);
    const day = new Date(options.now.getTime() - daysAgo * 86_400_000);
    const completedOn = day.toISOString().slice(0, 10);
    const start = new Date(day);
    start.setUTCHours(15, 0, 0, 0);
    const end = new Date(start.getTime() + 2 * 3_600_000);
    const summary = `${summaries[(first + i) % summaries.length]} (#${first + i + 1})`;
    const subtotal = 9_900 + ((i * 7_919) % 90_000);
    const tax = Math.round(subtotal * 0.0725);
    const total = subtotal + tax;
    const jobId = `job-syn-${first + i + 1}`;
    const invoiceId = `inv-syn-${first + i + 1}`;
    const invoiceNumber = String(200_000 + first + i + 1);
    const jobNumber = String(700_000 + first + i + 1);
    const businessUnit = { id: 'bu-hvac', name: 'HVAC Service' };
    const technician = technicians[i % technicians.length]!;
    const open = options.invoices === 'open';
    const dueDate = open ? new Date(day.getTime() + 30 * 86_400_000).toISOString().slice(0, 10) : completedOn;
    invoices.push({
      id: invoiceId,
      number: invoiceNumber,
      customerId: customer.id,
      invoiceDate: completedOn,
      dueDate,
      currency: 'USD',
      items: [{ id: `item-syn-${first + i + 1}`, description: summary, quantity: 1, unitPrice: subtotal, total: subtotal }],
      subtotal,
      tax,
      total,
      balance: open ? total : 0,
      businessUnit,
      location: { id: location.id, name: location.name },
      job: { id: jobId, number: jobNumber },
      payments: open ? [] : [{ paymentId: `pay-syn-${first + i + 1}`, paidOn: completedOn, amount: total, method: 'Check' }],
      syncStatus: 'Exported',
      reviewStatus: 'Invoiced',
      summary,
    });
    added.push({
      id: jobId,
      number: jobNumber,
      customerId: customer.id,
      location: { id: location.id, name: location.name },
      businessUnit,
      jobType: jobTypes[i % jobTypes.length]!,
      summary,
      status: 'Completed',
      completedOn,
      appointments: [
        {
          id: `appt-syn-${first + i + 1}`,
          start: start.toISOString(),
          end: end.toISOString(),
          arrivalWindowStart: start.toISOString(),
          arrivalWindowEnd: end.toISOString(),
          status: 'Done',
          technician,
        },
      ],
      invoice: { id: invoiceId, number: invoiceNumber, total, currency: 'USD' },
    });
  }
  state.jobs.push(...added);
  state.invoices.push(...invoices);
  return added;
}
