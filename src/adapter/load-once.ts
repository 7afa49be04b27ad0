/**
 * A loader that loads once and keeps what it loaded, but not a failure: a chunk that did not arrive (a
 * dropped connection) is fetched again on the next call, so Try again works without a page reload.
 */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));
}
