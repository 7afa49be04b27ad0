import { PortalVisits } from '../elements/portal-visits/portal-visits.js';
import { define } from '../internal/define.js';

define('portal-visits', PortalVisits);
export { PortalVisits };
