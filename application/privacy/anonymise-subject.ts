import { patientOfAlert } from '../../domain/alerts/alert';
import {
  anonymiseCaregiverProfile,
  anonymisePatient,
  redactAlert,
  redactConversation,
} from '../../domain/privacy/anonymisation';
import type { Actor } from '../../domain/shared/actor';
import { ensureOrgKeepsAdmin, eraseAccount } from '../identity/caregiver-removal';
import { emitPatientEvent } from '../patients/patient-events';
import { releaseUpload } from '../patients/patient-media';
import { recordPrivacy } from './privacy-audit';
import { caregiverNotFound, patientNotFound } from './privacy-errors';
import type { PrivacyPorts } from './privacy-ports';
import { allConversationsOf } from './subject-data';

/** What must happen once the anonymisation has committed (non-transactional stores). */
export interface AfterAnonymisation {
  run(): Promise<void>;
}

/**
 * Anonymises a patient inside the caller's transaction (DOMAIN.md §11.5): the record (name replaced, contact
 * data, notes and time zone erased, status `anonymised`), the schedules deactivated with their jobs, every
 * conversation's transcript and summary emptied, custom alert texts emptied, stored exports deleted. Audit
 * entries, billing records and consents are kept. Every step skips what is already anonymised.
 */
export const anonymisePatientData = async (
  ports: PrivacyPorts,
  patientId: string,
  privacyRequestId: string,
  actor: Actor,
): Promise<AfterAnonymisation> => {
  const context = ports.patientContext;
  const now = ports.clock.now();
  const current = await context.patients.findById(patientId);
  if (current === null) throw patientNotFound();
  const anonymised = anonymisePatient(current, now);
  const stored = anonymised === current ? current : await context.patients.update(anonymised);
  await context.schedules.patientDeleted(stored, actor);

  let conversations = 0;
  for (const conversation of await allConversationsOf(ports, patientId)) {
    const redacted = redactConversation(conversation, now);
    if (redacted === conversation) continue;
    await ports.conversations.update(redacted);
    conversations += 1;
  }
  let alerts = 0;
  for (const alert of await ports.alerts.candidatesFor(current.orgId, '')) {
    if (patientOfAlert(alert) !== patientId) continue;
    const redacted = redactAlert(alert, now);
    if (redacted === alert) continue;
    await ports.alerts.update(redacted);
    alerts += 1;
  }
  const exports = await ports.exports.deleteBySubject('patient', patientId);

  if (stored !== current) {
    await emitPatientEvent(context, 'PatientUpdated', stored, actor, {
      changedFields: ['name', 'preferredName', 'email', 'phone', 'avatar', 'age', 'notes', 'timezone'],
      anonymised: true,
      timezoneChanged: current.timezone !== null,
      languageChanged: false,
      phoneChanged: true,
    });
  }
  await recordPrivacy(
    ports,
    actor,
    'ANONYMISE',
    'privacy.deletion.apply',
    { type: 'patient', id: patientId, orgId: current.orgId },
    [patientId],
    { conversations, alerts, exports, privacyRequestId },
  );
  // The avatar file is referenced by nothing any more (API-CONTRACT.md §3.7).
  return { run: () => releaseUpload(context, current.avatar) };
};

/**
 * Anonymises a caregiver's account inside the caller's transaction (DOMAIN.md §11.5): name replaced, phone,
 * avatar and password removed, then the identity context's erasure (e-mail, MFA, SSO identities, one-time
 * tokens, care-team assignments; soft-deleted). Refused for the last orgAdmin of an organisation that still has
 * members or patients (409). Sessions are revoked after the commit.
 */
export const anonymiseCaregiverAccount = async (
  ports: PrivacyPorts,
  caregiverId: string,
  privacyRequestId: string,
  actor: Actor,
): Promise<AfterAnonymisation> => {
  const { identity } = ports;
  const now = ports.clock.now();
  const current = await identity.caregivers.findById(caregiverId);
  if (current === null) throw caregiverNotFound();
  await ensureOrgKeepsAdmin(identity, current, null);
  await eraseAccount(identity, anonymiseCaregiverProfile(current, now), now);
  const exports = await ports.exports.deleteBySubject('caregiver', caregiverId);
  await recordPrivacy(
    ports,
    actor,
    'ANONYMISE',
    'privacy.deletion.apply',
    { type: 'caregiver', id: caregiverId, orgId: current.orgId },
    [],
    { exports, privacyRequestId },
  );
  return {
    run: async () => {
      await identity.sessions.revokeAllOf(caregiverId, 'deleted', ports.clock.now());
    },
  };
};
