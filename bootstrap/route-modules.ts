import type Router from '@koa/router';
import type { Container } from 'inversify';
import type { IdentityUseCases } from '../application/identity/identity-use-cases';
import { requireAuth, type RequireAuthOptions } from '../adapters/http/middleware/require-auth';
import type { RequireAuthFactory } from '../adapters/http/routes/alert-routes';
import { INFRA } from './infra-tokens';

/** A context's routers, given the shared authentication middleware factory. */
export type RouteModule = (requireAuth: RequireAuthFactory) => Router[];

/** Registers a context's routers (call from its `bind…` function); mounted after the core routers. */
export const addRouteModule = (c: Container, module: (c: Container) => RouteModule): void => {
  c.bind<RouteModule>(INFRA.RouteModules).toDynamicValue(() => module(c));
};

/** Every registered route module's routers, sharing identity's authentication. */
export const routeModuleRouters = (c: Container, identity: IdentityUseCases): Router[] => {
  if (!c.isBound(INFRA.RouteModules)) return [];
  const factory: RequireAuthFactory = (options?: RequireAuthOptions) =>
    requireAuth(identity.authenticate, identity.ports.rateLimiter, options);
  return c.getAll<RouteModule>(INFRA.RouteModules).flatMap((module) => module(factory));
};
