import { msg, str } from '../../i18n/msg.js';
import type { SchedulerStep } from '../../events/portal-scheduler-step.js';
import type { ReplyWithin, SchedulerConfig } from '../../model/scheduler.js';
import type { UnavailableReason } from '../../model/scheduling-rules.js';
import type { PhotoProblem } from './photos.js';
import { dateFormat } from '../../internal/format.js';

export function stepTitle(step: SchedulerStep): string {
  switch (step) {
    case 'where':
      return msg('Where do you need us?');
    case 'what':
      return msg('What do you need?');
    case 'when':
      return msg('When would suit you?');
    case 'photos':
      return msg('Photos (optional)');
    case 'contact':
      return msg('How can we reach you?');
    case 'review':
      return msg('Check and send');
  }
}

/** Why a day cannot be chosen, read after "unavailable:". */
export function reasonText(reason: UnavailableReason, date: string, config: SchedulerConfig | null, locale: string): string {
  switch (reason) {
    case 'past':
      return msg('this day has passed');
    case 'leadTime': {
      const days = config?.leadTimeDays ?? 1;
      return days === 1 ? msg('too soon, requests need a day’s notice') : msg(str`too soon, requests need ${days} days’ notice`);
    }
    case 'closed': {
      const [y, m, d] = date.split('-').map(Number);
      const weekday = dateFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(y!, m! - 1, d)));
      return msg(str`no visits on ${weekday}`);
    }
    case 'blackout':
      return msg('the office is closed that day');
    case 'full':
      return msg('fully booked');
    case 'beyondHorizon': {
      const days = config?.horizonDays ?? 0;
      return msg(str`too far ahead, requests open ${days} days ahead`);
    }
  }
}

/** "within one business day" */
export function replyText(reply: ReplyWithin): string {
  if (reply.unit === 'hours') return reply.amount === 1 ? msg('within an hour') : msg(str`within ${reply.amount} hours`);
  return reply.amount === 1 ? msg('within one business day') : msg(str`within ${reply.amount} business days`);
}

export function photoProblemText(problem: PhotoProblem, fileName: string): string {
  switch (problem) {
    case 'type':
      return msg(str`${fileName}: use a JPEG, PNG, HEIC or WebP photo.`);
    case 'tooLarge':
      return msg(str`${fileName}: this file is too large. Use a photo under 25 MB.`);
    case 'heic':
      return msg(
        str`${fileName}: this browser can’t read HEIC photos. Share it as a JPEG (on an iPhone: Settings › Camera › Formats › Most Compatible), or use another browser.`,
      );
    case 'unreadable':
      return msg(str`${fileName}: we couldn’t read this photo. Try another one.`);
    case 'tooMany':
      return msg(str`${fileName}: you can add up to 4 photos. Remove one to add another.`);
  }
}
