/** Records every CSP violation on the strict page, for test/csp.test.ts to read. */
const violations: string[] = [];
document.addEventListener('securitypolicyviolation', (event) => {
  violations.push(`${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} at ${event.sourceFile}:${event.lineNumber} ${event.sample}`);
});
Object.assign(window, { cspViolations: violations });
