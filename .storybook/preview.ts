import type { Preview } from '@storybook/web-components-vite';
import { mswLoader } from 'msw-storybook-addon/csf3';
import { storyHandlers } from '../stories/support.js';

const preview: Preview = {
  loaders: [mswLoader()],
  parameters: {
    msw: storyHandlers,
    layout: 'padded',
  },
};

export default preview;
