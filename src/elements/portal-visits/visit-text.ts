import { msg } from '../../i18n/msg.js';
import type { BadgeTone } from '../../internal/content-styles.js';
import type { Appointment } from '../../model/job.js';

export function appointmentStatusText(status: Appointment['status']): string {
  switch (status) {
    case 'Scheduled':
      return msg('Scheduled');
    case 'Dispatched':
      return msg('Technician on the way');
    case 'Working':
      return msg('In progress');
    case 'Done':
      return msg('Done');
    case 'Canceled':
      return msg('Canceled');
  }
}

export function appointmentTone(status: Appointment['status']): BadgeTone {
  return status === 'Canceled' ? 'danger' : status === 'Scheduled' ? 'neutral' : 'good';
}

/** Kept here for existing imports; the helper lives with the other Intl formatters. */
export { zoneName } from '../../internal/format.js';
