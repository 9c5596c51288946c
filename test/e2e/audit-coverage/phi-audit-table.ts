import type { CareApp, CareTargets, CareWorld, SignedInRole } from '../../support/care-world';

/**
 * The audit every PHI route owes (DOMAIN.md §11.2): for each route of the care resources, the entry an authorised
 * call must leave. The sample request is the route's authorization-matrix row (the one with `note`, else its first).
 */
export interface AuditRow {
  /** `METHOD /path` as test/fixtures/api-endpoints.json spells it. */
  readonly key: string;
  readonly note?: string;
  /** The caller; orgAdmin by default. */
  readonly as?: SignedInRole;
  readonly action: string;
  readonly resourceType: string;
  /** Which patient the entry's patientIds must name: the request's target patient, any patient, or none asked. */
  readonly patient: 'target' | 'any' | 'none';
  /** Targets the row needs beyond the matrix's (records in a given state). */
  readonly prepare?: (t: CareApp, w: CareWorld) => Promise<Partial<CareTargets>>;
  /** A route that does not audit yet: the row runs as `it.failing`. Say why it must. */
  readonly knownGap?: string;
}

const a = (
  key: string,
  action: string,
  resourceType: string,
  patient: AuditRow['patient'],
  extra: Partial<AuditRow> = {},
): AuditRow => ({ key, action, resourceType, patient, ...extra });

const must = async (res: Promise<{ status: number; text: string }>, status: number, what: string) => {
  const answer = await res;
  if (answer.status !== status) throw new Error(`${what} answered ${answer.status}: ${answer.text}`);
};

/** A request filed by `staffAssigned` and denied by org A's admin: only a denied request can be appealed. */
const deniedRequest = async (t: CareApp, w: CareWorld) => {
  const id = await w.fresh.privacyRequest('orgA');
  const deny = { action: 'deny', reason: 'Identity not verified' };
  await must(t.send('PATCH', `/v1/privacy/requests/${id}`, deny, w.tokens.orgAdmin), 200, 'deny');
  return { privacyRequestId: id };
};

/** A completed access request of `staffAssigned`: its export can be downloaded for 7 days. */
const completedRequest = async (t: CareApp, w: CareWorld) => {
  const id = await w.fresh.privacyRequest('orgA');
  await must(t.send('POST', `/v1/privacy/requests/${id}/complete`, undefined, w.tokens.orgAdmin), 200, 'complete');
  return { privacyRequestId: id };
};

/** A completed call of the seeded patient (the seed stores answered calls): only those can be analysed. */
const completedConversation = async (t: CareApp, w: CareWorld) => {
  const path = `/v1/patients/${w.targets.orgA.patientId}/conversations`;
  const res = await t.send('GET', `${path}?limit=100`, undefined, w.tokens.orgAdmin);
  const page = res.body as { results?: Array<{ id: string; status: string }> };
  const done = (page.results ?? []).find((c) => c.status === 'completed');
  if (done === undefined) throw new Error(`no completed conversation: ${res.text.slice(0, 200)}`);
  return { conversationId: done.id };
};

