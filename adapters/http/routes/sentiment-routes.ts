import Router from '@koa/router';
import type { Context, Middleware } from 'koa';
import { z } from 'zod';
import type { AnalysisUseCases } from '../../../application/analysis/analysis-use-cases';
import type { Translator } from '../../../application/ports/translator';
import { SENTIMENT_TIME_RANGES } from '../../../domain/analysis/sentiment-trend';
import { scopeOf } from '../access-scope';
import type { RequireAuthOptions } from '../middleware/require-auth';
import {
  analyzedSentimentDto,
  conversationSentimentDto,
  sentimentAnalysisDto,
  sentimentSummaryDto,
  sentimentTrendDto,
} from '../presenters/analysis-sentiment-presenters';
import { analysisLocaleOf, type AnalysisLocale } from '../presenters/analysis-texts';
import { conversationDto } from '../presenters/conversation-presenters';
import { actorOf, authOf } from '../request-meta';
import { objectId, parseWith, pathId } from '../validation';

/** Builds the authentication middleware with per-route options. */
export type RequireAuthFactory = (options?: RequireAuthOptions) => Middleware;

/** The reader's language for analysis texts (Accept-Language, English by default; API-CONTRACT.md §1.6). */
export const analysisLocale = (ctx: Context, translator: Translator): AnalysisLocale => {
  ctx.vary('Accept-Language');
  return analysisLocaleOf(translator.bestLocale(ctx.get('accept-language')));
};

const trendQuery = z.strictObject({ timeRange: z.enum(SENTIMENT_TIME_RANGES).default('lastCall') });
const reanalyzeBody = z.strictObject({ force: z.boolean().optional() });

/**
 * `/v1/sentiment/*` (API-CONTRACT.md §4.12, and `POST /patient/:id/reanalyze` of §6.3). Trend and summary read
 * the patient's finalised conversations; `analyze` re-runs one conversation (429 `analysis-trigger`).
 */
export const sentimentRoutes = (
  analysis: AnalysisUseCases,
  requireAuth: RequireAuthFactory,
  translator: Translator,
): Router => {
  const router = new Router({ prefix: '/v1/sentiment' });
  const authenticated = requireAuth();

  router.get('/patient/:patientId/trend', authenticated, async (ctx) => {
    const patientId = pathId(ctx.params['patientId'], 'patientId');
    const { timeRange } = parseWith(trendQuery, ctx.query);
    const trend = await analysis.sentimentTrend.execute(scopeOf(ctx), { patientId, timeRange }, actorOf(ctx));
    ctx.body = sentimentTrendDto(trend, analysisLocale(ctx, translator));
  });

  router.get('/patient/:patientId/summary', authenticated, async (ctx) => {
    const patientId = pathId(ctx.params['patientId'], 'patientId');
    parseWith(z.strictObject({}), ctx.query);
    const summary = await analysis.sentimentSummary.execute(scopeOf(ctx), patientId, actorOf(ctx));
    ctx.body = sentimentSummaryDto(summary, analysisLocale(ctx, translator));
  });

  router.post('/patient/:patientId/reanalyze', authenticated, async (ctx) => {
    const patientId = pathId(ctx.params['patientId'], 'patientId');
    const body = parseWith(reanalyzeBody, ctx.request.body ?? {});
    const { queued } = await analysis.reanalyzePatient.execute(
      scopeOf(ctx),
      patientId,
      body.force ?? false,
      actorOf(ctx),
    );
    ctx.body = { success: true, queued };
  });

  router.get('/conversation/:conversationId', authenticated, async (ctx) => {
    const conversationId = pathId(ctx.params['conversationId'], 'conversationId');
    const conversation = await analysis.conversationSentiment.execute(scopeOf(ctx), conversationId, actorOf(ctx));
    ctx.body = conversationSentimentDto(conversation);
  });

  router.post('/conversation/:conversationId/analyze', authenticated, async (ctx) => {
    const conversationId = pathId(ctx.params['conversationId'], 'conversationId');
    // No body is expected; whatever is sent is ignored (API-CONTRACT.md §1.3).
    const result = await analysis.analyzeConversation.execute(scopeOf(ctx), conversationId, actorOf(ctx));
    ctx.body = analyzedSentimentDto(result);
  });

  return router;
};

