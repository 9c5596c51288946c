import {
  createEmergencyPhrase,
  defaultBoundary,
  type Boundary,
  type Category,
  type EmergencyPhrase,
  type PhraseLanguage,
  type PhraseScope,
  type Severity,
} from '../../domain/emergencies/emergency-phrase';
import type { AccessScope } from '../../domain/identity/roles';
import type { Actor } from '../../domain/shared/actor';
import type { EmergencyPhrasePorts } from './emergency-phrase-ports';
import { checkPattern } from './pattern-check';
import { requirePhraseAccess } from './phrase-access';
import { emitPhrasesChanged, recordPhraseChange } from './phrase-audit';
import { refuseFieldProblems, resolvePlacement } from './phrase-placement';

export interface PhraseCreateInput {
  readonly label: string;
  readonly pattern: string;
  readonly language: PhraseLanguage;
  readonly category: Category;
  readonly severity: Severity;
  readonly boundary?: Boundary;
  readonly isActive?: boolean;
  readonly description?: string | null;
  readonly tags?: readonly string[];
  readonly scope?: PhraseScope;
  readonly orgId?: string | null;
}

/**
 * `CreateEmergencyPhrase` (DOMAIN.md §7.4 #5, `POST /v1/emergency-phrases`): validates the pattern (static check,
 * then the timed probe) and stores the phrase; orgAdmins always add `org` phrases of their own organisation. The
 * shared detection cache drops the affected sets as soon as the transaction commits.
 */
export class CreateEmergencyPhrase {
  constructor(private readonly ports: EmergencyPhrasePorts) {}

  async execute(scope: AccessScope, input: PhraseCreateInput, actor: Actor): Promise<EmergencyPhrase> {
    const { ports } = this;
    await requirePhraseAccess(ports, scope, 'emergencyPhrase.manage', actor);
    const placement = await resolvePlacement(ports, scope, input, null, actor);
    refuseFieldProblems(input);
    const boundary = input.boundary ?? defaultBoundary(input.language);
    await checkPattern(ports.probe, input.pattern, boundary);
    const phrase = createEmergencyPhrase({
      ...input,
      ...placement,
      id: ports.ids.next(),
      boundary,
      author: scope.caregiverId,
      now: ports.clock.now(),
    });
    await ports.uow.run(async () => {
      await ports.phrases.insert(phrase);
      await recordPhraseChange(ports, actor, 'create', phrase);
      await emitPhrasesChanged(ports, actor, 'create', phrase);
    });
    ports.catalog.invalidate(phrase);
    return phrase;
  }
}
