import { PortalPay } from '../elements/portal-pay/portal-pay.js';
import { define } from '../internal/define.js';

define('portal-pay', PortalPay);
export { PortalPay };
