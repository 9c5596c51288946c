import type { Caregiver, ThemePreference } from '../../domain/identity/caregiver';
import type { AccessScope, Role } from '../../domain/identity/roles';
import type { Actor } from '../../domain/shared/actor';
import type { Page, SortKey } from '../../domain/shared/page';
import type { PatientRef } from '../ports/care-directory';
import type { CaregiverSortField } from '../ports/caregiver-repository';
import { caregiverResource, deny, guardAccess, orgResource } from './access-guard';
import { audit } from './audit-trail';
import { deleteCaregiverAccount } from './caregiver-removal';
import { applyImageChange, type ImageChange } from './image-change';
import { caregiverNotFound, emailTaken, orgNotFound } from './identity-errors';
import { IdentityMail } from './identity-mail';
import { releaseImage, releasingOnFailure, storeInlineImage } from './inline-images';
import type { IdentityPorts } from './identity-ports';
import { patientNotFound, phoneRequired } from './management-errors';
import { issueOneTimeToken } from './one-time-tokens';
import { loadCaregiverView, type CaregiverView } from './views';

export interface CaregiverListInput {
  /** The org to list; the caller's own when absent (only a superAdmin may name another). */
  readonly orgId?: string;
  readonly nameContains?: string;
  readonly role?: Role;
  readonly page: number;
  readonly limit: number;
  readonly sort: readonly SortKey<CaregiverSortField>[];
}

/** A validated `PATCH /caregivers/:id` body; absent keys stay as they are. */
export interface CaregiverChanges {
  readonly name?: string;
  /** Normalised address; a different one starts the change-email confirmation (own account only). */
  readonly email?: string;
  /** E.164, or null for an empty value (accepted only while the caregiver has no phone). */
  readonly phone?: string | null;
  readonly avatar?: ImageChange;
  readonly preferredLanguage?: string;
  readonly themePreference?: ThemePreference;
  readonly telemetryOptIn?: boolean;
}

/** Keys only the account holder may change; for anyone else they are accepted as an echo of the current value. */
const SELF_ONLY = ['email', 'preferredLanguage', 'themePreference', 'telemetryOptIn'] as const;

/**
 * Caregiver accounts (DOMAIN.md §2.5 use-cases 28-30, 33): list, read, update the profile, delete, and the
 * caregiver's assigned patients (answered by the care directory, empty until the care context exists).
 */
export class ManageCaregivers {
  private readonly mail: IdentityMail;

  constructor(private readonly ports: IdentityPorts) {
    this.mail = new IdentityMail(ports);
  }

  /** A caregiver the caller may address with `capability`; another org's is reported as not found. */
  private async load(
    scope: AccessScope,
    caregiverId: string,
    actor: Actor,
    capability: 'caregiver.read' | 'caregiver.delete',
  ): Promise<Caregiver> {
    const caregiver = await this.ports.caregivers.findById(caregiverId);
    if (caregiver === null) throw caregiverNotFound();
    await guardAccess(this.ports, scope, capability, caregiverResource(caregiver), actor, caregiverNotFound);
    return caregiver;
  }

  /** `GET /caregivers`: admins list their own org, a superAdmin any org; invited accounts included. */
  async list(scope: AccessScope, input: CaregiverListInput, actor: Actor): Promise<Page<CaregiverView>> {
    const orgId = input.orgId ?? scope.orgId;
    // A list names its org explicitly: asking for another org without the right is a 403, not a 404 (§2.8).
    if (orgId !== scope.orgId && scope.role !== 'superAdmin') {
      await deny(this.ports, actor, 'caregiver.read', orgResource(orgId), 'other_org_list');
    }
    await guardAccess(this.ports, scope, 'caregiver.read', orgResource(orgId), actor, orgNotFound);
    if (orgId !== scope.orgId && (await this.ports.orgs.findById(orgId)) === null) throw orgNotFound();
    const page = await this.ports.caregivers.list({
      orgId,
      page: input.page,
      limit: input.limit,
      sort: input.sort,
      ...(input.nameContains === undefined ? {} : { nameContains: input.nameContains }),
      ...(input.role === undefined ? {} : { role: input.role }),
    });
    const results = await Promise.all(page.results.map((caregiver) => loadCaregiverView(this.ports, caregiver)));
    await audit(
      this.ports,
      actor,
      'CAREGIVERS_LISTED',
      'success',
      { type: 'caregiver', id: null, orgId },
      { resultCount: results.length },
    );
    return { ...page, results };
  }

  /** `GET /caregivers/:id`: oneself, a member of the admin's org, anyone for a superAdmin. */
  async get(scope: AccessScope, caregiverId: string, actor: Actor): Promise<CaregiverView> {
    const caregiver = await this.load(scope, caregiverId, actor, 'caregiver.read');
    await audit(this.ports, actor, 'CAREGIVER_READ', 'success', {
      type: 'caregiver',
      id: caregiver.id,
      orgId: caregiver.orgId,
    });
    return loadCaregiverView(this.ports, caregiver);
  }

