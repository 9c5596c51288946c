import type {
  Category,
  EmergencyPhrase,
  PhraseLanguage,
  PhraseScope,
  Severity,
} from '../../domain/emergencies/emergency-phrase';
import type { AccessScope } from '../../domain/identity/roles';
import type { Actor } from '../../domain/shared/actor';
import type { EmergencyPhrasePorts } from './emergency-phrase-ports';
import { orgForPhraseRequest, requirePhraseAccess } from './phrase-access';

export interface PhraseListInput {
  readonly language?: PhraseLanguage;
  readonly category?: Category;
  readonly severity?: Severity;
  readonly scope?: PhraseScope;
  readonly isActive?: boolean;
  /** Another organisation's phrases (superAdmins only). */
  readonly orgId?: string;
}

/**
 * `ListEmergencyPhrases` (DOMAIN.md §7.4 #3, `GET /v1/emergency-phrases`): the global phrases plus the caller's
 * organisation's (a superAdmin may name another), filtered. Phrases are configuration, not PHI: the read is not
 * audited, refusals are.
 */
export class ListEmergencyPhrases {
  constructor(private readonly ports: EmergencyPhrasePorts) {}

  async execute(scope: AccessScope, input: PhraseListInput, actor: Actor): Promise<readonly EmergencyPhrase[]> {
    const { ports } = this;
    await requirePhraseAccess(ports, scope, 'emergencyPhrase.read', actor);
    const orgId = await orgForPhraseRequest(ports, scope, input.orgId, 'emergencyPhrase.read', actor);
    return ports.phrases.list({
      orgId,
      ...(input.scope === undefined ? {} : { scope: input.scope }),
      ...(input.language === undefined ? {} : { language: input.language }),
      ...(input.category === undefined ? {} : { category: input.category }),
      ...(input.severity === undefined ? {} : { severity: input.severity }),
      ...(input.isActive === undefined ? {} : { isActive: input.isActive }),
    });
  }
}
