import {
  phraseFieldProblems,
  type EmergencyPhrase,
  type EmergencyPhraseChanges,
} from '../../domain/emergencies/emergency-phrase';
import { placePhrase, type PhrasePlacement } from '../../domain/emergencies/phrase-policy';
import type { AccessScope } from '../../domain/identity/roles';
import type { Actor } from '../../domain/shared/actor';
import { ValidationError } from '../../domain/shared/errors';
import { orgNotFound } from './emergency-phrase-errors';
import type { EmergencyPhrasePorts } from './emergency-phrase-ports';
import { denyPhraseAccess } from './phrase-audit';

/**
 * Decides where a created or edited phrase belongs (API-CONTRACT.md §6.3) and checks its free-text fields:
 * an orgAdmin asking for `global` or another organisation gets an audited 403; a superAdmin naming an unknown
 * organisation gets 404 `Org not found`; a missing or superfluous `org` is a 400.
 */
export const resolvePlacement = async (
  ports: EmergencyPhrasePorts,
  scope: AccessScope,
  requested: Pick<EmergencyPhraseChanges, 'scope' | 'orgId'>,
  current: EmergencyPhrase | null,
  actor: Actor,
): Promise<PhrasePlacement> => {
  const decision = placePhrase(
    scope,
    {
      ...(requested.scope === undefined ? {} : { scope: requested.scope }),
      ...(requested.orgId === undefined ? {} : { orgId: requested.orgId }),
    },
    current,
  );
  if (decision.kind === 'invalid') throw new ValidationError([decision.problem]);
  if (decision.kind === 'forbidden') {
    const orgId = requested.orgId ?? scope.orgId;
    return denyPhraseAccess(
      ports,
      actor,
      'emergencyPhrase.manage',
      current === null ? { type: 'org', id: orgId, orgId } : { type: 'emergencyPhrase', id: current.id, orgId },
      decision.rule,
    );
  }
  const { orgId } = decision.placement;
  const moved = orgId !== null && orgId !== scope.orgId && orgId !== current?.orgId;
  if (moved && (await ports.orgs.findById(orgId)) === null) throw orgNotFound();
  return decision.placement;
};

/** Joi-worded problems of label, description and tags, thrown as one 400. */
export const refuseFieldProblems = (fields: Parameters<typeof phraseFieldProblems>[0]): void => {
  const problems = phraseFieldProblems(fields);
  if (problems.length > 0) throw new ValidationError(problems);
};
