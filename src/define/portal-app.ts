import { PortalApp } from '../elements/portal-app/portal-app.js';
import { define } from '../internal/define.js';
// The sign-in shows first, so it comes with the app; every section loads when it first opens.
import './portal-login.js';

define('portal-app', PortalApp);
export { PortalApp };