const debugDataBody = z.object({ patientId: objectId('patientId') });
const debugAnalysisBody = z.object({
  hoursBack: z.number().int().min(1).max(720).default(24),
  maxConversations: z.number().int().min(1).max(50).default(10),
  forceReanalyze: z.boolean().default(false),
});

/**
 * The two client-defined debug routes of the test-support router (API-CONTRACT.md §6.4), which need a bearer
 * token. Mount only where the test-support router is mounted. Conversations are listed without messages.
 */
export const sentimentTestSupportRoutes = (analysis: AnalysisUseCases, requireAuth: RequireAuthFactory): Router => {
  const router = new Router({ prefix: '/v1/test' });
  const authenticated = requireAuth();

  router.post('/debug-conversation-data', authenticated, async (ctx) => {
    const { patientId } = parseWith(debugDataBody, ctx.request.body);
    const data = await analysis.debugSentiment.conversationData(scopeOf(ctx), patientId, actorOf(ctx));
    const role = authOf(ctx).caregiver.role;
    const withoutMessages = (c: Parameters<typeof conversationDto>[0]) => {
      const { messages: _messages, ...dto } = conversationDto(c, role);
      return dto;
    };
    ctx.body = {
      success: true,
      debugType: 'conversation-data',
      summary: {
        totalConversations: data.all.length,
        recentConversations: data.recent.length,
        conversationsWithSentiment: data.withSentiment.length,
        recentWithSentiment: data.recent.filter((c) => c.sentiment !== null).length,
        testConversationFound: data.newest !== null,
      },
      data: {
        allConversations: data.all.map(withoutMessages),
        recentConversations: data.recent.map(withoutMessages),
        conversationsWithSentiment: data.withSentiment.map(withoutMessages),
        testConversation: data.newest === null ? null : withoutMessages(data.newest),
        thirtyDaysAgo: data.thirtyDaysAgo.toISOString(),
      },
    };
  });

  router.post('/debug-sentiment-analysis', authenticated, async (ctx) => {
    const input = parseWith(debugAnalysisBody, ctx.request.body ?? {});
    const rows = await analysis.debugSentiment.analyseRecent(scopeOf(ctx), input, actorOf(ctx));
    const analysed = rows.filter((row) => row.result !== null);
    ctx.body = {
      success: true,
      debugType: 'sentiment-analysis',
      summary: {
        totalConversations: rows.length,
        conversationsWithoutSentiment: rows.filter((row) => !row.hadSentiment).length,
        successfullyAnalyzed: analysed.filter((row) => row.result !== null && 'sentiment' in row.result).length,
        failedAnalyses: analysed.filter((row) => row.result !== null && 'error' in row.result).length,
      },
      conversations: rows.map((row) => ({
        conversationId: row.conversation.id,
        patientName: row.patientName,
        endTime: row.conversation.endedAt?.toISOString() ?? null,
        hadSentiment: row.hadSentiment,
        messageCount: row.conversation.messages.length,
        analysisResult:
          row.result === null
            ? null
            : 'sentiment' in row.result
              ? {
                  success: true,
                  sentiment: sentimentAnalysisDto(row.result.sentiment),
                  score: row.result.sentiment.sentimentScore,
                  confidence: row.result.sentiment.confidence,
                  mood: row.result.sentiment.patientMood,
                  emotions: [...row.result.sentiment.keyEmotions],
                  concernLevel: row.result.sentiment.concernLevel,
                }
              : {
                  success: false,
                  sentiment: null,
                  score: null,
                  confidence: null,
                  mood: null,
                  emotions: [],
                  concernLevel: null,
                  error: row.result.error,
                },
      })),
    };
  });

  return router;
};
