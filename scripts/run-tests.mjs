// `npm test`: every suite. The browser suite spends much of its time waiting on its pages, so the Node
// suites run beside it instead of before it; their output is held and printed whole when the browser
// suite is done, so the two never interleave. The package test runs last, alone:
// it rebuilds dist/ and custom-elements.json, which the browser suite reads.
//
// Each suite is still its own npm script (`npm run test:backend`, …) for running one by hand.
import { spawn } from 'node:child_process';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const BROWSER = ['test:browser'];
const BESIDE = ['typecheck', 'lint', 'test:build', 'test:backend', 'test:server'];
const AFTER = ['test:manifest', 'test:package'];

/** Runs one npm script; `held` keeps its output to print later instead of streaming it. */
function run(script, { held = false } = {}) {
  const started = Date.now();
  return new Promise((resolve) => {
    // npm.cmd on Windows needs a shell (Node refuses to spawn a .cmd without one).
    const child = spawn(npm, ['run', script], { stdio: held ? ['ignore', 'pipe', 'pipe'] : 'inherit', shell: process.platform === 'win32' });
    const output = [];
    if (held) {
      child.stdout.on('data', (chunk) => output.push(chunk));
      child.stderr.on('data', (chunk) => output.push(chunk));
    }
    child.on('error', (error) => output.push(Buffer.from(`${error.message}\n`)));
    child.on('close', (code, signal) => {
      resolve({ script, ok: code === 0, code: code ?? signal, seconds: Math.round((Date.now() - started) / 1000), output: Buffer.concat(output).toString() });
    });
  });
}

/** Runs scripts one after another, every one even after a failure, so one run shows every failure. */
async function lane(scripts, options) {
  const results = [];
  for (const script of scripts) results.push(await run(script, options));
  return results;
}

const started = Date.now();
const [browser, beside] = await Promise.all([lane(BROWSER), lane(BESIDE, { held: true })]);
for (const result of beside) {
  console.log(`\n── npm run ${result.script} (beside the browser suite) ──`);
  process.stdout.write(result.output);
}
const after = await lane(AFTER);

const results = [...beside, ...browser, ...after];
console.log('\nSuites:');
for (const result of results) console.log(`  ${result.ok ? 'ok    ' : 'FAILED'} ${result.script} (${result.seconds} s)${result.ok ? '' : `, exit ${result.code}`}`);
console.log(`  all in ${Math.round((Date.now() - started) / 1000)} s`);
const failed = results.filter((result) => !result.ok);
if (failed.length) {
  console.error(`\n${failed.length} suite(s) failed: ${failed.map((result) => result.script).join(', ')}`);
  process.exit(1);
}
