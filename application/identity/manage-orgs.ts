import type { CallRetrySettings, Org } from '../../domain/identity/org';
import type { AccessScope } from '../../domain/identity/roles';
import type { Actor } from '../../domain/shared/actor';
import type { Page, SortKey } from '../../domain/shared/page';
import type { OrgSortField } from '../ports/org-repository';
import { deny, guardAccess, orgResource } from './access-guard';
import { audit } from './audit-trail';
import { eraseAccount } from './caregiver-removal';
import { applyImageChange, type ImageChange, type ResolvedImageChange } from './image-change';
import { emailTaken, orgNotFound } from './identity-errors';
import type { IdentityPorts } from './identity-ports';
import { releasingOnFailure, storeInlineImage } from './inline-images';
import { phoneRequired } from './management-errors';
import { noOrgCascade } from './org-cascade';
import { loadOrgView, type OrgView } from './views';

export interface OrgListInput {
  readonly nameContains?: string;
  readonly page: number;
  readonly limit: number;
  readonly sort: readonly SortKey<OrgSortField>[];
}

/** A validated `PATCH /orgs/:id` body; absent keys stay as they are. */
export interface OrgChanges {
  readonly name?: string;
  /** Normalised address. */
  readonly email?: string;
  /** E.164, or null for an empty value (accepted only while the org has no phone). */
  readonly phone?: string | null;
  readonly logo?: ImageChange;
  readonly avatar?: ImageChange;
  /** A valid IANA name (checked by the adapter against the runtime's time-zone database). */
  readonly timezone?: string;
  /** Merged field by field into the stored settings. */
  readonly callRetrySettings?: Partial<CallRetrySettings>;
}

const mergeRetrySettings = (
  current: CallRetrySettings,
  patch: Partial<CallRetrySettings> | undefined,
): CallRetrySettings => ({
  retryCount: patch?.retryCount ?? current.retryCount,
  retryIntervalMinutes: patch?.retryIntervalMinutes ?? current.retryIntervalMinutes,
  alertOnAllMissedCalls: patch?.alertOnAllMissedCalls ?? current.alertOnAllMissedCalls,
});

const sameRetrySettings = (a: CallRetrySettings, b: CallRetrySettings): boolean =>
  a.retryCount === b.retryCount &&
  a.retryIntervalMinutes === b.retryIntervalMinutes &&
  a.alertOnAllMissedCalls === b.alertOnAllMissedCalls;

/** Changes whose inline images are stored already. */
type StoredOrgChanges = Omit<OrgChanges, 'logo' | 'avatar'> & {
  readonly logo?: ResolvedImageChange;
  readonly avatar?: ResolvedImageChange;
};

/** The org with `changes` applied, and the names of the fields that really changed. */
const applyOrgChanges = (org: Org, changes: StoredOrgChanges): { next: Org; changed: string[] } => {
  if (changes.phone === null && org.phone !== null) throw phoneRequired();
  const email = changes.email ?? org.email;
  const next: Org = {
    ...org,
    name: changes.name ?? org.name,
    email,
    // A new address has not been confirmed by anyone yet (an org is verified when a member confirms its address).
    isEmailVerified: email === org.email ? org.isEmailVerified : false,
    phone: changes.phone ?? org.phone,
    logo: applyImageChange(org.logo, changes.logo),
    avatar: applyImageChange(org.avatar, changes.avatar),
    timezone: changes.timezone ?? org.timezone,
    callRetrySettings: mergeRetrySettings(org.callRetrySettings, changes.callRetrySettings),
  };
  const changed: string[] = (['name', 'email', 'phone', 'logo', 'avatar', 'timezone'] as const).filter(
    (field) => next[field] !== org[field],
  );
  if (!sameRetrySettings(next.callRetrySettings, org.callRetrySettings)) changed.push('callRetrySettings');
  return { next, changed };
};

/**
 * Organisation administration (DOMAIN.md §2.5 use-cases 38-41): list (superAdmin), read (staff in the reduced
 * view), update and soft delete with cascade.
 */
export class ManageOrgs {
  constructor(private readonly ports: IdentityPorts) {}

  /** `GET /orgs`: superAdmins only. */
  async list(scope: AccessScope, input: OrgListInput, actor: Actor): Promise<Page<OrgView>> {
    await guardAccess(this.ports, scope, 'org.administer', orgResource(scope.orgId), actor, orgNotFound);
    const page = await this.ports.orgs.list({
      page: input.page,
      limit: input.limit,
      sort: input.sort,
      ...(input.nameContains === undefined ? {} : { nameContains: input.nameContains }),
    });
    const results = await Promise.all(page.results.map((org) => loadOrgView(this.ports, org)));
    await audit(
      this.ports,
      actor,
      'ORGS_LISTED',
      'success',
      { type: 'org', id: null, orgId: scope.orgId },
      { resultCount: results.length },
    );
    return { ...page, results };
  }

