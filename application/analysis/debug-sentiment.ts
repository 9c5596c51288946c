import { isFinalised, patientTurnsOf } from '../../domain/analysis/analysable-conversation';
import { LISTED_STATUSES, type Conversation, type StoredSentiment } from '../../domain/conversations/conversation';
import type { AccessScope } from '../../domain/identity/roles';
import type { Actor } from '../../domain/shared/actor';
import { loadPatientForAnalysis, orgsForAdmin } from './analysis-access';
import { recordAnalysisPhi } from './analysis-audit';
import type { AnalysisPorts } from './analysis-ports';
import { analyseAndStore } from './sentiment-points';

const DAY_MS = 86_400_000;
const PAGE = 100;

export interface ConversationDebugData {
  readonly all: readonly Conversation[];
  readonly recent: readonly Conversation[];
  readonly withSentiment: readonly Conversation[];
  readonly newest: Conversation | null;
  readonly thirtyDaysAgo: Date;
}

export interface DebugAnalysisInput {
  readonly hoursBack: number;
  readonly maxConversations: number;
  readonly forceReanalyze: boolean;
}

export interface DebugAnalysisRow {
  readonly conversation: Conversation;
  readonly patientName: string;
  readonly hadSentiment: boolean;
  readonly result: { readonly sentiment: StoredSentiment } | { readonly error: string } | null;
}

const whenOf = (c: Conversation): Date => c.endedAt ?? c.startedAt ?? c.createdAt;

/**
 * The two sentiment debug endpoints of the test-support router (API-CONTRACT.md §6.4): a patient's conversations
 * as the app's debug panel lists them, and an on-the-spot re-analysis of the organisation's recent calls. Mounted
 * only with the test-support routes; both need a token and keep the usual scope rules.
 */
export class DebugSentiment {
  constructor(private readonly ports: AnalysisPorts) {}

  async conversationData(scope: AccessScope, patientId: string, actor: Actor): Promise<ConversationDebugData> {
    const { ports } = this;
    const resource = { type: 'sentiment', id: 'list' } as const;
    const patient = await loadPatientForAnalysis(ports, scope, patientId, 'analysis.read', resource, actor);
    const all: Conversation[] = [];
    for (let page = 1; ; page += 1) {
      const found = await ports.conversations.listOfPatient({
        patientId: patient.id,
        statuses: LISTED_STATUSES,
        page,
        limit: PAGE,
        sort: [{ field: 'createdAt', direction: 'desc' }],
      });
      all.push(...found.results);
      if (page >= found.totalPages) break;
    }
    const thirtyDaysAgo = new Date(ports.clock.now().getTime() - 30 * DAY_MS);
    const recent = all.filter((c) => whenOf(c).getTime() >= thirtyDaysAgo.getTime());
    await recordAnalysisPhi(ports, actor, 'READ', { ...resource, orgId: patient.orgId }, [patient.id], {
      count: all.length,
      debug: true,
    });
    return {
      all,
      recent,
      withSentiment: all.filter((c) => c.sentiment !== null),
      newest: all[0] ?? null,
      thirtyDaysAgo,
    };
  }

  async analyseRecent(scope: AccessScope, input: DebugAnalysisInput, actor: Actor): Promise<DebugAnalysisRow[]> {
    const { ports } = this;
    const selected = await orgsForAdmin(ports, scope, undefined, 'sentiment', actor, false);
    const orgId = selected === 'all' ? scope.orgId : (selected[0] ?? scope.orgId);
    const since = ports.clock.now().getTime() - input.hoursBack * 3_600_000;
    const candidates: { conversation: Conversation; patientName: string }[] = [];
    for (const patient of await ports.patients.listByOrg(orgId)) {
      for (let page = 1; ; page += 1) {
        const found = await ports.conversations.listOfPatient({
          patientId: patient.id,
          statuses: ['completed'],
          page,
          limit: PAGE,
          sort: [{ field: 'endTime', direction: 'desc' }],
        });
        const inWindow = found.results.filter((c) => isFinalised(c) && whenOf(c).getTime() >= since);
        candidates.push(...inWindow.map((conversation) => ({ conversation, patientName: patient.name })));
        if (inWindow.length < found.results.length || page >= found.totalPages) break;
      }
    }
    const chosen = candidates
      .sort((a, b) => whenOf(b.conversation).getTime() - whenOf(a.conversation).getTime())
      .slice(0, input.maxConversations);
    const rows: DebugAnalysisRow[] = [];
    for (const { conversation, patientName } of chosen) {
      const hadSentiment = conversation.sentiment !== null;
      if (hadSentiment && !input.forceReanalyze) {
        rows.push({ conversation, patientName, hadSentiment, result: null });
        continue;
      }
      if (patientTurnsOf(conversation).length === 0) {
        rows.push({ conversation, patientName, hadSentiment, result: { error: 'No patient speech to analyse' } });
        continue;
      }
      try {
        const stored = await analyseAndStore(ports, conversation, actor);
        rows.push({
          conversation: stored.conversation,
          patientName,
          hadSentiment,
          result: { sentiment: stored.sentiment },
        });
      } catch {
        rows.push({ conversation, patientName, hadSentiment, result: { error: 'Analysis failed' } });
      }
    }
    // The answer names patients and shows their sentiment: a PHI read like any other (DOMAIN.md §11.2).
    await recordAnalysisPhi(
      ports,
      actor,
      'READ',
      { type: 'sentiment', id: 'list', orgId },
      rows.map((row) => row.conversation.patientId),
      { count: rows.length },
    );
    return rows;
  }
}
