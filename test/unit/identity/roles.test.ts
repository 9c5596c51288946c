import {
  authorize,
  INVITABLE_ROLES,
  PERMISSIONS,
  type AccessScope,
  type ActiveRole,
  type Capability,
} from '../../../domain/identity/roles';

const scope = (role: ActiveRole): AccessScope => ({ caregiverId: 'me', role, orgId: 'org-a' });

describe('authorize (the permission matrix as data)', () => {
  const capabilities = Object.keys(PERMISSIONS) as Capability[];

  it.each(capabilities)('%s: another org is not found for everyone but superAdmin', (capability) => {
    expect(authorize(scope('staff'), capability, { orgId: 'org-b', caregiverId: 'x' })).toBe('not-found');
    expect(authorize(scope('orgAdmin'), capability, { orgId: 'org-b', caregiverId: 'x' })).toBe('not-found');
    expect(authorize(scope('superAdmin'), capability, { orgId: 'org-b', caregiverId: 'x' })).toBe('allow');
  });

  it('grants staff only their own record and their own org read', () => {
    expect(authorize(scope('staff'), 'caregiver.read', { orgId: 'org-a', caregiverId: 'me' })).toBe('allow');
    expect(authorize(scope('staff'), 'caregiver.read', { orgId: 'org-a', caregiverId: 'other' })).toBe('forbidden');
    expect(authorize(scope('staff'), 'org.read', { orgId: 'org-a' })).toBe('allow');
    expect(authorize(scope('staff'), 'org.update', { orgId: 'org-a' })).toBe('forbidden');
    expect(authorize(scope('staff'), 'caregiver.invite', { orgId: 'org-a' })).toBe('forbidden');
  });

  it('grants orgAdmins their whole org but never org administration', () => {
    expect(authorize(scope('orgAdmin'), 'caregiver.updateOther', { orgId: 'org-a', caregiverId: 'other' })).toBe(
      'allow',
    );
    expect(authorize(scope('orgAdmin'), 'org.administer', { orgId: 'org-a' })).toBe('forbidden');
  });

  it('never lets an orgAdmin grant superAdmin', () => {
    expect(INVITABLE_ROLES.orgAdmin).not.toContain('superAdmin');
    expect(INVITABLE_ROLES.superAdmin).toContain('superAdmin');
    expect(INVITABLE_ROLES.staff).toEqual([]);
  });
});