  /** `GET /orgs/:id`: staff read their own org (the adapter presents the staff view), admins theirs, superAdmins any. */
  async get(scope: AccessScope, orgId: string, actor: Actor): Promise<OrgView> {
    await guardAccess(this.ports, scope, 'org.read', orgResource(orgId), actor, orgNotFound);
    const org = await this.ports.orgs.findById(orgId);
    if (org === null) throw orgNotFound();
    await audit(this.ports, actor, 'ORG_READ', 'success', { type: 'org', id: org.id, orgId: org.id });
    return loadOrgView(this.ports, org);
  }

  /**
   * `PATCH /orgs/:id`. The address must not be used by another organisation. A new `timezone` re-zones, in the
   * same transaction, the schedules that inherit it (DOMAIN.md §4.3.2).
   */
  async update(scope: AccessScope, orgId: string, changes: OrgChanges, actor: Actor): Promise<OrgView> {
    const { uow, orgs } = this.ports;
    await guardAccess(this.ports, scope, 'org.update', orgResource(orgId), actor, orgNotFound);
    const { images } = this.ports;
    const logo = await storeInlineImage(images, 'logo', changes.logo);
    const avatar = await storeInlineImage(images, 'avatar', changes.avatar);
    const { logo: _logo, avatar: _avatar, ...plain } = changes;
    const stored: StoredOrgChanges = {
      ...plain,
      ...(logo.change === undefined ? {} : { logo: logo.change }),
      ...(avatar.change === undefined ? {} : { avatar: avatar.change }),
    };
    const saved = await releasingOnFailure(images, [logo.uploaded, avatar.uploaded], () =>
      uow.run(async () => {
        const org = await orgs.findById(orgId);
        if (org === null) throw orgNotFound();
        if (changes.email !== undefined && changes.email !== org.email) {
          const holder = await orgs.findByEmail(changes.email);
          if (holder !== null && holder.id !== org.id) throw emailTaken();
        }
        const { next, changed } = applyOrgChanges(org, stored);
        if (changed.length === 0) return org;
        const updated = await orgs.update({ ...next, updatedAt: this.ports.clock.now() });
        if (changed.includes('timezone')) {
          await (this.ports.orgCascade ?? noOrgCascade).orgTimezoneChanged(org.id, next.timezone, actor);
        }
        await audit(
          this.ports,
          actor,
          'ORG_UPDATED',
          'success',
          { type: 'org', id: org.id, orgId: org.id },
          { fields: changed.join(',') },
        );
        return updated;
      }),
    );
    return loadOrgView(this.ports, saved);
  }

  /**
   * `DELETE /orgs/:id`: the org, every caregiver (addresses released, tokens revoked, assignments removed) and
   * every patient (their schedules deactivated) soft-deleted in one transaction, then every session revoked.
   * The platform organisation is never deleted.
   */
  async delete(scope: AccessScope, orgId: string, actor: Actor): Promise<void> {
    const { uow, orgs, caregivers, sessions, clock } = this.ports;
    await guardAccess(this.ports, scope, 'org.delete', orgResource(orgId), actor, orgNotFound);
    const found = await orgs.findById(orgId);
    if (found === null) throw orgNotFound();
    // Denials are audited outside the transaction: a rolled-back transaction would take the entry with it.
    if (found.isPlatform) await deny(this.ports, actor, 'org.delete', orgResource(found.id), 'platform_org');
    const removedIds = await uow.run(async () => {
      const org = await orgs.findById(orgId);
      if (org === null) throw orgNotFound();
      const now = clock.now();
      const members = await caregivers.listByOrg(org.id);
      for (const member of members) {
        await eraseAccount(this.ports, member, now);
        await audit(
          this.ports,
          actor,
          'CAREGIVER_DELETED',
          'success',
          { type: 'caregiver', id: member.id, orgId: org.id },
          { via: 'org_deleted', role: member.role },
        );
      }
      const patientCount = await (this.ports.orgCascade ?? noOrgCascade).orgDeleted(org.id, actor);
      await orgs.update({ ...org, deletedAt: now, updatedAt: now });
      await audit(
        this.ports,
        actor,
        'ORG_DELETED',
        'success',
        { type: 'org', id: org.id, orgId: org.id },
        { caregiverCount: members.length, patientCount },
      );
      return members.map((member) => member.id);
    });
    const now = clock.now();
    for (const id of removedIds) await sessions.revokeAllOf(id, 'org_deleted', now);
  }
}
