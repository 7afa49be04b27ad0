import { msg } from '../../i18n/msg.js';
import type { PortalSection } from '../../events/portal-section-changed.js';
import type { PublicSettings } from '../../model/settings.js';

/** Every section, in the navigation's order. */
export const SECTIONS: readonly PortalSection[] = ['invoices', 'estimates', 'history', 'memberships', 'equipment', 'visits', 'request'];

export function isSection(value: string | null): value is PortalSection {
  return value !== null && (SECTIONS as readonly string[]).includes(value);
}

/** The navigation's name for each section. */
export function sectionLabel(section: PortalSection): string {
  switch (section) {
    case 'invoices':
      return msg('Invoices and payments');
    case 'estimates':
      return msg('Estimates');
    case 'history':
      return msg('Service history');
    case 'memberships':
      return msg('Memberships');
    case 'equipment':
      return msg('Equipment');
    case 'visits':
      return msg('Visits');
    case 'request':
      return msg('Request a visit');
  }
}

/**
 * The sections this contractor's settings allow: no memberships when they are hidden, no request
 * form when online scheduling is off. Billing stays, whatever the sign-in's access: a sign-in
 * without billing finds there the one note that says why.
 */
export function sectionsFor(settings: PublicSettings): PortalSection[] {
  return SECTIONS.filter((section) => {
    if (section === 'memberships') return settings.membershipsVisible;
    if (section === 'request') return settings.schedulerEnabled;
    return true;
  });
}

/**
 * Each section's code, loaded the first time the section opens (a dynamic `import()` of its define
 * module), so signing in downloads the sign-in and the first section, not the whole portal. The
 * bundler makes each a chunk of its own.
 */
export const sectionLoaders: Record<PortalSection, () => Promise<unknown>> = {
  invoices: () => import('../../define/portal-invoices.js'),
  estimates: () => import('../../define/portal-estimate.js'),
  history: () => import('../../define/portal-history.js'),
  memberships: () => import('../../define/portal-memberships.js'),
  equipment: () => import('../../define/portal-equipment.js'),
  visits: () => import('../../define/portal-visits.js'),
  // The scheduler element (`<portal-scheduler>`); a page without online scheduling never loads it.
  request: () => import('../../define/portal-scheduler.js'),
};

/** The account switcher, loaded only for a sign-in that reaches several accounts. */
export const loadAccountSwitcher = () => import('../../define/portal-account-switcher.js');

/**
 * The pages of links without a sign-in that are not sections (a pay link's, a visit-status link's),
 * loaded when such a link is opened on the portal's page while signed out. An estimate link's page is
 * the estimates section's element.
 */
export const linkPageLoaders = {
  pay: () => import('../../define/portal-pay.js'),
  'visit-status': () => import('../../define/portal-visit-status.js'),
};
