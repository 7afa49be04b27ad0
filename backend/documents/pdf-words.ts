/**
 * The words of the invoice, statement and signed-estimate PDFs, in the languages the messages are
 * written in (rules/languages.ts): a PDF is in the language of the page that asks for it.
 *
 * Only the words the documents wrap around the records are here. The records themselves (invoice lines,
 * job summaries, business units, an estimate's name, options and terms, names, payment methods) are
 * drawn as the contractor's system wrote them; an estimate's consents as the signer was shown them.
 *
 * The PDFs use the standard fonts, which encode WinAnsi: every character here must be in it (the
 * Spanish á é í ó ú ñ ü ¿ ¡ are; typographic quotes, the ellipsis and the dashes are too). Whatever is
 * not is drawn as "?" (Writer.safe in pdf.ts), and test/backend-pdf-languages.test.ts checks there is none.
 */
import type { MessageLanguage } from '../rules/languages.js';
import type { AgingBucket } from './pdf.js';

export interface PdfWords {
  // The file names (ASCII: a Content-Disposition name), after the company's name where it leads (filePrefix).
  invoiceFile: string;
  statementFile: string;
  signedEstimateFile: (number: string) => string;

  // A table of priced lines (an invoice's, an estimate option's) and its totals.
  description: string;
  quantity: string;
  unitPrice: string;
  amount: string;
  subtotal: string;
  tax: string;
  total: string;

  // The invoice.
  invoiceKeyword: string;
  invoiceTitle: (number: string) => string;
  invoiceSubject: (number: string, customer: string, total: string, balance: string) => string;
  invoiceDates: (invoiceDate: string, dueDate: string) => string;
  job: (number: string, businessUnit: string) => string;
  billTo: string;
  serviceLocation: string;
  paid: (day: string, method: string) => string;
  balanceDue: string;

  // The statement.
  statementKeyword: string;
  statementTitle: (date: string) => string;
  statementSubject: (customer: string, date: string, summary: string) => string;
  nothingDue: string;
  statement: string;
  statementDate: (day: string) => string;
  noOpenInvoices: string;
  openInvoices: (currency: string) => string;
  invoiceColumn: string;
  dateColumn: string;
  dueColumn: string;
  daysColumn: string;
  balanceColumn: string;
  aging: string;
  agingBuckets: Record<AgingBucket, string>;
  totalDue: string;
  statementQuestions: (company: string, phone: string) => string;

  // The signed estimate.
  estimateKeyword: string;
  estimateTitle: (number: string) => string;
  estimateSubject: (number: string, customer: string, option: string, total: string, signer: string) => string;
  estimate: (number: string) => string;
  estimateDates: (version: number, issued: string, validUntil: string) => string;
  customer: string;
  approvedOption: (option: string) => string;
  terms: (version: string) => string;
  signatureRecord: string;
  estimateField: string;
  estimateValue: (number: string, id: string, version: number) => string;
  optionApproved: string;
  contentSha256: string;
  signedBy: string;
  signedAt: string;
  clientAddress: string;
  clientAddressUnknown: string;
  userAgent: string;
  userAgentUnknown: string;
  signedThrough: string;
  consents: string;
  consent: (text: string, id: string, version: string) => string;
}

