import type { EmergencyPhrase } from '../../domain/emergencies/emergency-phrase';
import { authorizePhrase, mayUsePhrases, type PhraseCapability } from '../../domain/emergencies/phrase-policy';
import type { AccessScope } from '../../domain/identity/roles';
import type { Actor } from '../../domain/shared/actor';
import { orgNotFound, phraseNotFound } from './emergency-phrase-errors';
import type { EmergencyPhrasePorts } from './emergency-phrase-ports';
import { denyPhraseAccess, recordPhraseDenial } from './phrase-audit';

/** Staff have no access to emergency phrases at all: an audited 403 before anything is read. */
export const requirePhraseAccess = async (
  ports: EmergencyPhrasePorts,
  scope: AccessScope,
  capability: PhraseCapability,
  actor: Actor,
): Promise<void> => {
  if (!mayUsePhrases(scope)) {
    await denyPhraseAccess(ports, actor, capability, { type: 'org', id: scope.orgId, orgId: scope.orgId }, 'role');
  }
};

/**
 * Loads a phrase the caller may read or manage. Unknown phrases and other organisations' phrases are the same
 * 404 (the cross-organisation probe is audited); a global phrase an orgAdmin tries to change is an audited 403.
 */
export const loadPhraseFor = async (
  ports: EmergencyPhrasePorts,
  scope: AccessScope,
  phraseId: string,
  capability: PhraseCapability,
  actor: Actor,
): Promise<EmergencyPhrase> => {
  await requirePhraseAccess(ports, scope, capability, actor);
  const phrase = await ports.phrases.findById(phraseId);
  if (phrase === null) throw phraseNotFound();
  const decision = authorizePhrase(scope, capability, phrase);
  if (decision === 'allow') return phrase;
  const resource = { type: 'emergencyPhrase' as const, id: phrase.id, orgId: phrase.orgId };
  if (decision === 'not-found') {
    await recordPhraseDenial(ports, actor, capability, resource, 'other_org');
    throw phraseNotFound();
  }
  return denyPhraseAccess(ports, actor, capability, resource, phrase.scope === 'global' ? 'global_phrase' : undefined);
};

/**
 * The organisation a request names: the caller's own unless a superAdmin names another (an unknown one is 404
 * `Org not found`). Anyone else naming another organisation gets an audited 403 (API-CONTRACT.md §2.8).
 */
export const orgForPhraseRequest = async (
  ports: EmergencyPhrasePorts,
  scope: AccessScope,
  requested: string | undefined,
  capability: PhraseCapability,
  actor: Actor,
): Promise<string> => {
  const orgId = requested ?? scope.orgId;
  if (orgId === scope.orgId) return orgId;
  if (scope.role !== 'superAdmin') {
    return denyPhraseAccess(ports, actor, capability, { type: 'org', id: orgId, orgId }, 'other_org_request');
  }
  if ((await ports.orgs.findById(orgId)) === null) throw orgNotFound();
  return orgId;
};
