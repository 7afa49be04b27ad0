/**
 * What a long history needs to be windowed: the virtualizer and its layout. Loaded with import() the
 * first time a list is longer than WHOLE_LIST_MAX (job-pager.ts): most customers' histories are
 * short, are drawn whole, and never download it.
 */
export { virtualize, virtualizerRef } from '@lit-labs/virtualizer/virtualize.js';
export { offscreenFlow } from './offscreen-flow.js';
