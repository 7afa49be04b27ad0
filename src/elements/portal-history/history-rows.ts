/** The pieces of the history grid: its header row and one job's row. Pure render functions. */
import { msg, str } from '../../i18n/msg.js';
import { html, nothing } from 'lit';
import { formatDate, formatMoney } from '../../internal/format.js';
import type { Job } from '../../model/job.js';

export const COLUMN_COUNT = 6;

export function headerRow() {
  return html`<div role="row" class="row header" aria-rowindex="1" part="header-row">
    <span role="columnheader" class="date">${msg('Date')}</span>
    <span role="columnheader" class="job">${msg('Job')}</span>
    <span role="columnheader" class="tech">${msg('Technician')}</span>
    <span role="columnheader" class="location">${msg('Location')}</span>
    <span role="columnheader" class="amount">${msg('Invoice total')}</span>
    <span role="columnheader" class="action">${msg('Invoice')}</span>
  </div>`;
}

export function technicians(job: Job): string {
  return [...new Set(job.appointments.flatMap((a) => (a.technician ? [a.technician.name] : [])))].join(', ');
}

export interface RowOptions {
  locale: string;
  /** This row holds the grid's tab stop (roving tabindex). */
  active: boolean;
  downloading: boolean;
  onDownload: (job: Job) => void;
}

export function jobRow(job: Job, index: number, options: RowOptions) {
  const { locale, active } = options;
  const invoice = job.invoice;
  const techText = technicians(job);
  return html`<div
    role="row"
    class="row"
    part="row"
    aria-rowindex=${index + 2}
    data-index=${index}
    tabindex=${active ? 0 : -1}
  >
    <span role="gridcell" class="date">${job.completedOn ? formatDate(job.completedOn, locale) : ''}</span>
    <span role="gridcell" class="job">
      <span class="job-type">${job.jobType}</span>
      <span class="summary">${job.summary}</span>
      <span class="muted number">${msg(str`Job ${job.number}`)}</span>
    </span>
    <span role="gridcell" class="tech">${techText || html`<span class="muted">${msg('Not recorded')}</span>`}</span>
    <span role="gridcell" class="location">${job.location.name}</span>
    <span role="gridcell" class="amount"
      >${invoice
        ? formatMoney(invoice.total, invoice.currency, locale)
        : html`<span class="muted"
            >${job.invoiceWithAccountHolder ? msg('Invoice with the account holder') : msg('No invoice')}</span
          >`}</span
    >
    <span role="gridcell" class="action"
      >${invoice
        ? html`<button
            type="button"
            class="secondary download"
            part="download-button button secondary-button"
            tabindex=${active ? 0 : -1}
            aria-disabled=${options.downloading ? 'true' : 'false'}
            @click=${() => options.onDownload(job)}
          >
            <!-- The column is a short word wide: busy, the button says "PDF…" (and is dimmed); the words are for screen readers and the status line. -->
            <span aria-hidden="true">${msg('PDF')}${options.downloading ? '…' : ''}</span>
            <span class="visually-hidden"
              >${options.downloading
                ? msg(str`Downloading invoice ${invoice.number} (PDF)`)
                : msg(str`Download invoice ${invoice.number} (PDF)`)}</span
            >
          </button>`
        : nothing}</span
    >
  </div>`;
}