export const PHI_AUDIT_TABLE: readonly AuditRow[] = [
  // Patients and care teams.
  a('POST /v1/patients', 'CREATE', 'patient', 'any'),
  a('GET /v1/patients', 'READ', 'patient', 'target'),
  a('GET /v1/patients/unassigned', 'READ', 'patient', 'any'),
  a('POST /v1/patients/assign-unassigned', 'CREATE', 'careTeam', 'any'),
  a('GET /v1/patients/{id}', 'READ', 'patient', 'target'),
  a('PATCH /v1/patients/{id}', 'UPDATE', 'patient', 'target'),
  a('POST /v1/patients/{id}/avatar', 'UPDATE', 'patient', 'target'),
  a('DELETE /v1/patients/{id}', 'DELETE', 'patient', 'target'),
  a('POST /v1/patients/{patientId}/caregivers/{caregiverId}', 'CREATE', 'careTeam', 'target'),
  a('DELETE /v1/patients/{patientId}/caregivers/{caregiverId}', 'DELETE', 'careTeam', 'target'),
  a('GET /v1/patients/{patientId}/caregivers', 'READ', 'careTeam', 'target'),
  // Schedules.
  a('POST /v1/schedules/patients/{patientId}', 'CREATE', 'schedule', 'target'),
  a('GET /v1/schedules/{scheduleId}', 'READ', 'schedule', 'target'),
  a('PUT /v1/schedules/{scheduleId}', 'UPDATE', 'schedule', 'target'),
  a('PATCH /v1/schedules/{scheduleId}', 'UPDATE', 'schedule', 'target'),
  a('DELETE /v1/schedules/{scheduleId}', 'DELETE', 'schedule', 'target'),
  // Conversations.
  a('POST /v1/conversations/patient/{patientId}', 'CREATE', 'conversation', 'target'),
  a('POST /v1/conversations/{conversationId}', 'UPDATE', 'conversation', 'target'),
  a('GET /v1/conversations/{conversationId}', 'READ', 'conversation', 'target'),
  a('GET /v1/patients/{patientId}/conversations', 'READ', 'conversation', 'target'),
  // Alerts.
  a('POST /v1/alerts', 'CREATE', 'alert', 'target'),
  a('GET /v1/alerts', 'READ', 'alert', 'target'),
  a('GET /v1/alerts/{alertId}', 'READ', 'alert', 'target'),
  a('PATCH /v1/alerts/{alertId}', 'UPDATE', 'alert', 'target'),
  a('DELETE /v1/alerts/{alertId}', 'DELETE', 'alert', 'target'),
  a('POST /v1/alerts/markAsRead/{alertId}', 'UPDATE', 'alert', 'target'),
  a('POST /v1/alerts/markAsRead', 'UPDATE', 'alert', 'any'),
  a('POST /v1/alerts/{alertId}/acknowledge', 'UPDATE', 'alert', 'target'),
  // Calls: each on a patient of its own (a patient has one call at a time), so any patient is named.
  a('POST /v1/calls/initiate', 'CREATE', 'call', 'target'),
  a('GET /v1/calls/active', 'READ', 'call', 'any'),
  a('GET /v1/calls/{id}/status', 'READ', 'call', 'any'),
  a('GET /v1/calls/{id}/conversation', 'READ', 'call', 'any'),
  a('POST /v1/calls/{id}/status', 'UPDATE', 'call', 'any'),
  a('POST /v1/calls/{id}/end', 'UPDATE', 'call', 'any'),
  // Sentiment.
  a('GET /v1/sentiment/patient/{patientId}/trend', 'READ', 'sentiment', 'target'),
  a('GET /v1/sentiment/patient/{patientId}/summary', 'READ', 'sentiment', 'target'),
  a('GET /v1/sentiment/conversation/{conversationId}', 'READ', 'sentiment', 'target'),
  // The sentiment is stored on the conversation: analysing updates it.
  a('POST /v1/sentiment/conversation/{conversationId}/analyze', 'UPDATE', 'sentiment', 'target', {
    prepare: completedConversation,
  }),
  a('POST /v1/sentiment/patient/{patientId}/reanalyze', 'UPDATE', 'sentiment', 'target'),
  a('POST /v1/test/debug-conversation-data', 'READ', 'sentiment', 'target'),
  a('POST /v1/test/debug-sentiment-analysis', 'READ', 'sentiment', 'none'),
  // Medical analysis and baselines.
  a('GET /v1/medical-analysis/results/{patientId}', 'READ', 'medicalAnalysis', 'target'),
  a('GET /v1/medical-analysis/trend/{patientId}', 'READ', 'medicalAnalysis', 'target'),
  a('GET /v1/medical-analysis/summary/{patientId}', 'READ', 'medicalAnalysis', 'target'),
  a('POST /v1/medical-analysis/trigger-patient/{patientId}', 'CREATE', 'medicalAnalysis', 'target'),
  a('POST /v1/medical-analysis/trigger-all', 'CREATE', 'medicalAnalysis', 'any'),
  a('GET /v1/medical-analysis/baseline/{patientId}', 'READ', 'baseline', 'target'),
  a('PUT /v1/medical-analysis/baseline/{patientId}', 'UPDATE', 'baseline', 'target'),
  // Fraud and abuse analysis.
  a('GET /v1/fraud-abuse-analysis/results/{patientId}', 'READ', 'fraudAbuseAnalysis', 'target'),
  a('GET /v1/fraud-abuse-analysis/{patientId}', 'READ', 'fraudAbuseAnalysis', 'target'),
  a('POST /v1/fraud-abuse-analysis/trigger-patient/{patientId}', 'CREATE', 'fraudAbuseAnalysis', 'target'),
  // Emergency phrases are configuration, not PHI; their changes are audited admin actions (§11.2).
  a('POST /v1/emergency-phrases', 'CONFIG_CHANGE', 'emergencyPhrase', 'none'),
  a('PATCH /v1/emergency-phrases/{id}', 'CONFIG_CHANGE', 'emergencyPhrase', 'none'),
  a('DELETE /v1/emergency-phrases/{id}', 'CONFIG_CHANGE', 'emergencyPhrase', 'none'),
  // Reports.
  a('POST /v1/reports', 'CREATE', 'report', 'target'),
  a('GET /v1/reports', 'READ', 'report', 'target'),
  a('GET /v1/reports/{id}', 'READ', 'report', 'target'),
  a('DELETE /v1/reports/{id}', 'DELETE', 'report', 'target'),
  // Privacy requests (the matrix's target is a caregiver's request about themselves) and consents.
  a('POST /v1/privacy/requests', 'CREATE', 'privacyRequest', 'target', { note: 'about a patient' }),
  a('GET /v1/privacy/requests', 'READ', 'privacyRequest', 'none'),
  a('GET /v1/privacy/requests/{id}', 'READ', 'privacyRequest', 'none'),
  a('PATCH /v1/privacy/requests/{id}', 'UPDATE', 'privacyRequest', 'none'),
  a('POST /v1/privacy/requests/{id}/appeal', 'UPDATE', 'privacyRequest', 'none', {
    as: 'staffAssigned',
    prepare: deniedRequest,
  }),
  a('POST /v1/privacy/requests/{id}/complete', 'UPDATE', 'privacyRequest', 'none'),
  a('GET /v1/privacy/requests/{id}/export', 'EXPORT', 'privacyExport', 'none', {
    as: 'staffAssigned',
    prepare: completedRequest,
  }),
  a('POST /v1/privacy/consents', 'CONSENT_GRANTED', 'consent', 'target'),
  a('GET /v1/privacy/consents', 'READ', 'consent', 'target'),
  a('POST /v1/privacy/consents/{id}/withdraw', 'CONSENT_WITHDRAWN', 'consent', 'target'),
];

/** Routes of the care resources that touch no PHI, so they owe no PHI entry. Say why. */
export const NOT_PHI: Readonly<Record<string, string>> = {
  'GET /v1/medical-analysis/status': 'job counters and run times of the monthly batch, no patient data',
  'GET /v1/emergency-phrases': 'detection configuration (labels and patterns), no patient data',
  'GET /v1/emergency-phrases/{id}': 'detection configuration, no patient data',
  'POST /v1/emergency-phrases/test': "runs the detector on the admin's own sample text, creates nothing (§6.3)",
};
