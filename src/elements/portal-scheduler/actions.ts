/**
 * What the steps can do to the draft: the element hands these to the render helpers. Each edit saves
 * the draft and clears the messages it makes stale; choosing days checks them against the open days.
 */
import { msg, str } from '../../i18n/msg.js';
import type { SchedulerStep } from '../../events/portal-scheduler-step.js';
import { formatDayLong, formatWallRange } from '../../internal/format.js';
import type { Availability, SchedulerConfig } from '../../model/scheduler.js';
import { MAX_PREFERRED_DAYS, PHOTO_LIMITS } from '../../model/scheduling-rules.js';
import { dayIn, type Problems } from './checks.js';
import type { SchedulerDraft } from './draft.js';
import { PhotoError, preparePhoto, type PreparedPhoto } from './photos.js';
import { photoProblemText, reasonText } from './scheduler-text.js';
import type { SchedulerActions } from './view.js';

/** What the actions read and change on the element. */
export interface ActionHost {
  draft: SchedulerDraft;
  problems: Problems;
  gridOpen: boolean;
  gridStart: string;
  photoBusy: boolean;
  /** The step's polite status line: photos added or removed, a preferred day added or removed. */
  notice: string;
  readonly availability: Availability | null;
  readonly config: SchedulerConfig | null;
  readonly locale: string;
  /** Sets and keeps (session storage) the draft. */
  setDraft(next: SchedulerDraft): void;
  /** Says a refusal in the form's alert, anew each time (the same words twice are said twice). */
  say(text: string): void;
  /** Moves focus after the next render (a selector). */
  focusAfter(selector: string): void;
  go(step: SchedulerStep): void;
  retry(): void;
  /** Runs `make` in the element's language: for strings made after an `await`. */
  inLocale<R>(make: () => R): R;
}

/** The problems a field's edit makes stale. */
const clears: Record<string, string[]> = {
  locationId: ['location'],
  otherAddress: ['location'],
  serviceId: ['service'],
  email: ['email', 'reach'],
  phone: ['phone', 'reach'],
  consentToTexts: ['phone'],
};

function clear(host: ActionHost, ...names: string[]) {
  if (!names.some((n) => n in host.problems)) return;
  const problems = { ...host.problems };
  for (const name of names) delete problems[name];
  host.problems = problems;
}

/**
 * Adds a day (with its only window, when it has one) or takes it away; says why a day cannot be added.
 * What changed is said in the step's status line: the list of chosen days appears below the day
 * pressed, and a window chosen with the day would otherwise go unheard.
 */
export function toggleDay(host: ActionHost, date: string) {
  const days = host.draft.days;
  const day = formatDayLong(date, host.locale);
  if (days.some((d) => d.date === date)) {
    host.setDraft({ ...host.draft, days: days.filter((d) => d.date !== date) });
    clear(host, `day-${date}`, 'days');
    host.notice = host.inLocale(() => msg(str`${day} removed from your preferred days.`));
    return;
  }
  const availability = host.availability;
  if (!availability) return;
  // A refusal is shown beside the days and said by the form's alert: the status line no longer holds.
  host.notice = '';
  const refuse = (why: string) => {
    host.problems = { ...host.problems, days: why };
    host.say(why);
  };
  if (days.length >= MAX_PREFERRED_DAYS) {
    refuse(msg(str`You can choose up to ${MAX_PREFERRED_DAYS} days. Remove one to choose another.`));
    return;
  }
  const found = dayIn(availability, date);
  if (!found.available) {
    const why = reasonText(found.reason, date, host.config, host.locale);
    refuse(msg(str`${day} is not open: ${why}.`));
    return;
  }
  const only = found.windows.length === 1 ? found.windows[0]! : null;
  host.setDraft({ ...host.draft, days: [...days, { date, windowId: only?.id ?? null }] });
  clear(host, 'days');
  const arrival = only ? formatWallRange(only.start, only.end, host.locale) : '';
  host.notice = host.inLocale(() =>
    only
      ? msg(str`${day} added to your preferred days. Its one arrival window, ${arrival}, is chosen.`)
      : msg(str`${day} added to your preferred days. Choose an arrival window for it below.`),
  );
}

