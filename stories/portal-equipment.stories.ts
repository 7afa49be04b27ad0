import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/define/portal-account-switcher.js';
import '../src/define/portal-equipment.js';
import { asSam, editState, manyEquipment, offlineAdapter, slowAdapter, switchAccount } from './account-support.js';
import { DANA, PRIYA, inProvider, portalTurnedOff, prepare, type StoryData } from './support.js';

const meta: Meta = {
  title: 'Elements/portal-equipment',
  component: 'portal-equipment',
  tags: ['autodocs'],
  render: (_args, { loaded }) => inProvider(html`<portal-equipment></portal-equipment>`, loaded as StoryData),
  loaders: [prepare({ signedInAs: DANA })],
};
export default meta;
type Story = StoryObj;

/** Dana's home: an expired furnace warranty, an A/C service warranty and a water-heater warranty ending soon, a manual. */
export const ExpiringWarranty: Story = { name: 'One location, warranties expired and ending soon' };

export const SeveralLocations: Story = {
  name: 'Several locations (property manager)',
  loaders: [prepare({ signedInAs: PRIYA })],
};

export const NonBillingContact: Story = {
  name: 'Non-billing contact: one location, the other hidden',
  loaders: [asSam()],
};

export const UnsafeAttachment: Story = {
  name: 'Attachment that is not http(s): shown as text',
  loaders: [
    prepare({
      signedInAs: DANA,
      setup: () =>
        editState((s) => {
          s.equipment.find((e) => e.id === 'eq-2')!.attachments = [
            { name: 'Warranty card', url: 'javascript:alert(1)' },
            { name: 'Install guide', url: 'https://example.com/install.pdf' },
          ];
        }),
    }),
  ],
};

/** Equipment the office knows little about: each fact it lacks says so, rather than an empty line. */
export const NothingRecorded: Story = {
  name: 'A record with its details not recorded',
  parameters: { expect: { text: 'Not recorded' } },
  loaders: [
    prepare({
      signedInAs: DANA,
      setup: () =>
        editState((s) => {
          Object.assign(s.equipment.find((e) => e.id === 'eq-3')!, {
            manufacturer: '',
            model: '',
            serialNumber: '',
            installedOn: null,
            manufacturerWarrantyEnd: null,
            serviceProviderWarrantyEnd: null,
            predictedReplacementOn: null,
            lastServicedOn: null,
            attachments: [],
          });
        }),
    }),
  ],
};

export const SwitchedAccount: Story = {
  name: 'Switched account',
  loaders: [prepare({ signedInAs: PRIYA })],
  render: (_args, { loaded }) =>
    inProvider(
      html`<portal-account-switcher></portal-account-switcher>
        <portal-equipment></portal-equipment>`,
      loaded as StoryData,
    ),
  play: ({ canvasElement }) => switchAccount(canvasElement, 'cust-1004'),
};

/** A house full of equipment (or a small building's): twenty-four more pieces at one location. */
export const ManyPieces: Story = {
  name: 'Many pieces of equipment at one home (27)',
  parameters: { expect: { selector: '[part~="record"]', text: 'Gas furnace 9' } },
  loaders: [prepare({ signedInAs: DANA, setup: () => manyEquipment(24) })],
};

export const Empty: Story = {
  loaders: [
    prepare({
      signedInAs: DANA,
      setup: () => editState((s) => void (s.equipment = s.equipment.filter((e) => e.customerId !== 'cust-1001'))),
    }),
  ],
};

export const Loading: Story = {
  render: (_args, { loaded }) => inProvider(html`<portal-equipment></portal-equipment>`, loaded as StoryData, slowAdapter('listEquipment', (loaded as StoryData).apiBase)),
};

export const NetworkError: Story = {
  name: 'Network error',
  render: (_args, { loaded }) =>
    inProvider(html`<portal-equipment></portal-equipment>`, loaded as StoryData, offlineAdapter('listEquipment', (loaded as StoryData).apiBase)),
};

export const SignedOut: Story = { name: 'Signed out', loaders: [prepare()] };

/** Turned off by the contractor, on a page with no sign-in card to say it: this element says it, once. */
export const PortalOff: Story = {
  name: 'Portal turned off',
  parameters: { expect: { selector: '[part~="portal-off"]' } },
  loaders: [portalTurnedOff(DANA)],
};
