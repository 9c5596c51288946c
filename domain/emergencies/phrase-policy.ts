import type { AccessDecision, AccessScope } from '../identity/roles';
import type { EmergencyPhrase, PhraseScope } from './emergency-phrase';

/**
 * The emergency-phrase rows of the permission matrix (API-CONTRACT.md §2.8): staff have no access; orgAdmins
 * read the global phrases and their organisation's, and manage only their organisation's; superAdmins read and
 * manage all. Another organisation's phrase is not found for everyone but a superAdmin (no existence leak).
 */
export type PhraseCapability = 'emergencyPhrase.read' | 'emergencyPhrase.manage';

export const authorizePhrase = (
  scope: AccessScope,
  capability: PhraseCapability,
  phrase: Pick<EmergencyPhrase, 'scope' | 'orgId'>,
): AccessDecision => {
  if (scope.role === 'superAdmin') return 'allow';
  if (phrase.scope === 'org' && phrase.orgId !== scope.orgId) return 'not-found';
  if (scope.role !== 'orgAdmin') return 'forbidden';
  if (phrase.scope === 'global') return capability === 'emergencyPhrase.read' ? 'allow' : 'forbidden';
  return 'allow';
};

/** Whether the role may use the phrase endpoints at all (lists, creation, dry runs). */
export const mayUsePhrases = (scope: AccessScope): boolean => scope.role === 'orgAdmin' || scope.role === 'superAdmin';

export interface PhrasePlacement {
  readonly scope: PhraseScope;
  readonly orgId: string | null;
}

export type PlacementDecision =
  | { readonly kind: 'allow'; readonly placement: PhrasePlacement }
  | { readonly kind: 'forbidden'; readonly rule: string }
  | { readonly kind: 'invalid'; readonly problem: string };

/**
 * Where a created or moved phrase goes (API-CONTRACT.md §6.3): an orgAdmin's phrase is always an `org` phrase of
 * their own organisation (asking for `global` or another organisation is a 403); a superAdmin's is `global` unless
 * it names `scope: 'org'` or an organisation, and an `org` phrase needs its organisation.
 */
export const placePhrase = (
  scope: AccessScope,
  requested: { readonly scope?: PhraseScope; readonly orgId?: string | null },
  current: PhrasePlacement | null = null,
): PlacementDecision => {
  const wantedScope = requested.scope ?? (requested.orgId ? 'org' : (current?.scope ?? null));
  if (scope.role !== 'superAdmin') {
    if (wantedScope === 'global') return { kind: 'forbidden', rule: 'global_phrase' };
    const orgId = requested.orgId ?? scope.orgId;
    if (orgId !== scope.orgId) return { kind: 'forbidden', rule: 'other_org_request' };
    return { kind: 'allow', placement: { scope: 'org', orgId } };
  }
  const finalScope: PhraseScope = wantedScope ?? 'global';
  if (finalScope === 'global') {
    if (requested.orgId) return { kind: 'invalid', problem: '"org" is not allowed' };
    return { kind: 'allow', placement: { scope: 'global', orgId: null } };
  }
  const orgId = requested.orgId === undefined ? (current?.orgId ?? null) : requested.orgId;
  if (orgId === null) return { kind: 'invalid', problem: '"org" is required' };
  return { kind: 'allow', placement: { scope: 'org', orgId } };
};
