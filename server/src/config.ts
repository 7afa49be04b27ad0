/**
 * The command line and the environment, read into one checked configuration. A command-line option
 * wins over its variable; nothing here touches a database or a file.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_MAX_BODY_BYTES, DEFAULT_REQUEST_TIMEOUT_MS } from './app.js';

export type Command = 'serve' | 'migrate' | 'seed' | 'import';

const COMMANDS: readonly string[] = ['serve', 'migrate', 'seed', 'import'];

export type DatabaseTarget = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

export interface ServerConfig {
  command: Command;
  help: boolean;
  version: boolean;
  /** Print the deployment guide and exit. */
  guide: boolean;
  database: DatabaseTarget;
  port: number;
  host: string;
  trustProxyHops: number;
  linkOrigins: string[];
  /** serve: write the demo's customers when the database is new. */
  seedDemo: boolean;
  /** seed: the synthetic data set's size; the demo's customers when absent. */
  customers?: number;
  /** seed: allowed to replace a database that already has tables. */
  replace: boolean;
  /** import: the records file, an absolute path, or `-` for standard input. */
  importFile?: string;
  maxBodyBytes: number;
  requestTimeoutMs: number;
  shutdownTimeoutMs: number;
  /** From PORCHLIGHT_OFFICE_KEY. */
  officeKey?: string;
  /** Where a generated office key is kept (SQLite only): PORCHLIGHT_OFFICE_KEY_FILE or `<db>.office-key`. */
  officeKeyFile?: string;
  /** PBKDF2 iterations for new password hashes: the backend's default unless set (tests lower it). */
  passwordIterations?: number;
}

/** A mistake in the command line or the environment: the CLI prints the message and exits with 2. */
export class UsageError extends Error {}

/**
 * What a command was given cannot be used (the import's file: unreadable, not JSON, or records
 * refused): the CLI prints the message as it is, without a stack or the --help hint, and exits with 1.
 */
export class InputError extends Error {}

export const DEFAULT_PORT = 8787;
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_DB_FILE = 'porchlight.sqlite';
export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 10_000;
export const MIN_OFFICE_KEY_LENGTH = 20;

export const HELP = `porchlight-server: the Porchlight REST contract over HTTP, on the reference backend.

Usage:
  porchlight-server [serve] [options]    start the server (the database is created and migrated first)
  porchlight-server migrate [options]    create or upgrade the database schema, then exit
  porchlight-server seed [options]       write the demo's customers (or --customers N synthetic ones), then exit
  porchlight-server import FILE [options]
                                         add or update your customers, invoices, jobs, memberships, equipment
                                         and business units from a JSON file (- for standard input), all or
                                         nothing, then exit (docs/import.md in the Porchlight repository)

Options:
  --db PATH               SQLite database file (default: ./${DEFAULT_DB_FILE}); env PORCHLIGHT_DB.
                          With DATABASE_URL set, --db is refused (choose one) and PORCHLIGHT_DB ignored.
  --port N                port to listen on (default: ${DEFAULT_PORT}); env PORT
  --host ADDRESS          address to listen on (default: ${DEFAULT_HOST}; 0.0.0.0 in a container); env HOST
  --trust-proxy [HOPS]    take the client's address from X-Forwarded-For, as appended by HOPS reverse
                          proxies you run in front (default 1 when given); env PORCHLIGHT_TRUST_PROXY=HOPS.
                          Without it the header is ignored: a client could write anything there.
  --link-origin ORIGIN    an origin emailed links may point at and CORS allows, besides
                          https://<hostname setting>; repeat for several; env PORCHLIGHT_LINK_ORIGINS
                          (comma-separated), e.g. https://www.example-hvac.com
  --seed-demo             serve a demo: when the database is new, write the demo's customers first,
                          and allow POST /api/office/reset (replaces ALL data with the demo's; without
                          this flag that path is a 404); env PORCHLIGHT_SEED_DEMO=1. Never on a server
                          with real customers.
  --customers N           seed: write N synthetic customers instead of the demo's
                          (customer<n>@example.test, password "synthetic customer password")
  --replace               seed: allowed to replace the data of a database that already has some
  --max-body-bytes N      largest request body (default: ${DEFAULT_MAX_BODY_BYTES}); env PORCHLIGHT_MAX_BODY_BYTES
  --request-timeout-ms N  a request the database has not answered this long after the request arrived
                          in full (its body included) gets 503 (default: ${DEFAULT_REQUEST_TIMEOUT_MS});
                          env PORCHLIGHT_REQUEST_TIMEOUT_MS
  --shutdown-timeout-ms N on SIGTERM/SIGINT, how long requests in flight may finish (default:
                          ${DEFAULT_SHUTDOWN_TIMEOUT_MS}); env PORCHLIGHT_SHUTDOWN_TIMEOUT_MS
  -h, --help              this text
  --version               the version
  --guide                 print the deployment guide (Markdown): porchlight-server --guide > deployment.md

Environment:
  DATABASE_URL                 PostgreSQL connection string (postgres://user:password@host:5432/db):
                               use PostgreSQL instead of SQLite (several instances may share it)
  PORCHLIGHT_DB                as --db
  PORCHLIGHT_OFFICE_KEY        the office key (header X-Porchlight-Office-Key on /api/office/*), at
                               least ${MIN_OFFICE_KEY_LENGTH} characters. Required with DATABASE_URL. With SQLite and no key set,
                               one is generated on first start, printed once, and kept in the key file.
  PORCHLIGHT_OFFICE_KEY_FILE   SQLite: where the generated office key is kept (default: the database
                               file's path + ".office-key", readable by its owner only)
  PORCHLIGHT_PASSWORD_ITERATIONS  PBKDF2 iterations for new password hashes. For tests only: the
                               backend's default is what production needs.
  PORT, HOST, PORCHLIGHT_TRUST_PROXY, PORCHLIGHT_LINK_ORIGINS, PORCHLIGHT_SEED_DEMO,
  PORCHLIGHT_MAX_BODY_BYTES, PORCHLIGHT_REQUEST_TIMEOUT_MS, PORCHLIGHT_SHUTDOWN_TIMEOUT_MS
                               as the options above

Logs: one JSON line per request on stdout (request id, method, route, status, ms).
Health: GET /healthz (the process is up), GET /readyz (the database answers).
Guide: porchlight-server --guide (the package carries it; docs/deployment.md in the source repository).
`;

