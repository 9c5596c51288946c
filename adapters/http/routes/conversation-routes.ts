import Router from '@koa/router';
import type { Context, Middleware } from 'koa';
import { z } from 'zod';
import type { ConversationUseCases } from '../../../application/conversations/conversation-use-cases';
import { CONVERSATION_LIMITS, MESSAGE_ROLES, type MessageRole } from '../../../domain/conversations/conversation';
import { mapPage } from '../../../domain/shared/page';
import { scopeOf } from '../access-scope';
import type { RequireAuthOptions } from '../middleware/require-auth';
import { conversationDto } from '../presenters/conversation-presenters';
import { actorOf, authOf } from '../request-meta';
import { pagination, parseWith, pathId } from '../validation';

/** Builds the authentication middleware with per-route options (passive polls, API-CONTRACT.md §2.6). */
export type RequireAuthFactory = (options?: RequireAuthOptions) => Middleware;

const listQuery = z.strictObject({
  ...pagination(['startTime', 'endTime', 'duration', 'createdAt'] as const, 10, 'startTime:desc').shape,
});

const appendBody = z.strictObject({
  role: z.enum(MESSAGE_ROLES as [MessageRole, ...MessageRole[]]),
  content: z.string().min(CONVERSATION_LIMITS.contentMin).max(CONVERSATION_LIMITS.contentMax),
});

const viewerOf = (ctx: Context) => authOf(ctx).caregiver.role;

/**
 * `/v1/conversations/*` (API-CONTRACT.md §4.9). `GET /:conversationId` authenticates passively: whether the Call
 * screen's poll counts as activity depends on the conversation, which must not be loaded before the caller is
 * authenticated; `GetConversation` moves the session's activity itself while the conversation is live and leaves
 * it alone once it is terminal (§2.6). The two POSTs are admin tools (manual conversations and messages).
 */
export const conversationRoutes = (conversations: ConversationUseCases, requireAuth: RequireAuthFactory): Router => {
  const router = new Router({ prefix: '/v1/conversations' });
  const authenticated = requireAuth();

  // Before `/:conversationId`, so `patient` is never read as a conversation id.
  router.post('/patient/:patientId', authenticated, async (ctx) => {
    const patientId = pathId(ctx.params['patientId'], 'patientId');
    // The body is ignored (any JSON object).
    const conversation = await conversations.createManual.execute(scopeOf(ctx), patientId, actorOf(ctx));
    ctx.status = 201;
    ctx.body = conversationDto(conversation, viewerOf(ctx));
  });

  router.post('/:conversationId', authenticated, async (ctx) => {
    const conversationId = pathId(ctx.params['conversationId'], 'conversationId');
    const body = parseWith(appendBody, ctx.request.body);
    const conversation = await conversations.appendManual.execute(scopeOf(ctx), conversationId, body, actorOf(ctx));
    ctx.body = conversationDto(conversation, viewerOf(ctx));
  });

  router.get('/:conversationId', requireAuth({ passive: true }), async (ctx) => {
    const conversationId = pathId(ctx.params['conversationId'], 'conversationId');
    const conversation = await conversations.get.execute(scopeOf(ctx), conversationId, actorOf(ctx));
    ctx.body = conversationDto(conversation, viewerOf(ctx));
  });

  return router;
};

/**
 * `GET /v1/patients/:patientId/conversations` (API-CONTRACT.md §4.9, §3.3): paginated ConversationDTOs in the
 * caller's role view, messages included; default `limit` 10 and `sortBy=startTime:desc`. Mount it before the
 * patients router.
 */
export const patientConversationRoutes = (
  conversations: ConversationUseCases,
  requireAuth: RequireAuthFactory,
): Router => {
  const router = new Router({ prefix: '/v1/patients' });

  router.get('/:patientId/conversations', requireAuth(), async (ctx) => {
    const patientId = pathId(ctx.params['patientId'], 'patientId');
    const query = parseWith(listQuery, ctx.query);
    const page = await conversations.listOfPatient.execute(
      scopeOf(ctx),
      { patientId, page: query.page, limit: query.limit, sort: query.sortBy },
      actorOf(ctx),
    );
    ctx.body = mapPage(page, (conversation) => conversationDto(conversation, viewerOf(ctx)));
  });

  return router;
};
