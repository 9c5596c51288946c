import {
  isTerminalCall,
  type AnsweredBy,
  type Call,
  type CallOutcome,
  type CallStatus,
  type EndReason,
  CALL_LIMITS,
} from './call';

/**
 * The Call state machine (DOMAIN.md §5.2, VOICE.md §1.3, RESOLUTIONS.md 8) as one pure function. Every event
 * carries the instant it happened; the aggregate keeps its timestamps non-decreasing by never recording an instant
 * earlier than the latest one it already holds.
 */
export type CallEvent =
  | { readonly type: 'dialAccepted'; readonly at: Date; readonly providerCallRef?: string }
  | { readonly type: 'dialRefused'; readonly at: Date; readonly failureCode?: string }
  | { readonly type: 'queueTimeout'; readonly at: Date }
  | { readonly type: 'ringing'; readonly at: Date }
  | { readonly type: 'answered'; readonly at: Date; readonly by: AnsweredBy }
  | {
      readonly type: 'dialFailed';
      readonly at: Date;
      readonly outcome: 'busy' | 'no-answer' | 'failed';
      readonly failureCode?: string;
    }
  | { readonly type: 'ringTimeout'; readonly at: Date }
  | { readonly type: 'cancel'; readonly at: Date }
  | { readonly type: 'agentConnected'; readonly at: Date }
  | { readonly type: 'patientSpoke'; readonly at: Date }
  /** A machine recognised after answer from its transcript: not billed (RESOLUTIONS.md 8). */
  | { readonly type: 'machineDetected'; readonly at: Date }
  /** The answered call ended for `reason` (hang-up by anyone, deadline, failure). */
  | { readonly type: 'hangup'; readonly at: Date; readonly reason: EndReason }
  /** The provider no longer knows the leg (reconciliation, media lost). */
  | { readonly type: 'legLost'; readonly at: Date };

export type CallEventType = CallEvent['type'];

export type CallTransition =
  | { readonly kind: 'applied'; readonly call: Call; readonly terminal: boolean }
  /** The call is already terminal: events never reopen it (idempotent). */
  | { readonly kind: 'ignored' }
  /** `CONFLICT/INVALID_TRANSITION`: the event does not apply to the current status. */
  | { readonly kind: 'rejected'; readonly from: CallStatus; readonly event: CallEventType };

const TIMESTAMPS = ['queuedAt', 'dialingAt', 'ringingAt', 'answeredAt', 'agentConnectedAt'] as const;

/** The latest instant the call already holds (including the last patient speech). */
const latestOf = (call: Call): number =>
  Math.max(
    ...TIMESTAMPS.map((field) => call[field]?.getTime() ?? Number.NEGATIVE_INFINITY),
    call.lastPatientSpeechAt?.getTime() ?? Number.NEGATIVE_INFINITY,
  );

/** `at`, or the latest instant already recorded when `at` is earlier (a late or skewed signal). */
const stamp = (call: Call, at: Date): Date => new Date(Math.max(at.getTime(), latestOf(call)));

const durationOf = (answeredAt: Date | null, endedAt: Date): number =>
  answeredAt === null ? 0 : Math.max(0, Math.ceil((endedAt.getTime() - answeredAt.getTime()) / 1000));

const failureCodeOf = (code: string | undefined): string | null =>
  code === undefined || code === '' ? null : code.slice(0, CALL_LIMITS.failureCodeMax);

interface Ending {
  readonly status: CallStatus;
  readonly outcome: CallOutcome;
  readonly endReason: EndReason | null;
  readonly failureCode?: string | undefined;
  readonly answeredBy?: AnsweredBy;
}

/** Entering a terminal status: `endedAt`, `outcome` and the duration (DOMAIN.md §5.3). */
const ended = (call: Call, at: Date, ending: Ending): CallTransition => {
  const endedAt = stamp(call, at);
  const billedAnswer = ending.status === 'completed' ? call.answeredAt : null;
  return {
    kind: 'applied',
    terminal: true,
    call: {
      ...call,
      status: ending.status,
      outcome: ending.outcome,
      endReason: ending.endReason,
      failureCode: failureCodeOf(ending.failureCode) ?? call.failureCode,
      answeredBy: ending.answeredBy ?? call.answeredBy,
      endedAt,
      durationSeconds: durationOf(billedAnswer, endedAt),
      updatedAt: endedAt,
    },
  };
};

