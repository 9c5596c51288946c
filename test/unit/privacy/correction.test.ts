import { checkCorrection, CORRECTABLE_FIELDS } from '../../../domain/privacy/correction';

describe('correction allow-list', () => {
  it('allows exactly the listed fields per subject type', () => {
    expect(CORRECTABLE_FIELDS.patient).toEqual(['name', 'email', 'phone', 'preferredName', 'preferredLanguage']);
    expect(CORRECTABLE_FIELDS.caregiver).toEqual(['name', 'phone', 'preferredLanguage']);
    for (const field of ['notes', 'role', 'orgId', 'isEmailVerified', 'passwordHash', '__proto__', 'age']) {
      expect(checkCorrection('patient', field, 'x')).toEqual({
        ok: false,
        problem: '"correctionDetails.field" must be one of [name, email, phone, preferredName, preferredLanguage]',
      });
    }
    expect(checkCorrection('caregiver', 'email', 'a@b.org')).toEqual({
      ok: false,
      problem: '"correctionDetails.field" must be one of [name, phone, preferredLanguage]',
    });
    expect(checkCorrection('caregiver', 'preferredName', 'x').ok).toBe(false);
  });

  it('normalises values as the update rules do', () => {
    expect(checkCorrection('patient', 'name', '  Agnes  ')).toEqual({ ok: true, field: 'name', value: 'Agnes' });
    expect(checkCorrection('patient', 'email', ' Agnes@Example.ORG ')).toEqual({
      ok: true,
      field: 'email',
      value: 'agnes@example.org',
    });
    expect(checkCorrection('patient', 'email', '')).toEqual({ ok: true, field: 'email', value: null });
    expect(checkCorrection('patient', 'phone', '(604) 555-0100')).toEqual({
      ok: true,
      field: 'phone',
      value: '+16045550100',
    });
    expect(checkCorrection('patient', 'preferredName', ' ')).toEqual({ ok: true, field: 'preferredName', value: null });
    expect(checkCorrection('caregiver', 'preferredLanguage', 'es-MX')).toEqual({
      ok: true,
      field: 'preferredLanguage',
      value: 'es',
    });
  });

  it('names the problem of a bad value', () => {
    const value = '"correctionDetails.requestedValue"';
    expect(checkCorrection('patient', 'name', ' ')).toEqual({
      ok: false,
      problem: `${value} is not allowed to be empty`,
    });
    expect(checkCorrection('patient', 'name', 'x'.repeat(101))).toEqual({
      ok: false,
      problem: `${value} length must be less than or equal to 100 characters long`,
    });
    expect(checkCorrection('caregiver', 'email', '')).toMatchObject({ ok: false });
    expect(checkCorrection('patient', 'email', 'not-an-email')).toEqual({
      ok: false,
      problem: `${value} must be a valid email`,
    });
    expect(checkCorrection('caregiver', 'phone', '12')).toEqual({
      ok: false,
      problem: `${value} must be a valid phone number`,
    });
    expect(checkCorrection('patient', 'preferredLanguage', 'xx')).toMatchObject({
      ok: false,
      problem: expect.stringContaining(`${value} must be one of [en, es`),
    });
    expect(checkCorrection('patient', 'preferredName', 'x'.repeat(101)).ok).toBe(false);
  });
});
