import type { Caregiver } from '../../domain/identity/caregiver';
import { applyPatientChanges, type PatientChanges } from '../../domain/patients/patient';
import type { CorrectionDetails, PrivacyRequest } from '../../domain/privacy/privacy-request';
import type { Actor } from '../../domain/shared/actor';
import { ValidationError } from '../../domain/shared/errors';
import { emailTaken } from '../patients/patient-errors';
import { emitPatientEvent } from '../patients/patient-events';
import { recordPrivacy } from './privacy-audit';
import { caregiverNotFound, patientNotFound } from './privacy-errors';
import type { PrivacyPorts } from './privacy-ports';

const missingValue = (): ValidationError => new ValidationError(['"correctionDetails.requestedValue" is required']);

/** The patient change a correction asks for; the value was normalised when the request was filed. */
const patientChangeOf = (details: CorrectionDetails): PatientChanges => {
  const { field, requestedValue: value } = details;
  switch (field) {
    case 'email':
    case 'preferredName':
      return { [field]: value };
    case 'name':
    case 'phone':
    case 'preferredLanguage':
      if (value === null) throw missingValue();
      return { [field]: value };
  }
};

/**
 * A patient correction through the patients context's update rules (DOMAIN.md §3.3): the same change function,
 * the address kept unique within the organisation (409 `Email already taken`), the schedules told, a
 * `PatientUpdated` event and an `UPDATE` entry naming the changed field. Runs inside the caller's transaction.
 */
const correctPatient = async (ports: PrivacyPorts, request: PrivacyRequest, actor: Actor): Promise<string[]> => {
  const context = ports.patientContext;
  const details = request.correctionDetails;
  if (details === null) throw missingValue();
  const current = await context.patients.findById(request.subjectId);
  if (current === null) throw patientNotFound();
  const { next, changed } = applyPatientChanges(current, patientChangeOf(details));
  if (changed.length === 0) return [];
  if (changed.includes('email') && next.email !== null) {
    if (await context.patients.isEmailTaken(current.orgId, next.email, current.id)) throw emailTaken();
  }
  const stored = await context.patients.update({ ...next, updatedAt: ports.clock.now() });
  await context.schedules.patientUpdated(current, stored, actor);
  await emitPatientEvent(context, 'PatientUpdated', stored, actor, {
    changedFields: [...changed],
    timezoneChanged: false,
    languageChanged: changed.includes('preferredLanguage'),
    phoneChanged: changed.includes('phone'),
  });
  await recordPrivacy(
    ports,
    actor,
    'UPDATE',
    'privacy.correction.apply',
    { type: 'patient', id: stored.id, orgId: stored.orgId },
    [stored.id],
    { changedFields: changed.join(','), privacyRequestId: request.id },
  );
  return [...changed];
};

/**
 * A caregiver correction with the identity context's profile rules: a new phone number is unverified again
 * (DOMAIN.md §2.4). Runs inside the caller's transaction.
 */
const correctCaregiver = async (ports: PrivacyPorts, request: PrivacyRequest, actor: Actor): Promise<string[]> => {
  const details = request.correctionDetails;
  if (details === null || details.requestedValue === null) throw missingValue();
  const current = await ports.identity.caregivers.findById(request.subjectId);
  if (current === null) throw caregiverNotFound();
  const value = details.requestedValue;
  let next: Caregiver = current;
  if (details.field === 'name') next = { ...current, name: value };
  else if (details.field === 'preferredLanguage') next = { ...current, preferredLanguage: value };
  else if (details.field === 'phone' && value !== current.phone) {
    next = { ...current, phone: value, isPhoneVerified: false, phoneVerifiedAt: null, phoneVerification: null };
  } else if (details.field !== 'phone') throw new ValidationError(['"correctionDetails.field" is not allowed']);
  const changed = (['name', 'phone', 'preferredLanguage'] as const).filter((field) => next[field] !== current[field]);
  if (changed.length === 0) return [];
  const stored = await ports.identity.caregivers.update({ ...next, updatedAt: ports.clock.now() });
  await recordPrivacy(
    ports,
    actor,
    'UPDATE',
    'privacy.correction.apply',
    { type: 'caregiver', id: stored.id, orgId: stored.orgId },
    [],
    { changedFields: changed.join(','), privacyRequestId: request.id },
  );
  return [...changed];
};

/** Applies a correction request's change; resolves the fields that really changed (none: already correct). */
export const applyCorrection = (ports: PrivacyPorts, request: PrivacyRequest, actor: Actor): Promise<string[]> =>
  request.subjectType === 'patient' ? correctPatient(ports, request, actor) : correctCaregiver(ports, request, actor);
