import { loadOnce } from '../adapter/load-once.js';

/**
 * Code an element loads only when it needs it (a long list's virtualizer), shared by every element on
 * the page. `get(redraw)` gives the module, or null while it loads or after it failed, and has each
 * waiting element draw again (`redraw`, once however often it asked) when the load settles. A failed
 * load is tried again only by `retry` — a customer's Try again — which redraws every element waiting.
 */
export class LazyCode<T> {
  readonly #load: () => Promise<T>;
  #code: T | null = null;
  #lost = false;
  #arrival: Promise<void> | null = null;
  readonly #waiting = new Set<() => void>();

  constructor(load: () => Promise<T>) {
    this.#load = loadOnce(load);
  }

  /** The module once here, without asking for it. */
  get current(): T | null {
    return this.#code;
  }

  /** The last load failed (a dropped connection): an element says so, with Try again. */
  get lost(): boolean {
    return this.#lost;
  }

  get(redraw: () => void): T | null {
    if (this.#code) return this.#code;
    this.#waiting.add(redraw);
    if (!this.#lost && !this.#arrival) this.#start();
    return null;
  }

  retry(redraw: () => void): void {
    this.#waiting.add(redraw);
    if (!this.#arrival) this.#start();
  }

  /** Settles once the load asked for has arrived or failed, and the waiting elements were asked to draw again. */
  settled(): Promise<void> {
    return this.#arrival ?? Promise.resolve();
  }

  #start() {
    this.#lost = false;
    this.#arrival = this.#load()
      .then(
        (code) => void (this.#code = code),
        () => void (this.#lost = true),
      )
      .finally(() => {
        this.#arrival = null;
        const waiting = [...this.#waiting];
        this.#waiting.clear();
        for (const redraw of waiting) redraw();
      });
  }
}