const moved = (call: Call, changes: Partial<Call>, at: Date): CallTransition => ({
  kind: 'applied',
  terminal: false,
  call: { ...call, ...changes, updatedAt: at },
});

const reject = (call: Call, event: CallEvent): CallTransition => ({
  kind: 'rejected',
  from: call.status,
  event: event.type,
});

const DIAL_FAILURES = {
  busy: { status: 'busy', outcome: 'busy', endReason: null },
  'no-answer': { status: 'no-answer', outcome: 'no_answer', endReason: null },
  failed: { status: 'failed', outcome: 'failed', endReason: 'provider_error' },
} as const satisfies Record<string, Ending>;

const beforeAnswer = (status: CallStatus): boolean => status === 'dialing' || status === 'ringing';

/** Applies `event` to `call`: the next call, `ignored` for a terminal call, `rejected` for an invalid transition. */
export const applyCallEvent = (call: Call, event: CallEvent): CallTransition => {
  if (isTerminalCall(call.status)) return { kind: 'ignored' };
  const at = stamp(call, event.at);
  const { status } = call;
  switch (event.type) {
    case 'dialAccepted':
      if (status !== 'queued') return reject(call, event);
      return moved(call, { status: 'dialing', dialingAt: at, providerCallRef: event.providerCallRef ?? null }, at);
    case 'dialRefused':
      if (status !== 'queued') return reject(call, event);
      return ended(call, at, {
        status: 'failed',
        outcome: 'failed',
        endReason: 'provider_error',
        failureCode: event.failureCode,
      });
    case 'queueTimeout':
      if (status !== 'queued') return reject(call, event);
      return ended(call, at, { status: 'failed', outcome: 'failed', endReason: 'queue_timeout' });
    case 'ringing':
      if (status !== 'dialing') return reject(call, event);
      return moved(call, { status: 'ringing', ringingAt: at }, at);
    case 'answered':
      if (!beforeAnswer(status)) return reject(call, event);
      if (event.by === 'machine') {
        return ended(call, at, {
          status: 'voicemail',
          outcome: 'voicemail',
          endReason: 'machine_detected',
          answeredBy: 'machine',
        });
      }
      return moved(call, { status: 'in-progress', answeredAt: at, answeredBy: event.by }, at);
    case 'dialFailed':
      if (!beforeAnswer(status)) return reject(call, event);
      return ended(call, at, { ...DIAL_FAILURES[event.outcome], failureCode: event.failureCode });
    case 'ringTimeout':
      if (!beforeAnswer(status)) return reject(call, event);
      return ended(call, at, { status: 'no-answer', outcome: 'no_answer', endReason: 'ring_timeout' });
    case 'cancel':
      if (status === 'in-progress') return reject(call, event);
      return ended(call, at, { status: 'cancelled', outcome: 'cancelled', endReason: 'cancelled' });
    case 'agentConnected':
      if (status !== 'in-progress' || call.agentConnectedAt !== null) return reject(call, event);
      return moved(call, { agentConnectedAt: at }, at);
    case 'patientSpoke':
      if (status !== 'in-progress') return reject(call, event);
      return moved(call, { lastPatientSpeechAt: at }, at);
    case 'machineDetected':
      if (status !== 'in-progress') return reject(call, event);
      return ended(call, at, {
        status: 'voicemail',
        outcome: 'voicemail',
        endReason: 'machine_detected',
        answeredBy: 'machine',
      });
    case 'hangup':
      if (status !== 'in-progress') return reject(call, event);
      return ended(call, at, { status: 'completed', outcome: 'answered', endReason: event.reason });
    case 'legLost':
      if (status === 'in-progress') {
        return ended(call, at, { status: 'completed', outcome: 'answered', endReason: 'provider_lost' });
      }
      if (beforeAnswer(status)) {
        return ended(call, at, { status: 'failed', outcome: 'failed', endReason: 'provider_lost' });
      }
      return reject(call, event);
  }
};
