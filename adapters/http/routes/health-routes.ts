import Router from '@koa/router';
import type { GetHealth } from '../../../application/shared/get-health';

/** Liveness (always 200 while alive) and readiness (503 when the database is down or the process drains). */
export const healthRoutes = (getHealth: GetHealth): Router => {
  const router = new Router();
  router.get('/health', async (ctx) => {
    const { report } = await getHealth.execute();
    ctx.set('Cache-Control', 'no-store');
    ctx.body = report;
  });
  router.get('/health/ready', async (ctx) => {
    const { report, ready } = await getHealth.execute();
    ctx.set('Cache-Control', 'no-store');
    ctx.status = ready ? 200 : 503;
    ctx.body = report;
  });
  return router;
};
