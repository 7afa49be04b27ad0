/**
 * The process around `run`: exit codes, and SIGTERM/SIGINT for a graceful stop.
 * Exit 0: done or stopped cleanly; 1: failed; 2: a mistake in the command line or environment.
 */
import { InputError, UsageError } from './config.js';
import { jsonLogger, redactSecrets } from './log.js';
import { run, type OpenedDatabase, type Wiring } from './run.js';
import { SqliteLockError } from './sqlite-lock.js';

export async function main<D extends OpenedDatabase>(wiring: Wiring<D>): Promise<void> {
  let result;
  try {
    result = await run(process.argv.slice(2), process.env, wiring);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`porchlight-server: ${error.message}\nRun porchlight-server --help for every option.\n`);
      process.exitCode = 2;
      return;
    }
    if (error instanceof InputError) {
      // What the command was given cannot be used (the import's file): said as it is, without a stack.
      process.stderr.write(`porchlight-server: ${error.message}\n`);
      exitSoon(1);
      return;
    }
    if (error instanceof SqliteLockError) {
      // The file is in use, or its lock file is not one: not a mistake in the command (no --help hint)
      // and not a crash (no stack), one line on what to do.
      process.stderr.write(`porchlight-server: ${error.message}\n`);
      process.exitCode = 1;
      return;
    }
    jsonLogger({ level: 'error', msg: 'failed', reason: redactSecrets(failureReason(error)) });
    exitSoon(1);
    return;
  }
  if (result.kind === 'done') return;

  const { serving } = result;
  const onSignal = (signal: NodeJS.Signals) => {
    jsonLogger({ level: 'info', msg: 'signal', signal });
    // A second signal while draining: stop now.
    process.once(signal, () => process.exit(1));
    serving.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        jsonLogger({ level: 'error', msg: 'shutdown failed', reason: redactSecrets(error instanceof Error ? error.message : String(error)) });
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
}

/**
 * Exits with `code` once the log is written, even when a handle outlives the failure: a PostgreSQL
 * connection that failed inside its handshake (a password missing from DATABASE_URL) keeps its socket
 * open after the pool ends, and a process waiting on it would never exit, so a supervisor
 * (systemd's Restart=on-failure, a container's health) would never see it fail.
 */
function exitSoon(code: number) {
  process.exitCode = code;
  setTimeout(() => process.exit(code), 500).unref();
}

/** What went wrong, in words an operator can act on where the driver's own are cryptic. */
function failureReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // node-postgres, asked for a password (scram-sha-256) by a server when it has none.
  if (message.includes('client password must be a string')) {
    return 'PostgreSQL asks for a password and DATABASE_URL gives none: put it in the URL (postgres://user:password@host:5432/database) or in PGPASSWORD.';
  }
  return message;
}
