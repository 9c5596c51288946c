import {
  applyPhraseChanges,
  type EmergencyPhrase,
  type EmergencyPhraseChanges,
} from '../../domain/emergencies/emergency-phrase';
import type { AccessScope } from '../../domain/identity/roles';
import type { Actor } from '../../domain/shared/actor';
import { phraseNotFound } from './emergency-phrase-errors';
import type { EmergencyPhrasePorts } from './emergency-phrase-ports';
import { checkPattern } from './pattern-check';
import { loadPhraseFor } from './phrase-access';
import { emitPhrasesChanged, recordPhraseChange } from './phrase-audit';
import { refuseFieldProblems, resolvePlacement } from './phrase-placement';

/**
 * `UpdateEmergencyPhrase` (DOMAIN.md §7.4 #6, `PATCH /v1/emergency-phrases/:id`): any field, `isActive` included.
 * orgAdmins change their organisation's phrases only (a global phrase is an audited 403). A changed pattern or
 * boundary is checked again. Both the old and the new (organisation, language) sets leave the cache.
 */
export class UpdateEmergencyPhrase {
  constructor(private readonly ports: EmergencyPhrasePorts) {}

  async execute(
    scope: AccessScope,
    phraseId: string,
    changes: EmergencyPhraseChanges,
    actor: Actor,
  ): Promise<EmergencyPhrase> {
    const { ports } = this;
    const target = await loadPhraseFor(ports, scope, phraseId, 'emergencyPhrase.manage', actor);
    const moves = changes.scope !== undefined || changes.orgId !== undefined;
    const placement = moves ? await resolvePlacement(ports, scope, changes, target, actor) : null;
    refuseFieldProblems(changes);
    if (changes.pattern !== undefined || changes.boundary !== undefined) {
      await checkPattern(ports.probe, changes.pattern ?? target.pattern, changes.boundary ?? target.boundary);
    }
    const { before, saved } = await ports.uow.run(async () => {
      const current = await ports.phrases.findById(target.id);
      if (current === null) throw phraseNotFound();
      const { next, changed } = applyPhraseChanges(
        current,
        { ...changes, ...(placement ?? {}) },
        scope.caregiverId,
        ports.clock.now(),
      );
      if (changed.length === 0) return { before: current, saved: current };
      const stored = await ports.phrases.update(next);
      await recordPhraseChange(ports, actor, 'update', stored, changed);
      await emitPhrasesChanged(ports, actor, 'update', stored);
      return { before: current, saved: stored };
    });
    if (saved !== before) {
      ports.catalog.invalidate(before);
      ports.catalog.invalidate(saved);
    }
    return saved;
  }
}
