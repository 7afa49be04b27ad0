import { PortalDateGrid } from '../elements/portal-scheduler/date-grid.js';
import { PortalScheduler } from '../elements/portal-scheduler/portal-scheduler.js';
import { define } from '../internal/define.js';

define('portal-date-grid', PortalDateGrid);
define('portal-scheduler', PortalScheduler);
export { PortalDateGrid, PortalScheduler };
