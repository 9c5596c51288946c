import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';
import { requestContext } from '../../shared/request-context';

const acceptable = /^[A-Za-z0-9._:-]{8,64}$/;

/**
 * Gives every request an id (a proxy's `X-Request-Id` when it looks sane, else a new UUID), echoes it in the
 * response and makes it visible to every log line written while the request runs.
 */
export const requestId = (): Middleware => async (ctx, next) => {
  const incoming = ctx.get('x-request-id');
  const id = acceptable.test(incoming) ? incoming : randomUUID();
  ctx.state['requestId'] = id;
  ctx.set('X-Request-Id', id);
  await requestContext.run({ requestId: id }, next);
};
