import type { AccessScope } from '../../domain/identity/roles';
import {
  consentState,
  grantConsent,
  isActiveConsent,
  supersedeConsent,
  withdrawConsent,
  type ConsentMethod,
  type ConsentRecord,
  type ConsentType,
} from '../../domain/privacy/consent';
import { authorizeConsent } from '../../domain/privacy/privacy-policy';
import type { PrivacySubject, PrivacySubjectType } from '../../domain/privacy/privacy-subject';
import type { Actor } from '../../domain/shared/actor';
import { enforceSubjectDecision, isAssigned, resolveSubject } from './privacy-access';
import { denyPrivacy, patientIdsOf, recordPrivacy, recordPrivacyDenial } from './privacy-audit';
import { consentNotFound } from './privacy-errors';
import type { PrivacyPorts } from './privacy-ports';

export interface ConsentInput {
  readonly subjectType: PrivacySubjectType;
  readonly subjectId: string;
  readonly consentType: ConsentType;
  readonly purpose: string;
  readonly method?: ConsentMethod;
  readonly providedVia?: string;
}

export interface ConsentListInput {
  readonly subjectType: PrivacySubjectType;
  readonly subjectId: string;
  /** With withdrawn and superseded records (the full history); otherwise the active ones only. */
  readonly includeWithdrawn: boolean;
}

const assignedToCaller = async (ports: PrivacyPorts, scope: AccessScope, subject: PrivacySubject): Promise<boolean> =>
  subject.type === 'patient' && scope.role === 'staff' && isAssigned(ports, subject.id, scope.caregiverId);

/** A subject whose consents the caller may record, list or withdraw (API-CONTRACT.md §6.3 "same scope"). */
const consentSubject = async (
  ports: PrivacyPorts,
  scope: AccessScope,
  type: PrivacySubjectType,
  id: string,
  operation: string,
  actor: Actor,
): Promise<PrivacySubject> => {
  const subject = await resolveSubject(ports, type, id);
  const decision = authorizeConsent(scope, subject, await assignedToCaller(ports, scope, subject));
  await enforceSubjectDecision(ports, scope, actor, operation, subject, decision);
  return subject;
};

/**
 * `RecordConsent` (`POST /privacy/consents`): a granted consent for a caregiver (themselves, or by their admins)
 * or a patient (assigned staff, admins). It supersedes the subject's active records of the same type.
 */
export class RecordConsent {
  constructor(private readonly ports: PrivacyPorts) {}

  async execute(scope: AccessScope, input: ConsentInput, actor: Actor): Promise<ConsentRecord> {
    const { ports } = this;
    const subject = await consentSubject(ports, scope, input.subjectType, input.subjectId, 'consent.create', actor);
    return ports.uow.run(async () => {
      const now = ports.clock.now();
      const consent = grantConsent({
        id: ports.ids.next(),
        orgId: subject.orgId,
        subjectType: subject.type,
        subjectId: subject.id,
        consentType: input.consentType,
        purpose: input.purpose,
        ...(input.method === undefined ? {} : { method: input.method }),
        providedVia: input.providedVia ?? null,
        recordedBy: scope.caregiverId,
        ipAddress: actor.ip ?? null,
        userAgent: actor.userAgent ?? null,
        now,
      });
      let superseded = 0;
      for (const older of await ports.consents.listBySubject(subject.type, subject.id)) {
        if (older.consentType !== input.consentType || !isActiveConsent(older)) continue;
        await ports.consents.update(supersedeConsent(older, consent.id, now));
        superseded += 1;
      }
      await ports.consents.insert(consent);
      await recordPrivacy(
        ports,
        actor,
        'CONSENT_GRANTED',
        'consent.create',
        { type: 'consent', id: consent.id, orgId: consent.orgId },
        patientIdsOf(subject.type, subject.id),
        { consentType: consent.consentType, subjectType: subject.type, superseded },
      );
      return consent;
    });
  }
}

