import type { EmergencyPhrase } from '../../domain/emergencies/emergency-phrase';
import type { AccessScope } from '../../domain/identity/roles';
import type { Actor } from '../../domain/shared/actor';
import type { EmergencyPhrasePorts } from './emergency-phrase-ports';
import { loadPhraseFor } from './phrase-access';

/** `GetEmergencyPhrase` (DOMAIN.md §7.4 #4): a global phrase or one of the caller's organisation (any for a superAdmin). */
export class GetEmergencyPhrase {
  constructor(private readonly ports: EmergencyPhrasePorts) {}

  execute(scope: AccessScope, phraseId: string, actor: Actor): Promise<EmergencyPhrase> {
    return loadPhraseFor(this.ports, scope, phraseId, 'emergencyPhrase.read', actor);
  }
}