  /**
   * `PATCH /caregivers/:id`. Someone else's account: name, phone and avatar only (other keys as echoes). A new
   * phone is unverified. A new e-mail (own account only) must be free; it waits in `pendingEmail` until the
   * link sent to it is opened, and the account keeps signing in with the old one.
   */
  async update(
    scope: AccessScope,
    caregiverId: string,
    changes: CaregiverChanges,
    actor: Actor,
  ): Promise<CaregiverView> {
    const { uow, caregivers, clock } = this.ports;
    const target = await caregivers.findById(caregiverId);
    if (target === null) throw caregiverNotFound();
    const self = target.id === scope.caregiverId;
    if (!self) {
      const resource = caregiverResource(target);
      await guardAccess(this.ports, scope, 'caregiver.updateOther', resource, actor, caregiverNotFound);
      if (target.role === 'superAdmin' && scope.role !== 'superAdmin') {
        await deny(this.ports, actor, 'caregiver.updateOther', resource, 'superadmin_target');
      }
      for (const key of SELF_ONLY) {
        if (changes[key] !== undefined && changes[key] !== target[key]) {
          await deny(this.ports, actor, 'caregiver.updateOther', resource, `self_only_${key}`);
        }
      }
    }
    if (changes.phone === null && target.phone !== null) throw phoneRequired();
    const newEmail = changes.email !== undefined && changes.email !== target.email ? changes.email : null;
    if (newEmail !== null && (await caregivers.isEmailTaken(newEmail, target.id))) throw emailTaken();
    const { images } = this.ports;
    const avatar = await storeInlineImage(images, 'avatar', changes.avatar);

    const result = await releasingOnFailure(images, [avatar.uploaded], () =>
      uow.run(async () => {
        const current = await caregivers.findById(target.id);
        if (current === null) throw caregiverNotFound();
        if (newEmail !== null && (await caregivers.isEmailTaken(newEmail, current.id))) throw emailTaken();
        const phone = changes.phone ?? current.phone;
        const phoneChanged = phone !== current.phone;
        const next: Caregiver = {
          ...current,
          name: changes.name ?? current.name,
          phone,
          ...(phoneChanged ? { isPhoneVerified: false, phoneVerifiedAt: null, phoneVerification: null } : {}),
          avatar: applyImageChange(current.avatar, avatar.change),
          pendingEmail: newEmail ?? current.pendingEmail,
          preferredLanguage: changes.preferredLanguage ?? current.preferredLanguage,
          themePreference: changes.themePreference ?? current.themePreference,
          telemetryOptIn: changes.telemetryOptIn ?? current.telemetryOptIn,
        };
        const changed = (
          ['name', 'phone', 'avatar', 'pendingEmail', 'preferredLanguage', 'themePreference', 'telemetryOptIn'] as const
        ).filter((field) => next[field] !== current[field]);
        if (changed.length === 0 && newEmail === null)
          return { saved: current, token: null, replaced: avatar.uploaded };
        const saved = await caregivers.update({ ...next, updatedAt: clock.now() });
        const token =
          newEmail === null ? null : await issueOneTimeToken(this.ports, saved, 'changeEmail', { newEmail });
        await audit(
          this.ports,
          actor,
          'CAREGIVER_UPDATED',
          'success',
          { type: 'caregiver', id: saved.id, orgId: saved.orgId },
          {
            fields: changed.join(','),
            self,
            emailChangeRequested: newEmail !== null,
          },
        );
        return { saved, token, replaced: changed.includes('avatar') ? current.avatar : null };
      }),
    );
    await releaseImage(images, result.replaced);
    if (newEmail !== null && result.token !== null) {
      await this.mail.send(this.mail.changeEmail(newEmail, result.saved.name, result.token), 'change-email');
    }
    return loadCaregiverView(this.ports, result.saved);
  }

  /** `DELETE /caregivers/:id`: oneself, a member of the admin's org, anyone for a superAdmin (§2.4.12). */
  async delete(scope: AccessScope, caregiverId: string, actor: Actor): Promise<void> {
    const caregiver = await this.load(scope, caregiverId, actor, 'caregiver.delete');
    if (caregiver.role === 'superAdmin' && scope.role !== 'superAdmin') {
      await deny(this.ports, actor, 'caregiver.delete', caregiverResource(caregiver), 'superadmin_target');
    }
    await deleteCaregiverAccount(
      this.ports,
      caregiver.id,
      actor,
      caregiver.id === scope.caregiverId ? 'self' : 'admin',
    );
  }

  /** `GET /caregivers/:caregiverId/patients`: the caregiver's assigned patients. */
  async patients(scope: AccessScope, caregiverId: string, actor: Actor): Promise<readonly PatientRef[]> {
    const caregiver = await this.load(scope, caregiverId, actor, 'caregiver.read');
    const patients = await this.ports.care.assignedPatientRefs(caregiver.id);
    await audit(
      this.ports,
      actor,
      'CAREGIVER_PATIENTS_LISTED',
      'success',
      { type: 'caregiver', id: caregiver.id, orgId: caregiver.orgId },
      { resultCount: patients.length },
    );
    return patients;
  }

  /** `GET /caregivers/:caregiverId/patients/:patientId`: one of them, `Patient not found` when not assigned. */
  async patient(scope: AccessScope, caregiverId: string, patientId: string, actor: Actor): Promise<PatientRef> {
    const caregiver = await this.load(scope, caregiverId, actor, 'caregiver.read');
    const patient = (await this.ports.care.assignedPatientRefs(caregiver.id)).find((ref) => ref.id === patientId);
    if (patient === undefined) throw patientNotFound();
    await audit(
      this.ports,
      actor,
      'CAREGIVER_PATIENT_READ',
      'success',
      { type: 'patient', id: patient.id, orgId: caregiver.orgId },
      { caregiverId: caregiver.id },
    );
    return patient;
  }
}