/** `ListConsents` (`GET /privacy/consents`): one subject's consents, oldest first. */
export class ListConsents {
  constructor(private readonly ports: PrivacyPorts) {}

  async execute(scope: AccessScope, input: ConsentListInput, actor: Actor): Promise<ConsentRecord[]> {
    const { ports } = this;
    const subject = await consentSubject(ports, scope, input.subjectType, input.subjectId, 'consent.list', actor);
    const records = (await ports.consents.listBySubject(subject.type, subject.id)).filter(
      (record) => input.includeWithdrawn || isActiveConsent(record),
    );
    await recordPrivacy(
      ports,
      actor,
      'READ',
      'consent.list',
      { type: 'consent', id: 'list', orgId: subject.orgId },
      patientIdsOf(subject.type, subject.id),
      { count: records.length, subjectType: subject.type },
    );
    return records;
  }
}

/**
 * `WithdrawConsent` (`POST /privacy/consents/:id/withdraw`), in the scope that may record it. Once only (409
 * `Consent already withdrawn`). Withdrawing a caregiver's last `collection` consent locks the account
 * (`consent_withdrawn`, until an admin unlocks it) and revokes its sessions (DOMAIN.md §11.6); a patient's
 * withdrawals are read by the call and analysis pipelines through `ConsentService`.
 */
export class WithdrawConsent {
  constructor(private readonly ports: PrivacyPorts) {}

  async execute(scope: AccessScope, consentId: string, reason: string | null, actor: Actor): Promise<ConsentRecord> {
    const { ports } = this;
    const operation = 'consent.withdraw';
    const target = await ports.consents.findById(consentId);
    if (target === null) throw consentNotFound();
    const subject: PrivacySubject = { type: target.subjectType, id: target.subjectId, orgId: target.orgId };
    const decision = authorizeConsent(scope, subject, await assignedToCaller(ports, scope, subject));
    const resource = { type: 'consent' as const, id: target.id, orgId: target.orgId };
    if (decision === 'not-found') {
      await recordPrivacyDenial(ports, actor, operation, resource, 'other_org');
      throw consentNotFound();
    }
    if (decision === 'forbidden') {
      await denyPrivacy(
        ports,
        actor,
        operation,
        { ...resource, patientIds: patientIdsOf(subject.type, subject.id) },
        'not_in_scope',
      );
    }
    const { saved, locked } = await ports.uow.run(async () => {
      const current = await ports.consents.findById(consentId);
      if (current === null) throw consentNotFound();
      const now = ports.clock.now();
      const withdrawn = await ports.consents.update(withdrawConsent(current, scope.caregiverId, reason, now));
      const lock = await this.lockIfCollectionWithdrawn(withdrawn, now);
      await recordPrivacy(
        ports,
        actor,
        'CONSENT_WITHDRAWN',
        operation,
        resource,
        patientIdsOf(subject.type, subject.id),
        { consentType: withdrawn.consentType, subjectType: subject.type, accountLocked: lock },
      );
      return { saved: withdrawn, locked: lock };
    });
    if (locked) await ports.identity.sessions.revokeAllOf(saved.subjectId, 'locked', ports.clock.now());
    return saved;
  }

  /** Locks a caregiver who no longer has an active `collection` consent; resolves whether it did. */
  private async lockIfCollectionWithdrawn(consent: ConsentRecord, now: Date): Promise<boolean> {
    const { ports } = this;
    if (consent.subjectType !== 'caregiver' || consent.consentType !== 'collection') return false;
    const records = await ports.consents.listBySubject('caregiver', consent.subjectId);
    if (consentState(records, 'collection') !== 'withdrawn') return false;
    const caregiver = await ports.identity.caregivers.findById(consent.subjectId);
    if (caregiver === null) return false;
    await ports.identity.caregivers.update({
      ...caregiver,
      lock: { lockedAt: now, lockedUntil: null, reason: 'consent_withdrawn', lockedBy: 'system' },
      updatedAt: now,
    });
    return true;
  }
}
