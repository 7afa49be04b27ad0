import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Narrowest the element is, in its own em, for a long list to scroll in a box of its own. */
export const BOX_MIN_WIDTH_EM = 30;
/** Shortest the window is for that box: below, a box of --portal-invoices-list-height fills the screen. */
const BOX_MIN_WINDOW_HEIGHT = '(min-height: 30em)';

/**
 * Whether a long (windowed) list may scroll in a box of its own: only with room around it. On a
 * narrow element (a phone) or a short window (a phone on its side, a page zoomed in) a scroller inside
 * the page is a trap: a swipe scrolls the box instead of the page, and the box hides the rest of the
 * list. There the list is part of the page and the page scrolls. A container query of the element's
 * width, measured here because CSS cannot make the switch: the virtualizer is told whether it is its
 * own scroller when it is created.
 */
export class ListRoom implements ReactiveController {
  /** Room for the box. False until measured: no box is the safe side. */
  roomy = false;
  #width = 0;
  #observer: ResizeObserver | null = null;
  #window: MediaQueryList | null = null;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostConnected() {
    this.#observer = new ResizeObserver(([entry]) => {
      this.#width = entry?.contentRect.width ?? 0;
      this.#check();
    });
    this.#observer.observe(this.host);
    this.#window = globalThis.matchMedia?.(BOX_MIN_WINDOW_HEIGHT) ?? null;
    this.#window?.addEventListener('change', this.#check);
  }

  hostDisconnected() {
    this.#observer?.disconnect();
    this.#observer = null;
    this.#window?.removeEventListener('change', this.#check);
    this.#window = null;
  }

  #check = () => {
    const em = parseFloat(getComputedStyle(this.host).fontSize) || 16;
    const roomy = this.#width >= BOX_MIN_WIDTH_EM * em && (this.#window?.matches ?? true);
    if (roomy === this.roomy) return;
    this.roomy = roomy;
    this.host.requestUpdate();
  };
}
