import type { Route } from './http.js';

export const billingRoutes: Route[] = [];
