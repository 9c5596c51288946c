import { isPatientLanguage, PATIENT_LANGUAGES, PATIENT_LIMITS } from '../patients/patient';
import { isValidEmail, normalizeEmail, normalizePhone } from '../shared/contact';
import type { PrivacySubjectType } from './privacy-subject';

/**
 * What a correction request may change (DOMAIN.md §11.5: `name, email, phone, preferredName,
 * preferredLanguage`; §14 defect 6: never an arbitrary field). Caregivers have no `preferredName`, and a
 * caregiver's e-mail changes only through the change-e-mail confirmation (PATCH /caregivers/:id), which a
 * privacy admin cannot complete for them, so it is not correctable here.
 */
export const CORRECTABLE_FIELDS = {
  patient: ['name', 'email', 'phone', 'preferredName', 'preferredLanguage'],
  caregiver: ['name', 'phone', 'preferredLanguage'],
} as const satisfies Record<PrivacySubjectType, readonly string[]>;

export type CorrectablePatientField = (typeof CORRECTABLE_FIELDS.patient)[number];
export type CorrectableCaregiverField = (typeof CORRECTABLE_FIELDS.caregiver)[number];
export type CorrectableField = CorrectablePatientField | CorrectableCaregiverField;

export const CORRECTION_REASON_MAX = 1000;

export type CorrectionCheck =
  | { readonly ok: true; readonly field: CorrectableField; readonly value: string | null }
  | { readonly ok: false; readonly problem: string };

const FIELD = '"correctionDetails.field"';
const VALUE = '"correctionDetails.requestedValue"';

const problem = (text: string): CorrectionCheck => ({ ok: false, problem: text });

const languageOf = (raw: string): string | null => {
  const primary = raw.trim().split(/[-_]/)[0]?.toLowerCase() ?? '';
  return isPatientLanguage(primary) ? primary : null;
};

/** Normalises a value for `field` as the subject's own update rules would, or names the problem. */
const checkValue = (field: CorrectableField, raw: string, subjectType: PrivacySubjectType): CorrectionCheck => {
  const trimmed = raw.trim();
  switch (field) {
    case 'name':
      if (trimmed === '') return problem(`${VALUE} is not allowed to be empty`);
      if (trimmed.length > PATIENT_LIMITS.nameMax) {
        return problem(`${VALUE} length must be less than or equal to ${PATIENT_LIMITS.nameMax} characters long`);
      }
      return { ok: true, field, value: trimmed };
    case 'preferredName':
      if (trimmed.length > PATIENT_LIMITS.preferredNameMax) {
        return problem(
          `${VALUE} length must be less than or equal to ${PATIENT_LIMITS.preferredNameMax} characters long`,
        );
      }
      return { ok: true, field, value: trimmed === '' ? null : trimmed };
    case 'email': {
      // A patient's address is optional: an empty value removes it.
      if (trimmed === '' && subjectType === 'patient') return { ok: true, field, value: null };
      const email = normalizeEmail(trimmed);
      return isValidEmail(email) ? { ok: true, field, value: email } : problem(`${VALUE} must be a valid email`);
    }
    case 'phone': {
      const phone = normalizePhone(trimmed);
      return phone === null ? problem(`${VALUE} must be a valid phone number`) : { ok: true, field, value: phone };
    }
    case 'preferredLanguage': {
      const language = languageOf(trimmed);
      return language === null
        ? problem(`${VALUE} must be one of [${PATIENT_LANGUAGES.join(', ')}]`)
        : { ok: true, field, value: language };
    }
  }
};

/**
 * Checks a requested correction against the subject type's allow-list and the field's rules. Any field outside
 * the allow-list is a validation failure, worded Joi-style with the allowed fields.
 */
export const checkCorrection = (
  subjectType: PrivacySubjectType,
  field: string,
  requestedValue: string,
): CorrectionCheck => {
  const allowed: readonly string[] = CORRECTABLE_FIELDS[subjectType];
  if (!allowed.includes(field)) return problem(`${FIELD} must be one of [${allowed.join(', ')}]`);
  return checkValue(field as CorrectableField, requestedValue, subjectType);
};
