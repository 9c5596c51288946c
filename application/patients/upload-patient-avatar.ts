import type { AccessScope } from '../../domain/identity/roles';
import type { Patient } from '../../domain/patients/patient';
import type { Actor } from '../../domain/shared/actor';
import { RateLimitedError } from '../../domain/shared/errors';
import { checkedImageType } from '../../domain/shared/images';
import { loadPatientFor } from './patient-access';
import { recordPhi } from './patient-audit';
import { patientNotFound } from './patient-errors';
import { emitPatientEvent } from './patient-events';
import { releaseUpload, uploadUrl } from './patient-media';
import type { PatientPorts } from './patient-ports';
import { loadPatientView, type PatientView } from './patient-views';

/**
 * `UploadPatientAvatar` (`POST /patients/:id/avatar`): assigned staff (the avatar is a care field), the
 * organisation's admins, superAdmins. The image is checked by content (JPEG, PNG, WebP; 5 MB), stored under an
 * unguessable name and linked absolutely; the image it replaces is deleted once the change is committed, and the
 * new one if the change fails. Counts toward the `uploads` limit (10 per hour per caregiver).
 */
export class UploadPatientAvatar {
  constructor(private readonly ports: PatientPorts) {}

  async execute(scope: AccessScope, patientId: string, bytes: Uint8Array, actor: Actor): Promise<PatientView> {
    const { ports } = this;
    const target = await loadPatientFor(ports, scope, patientId, 'patient.update', actor);
    const type = checkedImageType(bytes);
    const limit = await ports.rateLimiter.consume('uploads', scope.caregiverId);
    if (limit.limited) throw new RateLimitedError(limit.retryAfterSeconds);
    const name = await ports.media.put(bytes, type);
    const url = uploadUrl(ports, name);
    let outcome: { saved: Patient; replaced: string | null };
    try {
      outcome = await ports.uow.run(async () => {
        const current = await ports.patients.findById(target.id);
        if (current === null) throw patientNotFound();
        const stored = await ports.patients.update({ ...current, avatar: url, updatedAt: ports.clock.now() });
        await emitPatientEvent(ports, 'PatientUpdated', stored, actor, {
          changedFields: ['avatar'],
          timezoneChanged: false,
          languageChanged: false,
          phoneChanged: false,
        });
        await recordPhi(ports, actor, 'UPDATE', { type: 'patient', id: stored.id, orgId: stored.orgId }, [stored.id], {
          changedFields: 'avatar',
          upload: true,
        });
        return { saved: stored, replaced: current.avatar };
      });
    } catch (error) {
      await releaseUpload(ports, url);
      throw error;
    }
    await releaseUpload(ports, outcome.replaced);
    return loadPatientView(ports, outcome.saved);
  }
}
