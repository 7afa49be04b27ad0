import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Keeps keyboard focus in an element when a render removes the control that had it: "Try again"
 * replaced by "Loading…", a form's Cancel taking the form away, a reload drawing a list again. The
 * browser would drop focus on the page's <body>, and the next Tab would start from the top of the page.
 * Focus goes to the element's heading (`#heading`, tabindex -1), from where the customer reads on.
 *
 * Runs after every render and before the element's own `updated()`, so an element that moves focus
 * somewhere better (the answer it just drew) still does.
 */
export class FocusKeeper implements ReactiveController {
  #hadFocus = false;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostUpdate() {
    this.#hadFocus = Boolean(this.host.shadowRoot?.activeElement);
  }

  hostUpdated() {
    if (!this.#hadFocus) return;
    this.#hadFocus = false;
    const root = this.host.shadowRoot;
    // Focus still inside, or moved elsewhere on purpose (another element, the page): nothing to keep.
    if (!root || root.activeElement || (document.activeElement && document.activeElement !== document.body)) return;
    root.querySelector<HTMLElement>('#heading')?.focus({ preventScroll: false });
  }
}