type Env = Record<string, string | undefined>;

function integer(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (/^-\d+$/.test(value.trim())) throw negative(name, value);
  if (!/^\d+$/.test(value.trim())) throw new UsageError(`${name} must be a whole number, not "${value}".`);
  const number = Number(value.trim());
  if (number < min || number > max) throw new UsageError(`${name} must be between ${min} and ${max}.`);
  return number;
}

function negative(name: string, value: string) {
  return new UsageError(`${name} cannot be negative (${value.trim()}): give a whole number, 0 or more.`);
}

function flag(value: string | undefined): boolean {
  return value !== undefined && /^(1|true|yes|on)$/i.test(value.trim());
}

/**
 * `https://www.example.com`: a bare origin, as a browser sends it in `Origin`. However it is written
 * (`HTTPS://WWW.EXAMPLE.COM`, `https://www.example.com:443/`), it is kept as a browser sends it: lower
 * case, no default port. Anything more than an origin is refused, saying what is too much.
 */
export function parseOrigin(value: string, source: string): string {
  const text = value.trim();
  const refuse = (why: string) => new UsageError(`${source}: "${value}" ${why}.`);
  // `www.example.com` or `localhost:5173`: what was meant is plain, only the scheme is missing.
  const schemeMissing = !text.includes('://') && /^[a-z0-9.-]+(:\d+)?\/?$/i.test(text);
  if (schemeMissing) {
    const scheme = /^(localhost|127\.0\.0\.1)\b/i.test(text) ? 'http' : 'https';
    throw refuse(`has no scheme: write ${scheme}://${text.replace(/\/$/, '')}`);
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw refuse('is not an origin like https://www.example.com');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw refuse('is not an origin like https://www.example.com: use https:// (or http://)');
  const extras = [
    url.username || url.password ? 'a user name' : '',
    url.pathname !== '/' ? `a path (${url.pathname})` : '',
    url.search ? `a query (${url.search})` : '',
    url.hash ? `a fragment (${url.hash})` : '',
  ].filter(Boolean);
  if (extras.length) {
    const listed = extras.length > 1 ? `${extras.slice(0, -1).join(', ')} and ${extras.at(-1)}` : extras[0];
    throw refuse(`has ${listed}: an origin is the scheme, host and port only, here ${url.origin}`);
  }
  return url.origin;
}

/** `--trust-proxy` takes an optional number, which parseArgs cannot say: read it here. */
function splitTrustProxy(argv: string[]): { rest: string[]; hops?: number } {
  const rest: string[] = [];
  let hops: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--trust-proxy') {
      const next = argv[i + 1];
      if (next !== undefined && /^\d+$/.test(next)) {
        hops = integer('--trust-proxy', next, 0, 10);
        i++;
      } else if (next !== undefined && !next.startsWith('-') && !COMMANDS.includes(next)) {
        // `--trust-proxy abc`: a count that is not one, rather than an unknown command "abc".
        throw new UsageError(`--trust-proxy takes the number of proxies in front (0 to 10), not "${next}".`);
      } else hops = 1;
    } else if (arg.startsWith('--trust-proxy=')) {
      hops = integer('--trust-proxy', arg.slice('--trust-proxy='.length), 0, 10);
    } else rest.push(arg);
  }
  return { rest, hops };
}

