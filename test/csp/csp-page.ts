/** The strict-CSP page's own modules: every element defined in this window, and the HTTP adapter. */
import '../../src/define/portal-account-switcher.js';
import '../../src/define/portal-app.js';
import '../../src/define/portal-equipment.js';
import '../../src/define/portal-estimate.js';
import '../../src/define/portal-history.js';
import '../../src/define/portal-invoices.js';
import '../../src/define/portal-login.js';
import '../../src/define/portal-memberships.js';
import '../../src/define/portal-pay.js';
import '../../src/define/portal-provider.js';
import '../../src/define/portal-scheduler.js';
import '../../src/define/portal-visit-status.js';
import '../../src/define/portal-visits.js';
import { HttpAdapter } from '../../src/adapter/http-adapter.js';
import { drawPhoto } from '../../src/elements/portal-scheduler/photo-canvas.js';

Object.assign(window, { cspPage: { HttpAdapter, drawPhoto } });
