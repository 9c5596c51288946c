/**
 * The Call aggregate (DOMAIN.md §5.1, RESOLUTIONS.md 8): one dial attempt to one patient. It owns the telephony
 * lifecycle, outcome, durations and cost; its transcript lives in the Conversation reserved under
 * `conversationId` when the call is created (RESOLUTIONS.md 2, 32). Transitions are in call-transitions.ts.
 */
export const CALL_STATUSES = [
  'queued',
  'dialing',
  'ringing',
  'in-progress',
  'completed',
  'no-answer',
  'busy',
  'failed',
  'voicemail',
  'cancelled',
] as const;
export type CallStatus = (typeof CALL_STATUSES)[number];

export const TERMINAL_CALL_STATUSES: readonly CallStatus[] = [
  'completed',
  'no-answer',
  'busy',
  'failed',
  'voicemail',
  'cancelled',
];
export const ACTIVE_CALL_STATUSES: readonly CallStatus[] = ['queued', 'dialing', 'ringing', 'in-progress'];
/** What counts against the dialing capacity (DOMAIN.md §5.3). */
export const LIVE_CALL_STATUSES: readonly CallStatus[] = ['dialing', 'ringing', 'in-progress'];
/** Missed calls drive the retry chain (DOMAIN.md §4.3.5). */
export const MISSED_CALL_STATUSES: readonly CallStatus[] = ['no-answer', 'busy', 'failed', 'voicemail'];

export const isTerminalCall = (status: CallStatus): boolean => TERMINAL_CALL_STATUSES.includes(status);
export const isMissedCall = (status: CallStatus): boolean => MISSED_CALL_STATUSES.includes(status);

export type CallTrigger = 'scheduled' | 'on_demand' | 'retry';
export type CallOutcome = 'answered' | 'no_answer' | 'busy' | 'failed' | 'voicemail' | 'cancelled';
export type AnsweredBy = 'human' | 'machine' | 'unknown';
export type TelephonyProviderName = 'asterisk' | 'twilio_media_streams' | 'simulated';

export const END_REASONS = [
  'patient_hangup',
  'caregiver_ended',
  'agent_goodbye',
  'max_duration',
  'silence_timeout',
  'agent_unavailable',
  'setup_timeout',
  'ring_timeout',
  'machine_detected',
  'provider_error',
  'provider_lost',
  'queue_timeout',
  'cancelled',
  'system_shutdown',
] as const;
export type EndReason = (typeof END_REASONS)[number];

/** What a caregiver may report about a call (`POST /calls/:id/status`, `/end`); informational only. */
export const REPORTED_STATUSES = [
  'initiating',
  'ringing',
  'answered',
  'connected',
  'ended',
  'failed',
  'busy',
  'no_answer',
] as const;
export type ReportedStatus = (typeof REPORTED_STATUSES)[number];
export const REPORTED_OUTCOMES = ['answered', 'no_answer', 'busy', 'failed', 'voicemail'] as const;
export type ReportedOutcome = (typeof REPORTED_OUTCOMES)[number];

export const CALL_LIMITS = { notesMax: 500, failureCodeMax: 64, reportsKept: 20, maxRetries: 10 } as const;

/** One caregiver report, kept on the call (the newest `reportsKept`). */
export interface CaregiverReport {
  readonly caregiverId: string;
  readonly status: ReportedStatus;
  readonly outcome: ReportedOutcome | null;
  readonly notes: string | null;
  readonly at: Date;
}