/** The options parseArgs reads (`--trust-proxy` is read before it). */
const OPTIONS = {
  db: { type: 'string' },
  port: { type: 'string' },
  host: { type: 'string' },
  'link-origin': { type: 'string', multiple: true },
  'seed-demo': { type: 'boolean' },
  customers: { type: 'string' },
  replace: { type: 'boolean' },
  'max-body-bytes': { type: 'string' },
  'request-timeout-ms': { type: 'string' },
  'shutdown-timeout-ms': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
  guide: { type: 'boolean' },
} as const;

/** A value for each option that takes one, shown when it is missing. */
const EXAMPLE_VALUES: Record<string, string> = {
  db: 'data/porchlight.sqlite',
  port: '8080',
  host: '0.0.0.0',
  'link-origin': 'https://www.example-hvac.com',
  customers: '1000',
  'max-body-bytes': '8388608',
  'request-timeout-ms': '15000',
  'shutdown-timeout-ms': '10000',
};

/**
 * parseArgs' own messages are written for programmers (`'-- "--prot"`, "argument is ambiguous"): say
 * the same in the words of this command, from the error's code.
 */
function usageErrorOf(error: unknown, args: string[]): UsageError {
  const { code, message } = error as { code?: string; message: string };
  const option = /'(-{1,2}[^' <]+)/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) {
    const meant = closestOption(option);
    return new UsageError(`Unknown option ${option}${meant ? ` (did you mean --${meant}?)` : ''}.`);
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option) {
    const name = option.replace(/^-+/, '');
    if (OPTIONS[name as keyof typeof OPTIONS]?.type === 'boolean') return new UsageError(`${option} takes no value: give it alone to turn it on.`);
    // parseArgs takes the word after a string option as its value unless it starts with a dash:
    // `--max-body-bytes -5` is a negative number, `--port --host x` a forgotten value.
    const next = args[args.indexOf(option) + 1];
    const example = EXAMPLE_VALUES[name];
    if (next !== undefined && /^-\d/.test(next) && example && /^\d+$/.test(example)) return negative(option, next);
    return new UsageError(`${option} needs a value${example ? `, e.g. ${option} ${example}` : ''}.`);
  }
  return new UsageError(message.split('\n')[0]!);
}

/** The option a mistyped one most likely meant: the only one it begins, or one a couple of keystrokes away. */
function closestOption(given: string): string | undefined {
  const typed = given.replace(/^-+/, '').toLowerCase();
  const known = [...Object.keys(OPTIONS), 'trust-proxy'];
  const begun = known.filter((name) => name.startsWith(typed));
  if (typed && begun.length === 1) return begun[0];
  const allowed = typed.length <= 3 ? 1 : typed.length <= 8 ? 2 : 3;
  let closest: string | undefined;
  let closestDistance = allowed + 1;
  for (const name of known) {
    const distance = editDistance(typed, name);
    if (distance < closestDistance) [closest, closestDistance] = [name, distance];
  }
  return closest;
}

/** Edits (insert, delete, replace, swap two neighbours) from `a` to `b`: `prot` is one from `port`. */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const replace = rows[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, replace);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = best;
    }
  }
  return rows[a.length]![b.length]!;
}

