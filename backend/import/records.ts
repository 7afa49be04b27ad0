/**
 * The records file of `porchlight-server import` (docs/import.md): the contractor's business units,
 * customers, invoices, jobs, memberships and equipment, in the portal's own model shapes (src/model).
 *
 * Here a file becomes checked records, each problem named by its path in the file
 * (`customers[3].contacts[0].value: not an email address`): its shape and what a record must say of
 * itself. What needs the database (does that customer exist, whose is that location) is
 * import-records.ts's. Every record is read on its own, so one bad record hides none of the others,
 * and every check runs on every record, so one problem hides no other of the same record: a check
 * waits only for the fields it reads (`Faults`), when the schema found fault with them.
 */
import * as z from 'zod/mini';
import {
  businessUnit,
  currency,
  customer,
  id,
  installedEquipment,
  invoice,
  isoDate,
  isoDateTime,
  job,
  membership,
  minorUnits,
  type BusinessUnit,
  type Customer,
} from '../../src/model/index.js';
import { wordLanguages } from '../../src/model/common.js';
import { isMailbox } from '../../src/model/mailbox.js';
import { normalisePhone } from '../queries/rows.js';

// ---------------------------------------------------------------- the schemas

/** The little of a zod schema's definition (`_zod.def`, the same in zod and zod/mini) `closed` reads. */
interface SchemaDef {
  type: string;
  shape?: Record<string, z.ZodMiniType>;
  element?: z.ZodMiniType;
  innerType?: z.ZodMiniType;
  checks?: z.core.$ZodCheck<never>[];
}

/**
 * The model's schema with every object closed: a key it does not name is refused, not dropped, so a
 * misspelt field (`balanse`) is reported instead of importing an invoice without its balance, and
 * `__proto__` or `constructor` in the file are unknown fields like any other (nothing from the file
 * reaches a prototype: a closed object's output holds only the keys its shape names). The model stays
 * open on purpose: the elements read answers that may grow new fields.
 */
function closed<T extends z.ZodMiniType>(schema: T): T {
  const def = schema._zod.def as unknown as SchemaDef;
  const again = <S extends z.ZodMiniType>(rebuilt: S): S => (def.checks?.length ? (rebuilt.check(...(def.checks as never[])) as S) : rebuilt);
  switch (def.type) {
    case 'object':
      return again(z.strictObject(Object.fromEntries(Object.entries(def.shape!).map(([key, field]) => [key, closed(field)])))) as unknown as T;
    case 'array':
      return again(z.array(closed(def.element!))) as unknown as T;
    case 'optional':
      return z.optional(closed(def.innerType!)) as unknown as T;
    case 'nullable':
      return z.nullable(closed(def.innerType!)) as unknown as T;
    default:
      return schema;
  }
}

/**
 * Another record, by id. The model carries its name beside it (what the portal shows); here the name
 * may be left out, since the record itself says it. Given, it must be that record's (import-records.ts).
 */
const named = z.strictObject({ id, name: z.optional(z.string()) });

export const businessUnitRecord = closed(businessUnit);
/**
 * A customer, with the language they read (`en` or `es`) when the field-service system keeps it: the
 * office's messages to them are written in it, whatever page they use. Left out, the one the file gave
 * before stays; `null` drops it (the language of the pages the customer uses then decides).
 */
export const customerRecord = z.extend(closed(customer), { language: z.optional(z.nullable(z.enum(wordLanguages))) });
export type CustomerRecord = z.infer<typeof customerRecord>;
export const invoiceRecord = z.extend(closed(invoice), {
  businessUnit: named,
  location: named,
  job: z.nullable(z.strictObject({ id, number: z.optional(z.string()) })),
});
/** A job as the backend keeps it (`StoredJob`): the equipment it worked on, and no answer-only field. */
export const jobRecord = z.extend(z.omit(closed(job), { invoiceWithAccountHolder: true }), {
  location: named,
  businessUnit: named,
  invoice: z.nullable(z.strictObject({ id, number: z.optional(z.string()), total: z.optional(minorUnits), currency: z.optional(currency) })),
  equipmentIds: z.optional(z.array(id)),
});
export const membershipRecord = z.extend(closed(membership), { location: named });
export const equipmentRecord = z.extend(closed(installedEquipment), { location: named });

export type InvoiceRecord = z.infer<typeof invoiceRecord>;
export type JobRecord = z.infer<typeof jobRecord>;
export type MembershipRecord = z.infer<typeof membershipRecord>;
export type EquipmentRecord = z.infer<typeof equipmentRecord>;

