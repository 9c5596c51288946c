import type { ConversationStatus, CallType } from '../conversations/conversation';
import type { CallStatus, CallTrigger } from './call';

/**
 * The client projection (API-CONTRACT.md §4.11, RESOLUTIONS.md 35: the contract's `callStatus` words win over
 * DOMAIN.md §5.3's). The app understands four polled words; the call's own word travels in `callStatus`.
 */
export type PolledStatus = 'initiated' | 'in-progress' | 'completed' | 'failed';
export type ClientCallStatus = 'initiating' | 'ringing' | 'connected' | 'ended' | 'no_answer' | 'busy' | 'failed';
export type ClientCallOutcome = 'answered' | 'no_answer' | 'busy' | 'failed' | 'voicemail';

export interface CallProjection {
  readonly status: PolledStatus;
  readonly callStatus: ClientCallStatus;
  readonly callOutcome: ClientCallOutcome | null;
  /** The Conversation's own status (RESOLUTIONS.md 32: `reserved` until answered; `failed`/`machine` if not). */
  readonly conversationStatus: ConversationStatus;
}

const PROJECTIONS: Readonly<Record<CallStatus, CallProjection>> = {
  queued: { status: 'initiated', callStatus: 'initiating', callOutcome: null, conversationStatus: 'reserved' },
  dialing: { status: 'initiated', callStatus: 'initiating', callOutcome: null, conversationStatus: 'reserved' },
  ringing: { status: 'initiated', callStatus: 'ringing', callOutcome: null, conversationStatus: 'reserved' },
  'in-progress': {
    status: 'in-progress',
    callStatus: 'connected',
    callOutcome: null,
    conversationStatus: 'in-progress',
  },
  completed: { status: 'completed', callStatus: 'ended', callOutcome: 'answered', conversationStatus: 'completed' },
  'no-answer': { status: 'failed', callStatus: 'no_answer', callOutcome: 'no_answer', conversationStatus: 'failed' },
  busy: { status: 'failed', callStatus: 'busy', callOutcome: 'busy', conversationStatus: 'failed' },
  failed: { status: 'failed', callStatus: 'failed', callOutcome: 'failed', conversationStatus: 'failed' },
  voicemail: { status: 'failed', callStatus: 'failed', callOutcome: 'voicemail', conversationStatus: 'machine' },
  cancelled: { status: 'completed', callStatus: 'ended', callOutcome: null, conversationStatus: 'failed' },
};

export const projectCall = (status: CallStatus): CallProjection => PROJECTIONS[status];

/** `wellness-check` for scheduled and retry calls, `outbound` for "Call now". */
export const callTypeOf = (trigger: CallTrigger): Exclude<CallType, 'manual'> =>
  trigger === 'on_demand' ? 'outbound' : 'wellness-check';
