import { projectCall } from '../../../domain/calls/call-projection';
import type { ActiveRole } from '../../../domain/identity/roles';
import type { Caregiver } from '../../../domain/identity/caregiver';
import type { Patient } from '../../../domain/patients/patient';
import type { InitiatedCall } from '../../../application/calls/initiate-call';
import type { ActiveCallView, CallStatusView } from '../../../application/calls/call-views';
import {
  conversationDto,
  messageDto,
  type AdminConversationDto,
  type CareConversationDto,
  type MessageDto,
} from './conversation-presenters';

/** The DTOs of the call endpoints (API-CONTRACT.md §4.11, §3.4: `_id` next to `id` on people and active calls). */
export interface CallPatientDto {
  _id: string;
  id: string;
  name: string;
  phone: string;
}

export interface CallAgentDto {
  _id: string;
  id: string;
  name: string;
}

export interface AiSpeakingDto {
  isSpeaking: boolean;
  userIsSpeaking: boolean;
  conversationState: string;
  lastAiSpeechStart: string | null;
  lastUserSpeechStart: string | null;
}

/** `GET /calls/:id/conversation`'s data: CallStatusData without the transcript and the live state. */
export interface CallSummaryDto {
  conversationId: string;
  callId: string;
  status: string;
  callStatus: string;
  startTime: string;
  endTime: string | null;
  duration: number;
  patient: CallPatientDto;
  agent: CallAgentDto | null;
  callOutcome: string | null;
  callNotes: string;
}

export interface CallStatusDto extends CallSummaryDto {
  messages: MessageDto[];
  aiSpeaking: AiSpeakingDto;
}

const iso = (at: Date | null): string | null => (at === null ? null : at.toISOString());

const patientRef = (patient: Patient): CallPatientDto => ({
  _id: patient.id,
  id: patient.id,
  name: patient.name,
  phone: patient.phone,
});

const agentRef = (agent: Caregiver | null): CallAgentDto | null =>
  agent === null ? null : { _id: agent.id, id: agent.id, name: agent.name };

/** `POST /calls/initiate` (201). `callSid` is the call id; `agentId`/`agentName` are the caller. */
export const initiatedCallDto = (initiated: InitiatedCall) => ({
  conversationId: initiated.call.conversationId,
  callId: initiated.call.id,
  callSid: initiated.call.id,
  patientId: initiated.patient.id,
  patientName: initiated.patient.name,
  patientPhone: initiated.patient.phone,
  agentId: initiated.call.initiatedBy,
  agentName: initiated.caregiver?.name ?? '',
  status: 'initiated' as const,
  callStatus: 'initiating' as const,
});

export const callSummaryDto = (view: CallStatusView): CallSummaryDto => {
  const { call } = view;
  const projection = projectCall(call.status);
  return {
    conversationId: call.conversationId,
    callId: call.id,
    status: projection.status,
    callStatus: projection.callStatus,
    // The answer time, or when the call was placed until it is answered.
    startTime: (call.answeredAt ?? call.queuedAt).toISOString(),
    endTime: iso(call.endedAt),
    duration: call.durationSeconds,
    patient: patientRef(view.patient),
    agent: agentRef(view.agent),
    callOutcome: projection.callOutcome,
    callNotes: call.callNotes,
  };
};

/** CallStatusData: messages in transcript order (`[]` before the answer) and the live voice state. */
export const callStatusDto = (view: CallStatusView): CallStatusDto => ({
  ...callSummaryDto(view),
  messages: [...(view.conversation?.messages ?? [])].sort((a, b) => a.seq - b.seq).map(messageDto),
  aiSpeaking: {
    isSpeaking: view.aiSpeaking.isSpeaking,
    userIsSpeaking: view.aiSpeaking.userIsSpeaking,
    conversationState: view.aiSpeaking.conversationState,
    lastAiSpeechStart: iso(view.aiSpeaking.lastAiSpeechStart),
    lastUserSpeechStart: iso(view.aiSpeaking.lastUserSpeechStart),
  },
});

/**
 * `POST /calls/:id/end` and `/status`: the ConversationDTO (role view) once the call was answered, otherwise
 * `{data: CallStatusData}`.
 */
export const endedCallBody = (
  view: CallStatusView,
  viewer: ActiveRole,
): CareConversationDto | AdminConversationDto | { data: CallStatusDto } =>
  view.call.answeredAt !== null && view.conversation !== null
    ? conversationDto(view.conversation, viewer)
    : { data: callStatusDto(view) };

/** An ActiveCall item: ConversationDTO-like, keyed by the reserved conversation id. */
export const activeCallDto = (view: ActiveCallView) => {
  const { call } = view;
  return {
    _id: call.conversationId,
    id: call.conversationId,
    patientId: patientRef(view.patient),
    agentId: agentRef(view.agent),
    status: projectCall(call.status).status,
    startTime: (call.answeredAt ?? call.queuedAt).toISOString(),
    callNotes: call.callNotes,
  };
};
