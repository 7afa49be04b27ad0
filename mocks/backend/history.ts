import type { Route } from './http.js';

export const historyRoutes: Route[] = [];
