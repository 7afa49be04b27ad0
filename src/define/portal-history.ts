import { PortalHistory } from '../elements/portal-history/portal-history.js';
import { define } from '../internal/define.js';

define('portal-history', PortalHistory);
export { PortalHistory };
