/**
 * Photos, prepared in the browser before they are sent: checked for type and size, decoded, turned
 * upright (EXIF orientation), downscaled to at most 1600 px on the long edge and re-encoded as JPEG
 * through a canvas. Re-encoding writes a fresh file from pixels only, so EXIF and every other
 * metadata block — GPS position, camera serial, time taken — is gone before anything is uploaded.
 *
 * HEIC/HEIF (iPhone photos): decoded where the browser can (Safari) and converted like the others.
 * Where it cannot (Chromium, Firefox), the photo is refused with a message saying how to share it as
 * JPEG; it is never uploaded as it is, since its metadata could not be stripped. (iOS usually hands
 * a web page a JPEG already when a photo is picked.)
 */
import { PHOTO_LIMITS } from '../../model/scheduling-rules.js';

export interface PreparedPhoto {
  /** The original name with a `.jpg` ending. */
  name: string;
  type: 'image/jpeg';
  /** Base64 of the JPEG bytes. */
  data: string;
  width: number;
  height: number;
  bytes: number;
}

export type PhotoProblem = 'type' | 'tooLarge' | 'heic' | 'unreadable' | 'tooMany';

export class PhotoError extends Error {
  readonly problem: PhotoProblem;
  constructor(problem: PhotoProblem) {
    super(problem);
    this.problem = problem;
  }
}

type Kind = 'jpeg' | 'png' | 'webp' | 'heic';

const byType: Record<string, Kind> = {
  'image/jpeg': 'jpeg',
  'image/jpg': 'jpeg',
  'image/pjpeg': 'jpeg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/heic': 'heic',
  'image/heif': 'heic',
  'image/heic-sequence': 'heic',
  'image/heif-sequence': 'heic',
};
const byExtension: Record<string, Kind> = { jpg: 'jpeg', jpeg: 'jpeg', png: 'png', webp: 'webp', heic: 'heic', heif: 'heic' };

/** For the file input's `accept`. */
export const PHOTO_ACCEPT = 'image/jpeg,image/png,image/webp,image/heic,image/heif,.jpg,.jpeg,.png,.webp,.heic,.heif';

/** What a file is, by its type or (when the browser gives none, as Chromium does for HEIC) its name. */
export function photoKind(file: { name: string; type: string }): Kind | null {
  if (file.type) return byType[file.type.toLowerCase()] ?? null;
  const extension = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase() ?? '';
  return byExtension[extension] ?? null;
}

function jpegName(name: string): string {
  const base = name.replace(/\.[a-z0-9]+$/i, '').slice(0, 100) || 'photo';
  return `${base}.jpg`;
}

function encode(canvas: HTMLCanvasElement, quality: number): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new PhotoError('unreadable'))), 'image/jpeg', quality),
  );
}

function base64Of(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(new PhotoError('unreadable'));
    reader.readAsDataURL(blob);
  });
}

/** Checks, decodes, downscales and re-encodes one photo; rejects with a `PhotoError`. */
export async function preparePhoto(file: File, limits = PHOTO_LIMITS): Promise<PreparedPhoto> {
  const kind = photoKind(file);
  if (!kind) throw new PhotoError('type');
  if (file.size > limits.maxInputBytes) throw new PhotoError('tooLarge');
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    throw new PhotoError(kind === 'heic' ? 'heic' : 'unreadable');
  }
  try {
    let scale = Math.min(1, limits.maxEdge / Math.max(bitmap.width, bitmap.height));
    // Lower quality, then smaller, until the photo fits; a photo that cannot is refused.
    for (let attempt = 0; attempt < 6; attempt++) {
      const width = Math.max(1, Math.round(bitmap.width * scale));
      const height = Math.max(1, Math.round(bitmap.height * scale));
      const canvas = document.createElement('canvas');
      canvas.width = width;
      canvas.height = height;
      const context = canvas.getContext('2d');
      if (!context) throw new PhotoError('unreadable');
      // JPEG has no transparency: a PNG's clear areas become white, not black.
      context.fillStyle = '#fff';
      context.fillRect(0, 0, width, height);
      context.imageSmoothingQuality = 'high';
      context.drawImage(bitmap, 0, 0, width, height);
      const blob = await encode(canvas, attempt % 2 === 0 ? 0.82 : 0.65);
      if (blob.size <= limits.maxBytes) {
        return { name: jpegName(file.name), type: 'image/jpeg', data: await base64Of(blob), width, height, bytes: blob.size };
      }
      if (attempt % 2 === 1) scale *= 0.75;
    }
    throw new PhotoError('tooLarge');
  } finally {
    bitmap.close();
  }
}
