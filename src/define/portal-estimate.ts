import { PortalEstimate } from '../elements/portal-estimate/portal-estimate.js';
import { define } from '../internal/define.js';

define('portal-estimate', PortalEstimate);
export { PortalEstimate };
