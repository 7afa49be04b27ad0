/**
 * Registers a tag once. A host page that loads Porchlight twice (two widgets, two bundles) gets a
 * warning instead of the "already defined" exception that would stop the second script.
 */
export function define(tagName: string, elementClass: CustomElementConstructor) {
  const existing = customElements.get(tagName);
  if (existing) {
    if (existing !== elementClass) console.warn(`[porchlight] <${tagName}> is already defined; keeping the first definition.`);
    return;
  }
  customElements.define(tagName, elementClass);
}