export function parseConfig(argv: string[], env: Env, cwd = process.cwd()): ServerConfig {
  const { rest, hops } = splitTrustProxy(argv);
  let parsed;
  try {
    parsed = parseArgs({ args: rest, allowPositionals: true, strict: true, options: OPTIONS });
  } catch (error) {
    throw usageErrorOf(error, rest);
  }
  const { values, positionals } = parsed;
  const command = (positionals[0] ?? 'serve') as Command;
  if (!COMMANDS.includes(command)) {
    throw new UsageError(`Unknown command "${command}": use serve, migrate, seed or import.`);
  }
  // `import --help` (or --version, --guide) runs nothing: what a command needs to run (the import's
  // file; --customers only with seed) is not asked of it, or the help would answer "import needs the file".
  const runs = !values.help && !values.version && !values.guide;
  // import takes its file; the other commands take nothing more.
  const operands = command === 'import' ? 2 : 1;
  if (runs && positionals.length > operands) throw new UsageError(`Unexpected argument "${positionals[operands]}".`);
  if (runs && command === 'import' && !positionals[1]?.trim()) {
    throw new UsageError('import needs the file to read: porchlight-server import records.json (or - to read standard input).');
  }
  if (runs && values.customers !== undefined && command !== 'seed') throw new UsageError('--customers is for the seed command.');
  if (runs && values.replace && command !== 'seed') throw new UsageError('--replace is for the seed command.');

  const databaseUrl = env.DATABASE_URL?.trim();
  let database: DatabaseTarget;
  if (databaseUrl) {
    if (values.db !== undefined) throw new UsageError('Both --db and DATABASE_URL are set: choose SQLite (--db) or PostgreSQL (DATABASE_URL).');
    if (!/^postgres(ql)?:\/\//.test(databaseUrl)) throw new UsageError('DATABASE_URL must be a postgres:// or postgresql:// URL.');
    database = { kind: 'postgres', url: databaseUrl };
  } else {
    const file = values.db ?? env.PORCHLIGHT_DB ?? DEFAULT_DB_FILE;
    if (!file.trim()) throw new UsageError('--db needs a file path.');
    database = { kind: 'sqlite', file: file === ':memory:' ? file : resolve(cwd, file) };
  }

  const envOrigins = (env.PORCHLIGHT_LINK_ORIGINS ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean)
    .map((origin) => parseOrigin(origin, 'PORCHLIGHT_LINK_ORIGINS'));
  const optionOrigins = (values['link-origin'] ?? []).map((origin) => parseOrigin(origin, '--link-origin'));
  const linkOrigins = [...new Set(optionOrigins.length ? optionOrigins : envOrigins)];

  const officeKey = env.PORCHLIGHT_OFFICE_KEY?.trim() || undefined;
  if (officeKey !== undefined && officeKey.length < MIN_OFFICE_KEY_LENGTH) {
    throw new UsageError(`PORCHLIGHT_OFFICE_KEY is too short: use at least ${MIN_OFFICE_KEY_LENGTH} random characters (openssl rand -base64 32).`);
  }
  const officeKeyFile =
    database.kind === 'sqlite'
      ? env.PORCHLIGHT_OFFICE_KEY_FILE
        ? resolve(cwd, env.PORCHLIGHT_OFFICE_KEY_FILE)
        : database.file === ':memory:'
          ? undefined
          : `${database.file}.office-key`
      : undefined;

  return {
    command,
    help: values.help ?? false,
    version: values.version ?? false,
    guide: values.guide ?? false,
    database,
    port: integer('--port', values.port, 0, 65_535) ?? integer('PORT', env.PORT, 0, 65_535) ?? DEFAULT_PORT,
    host: (values.host ?? env.HOST)?.trim() || DEFAULT_HOST,
    trustProxyHops: hops ?? integer('PORCHLIGHT_TRUST_PROXY', env.PORCHLIGHT_TRUST_PROXY, 0, 10) ?? 0,
    linkOrigins,
    seedDemo: values['seed-demo'] ?? flag(env.PORCHLIGHT_SEED_DEMO),
    customers: integer('--customers', values.customers, 1, 10_000_000),
    replace: values.replace ?? false,
    ...(runs && command === 'import' ? { importFile: positionals[1] === '-' ? '-' : resolve(cwd, positionals[1]!) } : {}),
    maxBodyBytes:
      integer('--max-body-bytes', values['max-body-bytes'], 1024, 64 * 1024 * 1024) ??
      integer('PORCHLIGHT_MAX_BODY_BYTES', env.PORCHLIGHT_MAX_BODY_BYTES, 1024, 64 * 1024 * 1024) ??
      DEFAULT_MAX_BODY_BYTES,
    requestTimeoutMs:
      integer('--request-timeout-ms', values['request-timeout-ms'], 100, 600_000) ??
      integer('PORCHLIGHT_REQUEST_TIMEOUT_MS', env.PORCHLIGHT_REQUEST_TIMEOUT_MS, 100, 600_000) ??
      DEFAULT_REQUEST_TIMEOUT_MS,
    shutdownTimeoutMs:
      integer('--shutdown-timeout-ms', values['shutdown-timeout-ms'], 0, 600_000) ??
      integer('PORCHLIGHT_SHUTDOWN_TIMEOUT_MS', env.PORCHLIGHT_SHUTDOWN_TIMEOUT_MS, 0, 600_000) ??
      DEFAULT_SHUTDOWN_TIMEOUT_MS,
    officeKey,
    officeKeyFile,
    passwordIterations: integer('PORCHLIGHT_PASSWORD_ITERATIONS', env.PORCHLIGHT_PASSWORD_ITERATIONS, 1_000, 10_000_000),
  };
}

/** Where the data lives, for a log line: never the PostgreSQL password. */
export function describeDatabase(database: DatabaseTarget): string {
  if (database.kind === 'sqlite') return `sqlite:${database.file}`;
  try {
    const url = new URL(database.url);
    return `postgres://${url.hostname}${url.port ? `:${url.port}` : ''}${url.pathname}`;
  } catch {
    return 'postgres';
  }
}
