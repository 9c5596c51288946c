import type { Context } from 'koa';
import type { Actor } from '../../domain/shared/actor';
import type { Authenticated } from '../../application/identity/authenticate-request';

/** The client address: the socket, or the `X-Forwarded-For` hop Koa trusts (TRUST_PROXY_HOPS). */
export const clientIp = (ctx: Context): string => ctx.ip || ctx.socket.remoteAddress || 'unknown';

export const requestMeta = (ctx: Context): { requestId?: string; ip: string; userAgent?: string } => {
  const requestId = ctx.state['requestId'] as string | undefined;
  const userAgent = ctx.get('user-agent');
  return {
    ip: clientIp(ctx),
    ...(requestId === undefined ? {} : { requestId }),
    ...(userAgent === '' ? {} : { userAgent: userAgent.slice(0, 256) }),
  };
};

export const anonymous = (ctx: Context): Actor => ({ kind: 'anonymous', ...requestMeta(ctx) });

/** The authenticated caller, set by `requireAuth`. */
export const authOf = (ctx: Context): Authenticated => {
  const auth = ctx.state['auth'] as Authenticated | undefined;
  if (auth === undefined) throw new Error('route needs requireAuth before it');
  return auth;
};

export const actorOf = (ctx: Context): Actor => {
  const { caregiver, session } = authOf(ctx);
  return {
    kind: 'caregiver',
    caregiverId: caregiver.id,
    orgId: caregiver.orgId,
    role: caregiver.role,
    sessionId: session.id,
    ...requestMeta(ctx),
  };
};
