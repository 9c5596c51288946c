import { isTerminalCall, type Call } from '../../domain/calls/call';
import type { Conversation } from '../../domain/conversations/conversation';
import type { Caregiver } from '../../domain/identity/caregiver';
import type { Patient } from '../../domain/patients/patient';
import type { CallPorts } from './call-ports';
import type { CallRuntime } from './call-runtime';
import type { AiSpeakingState } from './live-call-state';

/** What the call endpoints present (API-CONTRACT.md §4.11 CallStatusData): the call with everything it names. */
export interface CallStatusView {
  readonly call: Call;
  /** The reserved conversation (null only if it went missing). */
  readonly conversation: Conversation | null;
  readonly patient: Patient;
  /** The caregiver who pressed "Call now"; null for scheduled calls. */
  readonly agent: Caregiver | null;
  readonly aiSpeaking: AiSpeakingState;
}

/** One unfinished call in `GET /calls/active`. */
export interface ActiveCallView {
  readonly call: Call;
  readonly patient: Patient;
  readonly agent: Caregiver | null;
}

export const statusViewOf = async (
  ports: CallPorts,
  runtime: CallRuntime,
  call: Call,
  patient: Patient,
): Promise<CallStatusView> => ({
  call,
  conversation: await ports.conversations.findById(call.conversationId),
  patient,
  agent: call.initiatedBy === null ? null : await ports.caregivers.findById(call.initiatedBy),
  aiSpeaking: runtime.live.get(call.id, isTerminalCall(call.status) ? 'ended' : 'idle'),
});
