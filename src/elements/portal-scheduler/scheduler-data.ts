/**
 * What `<portal-scheduler>` loads, as three `@lit/task`s on its host: the contractor's configuration,
 * the open days, and (signed in) the account's locations. Each waits for the portal's settings and
 * loads nothing while requests are off.
 */
import { Task, TaskStatus } from '@lit/task';
import type { ReactiveControllerHost } from 'lit';
import type { PortalAdapter } from '../../adapter/portal-adapter.js';
import { PortalError, toPortalError } from '../../adapter/portal-error.js';
import type { PortalContextValue } from '../../context/portal-context.js';
import type { ServiceLocation } from '../../model/scheduler.js';

type SchedulingMethod = 'getSchedulerConfig' | 'getAvailability' | 'listServiceLocations' | 'requestAppointment';

/** Whether online requests are on: the portal, and the scheduler in it. */
export function schedulerEnabled(portal: PortalContextValue | undefined): boolean {
  const settings = portal?.settings;
  return Boolean(settings?.portalEnabled && settings.schedulerEnabled);
}

export class SchedulerData {
  readonly #portal: () => PortalContextValue | undefined;
  /** Bumped to load the open days again (a day closed meanwhile). */
  #daysVersion = 0;

  constructor(host: ReactiveControllerHost, portal: () => PortalContextValue | undefined) {
    this.#portal = portal;
    this.config = new Task(host, {
      args: () => [portal()?.adapter, schedulerEnabled(portal())] as const,
      task: async ([adapter, enabled], { signal }) => (adapter && enabled ? this.method('getSchedulerConfig')({ signal }) : undefined),
    });
    this.availability = new Task(host, {
      args: () => [portal()?.adapter, schedulerEnabled(portal()), this.#daysVersion] as const,
      task: async ([adapter, enabled], { signal }) => (adapter && enabled ? this.method('getAvailability')({}, { signal }) : undefined),
    });
    this.locations = new Task(host, {
      args: () => [portal()?.adapter, schedulerEnabled(portal()), portal()?.session, portal()?.account] as const,
      task: async ([adapter, enabled, session, account], { signal }): Promise<ServiceLocation[] | undefined> => {
        if (!adapter || !enabled || !session || !account) return undefined;
        if (!adapter.listServiceLocations) {
          // No addresses from this backend: the sign-in's locations, checked against the area by the backend alone.
          return account.locations
            .filter((l) => l.access !== 'none')
            .map((l) => ({ locationId: l.locationId, name: l.name, address: { street: '', city: '', state: '', zip: '' }, inServiceArea: true }));
        }
        try {
          return await this.method('listServiceLocations')({ session, customerId: account.customerId }, { signal });
        } catch (error) {
          const portalError = toPortalError(error);
          if (portalError.code === 'SESSION_EXPIRED') this.#portal()?.sessionExpired();
          throw portalError;
        }
      },
    });
  }

  readonly config;
  readonly availability;
  readonly locations;

  /**
   * The account's service locations once loaded for the account now chosen; undefined while they load.
   * A Task keeps its last value while it runs again: after a switch of account that would be the other
   * account's addresses.
   */
  get currentLocations(): ServiceLocation[] | undefined {
    return this.locations.status === TaskStatus.COMPLETE ? this.locations.value : undefined;
  }

  /** One of the adapter's scheduling methods, bound; FEATURE_DISABLED when the adapter has none. */
  method<K extends SchedulingMethod>(name: K): NonNullable<PortalAdapter[K]> {
    const adapter = this.#portal()?.adapter;
    const method = adapter?.[name];
    if (typeof method !== 'function') throw new PortalError('FEATURE_DISABLED', `This portal's backend does not provide ${name}.`);
    return (method as (...args: never[]) => unknown).bind(adapter) as NonNullable<PortalAdapter[K]>;
  }

  reloadDays() {
    this.#daysVersion++;
    void this.availability.run();
  }

  /** Load again what failed (the open days, the locations). */
  retry() {
    void this.availability.run();
    void this.locations.run();
  }

  /** Once what the checks need has arrived (or failed). */
  async loaded() {
    await Promise.all([this.availability.taskComplete, this.locations.taskComplete].map((p) => p.catch(() => undefined)));
  }
}
