/**
 * The virtualizer's flow layout, except that a list scrolled out of the window keeps the rows its box
 * shows. The virtualizer clips its viewport to the window, so a list below the fold (a phone's page
 * of other sections above it) gets an empty viewport and draws no row: a screen reader reading down
 * the page, Find in page or a capture meets an empty grid until the list is scrolled to. Here an
 * empty viewport is replaced by the box's own, at its own scroll position: the rows it would show
 * on screen are drawn (with the layout's usual margin beyond them).
 *
 * Only the out-of-window case differs; in the window the virtualizer's viewport is used as given.
 */
import { FlowLayout } from '@lit-labs/virtualizer/layouts/flow.js';

type Size = FlowLayout['viewportSize'];
type Scroll = FlowLayout['viewportScroll'];

/** A layout specifier for `virtualize({ layout })`; `box` is the scrolling element the virtualizer fills. */
export function offscreenFlow(box: () => HTMLElement | null): { type: typeof FlowLayout } {
  class OffscreenFlowLayout extends FlowLayout {
    #offscreen = false;

    override get viewportSize(): Size {
      return super.viewportSize;
    }

    // The virtualizer sets the size, then the scroll position, on every update of its view.
    override set viewportSize(size: Size) {
      const element = box();
      this.#offscreen = size.height === 0 && element !== null && element.clientHeight > 0;
      super.viewportSize = this.#offscreen ? { width: size.width || element!.clientWidth, height: element!.clientHeight } : size;
    }

    override get viewportScroll(): Scroll {
      return super.viewportScroll;
    }

    // Out of the window, the virtualizer's position is measured from the window's edge: the box's
    // own scroll position is the one that goes with its own height.
    override set viewportScroll(scroll: Scroll) {
      const element = box();
      super.viewportScroll = this.#offscreen && element ? { top: element.scrollTop, left: element.scrollLeft } : scroll;
    }
  }
  return { type: OffscreenFlowLayout };
}
