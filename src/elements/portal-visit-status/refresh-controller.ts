import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Calls `refresh` every `intervalMs()` while the element is connected and the page is visible. A
 * hidden page (another tab, a locked phone) asks nothing; when it shows again it refreshes at once
 * and the interval starts over. `active()` false (a visit that is over) stops it.
 */
export class RefreshController implements ReactiveController {
  readonly #refresh: () => void;
  readonly #intervalMs: () => number;
  readonly #active: () => boolean;
  #timer: ReturnType<typeof setInterval> | undefined;
  #connected = false;

  constructor(host: ReactiveControllerHost, options: { refresh: () => void; intervalMs: () => number; active: () => boolean }) {
    this.#refresh = options.refresh;
    this.#intervalMs = options.intervalMs;
    this.#active = options.active;
    host.addController(this);
  }

  /** Whether a refresh is scheduled (for tests and the host's custom state). */
  get running(): boolean {
    return this.#timer !== undefined;
  }

  hostConnected() {
    this.#connected = true;
    document.addEventListener('visibilitychange', this.#onVisibility);
    this.sync();
  }

  hostDisconnected() {
    this.#connected = false;
    document.removeEventListener('visibilitychange', this.#onVisibility);
    this.#stop();
  }

  /** Starts or stops to match the page and `active()`; call after what `active()` reads changes. */
  sync() {
    const want = this.#connected && document.visibilityState === 'visible' && this.#active();
    if (want && this.#timer === undefined) this.#start();
    else if (!want) this.#stop();
  }

  /** A new interval: stops and starts again when it should run. */
  restart() {
    this.#stop();
    this.sync();
  }

  #onVisibility = () => {
    const visible = document.visibilityState === 'visible';
    this.#stop();
    if (visible && this.#connected && this.#active()) {
      this.#refresh();
      this.#start();
    }
  };

  #start() {
    this.#timer = setInterval(() => {
      if (document.visibilityState === 'visible') this.#refresh();
    }, this.#intervalMs());
  }

  #stop() {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
