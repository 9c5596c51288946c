import {
  consentState,
  grantConsent,
  isActiveConsent,
  supersedeConsent,
  withdrawConsent,
  type ConsentRecord,
} from '../../../domain/privacy/consent';

const now = new Date('2026-06-01T12:00:00.000Z');
const later = new Date('2026-06-02T12:00:00.000Z');

const consent = (fields: Partial<ConsentRecord> = {}): ConsentRecord => ({
  ...grantConsent({
    id: 'k1',
    orgId: 'org1',
    subjectType: 'patient',
    subjectId: 'p1',
    consentType: 'recording',
    purpose: 'Record wellness calls',
    recordedBy: 's1',
    now,
  }),
  ...fields,
});

describe('ConsentRecord', () => {
  it('is granted, explicit, notice 1.0, active', () => {
    expect(consent()).toMatchObject({
      granted: true,
      grantedAt: now,
      method: 'explicit',
      noticeVersion: '1.0',
      providedVia: null,
      withdrawnAt: null,
      supersededBy: null,
    });
    expect(isActiveConsent(consent())).toBe(true);
  });

  it('withdraws once; the second time is 409 Consent already withdrawn', () => {
    const withdrawn = withdrawConsent(consent(), 's1', 'Changed my mind', later);
    expect(withdrawn).toMatchObject({ withdrawnAt: later, withdrawnBy: 's1', withdrawalReason: 'Changed my mind' });
    expect(isActiveConsent(withdrawn)).toBe(false);
    expect(() => withdrawConsent(withdrawn, 's1', null, later)).toThrow(
      expect.objectContaining({ kind: 'conflict', message: 'Consent already withdrawn', reason: 'INVALID_TRANSITION' }),
    );
  });

  it('is superseded by a newer record once, keeping the first successor', () => {
    const superseded = supersedeConsent(consent(), 'k2', later);
    expect(superseded).toMatchObject({ supersededBy: 'k2', supersededAt: later });
    expect(isActiveConsent(superseded)).toBe(false);
    expect(supersedeConsent(superseded, 'k3', now)).toBe(superseded);
  });

  it('tells none, active or withdrawn per type', () => {
    const recording = consent();
    const analysis = consent({ id: 'k2', consentType: 'analysis' });
    expect(consentState([], 'recording')).toBe('none');
    expect(consentState([analysis], 'recording')).toBe('none');
    expect(consentState([recording, analysis], 'recording')).toBe('active');
    const withdrawn = withdrawConsent(recording, 's1', null, later);
    expect(consentState([withdrawn, analysis], 'recording')).toBe('withdrawn');
    expect(consentState([withdrawn, analysis], 'analysis')).toBe('active');
    const renewed = consent({ id: 'k3', createdAt: later });
    expect(consentState([withdrawn, renewed], 'recording')).toBe('active');
    expect(consentState([supersedeConsent(recording, 'k9', later)], 'recording')).toBe('withdrawn');
  });
});
