import type { AccessScope } from '../../domain/identity/roles';
import { checkCorrection, type CorrectionCheck } from '../../domain/privacy/correction';
import { authorizeRequestFiling } from '../../domain/privacy/privacy-policy';
import {
  createPrivacyRequest,
  type CorrectionDetails,
  type ExternalRequestor,
  type PrivacyRequest,
  type PrivacyRequestType,
} from '../../domain/privacy/privacy-request';
import type { PrivacySubjectType } from '../../domain/privacy/privacy-subject';
import type { Actor } from '../../domain/shared/actor';
import { ValidationError } from '../../domain/shared/errors';
import { enforceSubjectDecision, resolveSubject } from './privacy-access';
import { patientIdsOf, recordPrivacy } from './privacy-audit';
import type { PrivacyPorts } from './privacy-ports';

/** A validated `POST /privacy/requests` body (shapes and lengths checked; the correction rules are checked here). */
export interface PrivacyRequestInput {
  readonly requestType: PrivacyRequestType;
  readonly subjectType: PrivacySubjectType;
  readonly subjectId: string;
  readonly informationRequested?: string;
  readonly correctionDetails?: { readonly field: string; readonly requestedValue: string; readonly reason?: string };
  readonly externalRequestor?: ExternalRequestor;
}

/** The correction of a `correction` request, checked against the allow-list; other types take none. */
const correctionOf = (input: PrivacyRequestInput): CorrectionDetails | null => {
  const details = input.correctionDetails;
  if (input.requestType !== 'correction') {
    if (details !== undefined) throw new ValidationError(['"correctionDetails" is not allowed']);
    return null;
  }
  if (details === undefined) throw new ValidationError(['"correctionDetails" is required']);
  const check: CorrectionCheck = checkCorrection(input.subjectType, details.field, details.requestedValue);
  if (!check.ok) throw new ValidationError([check.problem]);
  const reason = details.reason?.trim();
  return {
    field: check.field,
    requestedValue: check.value,
    reason: reason === undefined || reason === '' ? null : reason,
  };
};

/**
 * `CreatePrivacyRequest` (DOMAIN.md §11.8 #7, `POST /privacy/requests`): any caregiver about themselves;
 * orgAdmins also about their organisation's patients and caregivers, and for external requestors; superAdmins
 * about anyone. The request starts `pending`, due in 30 days.
 */
export class CreatePrivacyRequest {
  constructor(private readonly ports: PrivacyPorts) {}

  async execute(scope: AccessScope, input: PrivacyRequestInput, actor: Actor): Promise<PrivacyRequest> {
    const { ports } = this;
    const correction = correctionOf(input);
    const subject = await resolveSubject(ports, input.subjectType, input.subjectId);
    const external = input.externalRequestor !== undefined;
    await enforceSubjectDecision(
      ports,
      scope,
      actor,
      'privacy.request.create',
      subject,
      authorizeRequestFiling(scope, subject, external),
    );
    const informationRequested = input.informationRequested?.trim();
    const request = createPrivacyRequest({
      id: ports.ids.next(),
      orgId: subject.orgId,
      requestType: input.requestType,
      subjectType: subject.type,
      subjectId: subject.id,
      requestedBy: scope.caregiverId,
      informationRequested:
        informationRequested === undefined || informationRequested === '' ? null : informationRequested,
      correctionDetails: correction,
      externalRequestor: input.externalRequestor ?? null,
      now: ports.clock.now(),
    });
    await ports.uow.run(async () => {
      await ports.requests.insert(request);
      await recordPrivacy(
        ports,
        actor,
        'CREATE',
        'privacy.request.create',
        { type: 'privacyRequest', id: request.id, orgId: request.orgId },
        patientIdsOf(request.subjectType, request.subjectId),
        {
          requestType: request.requestType,
          subjectType: request.subjectType,
          external,
          ...(correction === null ? {} : { changedFields: correction.field }),
        },
      );
    });
    return request;
  }
}
