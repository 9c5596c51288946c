import type { AccessDecision, AccessScope, ActiveRole, Scope } from '../identity/roles';

/**
 * The conversation rows of the permission matrix (API-CONTRACT.md §2.8): assigned staff, the organisation's
 * admins and superAdmins read conversations; only admins create manual conversations and append manual messages.
 */
export type ConversationCapability = 'conversation.read' | 'conversation.manage';

export const CONVERSATION_PERMISSIONS: Readonly<Record<ConversationCapability, Partial<Record<ActiveRole, Scope>>>> = {
  'conversation.read': { staff: 'assigned', orgAdmin: 'org', superAdmin: 'any' },
  'conversation.manage': { orgAdmin: 'org', superAdmin: 'any' },
};

export interface ConversationTarget {
  /** The organisation of the patient (and so of the conversation). */
  readonly orgId: string;
  /** Whether a current care-team assignment links the patient and the caller. */
  readonly assignedToCaller: boolean;
}

/** Another organisation's record is not found (no existence leak); the own org's outside the scope is forbidden. */
export const authorizeConversation = (
  scope: AccessScope,
  capability: ConversationCapability,
  target: ConversationTarget,
): AccessDecision => {
  const granted = CONVERSATION_PERMISSIONS[capability][scope.role];
  if (granted === 'any') return 'allow';
  if (target.orgId !== scope.orgId) return 'not-found';
  if (granted === 'org') return 'allow';
  if (granted === 'assigned') return target.assignedToCaller ? 'allow' : 'forbidden';
  return 'forbidden';
};

/**
 * Minimum necessary (API-CONTRACT.md §3.8, DOMAIN.md §6.3 Views): staff get the care view, admins everything.
 */
export type ConversationViewKind = 'care' | 'admin';

export const conversationViewFor = (role: ActiveRole): ConversationViewKind => (role === 'staff' ? 'care' : 'admin');

/** The ConversationDTO keys of the care view, in the contract's order. */
export const CARE_VIEW_CONVERSATION_FIELDS = [
  'id',
  'patientId',
  'callId',
  'status',
  'startTime',
  'endTime',
  'duration',
  'messages',
  'history',
  'sentiment',
  'sentimentAnalyzedAt',
  'callStatus',
  'callOutcome',
  'agentId',
  'callNotes',
] as const;
