/**
 * What the scheduler's tests and stories put between the element and the reference backend: an
 * adapter that sends everything to the backend and can, on request, hold a request in flight (the
 * "sending" state) or lose its answer (a dropped connection), recording what the element sent.
 * No backend code here, so stories (their own backend) and tests (the test backend) share it.
 */
import type { AppointmentRequest, AppointmentRequestOptions, PortalAdapter } from '../../src/adapter/portal-adapter.js';
import type { PortalError } from '../../src/adapter/portal-error.js';

/** Tuesday, November 17, 2026, 2 p.m. in Chicago — already Wednesday morning in Auckland. */
export const SCHEDULING_NOW = Date.parse('2026-11-17T20:00:00Z');

export class SchedulingHooks {
  /** Every request the element sent, in order (the backend decides what happens to each). */
  calls: AppointmentRequest[] = [];
  /** The options each request was sent with (its session, the element's language). */
  options: (AppointmentRequestOptions | undefined)[] = [];
  /**
   * The next request fails with `error`: after the backend stored it (the answer is lost, as when a
   * connection drops) or before it is sent.
   */
  failNext: { error: PortalError; afterStoring: boolean } | null = null;
  /** Hold every request until `release()`: the "sending" state. */
  hold = false;
  #held: (() => void)[] = [];

  release() {
    this.hold = false;
    for (const go of this.#held.splice(0)) go();
  }

  /** `base` with its methods bound, and requests to the office's queue going through these hooks. */
  adapter(base: PortalAdapter): PortalAdapter {
    const source = base as unknown as Record<string, unknown>;
    // An HttpAdapter keeps private fields: copy bound methods rather than inherit from it.
    const adapter: Record<string, unknown> = {};
    for (const name of Object.getOwnPropertyNames(Object.getPrototypeOf(source))) {
      const method = source[name];
      if (name !== 'constructor' && typeof method === 'function') adapter[name] = method.bind(base);
    }
    const send = base.requestAppointment!.bind(base);
    adapter.requestAppointment = async (request: AppointmentRequest, options?: AppointmentRequestOptions) => {
      this.calls.push(request);
      this.options.push(options);
      if (this.hold) await new Promise<void>((resolve) => this.#held.push(resolve));
      const failure = this.failNext;
      if (failure) this.failNext = null;
      if (failure && !failure.afterStoring) throw failure.error;
      const receipt = await send(request, options);
      if (failure) throw failure.error;
      return receipt;
    };
    return adapter as unknown as PortalAdapter;
  }
}
