import type { Call } from '../../domain/calls/call';
import { buildAgentBriefing, type PreviousConversation } from '../../domain/conversations/agent-briefing';
import { DEFAULT_TIMEZONE } from '../../domain/identity/org';
import type { Patient } from '../../domain/patients/patient';
import type { CallPorts } from './call-ports';

/** Newest completed conversations read to find the 5 with a finished summary (a few may have none). */
const LOOKBACK = 20;

/**
 * The briefing a call's agent is opened with (DOMAIN.md §6.4): the patient's facts, the latest `done` summaries of
 * their completed conversations (not this call's), the last contact, and the topic of the day in the patient's
 * zone (else the organisation's). A failed read of the history is logged and the agent is briefed without it:
 * a call is never refused for that.
 */
export const briefingForCall = async (ports: CallPorts, call: Call, patient: Patient): Promise<string> => {
  const now = ports.clock.now();
  let previous: PreviousConversation[] = [];
  let timezone = patient.timezone;
  try {
    const page = await ports.conversations.listOfPatient({
      patientId: patient.id,
      statuses: ['completed'],
      page: 1,
      limit: LOOKBACK,
      sort: [{ field: 'endTime', direction: 'desc' }],
    });
    previous = page.results.flatMap((conversation) =>
      conversation.id !== call.conversationId &&
      conversation.summary?.status === 'done' &&
      conversation.endedAt !== null
        ? [{ endedAt: conversation.endedAt, summary: conversation.summary.text }]
        : [],
    );
    timezone ??= (await ports.orgs.findById(patient.orgId))?.timezone ?? null;
  } catch (error) {
    ports.logger.warn({ callId: call.id, err: error }, 'briefing history could not be read');
  }
  return buildAgentBriefing({
    patientName: patient.name,
    preferredName: patient.preferredName,
    age: patient.age,
    language: patient.preferredLanguage,
    onDemand: call.trigger === 'on_demand',
    lastContactAt: patient.lastContactAt,
    timezone: timezone ?? DEFAULT_TIMEZONE,
    previous,
    now,
  });
};
