export interface PortalDocumentDownloadDetail {
  /**
   * `invoice`: one job's invoice; `statement`: the account's open invoices with aging; `estimate`: an
   * approved estimate with its signature page.
   */
  kind: 'invoice' | 'statement' | 'estimate';
  /** e.g. `Northwind-Heating-Air-invoice-10412.pdf` */
  fileName: string;
  /** The PDF itself. */
  blob: Blob;
  /** For `invoice`: which one. */
  invoiceId?: string;
  jobId?: string;
  /** For `estimate`: which one. */
  estimateId?: string;
}

/**
 * A document arrived from the backend and is about to be saved. Cancelable: a host page that calls
 * `preventDefault()` handles the file itself (opens it in a viewer, attaches it to a message) and the
 * element does not start a download.
 */
export class PortalDocumentDownloadEvent extends Event {
  static readonly eventName = 'portal-document-download';
  readonly detail: PortalDocumentDownloadDetail;
  constructor(detail: PortalDocumentDownloadDetail) {
    super(PortalDocumentDownloadEvent.eventName, { bubbles: true, composed: true, cancelable: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'portal-document-download': PortalDocumentDownloadEvent;
  }
}
