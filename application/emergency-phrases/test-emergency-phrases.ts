import { dryRunResultOf, type DryRunResult } from '../../domain/emergencies/emergency-detector';
import type { AccessScope } from '../../domain/identity/roles';
import type { Actor } from '../../domain/shared/actor';
import type { EmergencyPhrasePorts } from './emergency-phrase-ports';
import { requirePhraseAccess } from './phrase-access';

/**
 * `DryRunDetection` (DOMAIN.md §7.4 #2, `POST /v1/emergency-phrases/test`): runs the detector with the caller's
 * organisation's effective set over `text`, exactly as a patient turn would be, and raises nothing.
 */
export class TestEmergencyPhrases {
  constructor(private readonly ports: EmergencyPhrasePorts) {}

  async execute(scope: AccessScope, input: { text: string; language: string }, actor: Actor): Promise<DryRunResult> {
    await requirePhraseAccess(this.ports, scope, 'emergencyPhrase.read', actor);
    const detection = await this.ports.catalog.detect({
      orgId: scope.orgId,
      language: input.language,
      text: input.text,
    });
    return dryRunResultOf(detection);
  }
}
