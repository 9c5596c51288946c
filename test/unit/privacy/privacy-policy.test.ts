import type { AccessScope } from '../../../domain/identity/roles';
import {
  authorizeAppeal,
  authorizeConsent,
  authorizeRequestFiling,
  authorizeRequestHandling,
  canSeeRequest,
  mayDownloadExport,
} from '../../../domain/privacy/privacy-policy';
import { createPrivacyRequest, type PrivacyRequest } from '../../../domain/privacy/privacy-request';
import type { PrivacySubject } from '../../../domain/privacy/privacy-subject';

const staff: AccessScope = { caregiverId: 's1', role: 'staff', orgId: 'org1' };
const admin: AccessScope = { caregiverId: 'a1', role: 'orgAdmin', orgId: 'org1' };
const otherAdmin: AccessScope = { caregiverId: 'a2', role: 'orgAdmin', orgId: 'org2' };
const superAdmin: AccessScope = { caregiverId: 'x1', role: 'superAdmin', orgId: 'platform' };

const self: PrivacySubject = { type: 'caregiver', id: 's1', orgId: 'org1' };
const colleague: PrivacySubject = { type: 'caregiver', id: 'a1', orgId: 'org1' };
const patient: PrivacySubject = { type: 'patient', id: 'p1', orgId: 'org1' };

const request = (fields: Partial<PrivacyRequest> = {}): PrivacyRequest => ({
  ...createPrivacyRequest({
    id: 'r1',
    orgId: 'org1',
    requestType: 'access',
    subjectType: 'caregiver',
    subjectId: 's1',
    requestedBy: 's1',
    now: new Date(0),
  }),
  ...fields,
});

describe('privacy policy', () => {
  it('files requests: self for anyone, the org for admins, anything for superAdmins', () => {
    expect(authorizeRequestFiling(staff, self, false)).toBe('allow');
    expect(authorizeRequestFiling(staff, self, true)).toBe('forbidden');
    expect(authorizeRequestFiling(staff, colleague, false)).toBe('forbidden');
    expect(authorizeRequestFiling(staff, patient, false)).toBe('forbidden');
    expect(authorizeRequestFiling(admin, patient, true)).toBe('allow');
    expect(authorizeRequestFiling(admin, self, false)).toBe('allow');
    expect(authorizeRequestFiling(otherAdmin, patient, false)).toBe('not-found');
    expect(authorizeRequestFiling(staff, { ...patient, orgId: 'org2' }, false)).toBe('not-found');
    expect(authorizeRequestFiling(superAdmin, patient, true)).toBe('allow');
  });

  it('shows requests to the requester, the org’s admins and superAdmins only', () => {
    const byAdmin = request({ requestedBy: 'a1', subjectType: 'patient', subjectId: 'p1' });
    expect(canSeeRequest(staff, request())).toBe(true);
    expect(canSeeRequest(staff, byAdmin)).toBe(false);
    expect(canSeeRequest(admin, request())).toBe(true);
    expect(canSeeRequest(otherAdmin, request())).toBe(false);
    expect(canSeeRequest(superAdmin, byAdmin)).toBe(true);
  });

  it('lets the org’s admins and superAdmins handle; others are forbidden when they see it, else not found', () => {
    expect(authorizeRequestHandling(admin, request())).toBe('allow');
    expect(authorizeRequestHandling(superAdmin, request())).toBe('allow');
    expect(authorizeRequestHandling(staff, request())).toBe('forbidden');
    expect(authorizeRequestHandling(otherAdmin, request())).toBe('not-found');
    expect(authorizeRequestHandling(staff, request({ requestedBy: 'a1' }))).toBe('not-found');
  });

  it('lets only the requester appeal', () => {
    expect(authorizeAppeal(staff, request())).toBe('allow');
    expect(authorizeAppeal(admin, request())).toBe('forbidden');
    expect(authorizeAppeal(otherAdmin, request())).toBe('not-found');
  });

  it('gives a caregiver’s export to the requester or that caregiver, a patient’s to the org’s admins', () => {
    expect(mayDownloadExport(staff, request())).toBe(true);
    expect(mayDownloadExport(admin, request())).toBe(false);
    expect(mayDownloadExport(superAdmin, request())).toBe(false);
    expect(mayDownloadExport(staff, request({ requestedBy: 'a1' }))).toBe(true);
    const aboutPatient = request({ requestedBy: 'a1', subjectType: 'patient', subjectId: 'p1' });
    expect(mayDownloadExport(admin, aboutPatient)).toBe(true);
    expect(mayDownloadExport(superAdmin, aboutPatient)).toBe(true);
    expect(mayDownloadExport(otherAdmin, aboutPatient)).toBe(false);
    expect(mayDownloadExport(staff, aboutPatient)).toBe(false);
  });

  it('scopes consents: self, assigned patients for staff, the org for admins, anyone for superAdmins', () => {
    expect(authorizeConsent(staff, self, false)).toBe('allow');
    expect(authorizeConsent(staff, patient, true)).toBe('allow');
    expect(authorizeConsent(staff, patient, false)).toBe('forbidden');
    expect(authorizeConsent(staff, colleague, false)).toBe('forbidden');
    expect(authorizeConsent(staff, { ...patient, orgId: 'org2' }, true)).toBe('not-found');
    expect(authorizeConsent(admin, colleague, false)).toBe('allow');
    expect(authorizeConsent(admin, patient, false)).toBe('allow');
    expect(authorizeConsent(otherAdmin, patient, false)).toBe('not-found');
    expect(authorizeConsent(superAdmin, patient, false)).toBe('allow');
  });
});
