import { createOrg } from '../../../domain/identity/org';
import { createPatient } from '../../../domain/patients/patient';
import {
  answerConversation,
  endConversation,
  reserveConversation,
  type Conversation,
  type ConversationProblem,
  type Message,
  type MessageRole,
} from '../../../domain/conversations/conversation';
import type { ConversationPorts } from '../../../application/conversations/conversation-ports';
import { CONVERSATION_TOKENS } from '../../../application/conversations/conversation-tokens';
import type { OrgRepository } from '../../../application/ports/org-repository';
import { TOKENS } from '../../../application/ports/tokens';
import type { AnalysisApp } from '../../support/analysis-app';

type Turn = readonly [MessageRole, string];

const must = (value: Conversation | ConversationProblem): Conversation => {
  if (typeof value === 'string') throw new Error(`conversation refused: ${value}`);
  return value;
};

/**
 * Writers the analysis e2e tests use where no endpoint creates the data yet (answered calls come with the
 * telephony issue): records go straight to the repositories of the running server's container.
 */
export const analysisFixtures = (t: AnalysisApp) => {
  const ports = () => t.app.container.get<ConversationPorts>(CONVERSATION_TOKENS.Ports);

  /** A completed call of `patientId` that ended `endedAt`, lasting `minutes`, with these turns. */
  const storeCall = async (
    patientId: string,
    turns: readonly Turn[],
    endedAt: Date,
    minutes = 5,
  ): Promise<Conversation> => {
    const p = ports();
    const patient = await p.patients.findById(patientId);
    if (patient === null) throw new Error('unknown patient');
    const answeredAt = new Date(endedAt.getTime() - minutes * 60_000);
    const id = p.ids.next();
    let conversation = reserveConversation({
      id,
      orgId: patient.orgId,
      patientId,
      language: patient.preferredLanguage,
      callId: p.ids.next(),
      callType: 'wellness-check',
      now: new Date(answeredAt.getTime() - 10_000),
    });
    conversation = must(answerConversation(conversation, answeredAt));
    const messages = turns.map(([role, content], index): Message => {
      const messageId = p.ids.next();
      const createdAt = new Date(answeredAt.getTime() + index * 1000);
      return {
        id: messageId,
        orgId: patient.orgId,
        conversationId: id,
        seq: index + 1,
        turnId: `test-${messageId}`,
        role,
        messageType: role === 'patient' ? 'user_message' : 'assistant_response',
        status: 'final',
        content,
        audioStartMs: null,
        audioEndMs: null,
        source: 'call',
        createdAt,
        updatedAt: createdAt,
      };
    });
    conversation = must(endConversation({ ...conversation, messages }, endedAt, 'answered'));
    await p.conversations.insert(conversation);
    return conversation;
  };

  /** Another organisation (Madrid) with one Spanish-speaking patient, for cross-organisation probes. */
  const otherOrgPatient = async (): Promise<string> => {
    const p = ports();
    const now = t.clock.now();
    const org = createOrg({
      id: p.ids.next(),
      name: 'Elsewhere Care',
      email: `elsewhere-${p.ids.next()}@example.org`,
      phone: null,
      now,
      timezone: 'Europe/Madrid',
    });
    await t.app.container.get<OrgRepository>(TOKENS.identity.OrgRepository).insert(org);
    const patient = createPatient({
      id: p.ids.next(),
      orgId: org.id,
      name: 'Far Away',
      phone: '+16045550199',
      preferredLanguage: 'es',
      now,
    });
    await p.patients.insert(patient);
    return patient.id;
  };

  return { storeCall, otherOrgPatient, ports };
};

export const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
export const DENIED = { code: 403, message: 'Access denied: insufficient permissions.', reason: 'FORBIDDEN' };
export const PATIENT_NOT_FOUND = { code: 404, message: 'Patient not found' };
