/** The command line and the environment. */
import assert from 'node:assert/strict';
import { HELP, UsageError, describeDatabase, parseConfig } from '../src/config.js';

const cwd = '/srv/porchlight';
const parse = (argv: string[], env: Record<string, string> = {}) => parseConfig(argv, env, cwd);

describe('server configuration', () => {
  it('serves SQLite in ./porchlight.sqlite on 127.0.0.1:8787 by default', () => {
    const config = parse([]);
    assert.equal(config.command, 'serve');
    assert.deepEqual(config.database, { kind: 'sqlite', file: '/srv/porchlight/porchlight.sqlite' });
    assert.equal(config.port, 8787);
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.trustProxyHops, 0);
    assert.deepEqual(config.linkOrigins, []);
    assert.equal(config.seedDemo, false);
    assert.equal(config.officeKeyFile, '/srv/porchlight/porchlight.sqlite.office-key');
  });

  it('takes the SQLite file from --db, else PORCHLIGHT_DB', () => {
    assert.deepEqual(parse(['--db', 'data/p.db']).database, { kind: 'sqlite', file: '/srv/porchlight/data/p.db' });
    assert.deepEqual(parse([], { PORCHLIGHT_DB: '/var/lib/p.db' }).database, { kind: 'sqlite', file: '/var/lib/p.db' });
    assert.deepEqual(parse(['--db', 'a.db'], { PORCHLIGHT_DB: 'b.db' }).database, { kind: 'sqlite', file: '/srv/porchlight/a.db' });
  });

  it('uses PostgreSQL when DATABASE_URL is set, and refuses --db beside it', () => {
    const url = 'postgres://porchlight:secret@db.internal:5432/porchlight';
    const config = parse([], { DATABASE_URL: url, PORCHLIGHT_DB: 'ignored.db' });
    assert.deepEqual(config.database, { kind: 'postgres', url });
    assert.equal(config.officeKeyFile, undefined);
    assert.throws(() => parse(['--db', 'x.db'], { DATABASE_URL: url }), UsageError);
    assert.throws(() => parse([], { DATABASE_URL: 'mysql://x' }), /postgres/);
  });

  it('never shows the PostgreSQL password where the database is described', () => {
    const described = describeDatabase({ kind: 'postgres', url: 'postgres://porchlight:s3cret@db.internal:6543/portal' });
    assert.equal(described, 'postgres://db.internal:6543/portal');
  });

  it('takes the port from --port, else PORT, and refuses a bad one', () => {
    assert.equal(parse(['--port', '9000'], { PORT: '9100' }).port, 9000);
    assert.equal(parse([], { PORT: '9100' }).port, 9100);
    assert.throws(() => parse(['--port', 'http']), /--port must be a whole number/);
    assert.throws(() => parse([], { PORT: '70000' }), /PORT must be between/);
  });

  it('reads --trust-proxy with or without a hop count, and PORCHLIGHT_TRUST_PROXY', () => {
    assert.equal(parse(['--trust-proxy']).trustProxyHops, 1);
    assert.equal(parse(['--trust-proxy', '2']).trustProxyHops, 2);
    assert.equal(parse(['--trust-proxy=3']).trustProxyHops, 3);
    assert.equal(parse(['--trust-proxy', 'migrate']).command, 'migrate');
    assert.throws(() => parse(['--trust-proxy', 'abc']), /--trust-proxy takes the number of proxies/);
    assert.equal(parse([], { PORCHLIGHT_TRUST_PROXY: '1' }).trustProxyHops, 1);
  });

  it('accepts link origins as bare origins only', () => {
    assert.deepEqual(parse(['--link-origin', 'https://www.northwind.example', '--link-origin', 'https://www.northwind.example/']).linkOrigins, [
      'https://www.northwind.example',
    ]);
    assert.deepEqual(parse([], { PORCHLIGHT_LINK_ORIGINS: 'https://a.example, http://localhost:5173' }).linkOrigins, [
      'https://a.example',
      'http://localhost:5173',
    ]);
    assert.throws(() => parse(['--link-origin', 'https://a.example/portal']), /has a path \(\/portal\): an origin is the scheme, host and port only, here https:\/\/a\.example\./);
    assert.throws(() => parse(['--link-origin', 'https://a.example?from=email']), /has a query \(\?from=email\)/);
    assert.throws(() => parse(['--link-origin', 'https://a.example/#pay']), /has a fragment \(#pay\)/);
    assert.throws(() => parse(['--link-origin', 'javascript:alert(1)']), /use https:\/\//);
    assert.throws(() => parse(['--link-origin', 'www.example.com']), /has no scheme: write https:\/\/www\.example\.com/);
  });

  it('keeps a link origin as a browser sends it in Origin: lower case, no default port', () => {
    // CORS compares the Origin header with these as text: `HTTPS://WWW.X.EXAMPLE` kept as written would never match.
    assert.deepEqual(parse(['--link-origin', 'HTTPS://WWW.X.EXAMPLE']).linkOrigins, ['https://www.x.example']);
    assert.deepEqual(parse(['--link-origin', 'https://www.x.example:443']).linkOrigins, ['https://www.x.example']);
    assert.deepEqual(parse(['--link-origin', 'http://localhost:80/']).linkOrigins, ['http://localhost']);
    assert.deepEqual(parse(['--link-origin', 'https://www.x.example:8443']).linkOrigins, ['https://www.x.example:8443']);
    assert.deepEqual(parse([], { PORCHLIGHT_LINK_ORIGINS: 'https://A.example:443, https://a.example' }).linkOrigins, ['https://a.example']);
  });

  it('says in its own words what is wrong with an option, suggesting the one meant', () => {
    const usage = (argv: string[], env: Record<string, string> = {}) => {
      try {
        parse(argv, env);
      } catch (error) {
        assert.ok(error instanceof UsageError, String(error));
        return error.message;
      }
      assert.fail(`${argv.join(' ')} was accepted`);
    };
    assert.equal(usage(['--prot', '9101']), 'Unknown option --prot (did you mean --port?).');
    assert.equal(usage(['--prot=9101']), 'Unknown option --prot (did you mean --port?).');
    assert.equal(usage(['--request-timeout', '5000']), 'Unknown option --request-timeout (did you mean --request-timeout-ms?).');
    assert.equal(usage(['--dbb', 'x']), 'Unknown option --dbb (did you mean --db?).');
    assert.equal(usage(['--timeout', '5000']), 'Unknown option --timeout.', 'nothing close enough: no guess');
    assert.equal(usage(['--port']), '--port needs a value, e.g. --port 8080.');
    assert.equal(usage(['--port', '--host', '0.0.0.0']), '--port needs a value, e.g. --port 8080.');
    assert.equal(usage(['--link-origin']), '--link-origin needs a value, e.g. --link-origin https://www.example-hvac.com.');
    assert.equal(usage(['--max-body-bytes', '-5']), '--max-body-bytes cannot be negative (-5): give a whole number, 0 or more.');
    assert.equal(usage(['--max-body-bytes=-5']), '--max-body-bytes cannot be negative (-5): give a whole number, 0 or more.');
    assert.equal(usage([], { PORT: '-1' }), 'PORT cannot be negative (-1): give a whole number, 0 or more.');
    assert.equal(usage(['--seed-demo=yes']), '--seed-demo takes no value: give it alone to turn it on.');
    // Nothing of parseArgs' own wording gets through.
    for (const argv of [['--prot', '9101'], ['--port'], ['--max-body-bytes', '-5'], ['-x']]) {
      assert.doesNotMatch(usage(argv), /positional|ambiguous|XYZ|'/, argv.join(' '));
    }
  });

  it('knows its subcommands and their options', () => {
    assert.equal(parse(['migrate']).command, 'migrate');
    const seed = parse(['seed', '--customers', '100000']);
    assert.equal(seed.command, 'seed');
    assert.equal(seed.customers, 100_000);
    assert.equal(parse(['seed', '--replace']).replace, true);
    assert.throws(() => parse(['--customers', '10']), /seed command/);
    assert.throws(() => parse(['seed', '--customers', '0']), /between/);
    assert.throws(() => parse(['launch']), /Unknown command/);
    assert.throws(() => parse(['--dbb', 'x']), UsageError);
  });

  it('refuses an office key too short to be a secret', () => {
    assert.throws(() => parse([], { PORCHLIGHT_OFFICE_KEY: 'office' }), /too short/);
    assert.equal(parse([], { PORCHLIGHT_OFFICE_KEY: 'a-long-enough-office-key-123' }).officeKey, 'a-long-enough-office-key-123');
  });

  it('lists every option and environment variable in --help', () => {
    assert.equal(parse(['--help']).help, true);
    assert.equal(parse(['-h']).help, true);
    const options = ['--db', '--port', '--host', '--trust-proxy', '--link-origin', '--seed-demo', '--customers', '--replace', '--max-body-bytes', '--request-timeout-ms', '--shutdown-timeout-ms', '--help', '--version', '--guide'];
    const variables = ['DATABASE_URL', 'PORCHLIGHT_DB', 'PORT', 'HOST', 'PORCHLIGHT_OFFICE_KEY', 'PORCHLIGHT_OFFICE_KEY_FILE', 'PORCHLIGHT_TRUST_PROXY', 'PORCHLIGHT_LINK_ORIGINS', 'PORCHLIGHT_SEED_DEMO', 'PORCHLIGHT_MAX_BODY_BYTES', 'PORCHLIGHT_REQUEST_TIMEOUT_MS', 'PORCHLIGHT_SHUTDOWN_TIMEOUT_MS', 'PORCHLIGHT_PASSWORD_ITERATIONS'];
    for (const name of [...options, ...variables, 'migrate', 'seed']) assert.ok(HELP.includes(name), `${name} is missing from --help`);
    // …and every option --help lists is one the parser knows.
    for (const option of HELP.match(/--[a-z-]+/g) ?? []) {
      if (option === '--trust-proxy') continue;
      const args = ['--help', '--version', '--guide', '--seed-demo', '--replace'].includes(option) ? [option] : [option, option === '--link-origin' ? 'https://a.example' : '2000'];
      assert.doesNotThrow(() => parse(option === '--customers' || option === '--replace' ? ['seed', ...args] : args), option);
    }
  });
});
