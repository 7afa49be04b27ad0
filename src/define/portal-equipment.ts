import { PortalEquipment } from '../elements/portal-equipment/portal-equipment.js';
import { define } from '../internal/define.js';

define('portal-equipment', PortalEquipment);
export { PortalEquipment };