/** The kinds of records a file may hold, in the order they are read, checked and reported. */
export const KINDS = ['businessUnits', 'customers', 'invoices', 'jobs', 'memberships', 'equipment'] as const;
export type Kind = (typeof KINDS)[number];

const recordSchemas = {
  businessUnits: businessUnitRecord,
  customers: customerRecord,
  invoices: invoiceRecord,
  jobs: jobRecord,
  memberships: membershipRecord,
  equipment: equipmentRecord,
} satisfies Record<Kind, z.ZodMiniType>;

/** One checked record and where it is in the file. */
export interface Placed<T> {
  record: T;
  index: number;
  /**
   * The record has problems of its own (reported): it is checked against the others and the database
   * like any record, but never written. The fields those checks read are as the schema says
   * (`CHECKED_FIELDS`); the others may not be.
   */
  hasProblems?: true;
}

export interface Records {
  businessUnits: Placed<BusinessUnit>[];
  customers: Placed<CustomerRecord>[];
  invoices: Placed<InvoiceRecord>[];
  jobs: Placed<JobRecord>[];
  memberships: Placed<MembershipRecord>[];
  equipment: Placed<EquipmentRecord>[];
  /**
   * Ids of refused records whose fields others read are at fault (`CHECKED_FIELDS`, `NAMED_FIELDS`):
   * another record naming one is not checked against it, nor told it names nothing (the refused
   * record's own problems say what is wrong).
   */
  refusedIds: Record<Kind, Set<string>>;
}

// ---------------------------------------------------------------- problems

export interface ImportProblem {
  /** Where in the file: `customers[3].contacts[0].value`; empty for the file as a whole. */
  path: string;
  message: string;
}

/** `customers[3].contacts[0].value`: keys that are not plain names are quoted (`customers[0]["__proto__"]`). */
export function pathText(segments: readonly PropertyKey[]): string {
  let text = '';
  for (const segment of segments) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(String(segment)) && String(segment) !== '__proto__') text += text ? `.${String(segment)}` : String(segment);
    else text += `[${JSON.stringify(String(segment))}]`;
  }
  return text;
}

/** One line for a person: `customers[3].contacts[0].value: not an email address`. */
export function problemText(problem: ImportProblem): string {
  return problem.path ? `${problem.path}: ${problem.message}` : problem.message;
}

/**
 * The problems found so far, kept in the file's order whichever check found them (the shape, a rule,
 * a reference): a person fixes a file from top to bottom.
 */
export class Problems {
  readonly #found: { kind: number; index: number; seq: number; problem: ImportProblem }[] = [];

  /** A problem at `path` inside record `index` of `kind` (`[]`: the record itself). */
  add(kind: Kind | null, index: number, path: readonly PropertyKey[], message: string) {
    const full = kind === null ? [...path] : [kind, index, ...path];
    this.#found.push({ kind: kind === null ? -1 : KINDS.indexOf(kind), index, seq: this.#found.length, problem: { path: pathText(full), message } });
  }

  get size() {
    return this.#found.length;
  }

  list(): ImportProblem[] {
    return [...this.#found].sort((a, b) => a.kind - b.kind || a.index - b.index || a.seq - b.seq).map((f) => f.problem);
  }
}

// ---------------------------------------------------------------- reading a file

/**
 * The file's text as JSON, or why it is not: where (line and column), in words. Big files are fine:
 * this is one JSON.parse.
 */
export function parseRecordsText(text: string): { ok: true; value: unknown } | { ok: false; problems: ImportProblem[] } {
  // A byte-order mark (some Windows tools write one) is not part of the JSON.
  const json = text.replace(/^\uFEFF/, '');
  if (!json.trim()) return { ok: false, problems: [{ path: '', message: 'The file is empty: it should hold one JSON object, { "customers": [ … ], … } (docs/import.md).' }] };
  try {
    return { ok: true, value: JSON.parse(json) as unknown };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const position = /at position (\d+)/.exec(reason)?.[1];
    let where = '';
    if (position !== undefined) {
      const before = json.slice(0, Number(position));
      const line = before.split('\n').length;
      where = ` at line ${line}, column ${Number(position) - before.lastIndexOf('\n')}`;
    }
    // V8's reason says what it met, then where as an offset (said above as a line and column).
    const what = /Unexpected end of JSON input/.test(reason)
      ? 'it ends too early (was it cut short?)'
      : reason.replace(/\s*(?:in JSON\s*)?at position \d+.*$/s, '').replace(/\s*in JSON$/, '');
    return { ok: false, problems: [{ path: '', message: `The file is not valid JSON${where}: ${what}.` }] };
  }
}

/** What a check of the model's says when it fails, in the words of this file. */
const checkMessages = new Map<unknown, string>();
for (const [schema, message] of [
  [isoDate, 'not a date (YYYY-MM-DD)'],
  [isoDateTime, 'not a date and time (ISO 8601 with Z or an offset, e.g. 2026-11-18T14:00:00Z)'],
  [currency, 'not a currency code (three capital letters, e.g. USD)'],
] as const) {
  for (const check of (schema._zod.def as unknown as SchemaDef).checks ?? []) checkMessages.set(check, message);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `text (${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)})`;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'object') return 'an object';
  return String(value);
}

