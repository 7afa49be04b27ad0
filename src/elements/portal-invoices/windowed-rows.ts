/**
 * What a long invoice list needs to be windowed: the virtualizer and its flow layout. Loaded with
 * import() the first time a list is too long to draw whole (WHOLE_LIST_MAX, invoice-list.ts): most
 * customers' lists are short and never download it.
 */
export { flow } from '@lit-labs/virtualizer/layouts/flow.js';
export { virtualize, virtualizerRef } from '@lit-labs/virtualizer/virtualize.js';
