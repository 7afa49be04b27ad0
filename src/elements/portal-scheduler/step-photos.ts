import { msg, str } from '../../i18n/msg.js';
import { html, nothing } from 'lit';
import { ref } from 'lit/directives/ref.js';
import { PHOTO_LIMITS } from '../../model/scheduling-rules.js';
import { describedBy, problemId } from './fields.js';
import { drawPhoto } from './photo-canvas.js';
import { PHOTO_ACCEPT } from './photos.js';
import type { StepView } from './view.js';

export function renderPhotos(v: StepView) {
  const photos = v.draft.photos;
  const problem = v.problems.photos;
  const full = photos.length >= PHOTO_LIMITS.maxCount;
  return html`<p class="muted">
      ${msg(str`Up to ${PHOTO_LIMITS.maxCount} photos of the problem, or of the equipment’s label, help the technician bring the right parts. We make them smaller and remove their location data before sending.`)}
    </p>
    <div class="field">
      <label for="field-photos">${msg('Add photos')}</label>
      <span class="hint" id="hint-photos">
        ${full
          ? msg('You have added 4 photos, the most a request can carry. Remove one to add another.')
          : msg('JPEG, PNG, HEIC or WebP.')}
      </span>
      <input
        id="field-photos"
        type="file"
        accept=${PHOTO_ACCEPT}
        multiple
        aria-invalid=${problem ? 'true' : 'false'}
        aria-describedby=${describedBy('hint-photos', Boolean(problem) && problemId('photos'))}
        @change=${(e: Event) => {
          const input = e.target as HTMLInputElement;
          v.act.addPhotos([...(input.files ?? [])]);
          // The same file can be picked again after it was removed.
          input.value = '';
        }}
      />
      ${problem
        ? html`<div class="problem" id=${problemId('photos')} role="alert">
            ${problem.split('\n').map((line) => html`<p>${line}</p>`)}
          </div>`
        : nothing}
    </div>
    <p class="muted" role="status" aria-live="polite">${v.photoBusy ? msg('Preparing photos…') : v.notice}</p>
    ${photos.length
      ? html`<ul class="photos" part="photos">
          ${photos.map(
            (photo, i) => html`<li>
              <canvas
                role="img"
                aria-label=${msg(str`Photo ${i + 1}: ${photo.name}`)}
                width=${photo.width}
                height=${photo.height}
                ${ref((canvas) => drawPhoto(canvas, photo))}
              ></canvas>
              <button part="link-button" type="button" class="link" @click=${() => v.act.removePhoto(i)}>
                ${msg('Remove')}<span class="visually-hidden"> ${photo.name}</span>
              </button>
            </li>`,
          )}
        </ul>`
      : nothing}`;
}
