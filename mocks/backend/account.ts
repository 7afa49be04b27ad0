import type { Route } from './http.js';

export const accountRoutes: Route[] = [];
