import { PortalProvider } from '../elements/portal-provider/portal-provider.js';
import { define } from '../internal/define.js';

define('portal-provider', PortalProvider);
export { PortalProvider };
