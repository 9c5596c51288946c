import type { AccessScope } from '../../domain/identity/roles';
import { mayDownloadExport } from '../../domain/privacy/privacy-policy';
import { exportDownloadable } from '../../domain/privacy/privacy-request';
import type { Actor } from '../../domain/shared/actor';
import { loadVisibleRequest } from './privacy-access';
import { patientIdsOf, recordPrivacy, recordPrivacyDenial } from './privacy-audit';
import { privacyExportNotFound } from './privacy-errors';
import type { PrivacyPorts } from './privacy-ports';

export interface PrivacyExportFile {
  readonly filename: string;
  /** The JSON document, decrypted. */
  readonly content: string;
}

/**
 * `DownloadPrivacyExport` (DOMAIN.md §11.8 #11, `GET /privacy/requests/:id/export`): the requester of a
 * caregiver's export (or that caregiver), the organisation's admins for a patient's. 404 when the request is not
 * a completed access request, the 7 days are over (the expired exports are then deleted), or the caller is not a
 * recipient. Each download is audited `EXPORT`.
 */
export class DownloadPrivacyExport {
  constructor(private readonly ports: PrivacyPorts) {}

  async execute(scope: AccessScope, requestId: string, actor: Actor): Promise<PrivacyExportFile> {
    const { ports } = this;
    const operation = 'privacy.export.download';
    const request = await loadVisibleRequest(ports, scope, requestId, operation, actor);
    const resource = { type: 'privacyExport' as const, id: request.id, orgId: request.orgId };
    if (!mayDownloadExport(scope, request)) {
      await recordPrivacyDenial(ports, actor, operation, resource, 'not_recipient');
      throw privacyExportNotFound();
    }
    const now = ports.clock.now();
    if (!exportDownloadable(request, now)) {
      await ports.exports.deleteExpired(now);
      throw privacyExportNotFound();
    }
    const stored = await ports.exports.find(request.id);
    if (stored === null || stored.expiresAt.getTime() <= now.getTime()) throw privacyExportNotFound();
    const content = ports.cipher.decrypt(stored.ciphertext);
    await recordPrivacy(
      ports,
      actor,
      'EXPORT',
      operation,
      resource,
      patientIdsOf(request.subjectType, request.subjectId),
      { subjectType: request.subjectType, format: 'json' },
    );
    return { filename: `privacy-export-${request.id}.json`, content };
  }
}
