/** Tokens for what only bootstrap wires: configuration, the Koa app and server, shutdown. */
export const INFRA = {
  Config: Symbol.for('infra.Config'),
  Pino: Symbol.for('infra.Pino'),
  Version: Symbol.for('infra.Version'),
  StartedAt: Symbol.for('infra.StartedAt'),
  MemoryDatabase: Symbol.for('infra.MemoryDatabase'),
  Redis: Symbol.for('infra.Redis'),
  InFlightRequests: Symbol.for('infra.InFlightRequests'),
  HttpRouters: Symbol.for('infra.HttpRouters'),
  /** Multi-bound `RouteModule`s: each context adds its routers without bootstrap listing them. */
  RouteModules: Symbol.for('infra.RouteModules'),
  LargeBodyRoutes: Symbol.for('infra.LargeBodyRoutes'),
  HttpApp: Symbol.for('infra.HttpApp'),
  HttpServer: Symbol.for('infra.HttpServer'),
} as const;
