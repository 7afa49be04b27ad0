/**
 * Whether the page is being printed. A windowed list has only the rows in view in the DOM, so a
 * printout would show an empty table: while this says "printing", the element renders every loaded
 * row instead. Follows `beforeprint`/`afterprint` and the `print` media query (which is also what
 * emulated print media and some capture tools switch).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class PrintMode implements ReactiveController {
  printing = false;
  #query: MediaQueryList | undefined;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected() {
    this.#query = globalThis.matchMedia?.('print');
    this.#query?.addEventListener('change', this.#onChange);
    globalThis.addEventListener('beforeprint', this.#onBefore);
    globalThis.addEventListener('afterprint', this.#onAfter);
    this.#set(this.#query?.matches ?? false);
  }

  hostDisconnected() {
    this.#query?.removeEventListener('change', this.#onChange);
    globalThis.removeEventListener('beforeprint', this.#onBefore);
    globalThis.removeEventListener('afterprint', this.#onAfter);
  }

  #set(printing: boolean) {
    if (printing === this.printing) return;
    this.printing = printing;
    this.host.requestUpdate();
  }

  #onChange = (event: MediaQueryListEvent) => this.#set(event.matches);
  #onBefore = () => this.#set(true);
  #onAfter = () => this.#set(this.#query?.matches ?? false);
}
