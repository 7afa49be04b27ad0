/** What a screen reader takes from the elements' markup: a field's name and description, live regions. */

/** A field's name as its <label>s give it, and its description as its aria-describedby does. */
export function nameAndDescription(control: HTMLInputElement | HTMLTextAreaElement) {
  const root = control.getRootNode() as ShadowRoot;
  const described = (control.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
  return {
    name: [...control.labels!].map((l) => l.textContent!.trim()).join(' '),
    description: described.map((id) => root.getElementById(id)?.textContent?.trim()).join(' '),
  };
}

/** The ancestor (through shadow roots) that would announce a change of `node`, as its opening tag; null when none. */
export function liveRegionAround(node: Element): string | null {
  for (let at: Element | null = node; at; at = at.parentElement ?? ((at.getRootNode() as ShadowRoot).host ?? null)) {
    if (at.matches('[role="status"], [role="alert"], [role="log"], [aria-live]:not([aria-live="off"])')) return at.outerHTML.slice(0, at.outerHTML.indexOf('>') + 1);
  }
  return null;
}
