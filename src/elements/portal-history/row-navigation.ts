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

/** The move each grid's body is making now (focusRow). */
const latestMove = new WeakMap<HTMLElement, object>();

/**
 * Focuses row `index` inside `body`, asking the virtualizer to bring it into the window when it is
 * not in the DOM. Gives up quietly after a few frames (the list changed under it).
 *
 * Rows of different heights (each job a card of its own, on a narrow list) are placed by estimate until
 * drawn: scrolled to, the rows around the one focused are measured and the virtualizer may move the
 * window off it, taking the focused row out of the DOM. Then it is brought back and focused again.
 */
export async function focusRow(body: HTMLElement, virtualizer: Virtualizer | undefined, index: number): Promise<HTMLElement | null> {
  // Only the latest move acts: a key pressed while an earlier move waits for its row takes over from it.
  const move = {};
  latestMove.set(body, move);
  const current = () => latestMove.get(body) === move;
  const find = () => body.querySelector<HTMLElement>(`[role="row"][data-index="${index}"]`);
  let row: HTMLElement | null = null;
  for (let attempt = 0; attempt < 5 && current(); attempt++) {
    row = find();
    if (!row) {
      virtualizer?.element(index)?.scrollIntoView({ block: 'nearest' });
      for (let frame = 0; frame < 30 && !row && current(); frame++) {
        await nextFrame();
        row = find();
      }
    }
    if (!row || !current()) return null;
    row.scrollIntoView({ block: 'nearest' });
    row.focus({ preventScroll: true });
    await nextFrame();
    await nextFrame();
    if (!current()) return null;
    if (row.isConnected) return row;
  }
  return current() ? row : null;
}
