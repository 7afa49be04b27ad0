/**
 * A zone Intl can use: `zone` when Intl knows it, else `fallback` when that one works, else UTC. A
 * typo in a zone from the backend must not make every date on the page throw.
 */
export function safeTimeZone(zone: string | null | undefined, fallback?: string | null): string {
  for (const candidate of [zone, fallback]) {
    if (!candidate) continue;
    try {
      new Intl.DateTimeFormat('en', { timeZone: candidate });
      return candidate;
    } catch {
      // Not a zone Intl knows: try the next one.
    }
  }
  return 'UTC';
}

/** The zone the browser runs in (the reader's own clock). */
export function browserTimeZone(): string {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone;
}
