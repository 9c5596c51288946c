import type { AccessScope } from '../../domain/identity/roles';
import type { Actor } from '../../domain/shared/actor';
import { RateLimitedError } from '../../domain/shared/errors';
import { checkedImageType } from '../../domain/shared/images';
import { caregiverResource, deny, guardAccess } from './access-guard';
import { audit } from './audit-trail';
import { caregiverNotFound } from './identity-errors';
import type { IdentityPorts } from './identity-ports';
import { releaseImage, releasingOnFailure, storeInlineImage } from './inline-images';
import { modifyCaregiver } from './modify-caregiver';
import { loadCaregiverView, type CaregiverView } from './views';

/**
 * `POST /caregivers/:id/avatar` (API-CONTRACT.md §4.6): oneself, an admin for a member of the org, a superAdmin
 * for anyone (a superAdmin's account only by a superAdmin), as for `PATCH /caregivers/:id`. The image is checked
 * by content (JPEG, PNG, WebP; 5 MB), stored under an unguessable name and linked absolutely; the image it
 * replaces is deleted once the change is committed, the new one if it fails. Counts toward the `uploads` limit.
 */
export class UploadCaregiverAvatar {
  constructor(private readonly ports: IdentityPorts) {}

  async execute(scope: AccessScope, caregiverId: string, bytes: Uint8Array, actor: Actor): Promise<CaregiverView> {
    const { ports } = this;
    const target = await ports.caregivers.findById(caregiverId);
    if (target === null) throw caregiverNotFound();
    if (target.id !== scope.caregiverId) {
      const resource = caregiverResource(target);
      await guardAccess(ports, scope, 'caregiver.updateOther', resource, actor, caregiverNotFound);
      if (target.role === 'superAdmin' && scope.role !== 'superAdmin') {
        await deny(ports, actor, 'caregiver.updateOther', resource, 'superadmin_target');
      }
    }
    // The content is checked before the attempt is counted, as for the patient avatar.
    checkedImageType(bytes);
    const { images } = ports;
    const limit = await ports.rateLimiter.consume('uploads', scope.caregiverId);
    if (limit.limited) throw new RateLimitedError(limit.retryAfterSeconds);
    const stored = await storeInlineImage(images, 'avatar', { kind: 'inline', bytes });
    const url = stored.uploaded;
    const outcome = await releasingOnFailure(images, [url], () =>
      ports.uow.run(async () => {
        const previous: { avatar: string | null } = { avatar: null };
        const saved = await modifyCaregiver(ports, target.id, (current) => {
          previous.avatar = current.avatar;
          return { ...current, avatar: url, updatedAt: ports.clock.now() };
        });
        await audit(
          ports,
          actor,
          'CAREGIVER_UPDATED',
          'success',
          { type: 'caregiver', id: saved.id, orgId: saved.orgId },
          { fields: 'avatar', self: saved.id === scope.caregiverId, upload: true },
        );
        return { saved, replaced: previous.avatar };
      }),
    );
    await releaseImage(images, outcome.replaced);
    return loadCaregiverView(ports, outcome.saved);
  }
}
