import { PortalLogin } from '../elements/portal-login/portal-login.js';
import { define } from '../internal/define.js';

define('portal-login', PortalLogin);
export { PortalLogin };