/** Picks being prepared per scheduler, and what the picks since none were in flight refused and added. */
const photoBatches = new WeakMap<ActionHost, { inFlight: number; refused: string[]; added: number }>();

/**
 * Prepares the photos picked (up to the limit), and says what was refused and why, one line each.
 * Picks may overlap (a second while the first is prepared): each says what it refused beside the
 * others', the limit is checked again when a pick is ready, and the notice counts what was added.
 */
export async function addPhotos(host: ActionHost, files: File[]) {
  let batch = photoBatches.get(host);
  if (!batch || batch.inFlight === 0) {
    batch = { inFlight: 0, refused: [], added: 0 };
    photoBatches.set(host, batch);
  }
  batch.inFlight++;
  const room = Math.max(0, PHOTO_LIMITS.maxCount - host.draft.photos.length);
  const lines = files.slice(room).map((f) => photoProblemText('tooMany', f.name));
  host.photoBusy = true;
  host.notice = '';
  const prepared: PreparedPhoto[] = [];
  for (const file of files.slice(0, room)) {
    try {
      prepared.push(await preparePhoto(file));
    } catch (error) {
      lines.push(host.inLocale(() => photoProblemText(error instanceof PhotoError ? error.problem : 'unreadable', file.name)));
    }
  }
  batch.inFlight--;
  host.photoBusy = batch.inFlight > 0;
  // Another pick may have added photos while these were prepared: what no longer fits is said, never
  // dropped quietly.
  const added = prepared.slice(0, Math.max(0, PHOTO_LIMITS.maxCount - host.draft.photos.length));
  for (const extra of prepared.slice(added.length)) lines.push(host.inLocale(() => photoProblemText('tooMany', extra.name)));
  if (added.length) host.setDraft({ ...host.draft, photos: [...host.draft.photos, ...added] });
  batch.refused.push(...lines);
  batch.added += added.length;
  const problems = { ...host.problems };
  delete problems.photos;
  if (batch.refused.length) problems.photos = batch.refused.join('\n');
  host.problems = problems;
  const count = batch.added;
  host.notice = host.inLocale(() => (count === 0 ? '' : count === 1 ? msg('1 photo added.') : msg(str`${count} photos added.`)));
}

export function schedulerActions(host: ActionHost): SchedulerActions {
  return {
    edit: (change) => {
      host.setDraft({ ...host.draft, ...change });
      clear(host, ...Object.keys(change).flatMap((k) => clears[k] ?? [k]));
    },
    editAddress: (change) => {
      host.setDraft({ ...host.draft, address: { ...host.draft.address, ...change } });
      clear(host, ...Object.keys(change));
    },
    editContact: (change) => {
      host.setDraft({ ...host.draft, contact: { ...host.draft.contact, ...change } });
      clear(host, ...Object.keys(change).flatMap((k) => clears[k] ?? [k]));
    },
    toggleDay: (date) => toggleDay(host, date),
    removeDay: (date) => {
      toggleDay(host, date);
      // Its Remove button is gone: focus goes to the day in the list, or to "More dates".
      host.focusAfter(`.day-list button[data-date="${date}"], #more-toggle`);
    },
    chooseWindow: (date, windowId) => {
      host.setDraft({ ...host.draft, days: host.draft.days.map((d) => (d.date === date ? { ...d, windowId } : d)) });
      clear(host, `day-${date}`);
    },
    toggleGrid: () => {
      const availability = host.availability;
      host.gridStart = host.draft.days[0]?.date ?? availability?.days.find((d) => d.available)?.date ?? availability?.from ?? '';
      host.gridOpen = !host.gridOpen;
    },
    gridSelect: (event) => toggleDay(host, event.date),
    addPhotos: (files) => void addPhotos(host, files),
    removePhoto: (index) => {
      const photo = host.draft.photos[index];
      host.setDraft({ ...host.draft, photos: host.draft.photos.filter((_, i) => i !== index) });
      host.notice = photo ? msg(str`Removed ${photo.name}.`) : '';
      host.focusAfter('#field-photos');
    },
    change: (step) => host.go(step),
    retry: () => host.retry(),
  };
}
