import type { PreparedPhoto } from './photos.js';

/** Which photo each preview canvas shows, so a re-render does not decode it again. */
const drawn = new WeakMap<HTMLCanvasElement, PreparedPhoto>();

/**
 * Draws a prepared photo into its preview canvas (a Lit `ref` callback). A `data:` or `blob:` image
 * would be blocked by a host page's strict CSP (`default-src 'self'` leaves `img-src` at 'self');
 * decoding the bytes with `createImageBitmap` and painting a canvas loads nothing, so nothing is blocked.
 */
export function drawPhoto(canvas: Element | undefined, photo: PreparedPhoto) {
  if (!(canvas instanceof HTMLCanvasElement) || drawn.get(canvas) === photo) return;
  drawn.set(canvas, photo);
  const bytes = Uint8Array.from(atob(photo.data), (c) => c.charCodeAt(0));
  void createImageBitmap(new Blob([bytes], { type: photo.type }))
    .then((bitmap) => {
      if (drawn.get(canvas) === photo) canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      bitmap.close();
    })
    // An undecodable preview stays blank; its label still names the photo, and the photo is still sent.
    .catch(() => undefined);
}
