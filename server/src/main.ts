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
      process.exitCode = 1;
      return;
    }
    if (error instanceof SqliteLockError) {
      // The file is in use, or its lock file is not one: not a mistake in the command (no --help hint)
      // and not a crash (no stack), one line on what to do.
      process.stderr.write(`porchlight-server: ${error.message}\n`);
      process.exitCode = 1;
      return;
    }
    jsonLogger({ level: 'error', msg: 'failed', reason: redactSecrets(error instanceof Error ? error.message : String(error)) });
    process.exitCode = 1;
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
