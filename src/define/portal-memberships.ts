import { PortalMemberships } from '../elements/portal-memberships/portal-memberships.js';
import { define } from '../internal/define.js';

define('portal-memberships', PortalMemberships);
export { PortalMemberships };
