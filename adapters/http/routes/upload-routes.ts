import Router from '@koa/router';
import type { MediaStore } from '../../../application/ports/media-store';
import { notFound } from '../../../domain/shared/errors';

/**
 * `GET /uploads/:name` (API-CONTRACT.md §6.1): stored images at unguessable capability links, public because the
 * app shows them with plain image tags. Cached privately for a day (RESOLUTIONS.md 4), readable from the app's
 * origin (`Cross-Origin-Resource-Policy: cross-origin`), never sniffed by the browser. Unknown names are the
 * JSON 404 of every other route.
 */
export const uploadRoutes = (media: MediaStore): Router => {
  const router = new Router({ prefix: '/uploads' });

  router.get('/:name', async (ctx) => {
    const stored = await media.get(ctx.params['name'] ?? '');
    if (stored === null) throw notFound('NOT_FOUND');
    ctx.set('Cache-Control', 'private, max-age=86400');
    ctx.set('Cross-Origin-Resource-Policy', 'cross-origin');
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.type = stored.contentType;
    ctx.body = Buffer.from(stored.bytes);
  });

  return router;
};