const expectedText: Record<string, string> = {
  string: 'text',
  int: 'a whole number',
  number: 'a number',
  array: 'a list ([ … ])',
  object: 'an object ({ … })',
  boolean: 'true or false',
};

/**
 * zod's issue in this file's words. Passed to one parse (`safeParse(value, { error })`), never set on
 * zod itself: zod keeps its configuration on globalThis, shared with whatever else runs beside it.
 */
function messageOf(issue: z.core.$ZodRawIssue): string | undefined {
  // JSON has no undefined: a field that is one was left out of the file, and says so whichever check
  // its schema makes (a type, or an enum's values: "must be one of …; not undefined" would puzzle).
  if ((issue.code === 'invalid_type' || issue.code === 'invalid_value') && issue.input === undefined) return 'missing';
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${expectedText[issue.expected] ?? issue.expected}, not ${describe(issue.input)}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map(String).join(', ')}; not ${describe(issue.input)}`;
    case 'too_small':
      return issue.origin === 'string' && issue.minimum === 1 ? 'must not be empty' : `must be at least ${String(issue.minimum)}`;
    case 'unrecognized_keys':
      return 'unknown field';
    default:
      return checkMessages.get(issue.inst) ?? 'not valid';
  }
}

/** Any index of a list, in a path `Faults` is asked about: `['items', EACH, 'total']`. */
const EACH = Symbol('each');

const matches = (asked: PropertyKey | undefined, segment: PropertyKey) => asked === EACH || asked === segment;

/**
 * Where a record's schema found fault: what the checks after it may read of the record as the file has
 * it. An unknown field is no fault here: the fields the schema names are as they are beside it.
 */
class Faults {
  static readonly none = new Faults([]);
  readonly #paths: readonly (readonly PropertyKey[])[];

  constructor(paths: readonly (readonly PropertyKey[])[]) {
    this.#paths = paths;
  }

  /** Nothing at `path` or above it is at fault: the value there is of its type (a list is a list), though something in it may not be. */
  reads(path: readonly PropertyKey[]): boolean {
    return !this.#paths.some((fault) => fault.length <= path.length && fault.every((segment, i) => matches(path[i], segment)));
  }

  /** Nothing at, above or in any of `paths` is at fault: all of it is as the schema says. */
  sound(...paths: (readonly PropertyKey[])[]): boolean {
    return paths.every((path) => !this.#paths.some((fault) => fault.every((segment, i) => i >= path.length || matches(path[i], segment))));
  }
}

/**
 * One record against its schema: the record when it is all the schema says, and its problems (the
 * first per path; unknown keys each on its own) with where they are.
 */
function parseRecord<T>(schema: z.ZodMiniType<T>, value: unknown): { record?: T; issues: { path: PropertyKey[]; message: string }[]; faults: Faults } {
  const parsed = schema.safeParse(value, { error: messageOf });
  if (parsed.success) return { record: parsed.data, issues: [], faults: Faults.none };
  const issues: { path: PropertyKey[]; message: string }[] = [];
  const seen = new Set<string>();
  for (const issue of parsed.error.issues) {
    const paths = issue.code === 'unrecognized_keys' ? issue.keys.map((key) => [...issue.path, key]) : [issue.path];
    for (const path of paths) {
      const key = pathText(path);
      if (seen.has(key)) continue;
      seen.add(key);
      issues.push({ path, message: issue.message });
    }
  }
  return { issues, faults: new Faults(parsed.error.issues.filter((issue) => issue.code !== 'unrecognized_keys').map((issue) => issue.path)) };
}

/**
 * What a record's checks against the others and the database read of it (import-records.ts's and
 * stored.ts's, before they plan a write). A record refused for anything else is checked against the
 * others all the same when these are as the schema says; when one is not (an invoice's customerId
 * missing), those checks wait for its fix.
 */
const CHECKED_FIELDS: Record<Kind, PropertyKey[][]> = {
  businessUnits: [['id']],
  customers: [['id'], ['contacts', EACH, 'id'], ['locations', EACH, 'id'], ['locations', EACH, 'contacts', EACH, 'id']],
  invoices: [['id'], ['customerId'], ['location'], ['businessUnit'], ['job'], ['items', EACH, 'id'], ['payments', EACH, 'paymentId']],
  jobs: [['id'], ['customerId'], ['location'], ['businessUnit'], ['invoice'], ['appointments', EACH, 'id'], ['equipmentIds']],
  memberships: [['id'], ['customerId'], ['location']],
  equipment: [['id'], ['customerId'], ['location']],
};

/**
 * What the others' checks read of a record they name, besides the above: a record refused for anything
 * else is checked against when these are as the schema says (an invoice's location is its customer's
 * though the customer's email is wrong); when one is not, a record naming it is not checked against it.
 */
const NAMED_FIELDS: Record<Kind, PropertyKey[][]> = {
  businessUnits: [['name']],
  customers: [['locations', EACH, 'name']],
  invoices: [['number'], ['total'], ['currency']],
  jobs: [['number']],
  memberships: [],
  equipment: [],
};

/** Records nest a few levels (a customer's locations' addresses, a job's appointments); deeper is no record. */
const MAX_RECORD_DEPTH = 8;

/** The longest id the portal's routes take (`customerId`, `locationId` … at most 64 characters). */
const MAX_ID_LENGTH = 64;

/**
 * Every text of a record, wherever it stands: no control character (a NUL is refused by PostgreSQL
 * mid-import, the others would reach a customer's screen or a message unseen; tabs and line breaks are
 * text), and no id longer than the routes take (a customer whose id no route accepts could get no estimate
 * or link).
 */
function checkText(value: unknown, path: PropertyKey[], report: (path: PropertyKey[], message: string) => void) {
  if (typeof value === 'string') {
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(value)) report(path, 'holds a control character (such as NUL): remove it');
    const key = path.at(-1);
    const isId = typeof key === 'string' && (key === 'id' || key.endsWith('Id'));
    if (isId && value.length > MAX_ID_LENGTH) report(path, `is longer than ${MAX_ID_LENGTH} characters`);
    // An id, a number or a name is one line: it goes into a message's subject ({{InvoiceNumber}}).
    if ((isId || key === 'number' || key === 'name') && /[\r\n]/.test(value)) report(path, 'holds a line break: it is one line');
  } else if (typeof value === 'object' && value !== null && path.length >= MAX_RECORD_DEPTH) {
    // Not walked further: a file nested thousands deep would overflow the stack (a 500, not a problem).
    report(path, 'is nested too deeply to be part of a record');
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => checkText(item, [...path, i], report));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) checkText(item, [...path, key], report);
  }
}

/**
 * The file's records, checked alone: their shapes, what each must say of itself, and ids used twice.
 * Problems go to `problems`. A record with problems stays in `records` (`hasProblems`: checked against
 * the others and the database, never written) while the fields those checks read are sound; one whose
 * own id or names cannot be trusted has its id in `refusedIds`.
 */
export function readRecords(value: unknown, problems: Problems): Records {
  const records: Records = {
    businessUnits: [],
    customers: [],
    invoices: [],
    jobs: [],
    memberships: [],
    equipment: [],
    refusedIds: Object.fromEntries(KINDS.map((kind) => [kind, new Set<string>()])) as Records['refusedIds'],
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.add(null, 0, [], `The file should hold one JSON object, { "customers": [ … ], "invoices": [ … ], … }, not ${describe(value)}.`);
    return records;
  }
  // The lists the file holds are read even when another is refused: every problem is reported at once.
  const lists: Partial<Record<Kind, unknown[]>> = {};
  for (const [key, list] of Object.entries(value)) {
    if (!(KINDS as readonly string[]).includes(key)) problems.add(null, 0, [key], `unknown list (a file holds ${KINDS.join(', ')})`);
    else if (!Array.isArray(list)) problems.add(null, 0, [key], `expected a list ([ … ]), not ${describe(list)}`);
    else lists[key as Kind] = list as unknown[];
  }
  for (const kind of KINDS) {
    (lists[kind] ?? []).forEach((value, index) => {
      const before = problems.size;
      const report: Report = (path, message) => problems.add(kind, index, path, message);
      const parsed = parseRecord(recordSchemas[kind] as z.ZodMiniType<unknown>, value);
      for (const issue of parsed.issues) report(issue.path, issue.message);
      // Every rule runs on the record as the file has it, each waiting only for fields of its own the
      // schema refused: an unknown field or a bad date hides no wrong total (`parsed.faults`).
      checkRecord[kind]((parsed.record ?? value) as never, report, parsed.faults);
      checkText(value, [], report);
      if (problems.size === before) {
        (records[kind] as Placed<unknown>[]).push({ record: parsed.record, index });
        return;
      }
      if (parsed.faults.sound(...CHECKED_FIELDS[kind])) (records[kind] as Placed<unknown>[]).push({ record: value, index, hasProblems: true });
      const refusedId = (value as { id?: unknown } | null)?.id;
      if (!parsed.faults.sound(...CHECKED_FIELDS[kind], ...NAMED_FIELDS[kind]) && typeof refusedId === 'string') records.refusedIds[kind].add(refusedId);
    });
  }
  // Refused or not: an id used twice is a mistake either way.
  checkIdsOnce(records, problems);
  return records;
}

// ---------------------------------------------------------------- what a record must say of itself

type Report = (path: PropertyKey[], message: string) => void;

const blank = (text: string) => text.trim() === '';
const amount = (minor: number) => minor.toLocaleString('en-US');

/**
 * The rules, each asking `faults` first for the fields it reads: a record the schema refused is here as
 * the file has it, and a rule whose fields are at fault (a total that is not a number) waits for them.
 */
const checkRecord: { [K in Kind]: (record: never, report: Report, faults: Faults) => void } = {
  businessUnits(unit: BusinessUnit, report, faults) {
    if (faults.sound(['name']) && blank(unit.name)) report(['name'], 'must not be empty');
  },

  customers(record: Customer, report, faults) {
    if (faults.sound(['name']) && blank(record.name)) report(['name'], 'must not be empty');
    const contact = (c: Customer['contacts'][number], path: PropertyKey[], atLocation: boolean) => {
      if (faults.sound([...path, 'type'], [...path, 'value'])) {
        // Sign-up and sign-in match the address on file ignoring case and surrounding spaces (normaliseEmail).
        if (c.type === 'Email' && !isMailbox(c.value.trim())) report([...path, 'value'], 'not an email address');
        if (c.type !== 'Email' && normalisePhone(c.value).length < 7) report([...path, 'value'], 'not a phone number (fewer than 7 digits)');
      }
      if (faults.sound([...path, 'portalAccess']) && c.portalAccess !== undefined && !atLocation) {
        report([...path, 'portalAccess'], "is for a location's contacts: an email on the customer itself sees every location, billing included");
      }
    };
    if (faults.reads(['contacts'])) record.contacts.forEach((c, i) => contact(c, ['contacts', i], false));
    if (!faults.reads(['locations'])) return;
    record.locations.forEach((location, l) => {
      if (faults.sound(['locations', l, 'name']) && blank(location.name)) report(['locations', l, 'name'], 'must not be empty');
      if (faults.reads(['locations', l, 'contacts'])) location.contacts.forEach((c, i) => contact(c, ['locations', l, 'contacts', i], true));
    });
  },

  invoices(record: InvoiceRecord, report, faults) {
    // The same figures the portal shows side by side, and the CHECKs the table keeps (balance ≥ 0).
    if (faults.sound(['total']) && record.total < 0) report(['total'], 'cannot be negative');
    if (faults.sound(['balance']) && record.balance < 0) report(['balance'], 'cannot be negative');
    else if (faults.sound(['balance'], ['total']) && record.balance > record.total) {
      report(['balance'], `is more than the total (${amount(record.balance)} > ${amount(record.total)})`);
    }
    if (faults.sound(['subtotal'], ['tax'], ['total']) && record.subtotal + record.tax !== record.total) {
      report(['total'], `is not subtotal + tax (${amount(record.subtotal)} + ${amount(record.tax)} = ${amount(record.subtotal + record.tax)})`);
    }
    if (faults.sound(['items', EACH, 'total'], ['subtotal'])) {
      const items = record.items.reduce((sum, item) => sum + item.total, 0);
      if (items !== record.subtotal) report(['subtotal'], `is not the sum of the items' totals (${amount(items)})`);
    }
    if (!faults.reads(['payments'])) return;
    const payments = new Set<string>();
    record.payments.forEach((payment, i) => {
      if (faults.sound(['payments', i, 'amount']) && payment.amount <= 0) report(['payments', i, 'amount'], 'must be more than 0');
      if (!faults.sound(['payments', i, 'paymentId'])) return;
      if (payments.has(payment.paymentId)) report(['payments', i, 'paymentId'], 'appears twice on this invoice');
      payments.add(payment.paymentId);
    });
  },

  jobs(record: JobRecord, report, faults) {
    if (faults.sound(['status'], ['completedOn']) && record.status === 'Completed' && record.completedOn === null) {
      report(['completedOn'], 'a Completed job needs the day it was completed');
    }
    if (faults.reads(['appointments'])) {
      record.appointments.forEach((a, i) => {
        const at = (field: string) => ['appointments', i, field];
        if (faults.sound(at('start'), at('end')) && Date.parse(a.end) < Date.parse(a.start)) report(at('end'), 'is before start');
        if (faults.sound(at('arrivalWindowStart'), at('arrivalWindowEnd')) && Date.parse(a.arrivalWindowEnd) < Date.parse(a.arrivalWindowStart)) {
          report(at('arrivalWindowEnd'), 'is before arrivalWindowStart');
        }
      });
    }
    if (!faults.reads(['equipmentIds'])) return;
    const equipment = new Set<string>();
    (record.equipmentIds ?? []).forEach((equipmentId, i) => {
      if (!faults.sound(['equipmentIds', i])) return;
      if (equipment.has(equipmentId)) report(['equipmentIds', i], 'appears twice on this job');
      equipment.add(equipmentId);
    });
  },

  memberships(record: MembershipRecord, report, faults) {
    if (faults.sound(['price']) && record.price < 0) report(['price'], 'cannot be negative');
    if (faults.sound(['recurringVisits', 'included']) && record.recurringVisits.included < 0) report(['recurringVisits', 'included'], 'cannot be negative');
    if (faults.sound(['recurringVisits', 'used']) && record.recurringVisits.used < 0) report(['recurringVisits', 'used'], 'cannot be negative');
    if (!faults.reads(['discounts'])) return;
    record.discounts.forEach((d, i) => {
      if (faults.sound(['discounts', i, 'percent']) && (d.percent < 0 || d.percent > 100)) report(['discounts', i, 'percent'], 'is a percentage, from 0 to 100');
    });
  },

  equipment() {
    // Its shape says everything; where it is and whose it is are references (import-records.ts).
  },
};

