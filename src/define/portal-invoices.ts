import { PortalInvoices } from '../elements/portal-invoices/portal-invoices.js';
import { define } from '../internal/define.js';

define('portal-invoices', PortalInvoices);
export { PortalInvoices };
