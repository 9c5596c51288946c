import type { AccessScope } from '../../domain/identity/roles';
import { DELETION_NOTE } from '../../domain/privacy/anonymisation';
import { authorizeRequestHandling } from '../../domain/privacy/privacy-policy';
import {
  addDays,
  completeRequest,
  invalidTransition,
  isOpen,
  PRIVACY_LIMITS,
  type Completion,
  type PrivacyRequest,
} from '../../domain/privacy/privacy-request';
import type { Actor } from '../../domain/shared/actor';
import { anonymiseCaregiverAccount, anonymisePatientData, type AfterAnonymisation } from './anonymise-subject';
import { applyCorrection } from './apply-correction';
import { loadRequestFor, resolveSubject } from './privacy-access';
import { patientIdsOf, recordPrivacy } from './privacy-audit';
import { privacyRequestNotFound } from './privacy-errors';
import type { PrivacyPorts } from './privacy-ports';
import { collectSubjectData } from './subject-data';

const ACCESS_NOTE = `Export ready: downloadable for ${PRIVACY_LIMITS.exportDays} days; never sent by e-mail.`;

/**
 * `FulfilPrivacyRequest` (DOMAIN.md §11.8 #10, `POST /privacy/requests/:id/complete`), orgAdmins of the
 * request's organisation and superAdmins. Access: the subject's data as one JSON document, stored encrypted for
 * 7 days (never e-mailed). Correction: the value applied through the subject's update rules. Deletion: the
 * subject anonymised, ending `partially_fulfilled` because audit, billing and consent records are retained.
 * The effect and the completion commit together; a closed request is 409 `Invalid status transition`.
 */
export class CompletePrivacyRequest {
  constructor(private readonly ports: PrivacyPorts) {}

  async execute(scope: AccessScope, requestId: string, actor: Actor): Promise<PrivacyRequest> {
    const { ports } = this;
    const target = await loadRequestFor(
      ports,
      scope,
      requestId,
      'privacy.request.complete',
      actor,
      authorizeRequestHandling,
    );
    if (!isOpen(target)) throw invalidTransition();
    switch (target.requestType) {
      case 'access':
        return this.access(target, actor);
      case 'correction':
        return this.finish(target, actor, async (current) => {
          const changed = await applyCorrection(ports, current, actor);
          return {
            completion: {
              status: 'completed',
              note: changed.length === 0 ? 'No change needed: the value was already current.' : 'Correction applied.',
            },
            after: null,
          };
        });
      case 'deletion':
        return this.finish(target, actor, async (current) => {
          const anonymise = current.subjectType === 'patient' ? anonymisePatientData : anonymiseCaregiverAccount;
          const after = await anonymise(ports, current.subjectId, current.id, actor);
          return { completion: { status: 'partially_fulfilled', note: DELETION_NOTE }, after };
        });
    }
  }

  /** Builds the document outside the transaction (reads only), then stores it and completes the request. */
  private async access(target: PrivacyRequest, actor: Actor): Promise<PrivacyRequest> {
    const { ports } = this;
    const now = ports.clock.now();
    const subject = await resolveSubject(ports, target.subjectType, target.subjectId);
    const document = await collectSubjectData(ports, subject, target.id, now);
    const ciphertext = ports.cipher.encrypt(JSON.stringify(document));
    const expiresAt = addDays(now, PRIVACY_LIMITS.exportDays);
    return this.finish(target, actor, async (current) => {
      await ports.exports.save({
        id: current.id,
        orgId: current.orgId,
        subjectType: current.subjectType,
        subjectId: current.subjectId,
        ciphertext,
        createdAt: now,
        expiresAt,
      });
      await recordPrivacy(
        ports,
        actor,
        'EXPORT',
        'privacy.export.create',
        { type: 'privacyExport', id: current.id, orgId: current.orgId },
        patientIdsOf(current.subjectType, current.subjectId),
        { subjectType: current.subjectType, format: 'json' },
      );
      return { completion: { status: 'completed', note: ACCESS_NOTE, exportAvailableUntil: expiresAt }, after: null };
    });
  }

  /**
   * Re-reads the request in one transaction, applies the effect, completes the request and audits it; then
   * runs what could not be part of the transaction (sessions, files).
   */
  private async finish(
    target: PrivacyRequest,
    actor: Actor,
    effect: (current: PrivacyRequest) => Promise<{ completion: Completion; after: AfterAnonymisation | null }>,
  ): Promise<PrivacyRequest> {
    const { ports } = this;
    const { saved, after } = await ports.uow.run(async () => {
      const current = await ports.requests.findById(target.id);
      if (current === null) throw privacyRequestNotFound();
      if (!isOpen(current)) throw invalidTransition();
      const outcome = await effect(current);
      const completed = await ports.requests.update(completeRequest(current, outcome.completion, ports.clock.now()));
      await recordPrivacy(
        ports,
        actor,
        'UPDATE',
        'privacy.request.complete',
        { type: 'privacyRequest', id: completed.id, orgId: completed.orgId },
        patientIdsOf(completed.subjectType, completed.subjectId),
        { requestType: completed.requestType, fromStatus: current.status, toStatus: completed.status },
      );
      return { saved: completed, after: outcome.after };
    });
    await after?.run();
    return saved;
  }
}
