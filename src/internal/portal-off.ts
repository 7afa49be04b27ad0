/** The one message a page shows while the contractor has turned the portal off. */
import { msg } from '../i18n/msg.js';
import { html, nothing } from 'lit';
import type { PublicSettings } from '../model/settings.js';

/**
 * "Online account access is turned off right now. Call … at (555) 010-4477." The phone number never
 * breaks across lines. A signed-in customer also learns that they stay signed in.
 */
export function portalOffMessage(settings: PublicSettings, signedIn: boolean) {
  return html`<p class="message info" role="status" part="portal-off">
    ${msg(html`Online account access is turned off right now. Call ${settings.companyName} at <span class="nowrap">${settings.companyPhone}</span>.`)}
    ${signedIn ? msg('You are still signed in: your account shows here again as soon as it is back on.') : nothing}
  </p>`;
}
