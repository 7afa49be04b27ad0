/** The data routes, one module per area of the portal. */
import { accountRoutes } from './account.js';
import { billingRoutes } from './billing.js';
import { historyRoutes } from './history.js';
import type { Route } from './http.js';

export const featureRoutes: Route[] = [...billingRoutes, ...historyRoutes, ...accountRoutes];
