import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/define/portal-visit-status.js';
import { call, inProvider, office, storyBackend, type StoryData } from './support.js';
import type { PortalVisitStatus } from '../src/elements/portal-visit-status/portal-visit-status.js';
import {
  expireLinks,
  moveVisit,
  offlineAfterFirstLinkAdapter,
  offlineLinkAdapter,
  prepareLink,
  shadowQuery,
  slowLinkAdapter,
  type LinkStoryData,
} from './link-support.js';

const meta: Meta = {
  title: 'Elements/portal-visit-status',
  component: 'portal-visit-status',
  tags: ['autodocs'],
  render: (_args, { loaded }) => {
    const data = loaded as unknown as LinkStoryData;
    return inProvider(html`<portal-visit-status visit-id="appt-job-u1" .token=${data.token}></portal-visit-status>`, data);
  },
  loaders: [prepareLink('visit', 'appt-job-u1')],
};
export default meta;
type Story = StoryObj;

const at = (status: string) => [prepareLink('visit', 'appt-job-u1', { setup: () => moveVisit('appt-job-u1', status) })];

export const Scheduled: Story = {
  parameters: { expect: { selector: '[part~="steps"]' } },};
export const OnTheWay: Story = { name: 'On the way', loaders: at('OnTheWay') };
/** No technician assigned yet: the page says so rather than leave a name out. */
export const NoTechnicianYet: Story = {
  parameters: { expect: { text: 'To be assigned' } },
  name: 'Scheduled, no technician assigned yet',
  loaders: [
    prepareLink('visit', 'appt-job-u1', {
      setup: () => storyBackend.database.db.updateTable('appointments').set({ technician_id: null, technician_name: null }).where('id', '=', 'appt-job-u1').execute(),
    }),
  ],
};
export const Arrived: Story = { loaders: at('Arrived') };
export const Done: Story = { loaders: at('Done') };
export const Canceled: Story = {
  parameters: { expect: { selector: '[part~="canceled"]' } }, loaders: at('Canceled') };
export const LinkExpired: Story = {
  parameters: { expect: { selector: '[part~="resend-button"]' } }, name: 'Link expired: send me a new link', loaders: [prepareLink('visit', 'appt-job-u1', { setup: expireLinks })] };
/** The office turned the link off (sent by mistake, a visit moved): said, with whom to call. */
export const LinkTurnedOff: Story = {
  parameters: { expect: { selector: '[part~="link-problem"]', text: 'We turned this link off.' } },
  name: 'Link turned off by the office',
  loaders: [
    prepareLink('visit', 'appt-job-u1', {
      setup: () => call('POST', '/office/links/revoke', { headers: office(), body: { purpose: 'visit', documentId: 'appt-job-u1' } }),
    }),
  ],
};
export const LinkForged: Story = {
  parameters: { expect: { selector: '[part~="link-problem"]' } }, name: 'Forged or mistyped link', loaders: [prepareLink('visit', 'appt-job-u1', { token: 'AAAAAAAAAAAAAAAAAAAAAA' })] };
export const Loading: Story = {
  render: (_args, { loaded }) => {
    const data = loaded as unknown as LinkStoryData;
    return inProvider(html`<portal-visit-status visit-id="appt-job-u1" .token=${data.token}></portal-visit-status>`, data, slowLinkAdapter('getVisitStatus', data.apiBase));
  },
};
export const CheckFailed: Story = {
  name: 'A check failed: the last status stays',
  parameters: { expect: { text: 'We couldn’t check for news just now' } },
  render: (_args, { loaded }) => {
    const data = loaded as unknown as LinkStoryData;
    return inProvider(
      html`<portal-visit-status visit-id="appt-job-u1" .token=${data.token}></portal-visit-status>`,
      data,
      offlineAfterFirstLinkAdapter('getVisitStatus', data.apiBase),
    );
  },
  play: async ({ canvasElement }) => {
    await shadowQuery(canvasElement, 'portal-visit-status', '[part~="steps"]');
    canvasElement.querySelector<PortalVisitStatus>('portal-visit-status')!.refresh();
  },
};
export const LoadError: Story = {
  parameters: { expect: { selector: '[part~="error"]', text: 'We couldn’t connect' } },
  name: 'Error with retry',
  render: (_args, { loaded }) => {
    const data = loaded as unknown as LinkStoryData;
    return inProvider(html`<portal-visit-status visit-id="appt-job-u1" .token=${data.token}></portal-visit-status>`, data, offlineLinkAdapter('getVisitStatus', data.apiBase));
  },
};
/** A page opened without the link's token (the address cut short): where to find the link. */
export const NoLink: Story = {
  parameters: { expect: { selector: '[part~="no-link"]' } },
  name: 'Opened without a link',
  render: (_args, { loaded }) => inProvider(html`<portal-visit-status visit-id="appt-job-u1"></portal-visit-status>`, loaded as StoryData),
};