export interface Call {
  readonly id: string;
  readonly orgId: string;
  readonly patientId: string;
  /** Reserved at creation; the app polls by it at once. */
  readonly conversationId: string;
  readonly trigger: CallTrigger;
  readonly direction: 'outbound';
  readonly scheduleId: string | null;
  readonly occurrenceAt: Date | null;
  readonly attempt: number;
  readonly originalCallId: string | null;
  readonly maxRetries: number;
  readonly retryScheduledAt: Date | null;
  /** The caregiver who pressed "Call now" (the app's `agentId`). */
  readonly initiatedBy: string | null;
  /** Never sent to the voice agent. */
  readonly callNotes: string;
  readonly endNotes: string | null;
  readonly reportedOutcome: ReportedOutcome | null;
  readonly reports: readonly CaregiverReport[];
  readonly status: CallStatus;
  readonly outcome: CallOutcome | null;
  readonly endReason: EndReason | null;
  /** Provider cause (e.g. SIP 486); no PHI. */
  readonly failureCode: string | null;
  readonly answeredBy: AnsweredBy | null;
  readonly telephonyProvider: TelephonyProviderName;
  readonly providerCallRef: string | null;
  readonly queuedAt: Date;
  readonly dialingAt: Date | null;
  readonly ringingAt: Date | null;
  readonly answeredAt: Date | null;
  readonly agentConnectedAt: Date | null;
  readonly endedAt: Date | null;
  readonly lastPatientSpeechAt: Date | null;
  /** `ceil((endedAt - answeredAt) / 1 s)` when answered, else 0. */
  readonly durationSeconds: number;
  readonly billableSeconds: number;
  readonly costMillicents: number;
  readonly lineItemId: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly version: number;
}

export interface NewCall {
  readonly id: string;
  readonly orgId: string;
  readonly patientId: string;
  readonly conversationId: string;
  readonly trigger: CallTrigger;
  readonly telephonyProvider: TelephonyProviderName;
  readonly now: Date;
  readonly initiatedBy?: string | null;
  readonly callNotes?: string;
  readonly scheduleId?: string | null;
  readonly occurrenceAt?: Date | null;
  readonly attempt?: number;
  readonly originalCallId?: string | null;
  readonly maxRetries?: number;
}

const clampRetries = (value: number): number => Math.max(0, Math.min(CALL_LIMITS.maxRetries, Math.trunc(value)));

/** A new `queued` call. On-demand calls are never retried (`maxRetries` 0, DOMAIN.md §4.3.5). */
export const createCall = (input: NewCall): Call => ({
  id: input.id,
  orgId: input.orgId,
  patientId: input.patientId,
  conversationId: input.conversationId,
  trigger: input.trigger,
  direction: 'outbound',
  scheduleId: input.scheduleId ?? null,
  occurrenceAt: input.occurrenceAt ?? null,
  attempt: Math.max(0, Math.trunc(input.attempt ?? 0)),
  originalCallId: input.originalCallId ?? null,
  maxRetries: input.trigger === 'on_demand' ? 0 : clampRetries(input.maxRetries ?? 0),
  retryScheduledAt: null,
  initiatedBy: input.initiatedBy ?? null,
  callNotes: (input.callNotes ?? '').slice(0, CALL_LIMITS.notesMax),
  endNotes: null,
  reportedOutcome: null,
  reports: [],
  status: 'queued',
  outcome: null,
  endReason: null,
  failureCode: null,
  answeredBy: null,
  telephonyProvider: input.telephonyProvider,
  providerCallRef: null,
  queuedAt: input.now,
  dialingAt: null,
  ringingAt: null,
  answeredAt: null,
  agentConnectedAt: null,
  endedAt: null,
  lastPatientSpeechAt: null,
  durationSeconds: 0,
  billableSeconds: 0,
  costMillicents: 0,
  lineItemId: null,
  createdAt: input.now,
  updatedAt: input.now,
  version: 1,
});

/**
 * Stores a caregiver's report (DOMAIN.md §5.3): `reportedOutcome` and `endNotes` are what the app sent last; the
 * status never changes here. Only the newest reports are kept, so a chatty client cannot grow the record.
 */
export const withCaregiverReport = (call: Call, report: CaregiverReport): Call => ({
  ...call,
  reportedOutcome: report.outcome ?? call.reportedOutcome,
  endNotes: report.notes === null ? call.endNotes : report.notes.slice(0, CALL_LIMITS.notesMax),
  reports: [...call.reports, report].slice(-CALL_LIMITS.reportsKept),
  updatedAt: report.at,
});

/** Rating result written in the terminal transaction (DOMAIN.md §9.3.1). */
export const withRating = (
  call: Call,
  rating: { readonly billableSeconds: number; readonly amountMillicents: number },
  lineItemId: string | null,
): Call => ({
  ...call,
  billableSeconds: rating.billableSeconds,
  costMillicents: rating.amountMillicents,
  lineItemId,
});
