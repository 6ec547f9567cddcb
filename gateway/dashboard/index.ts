export { dashboardRoutes, DASHBOARD_CSP, DASHBOARD_PATH } from './routes';
export type { DashboardRouteOptions } from './routes';
export { devSignInEnabled } from './dev-signin';
