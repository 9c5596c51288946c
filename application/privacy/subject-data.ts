import { patientOfAlert } from '../../domain/alerts/alert';
import type { Conversation, ConversationStatus } from '../../domain/conversations/conversation';
import type { ConsentRecord } from '../../domain/privacy/consent';
import type { PrivacyRequest } from '../../domain/privacy/privacy-request';
import type { PrivacySubject } from '../../domain/privacy/privacy-subject';
import type { AuditEvent } from '../ports/audit-recorder';
import { caregiverNotFound, patientNotFound } from './privacy-errors';
import type { PrivacyPorts } from './privacy-ports';

/**
 * `SubjectDataCollector` (DOMAIN.md §11.5): the access export as one JSON document with `schemaVersion`. A
 * caregiver's holds that caregiver's own data only, never their patients' (RESOLUTIONS.md 5); a patient's holds
 * the record and everything stored about the patient, plus the accounting of disclosures from the audit log.
 */
export const EXPORT_SCHEMA_VERSION = 1;

/** Disclosure accounting reaches back at least 6 years (HIPAA §164.528). */
const DISCLOSURE_YEARS = 6;

const ALL_CONVERSATION_STATUSES: readonly ConversationStatus[] = [
  'reserved',
  'initiated',
  'in-progress',
  'completed',
  'failed',
  'machine',
];

export type ExportDocument = Readonly<Record<string, unknown>>;

const consentEntry = (consent: ConsentRecord) => ({
  id: consent.id,
  consentType: consent.consentType,
  purpose: consent.purpose,
  method: consent.method,
  providedVia: consent.providedVia,
  grantedAt: consent.grantedAt,
  noticeVersion: consent.noticeVersion,
  withdrawnAt: consent.withdrawnAt,
  withdrawalReason: consent.withdrawalReason,
  supersededAt: consent.supersededAt,
});

const requestEntry = (request: PrivacyRequest) => ({
  id: request.id,
  requestType: request.requestType,
  status: request.status,
  informationRequested: request.informationRequested,
  correctionDetails: request.correctionDetails,
  createdAt: request.createdAt,
  responseDeadline: request.responseDeadline,
  extendedDeadline: request.extendedDeadline,
  completedAt: request.completedAt,
  denialReason: request.denialReason,
});

const disclosureEntry = (event: AuditEvent) => ({
  at: event.at,
  action: event.action,
  resourceType: event.resourceType,
  resourceId: event.resourceId,
  outcome: event.outcome,
  actorKind: event.actorKind,
  actorId: event.actorId,
  orgId: event.orgId,
});

const conversationEntry = (conversation: Conversation) => ({
  id: conversation.id,
  status: conversation.status,
  source: conversation.source,
  callType: conversation.callType,
  language: conversation.language,
  startedAt: conversation.startedAt,
  endedAt: conversation.endedAt,
  durationSeconds: conversation.durationSeconds,
  callOutcome: conversation.call.callOutcome,
  callNotes: conversation.call.callNotes,
  summary: conversation.summary?.text ?? null,
  sentiment: conversation.sentiment,
  redacted: conversation.redacted,
  messages: conversation.messages.map((message) => ({
    seq: message.seq,
    role: message.role,
    content: message.content,
    createdAt: message.createdAt,
  })),
});

/** Every conversation of a patient, oldest first, read page by page. */
export const allConversationsOf = async (ports: PrivacyPorts, patientId: string): Promise<Conversation[]> => {
  const found: Conversation[] = [];
  for (let page = 1; ; page += 1) {
    const batch = await ports.conversations.listOfPatient({
      patientId,
      statuses: ALL_CONVERSATION_STATUSES,
      page,
      limit: 100,
      sort: [{ field: 'createdAt', direction: 'asc' }],
    });
    found.push(...batch.results);
    if (page >= batch.totalPages) return found;
  }
};

