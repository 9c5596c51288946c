import type { AccessScope } from '../../domain/identity/roles';
import type { Actor } from '../../domain/shared/actor';
import { phraseNotFound } from './emergency-phrase-errors';
import type { EmergencyPhrasePorts } from './emergency-phrase-ports';
import { loadPhraseFor } from './phrase-access';
import { emitPhrasesChanged, recordPhraseChange } from './phrase-audit';

/**
 * `DeleteEmergencyPhrase` (DOMAIN.md §7.4 #7, `DELETE /v1/emergency-phrases/:id`): a hard delete (detections keep
 * the phrase id); orgAdmins delete their organisation's phrases only.
 */
export class DeleteEmergencyPhrase {
  constructor(private readonly ports: EmergencyPhrasePorts) {}

  async execute(scope: AccessScope, phraseId: string, actor: Actor): Promise<void> {
    const { ports } = this;
    const phrase = await loadPhraseFor(ports, scope, phraseId, 'emergencyPhrase.manage', actor);
    await ports.uow.run(async () => {
      if (!(await ports.phrases.delete(phrase.id))) throw phraseNotFound();
      await recordPhraseChange(ports, actor, 'delete', phrase);
      await emitPhrasesChanged(ports, actor, 'delete', phrase);
    });
    ports.catalog.invalidate(phrase);
  }
}
