import type { AccessScope } from '../../domain/identity/roles';
import { applyPatientChanges, type PatientChanges } from '../../domain/patients/patient';
import {
  echoProblems,
  limitedToCareFields,
  nonCareChanges,
  type IdentityEcho,
} from '../../domain/patients/patient-policy';
import type { Actor } from '../../domain/shared/actor';
import { ValidationError } from '../../domain/shared/errors';
import { applyImageChange, type ImageChange } from '../identity/image-change';
import { releasingOnFailure, storeInlineImage, type StoredImageChange } from '../identity/inline-images';
import { loadPatientFor } from './patient-access';
import { denyPatientAccess, recordPhi } from './patient-audit';
import { emailTaken, patientNotFound } from './patient-errors';
import { emitPatientEvent } from './patient-events';
import { ownedUpload, patientUploads, releaseUpload } from './patient-media';
import type { PatientPorts } from './patient-ports';
import { loadPatientView, type PatientView } from './patient-views';

/** A validated `PATCH /patients/:id` body; absent keys stay as they are, null clears an optional field. */
export interface PatientUpdateInput {
  readonly name?: string;
  readonly email?: string | null;
  readonly phone?: string;
  readonly avatar?: ImageChange;
  readonly preferredLanguage?: string;
  readonly preferredName?: string | null;
  readonly timezone?: string | null;
  readonly age?: number | null;
  readonly notes?: string | null;
}

/**
 * The changes with the avatar resolved. A link to one of our stored images is kept only as an echo of the
 * patient's own (RESOLUTIONS.md 4) or as the image just stored from an inline `data:` value: another record's
 * image is never shared, so deleting one never breaks another.
 */
const resolveChanges = (
  ports: PatientPorts,
  currentAvatar: string | null,
  input: PatientUpdateInput,
  avatar: StoredImageChange,
): PatientChanges => {
  const { avatar: _raw, ...rest } = input;
  const change = avatar.change;
  if (change === undefined) return rest;
  const foreignUpload =
    change.kind === 'url' &&
    change.url !== currentAvatar &&
    change.url !== avatar.uploaded &&
    ownedUpload(ports, change.url) !== null;
  return foreignUpload ? rest : { ...rest, avatar: applyImageChange(currentAvatar, change) };
};

/** The avatar as the care-field check sees it before an inline image is stored (the avatar is a care field). */
const unstored = (change: ImageChange | undefined): StoredImageChange => ({
  change: change?.kind === 'inline' ? { kind: 'keep' } : change,
  uploaded: null,
});

/**
 * `UpdatePatient` (`PATCH /patients/:id`). Admins change every editable field; assigned staff only the care
 * fields (`preferredName`, `preferredLanguage`, `timezone`, `notes`, `avatar`), any other key being accepted only
 * with its stored value (API-CONTRACT.md §4.7; RESOLUTIONS.md 35 makes the contract's matrix the rule). Echoed
 * `id`/`org` must match the stored patient. The address stays unique within the organisation.
 */
export class UpdatePatient {
  constructor(private readonly ports: PatientPorts) {}

  async execute(
    scope: AccessScope,
    patientId: string,
    input: PatientUpdateInput,
    echo: IdentityEcho,
    actor: Actor,
  ): Promise<PatientView> {
    const { ports } = this;
    const target = await loadPatientFor(ports, scope, patientId, 'patient.update', actor);
    const problems = echoProblems(target, echo);
    if (problems.length > 0) throw new ValidationError(problems);
    if (limitedToCareFields(scope.role)) {
      const refused = nonCareChanges(target, resolveChanges(ports, target.avatar, input, unstored(input.avatar)));
      if (refused.length > 0) {
        await denyPatientAccess(
          ports,
          actor,
          'patient.update',
          { type: 'patient', id: target.id, orgId: target.orgId, patientIds: [target.id] },
          `care_fields_only:${refused.join(',')}`,
        );
      }
    }
    const newEmail = input.email !== undefined && input.email !== null && input.email !== target.email;
    if (newEmail && (await ports.patients.isEmailTaken(target.orgId, input.email, target.id))) {
      throw emailTaken();
    }

    const uploads = patientUploads(ports);
    const avatar = await storeInlineImage(uploads, 'avatar', input.avatar);

    const saved = await releasingOnFailure(uploads, [avatar.uploaded], () =>
      ports.uow.run(async () => {
        const current = await ports.patients.findById(target.id);
        if (current === null) throw patientNotFound();
        const { next, changed } = applyPatientChanges(current, resolveChanges(ports, current.avatar, input, avatar));
        if (changed.includes('email') && next.email !== null) {
          if (await ports.patients.isEmailTaken(current.orgId, next.email, current.id)) throw emailTaken();
        }
        const stored =
          changed.length === 0 ? current : await ports.patients.update({ ...next, updatedAt: ports.clock.now() });
        if (changed.length > 0) {
          await ports.schedules.patientUpdated(current, stored, actor);
          await emitPatientEvent(ports, 'PatientUpdated', stored, actor, {
            changedFields: [...changed],
            timezoneChanged: changed.includes('timezone'),
            languageChanged: changed.includes('preferredLanguage'),
            phoneChanged: changed.includes('phone'),
          });
        }
        await recordPhi(ports, actor, 'UPDATE', { type: 'patient', id: stored.id, orgId: stored.orgId }, [stored.id], {
          changedFields: changed.join(','),
        });
        return { stored, replacedAvatar: changed.includes('avatar') ? current.avatar : null };
      }),
    );
    await releaseUpload(ports, saved.replacedAvatar);
    return loadPatientView(ports, saved.stored);
  }
}