const patientDocument = async (ports: PrivacyPorts, patientId: string, now: Date): Promise<ExportDocument> => {
  const { patients, careTeam, schedules } = ports.patientContext;
  const patient = await patients.findById(patientId);
  if (patient === null) throw patientNotFound();
  const team = [];
  for (const assignment of await careTeam.ofPatients([patient.id])) {
    const caregiver = await ports.identity.caregivers.findById(assignment.caregiverId);
    team.push({ caregiverId: assignment.caregiverId, name: caregiver?.name ?? null });
  }
  const alerts = (await ports.alerts.candidatesFor(patient.orgId, '')).filter((a) => patientOfAlert(a) === patient.id);
  const since = new Date(now);
  since.setUTCFullYear(since.getUTCFullYear() - DISCLOSURE_YEARS);
  return {
    profile: {
      id: patient.id,
      orgId: patient.orgId,
      name: patient.name,
      preferredName: patient.preferredName,
      email: patient.email,
      phone: patient.phone,
      age: patient.age,
      notes: patient.notes,
      preferredLanguage: patient.preferredLanguage,
      timezone: patient.timezone,
      status: patient.status,
      lastContactAt: patient.lastContactAt,
      createdAt: patient.createdAt,
      updatedAt: patient.updatedAt,
    },
    careTeam: team,
    schedules: (await schedules.schedulesOf([patient.id])).get(patient.id) ?? [],
    conversations: (await allConversationsOf(ports, patient.id)).map(conversationEntry),
    alerts: alerts.map((alert) => ({
      id: alert.id,
      kind: alert.kind,
      message: alert.message,
      importance: alert.importance,
      createdAt: alert.createdAt,
      acknowledgedAt: alert.acknowledgedAt,
    })),
    consents: (await ports.consents.listBySubject('patient', patient.id)).map(consentEntry),
    privacyRequests: (await ports.requests.list({ subjectType: 'patient', subjectId: patient.id })).map(requestEntry),
    disclosures: (await ports.auditLog.aboutPatient(patient.id, since)).map(disclosureEntry),
    // No context stores these yet (analysis, reports and billing issues); the keys say so rather than vanish.
    analyses: [],
    reports: [],
    billingLineItems: [],
  };
};

const caregiverDocument = async (ports: PrivacyPorts, caregiverId: string): Promise<ExportDocument> => {
  const caregiver = await ports.identity.caregivers.findById(caregiverId);
  if (caregiver === null) throw caregiverNotFound();
  return {
    profile: {
      id: caregiver.id,
      orgId: caregiver.orgId,
      name: caregiver.name,
      email: caregiver.email,
      pendingEmail: caregiver.pendingEmail,
      phone: caregiver.phone,
      isPhoneVerified: caregiver.isPhoneVerified,
      isEmailVerified: caregiver.isEmailVerified,
      role: caregiver.role,
      preferredLanguage: caregiver.preferredLanguage,
      themePreference: caregiver.themePreference,
      telemetryOptIn: caregiver.telemetryOptIn,
      mfaEnabled: caregiver.mfa.enabled,
      ssoProviders: caregiver.ssoIdentities.map((identity) => identity.provider),
      lastLoginAt: caregiver.lastLoginAt,
      createdAt: caregiver.createdAt,
      updatedAt: caregiver.updatedAt,
    },
    consents: (await ports.consents.listBySubject('caregiver', caregiver.id)).map(consentEntry),
    // Only requests about the caregiver: requests an admin filed about patients are patient data.
    privacyRequests: (await ports.requests.list({ subjectType: 'caregiver', subjectId: caregiver.id })).map(
      requestEntry,
    ),
    signInHistory: (await ports.auditLog.signInsOf(caregiver.id)).map((event) => ({
      at: event.at,
      action: event.action,
      outcome: event.outcome,
      ip: event.ip,
    })),
  };
};

/** The export document of `subject`, as of `now`. */
export const collectSubjectData = async (
  ports: PrivacyPorts,
  subject: PrivacySubject,
  requestId: string,
  now: Date,
): Promise<ExportDocument> => ({
  schemaVersion: EXPORT_SCHEMA_VERSION,
  generatedAt: now,
  requestId,
  subject: { type: subject.type, id: subject.id },
  ...(subject.type === 'patient'
    ? await patientDocument(ports, subject.id, now)
    : await caregiverDocument(ports, subject.id)),
});
