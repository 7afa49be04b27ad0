import { msg } from '@lit/localize';
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

export function appointmentTone(status: Appointment['status']): string {
  return status === 'Canceled' ? 'bad' : status === 'Scheduled' ? 'neutral' : 'good';
}

/** "Central Standard Time" for the contractor's zone, or the zone's id when Intl has no name. */
export function zoneName(timeZone: string, locale: string, at = new Date()): string {
  try {
    const parts = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'long' }).formatToParts(at);
    return parts.find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
  } catch {
    return timeZone;
  }
}
