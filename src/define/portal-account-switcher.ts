import { PortalAccountSwitcher } from '../elements/portal-account-switcher/portal-account-switcher.js';
import { define } from '../internal/define.js';

define('portal-account-switcher', PortalAccountSwitcher);
export { PortalAccountSwitcher };
