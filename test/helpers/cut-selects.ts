import { deepElements } from './every-element.js';

/**
 * Room a select keeps beside its text for Chromium's own arrow (it is drawn inside the content box,
 * about 16 px at the elements' sizes), with a little to spare.
 */
const ARROW_ROOM = 20;

/**
 * The selects whose chosen option does not fit in them (a fixed width cut "Todos los años" to
 * "Todos los a"), each described for the failure message. Measured with the select's own font on a
 * canvas: a select's inner text is not laid out in the DOM, so its scroll width says nothing.
 */
export function cutSelects(root: Element): string[] {
  const context = document.createElement('canvas').getContext('2d')!;
  const cut: string[] = [];
  for (const select of deepElements(root).filter((element): element is HTMLSelectElement => element instanceof HTMLSelectElement)) {
    const text = select.selectedOptions[0]?.text ?? '';
    const style = getComputedStyle(select);
    context.font = style.font;
    const needed = context.measureText(text).width + ARROW_ROOM;
    const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    if (select.clientWidth > 0 && needed > room) cut.push(`"${text}" needs ${Math.ceil(needed)} px, has ${Math.floor(room)} px (${select.name || select.id || 'select'})`);
  }
  return cut;
}