export const pdfWords: Record<MessageLanguage, PdfWords> = {
  en: {
    invoiceFile: 'invoice',
    statementFile: 'statement',
    signedEstimateFile: (number) => `estimate-${number}-signed`,
    description: 'Description',
    quantity: 'Qty',
    unitPrice: 'Unit price',
    amount: 'Amount',
    subtotal: 'Subtotal',
    tax: 'Tax',
    total: 'Total',

    invoiceKeyword: 'invoice',
    invoiceTitle: (number) => `Invoice ${number}`,
    invoiceSubject: (number, customer, total, balance) => `Invoice ${number} for ${customer}: total ${total}, balance ${balance}`,
    invoiceDates: (invoiceDate, dueDate) => `Invoice date: ${invoiceDate}    Due date: ${dueDate}`,
    job: (number, businessUnit) => `Job ${number} · ${businessUnit}`,
    billTo: 'Bill to',
    serviceLocation: 'Service location',
    paid: (day, method) => `Paid ${day} · ${method}`,
    balanceDue: 'Balance due',

    statementKeyword: 'statement',
    statementTitle: (date) => `Statement ${date}`,
    statementSubject: (customer, date, summary) => `Statement for ${customer} on ${date}: ${summary}`,
    nothingDue: 'nothing due',
    statement: 'Statement',
    statementDate: (day) => `Statement date: ${day}`,
    noOpenInvoices: 'You have no open invoices. Thank you!',
    openInvoices: (currency) => `Open invoices (${currency})`,
    invoiceColumn: 'Invoice',
    dateColumn: 'Date',
    dueColumn: 'Due',
    daysColumn: 'Days',
    balanceColumn: 'Balance',
    aging: 'Aging (days since the invoice date)',
    agingBuckets: { '0-30': '0-30 days', '31-60': '31-60 days', '61-90': '61-90 days', '90+': 'Over 90 days' },
    totalDue: 'Total due',
    statementQuestions: (company, phone) => `Questions about your statement? Call ${company} at ${phone}.`,

    estimateKeyword: 'estimate',
    estimateTitle: (number) => `Estimate ${number} (signed)`,
    estimateSubject: (number, customer, option, total, signer) => `Estimate ${number} for ${customer}: ${option}, ${total}, approved by ${signer}`,
    estimate: (number) => `Estimate ${number}`,
    estimateDates: (version, issued, validUntil) => `Version ${version} · Issued ${issued} · Valid until ${validUntil}`,
    customer: 'Customer',
    approvedOption: (option) => `Approved option: ${option}`,
    terms: (version) => `Terms (version ${version})`,
    signatureRecord: 'Signature record',
    estimateField: 'Estimate',
    estimateValue: (number, id, version) => `${number} (${id}), version ${version}`,
    optionApproved: 'Option approved',
    contentSha256: 'Content SHA-256',
    signedBy: 'Signed by (typed name)',
    signedAt: 'Signed at (server time, UTC)',
    clientAddress: 'Client address',
    clientAddressUnknown: 'not known (signed through the in-browser demo)',
    userAgent: 'User agent',
    userAgentUnknown: 'not known',
    signedThrough: 'Signed through',
    consents: 'Consents as shown and agreed',
    consent: (text, id, version) => `[x] ${text} (${id}, version ${version})`,
  },
  es: {
    invoiceFile: 'factura',
    statementFile: 'estado-de-cuenta',
    signedEstimateFile: (number) => `presupuesto-${number}-firmado`,
    description: 'Descripción',
    quantity: 'Cant.',
    unitPrice: 'Precio unitario',
    amount: 'Importe',
    subtotal: 'Subtotal',
    tax: 'Impuesto',
    total: 'Total',

    invoiceKeyword: 'factura',
    invoiceTitle: (number) => `Factura ${number}`,
    invoiceSubject: (number, customer, total, balance) => `Factura ${number} para ${customer}: total ${total}, saldo ${balance}`,
    invoiceDates: (invoiceDate, dueDate) => `Fecha de la factura: ${invoiceDate}    Vence: ${dueDate}`,
    job: (number, businessUnit) => `Trabajo ${number} · ${businessUnit}`,
    billTo: 'Facturar a',
    serviceLocation: 'Lugar del servicio',
    paid: (day, method) => `Pagado el ${day} · ${method}`,
    balanceDue: 'Saldo pendiente',

    statementKeyword: 'estado de cuenta',
    statementTitle: (date) => `Estado de cuenta ${date}`,
    statementSubject: (customer, date, summary) => `Estado de cuenta de ${customer} al ${date}: ${summary}`,
    nothingDue: 'nada pendiente',
    statement: 'Estado de cuenta',
    statementDate: (day) => `Fecha del estado de cuenta: ${day}`,
    noOpenInvoices: 'No tiene facturas pendientes. ¡Gracias!',
    openInvoices: (currency) => `Facturas pendientes (${currency})`,
    invoiceColumn: 'Factura',
    dateColumn: 'Fecha',
    dueColumn: 'Vence',
    daysColumn: 'Días',
    balanceColumn: 'Saldo',
    aging: 'Antigüedad (días desde la fecha de la factura)',
    agingBuckets: { '0-30': '0-30 días', '31-60': '31-60 días', '61-90': '61-90 días', '90+': 'Más de 90 días' },
    totalDue: 'Total pendiente',
    statementQuestions: (company, phone) => `¿Tiene preguntas sobre su estado de cuenta? Llame a ${company} al ${phone}.`,

    estimateKeyword: 'presupuesto',
    estimateTitle: (number) => `Presupuesto ${number} (firmado)`,
    estimateSubject: (number, customer, option, total, signer) => `Presupuesto ${number} para ${customer}: ${option}, ${total}, aprobado por ${signer}`,
    estimate: (number) => `Presupuesto ${number}`,
    estimateDates: (version, issued, validUntil) => `Versión ${version} · Emitido el ${issued} · Válido hasta el ${validUntil}`,
    customer: 'Cliente',
    approvedOption: (option) => `Opción aprobada: ${option}`,
    terms: (version) => `Condiciones (versión ${version})`,
    signatureRecord: 'Registro de la firma',
    estimateField: 'Presupuesto',
    estimateValue: (number, id, version) => `${number} (${id}), versión ${version}`,
    optionApproved: 'Opción aprobada',
    contentSha256: 'SHA-256 del contenido',
    signedBy: 'Firmado por (nombre escrito)',
    signedAt: 'Firmado el (hora del servidor, UTC)',
    clientAddress: 'Dirección IP del cliente',
    clientAddressUnknown: 'desconocida (firmado en la demostración en el navegador)',
    userAgent: 'Agente de usuario (navegador)',
    userAgentUnknown: 'desconocido',
    signedThrough: 'Firmado a través de',
    consents: 'Consentimientos tal como se mostraron y se aceptaron',
    consent: (text, id, version) => `[x] ${text} (${id}, versión ${version})`,
  },
};
