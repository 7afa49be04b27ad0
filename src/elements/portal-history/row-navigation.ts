/**
 * Keyboard movement between the rows of a windowed grid (roving tabindex): only the active row and
 * its button are in the tab order; arrows, Home, End, Page Up and Page Down move the active row,
 * scrolling it into the window first when it is not rendered yet.
 */
import type { VirtualizerHostElement, virtualizerRef } from '@lit-labs/virtualizer/virtualize.js';

type Virtualizer = NonNullable<VirtualizerHostElement[typeof virtualizerRef]>;

const PAGE_STEP = 10;

/** The row index a key moves to from `current`, or null when the key is not for moving. */
export function targetIndex(key: string, current: number, count: number): number | null {
  if (count === 0) return null;
  const clamp = (i: number) => Math.max(0, Math.min(count - 1, i));
  switch (key) {
    case 'ArrowDown':
      return clamp(current + 1);
    case 'ArrowUp':
      return clamp(current - 1);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    case 'PageDown':
      return clamp(current + PAGE_STEP);
    case 'PageUp':
      return clamp(current - PAGE_STEP);
    default:
      return null;
  }
}

function nextFrame() {
  return new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
}

/**
 * Focuses row `index` inside `body`, asking the virtualizer to bring it into the window when it is
 * not in the DOM. Gives up quietly after a few frames (the list changed under it).
 */
export async function focusRow(body: HTMLElement, virtualizer: Virtualizer | undefined, index: number): Promise<HTMLElement | null> {
  const find = () => body.querySelector<HTMLElement>(`[role="row"][data-index="${index}"]`);
  let row = find();
  if (!row) {
    virtualizer?.element(index)?.scrollIntoView({ block: 'nearest' });
    for (let frame = 0; frame < 30 && !row; frame++) {
      await nextFrame();
      row = find();
    }
  }
  if (!row) return null;
  row.scrollIntoView({ block: 'nearest' });
  row.focus({ preventScroll: true });
  return row;
}
