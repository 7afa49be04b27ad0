import { PortalVisitStatus } from '../elements/portal-visit-status/portal-visit-status.js';
import { define } from '../internal/define.js';

define('portal-visit-status', PortalVisitStatus);
export { PortalVisitStatus };