/**
 * Ids are the contractor's own and each names one record: twice in one file is a mistake (which one
 * is meant?). Locations, contacts, items and appointments are rows of their own, so their ids are
 * unique across the file too, not only within their record. Read from the records checked against
 * the others, refused ones among them: their ids are as the schema says (`CHECKED_FIELDS`).
 */
function checkIdsOnce(records: Records, problems: Problems) {
  const once = (kind: Kind) => {
    const first = new Map<string, string>();
    return (id: string, index: number, path: PropertyKey[]) => {
      const earlier = first.get(id);
      if (earlier !== undefined) problems.add(kind, index, path, `${JSON.stringify(id)} is already the id of ${earlier}`);
      else first.set(id, pathText([kind, index, ...path.slice(0, -1)]));
    };
  };
  for (const kind of KINDS) {
    const record = once(kind);
    for (const { record: r, index } of records[kind] as Placed<{ id: string }>[]) record(r.id, index, ['id']);
  }
  const location = once('customers');
  const contact = once('customers');
  for (const { record, index } of records.customers) {
    record.contacts.forEach((c, i) => contact(c.id, index, ['contacts', i, 'id']));
    record.locations.forEach((l, j) => {
      location(l.id, index, ['locations', j, 'id']);
      l.contacts.forEach((c, i) => contact(c.id, index, ['locations', j, 'contacts', i, 'id']));
    });
  }
  const item = once('invoices');
  for (const { record, index } of records.invoices) record.items.forEach((it, i) => item(it.id, index, ['items', i, 'id']));
  const appointment = once('jobs');
  for (const { record, index } of records.jobs) record.appointments.forEach((a, i) => appointment(a.id, index, ['appointments', i, 'id']));
}
