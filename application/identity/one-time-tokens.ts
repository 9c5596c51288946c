import type { Caregiver } from '../../domain/identity/caregiver';
import { addMs, minutes, type OneTimeTokenType } from '../../domain/identity/identity-policy';
import { tokenProblem, type OneTimeToken, type TokenProblem } from '../../domain/identity/one-time-token';
import type { IdentityPorts } from './identity-ports';

/** Issues a single-use token (earlier unused ones of the type are revoked); returns the plain token to e-mail. */
export const issueOneTimeToken = async (
  ports: IdentityPorts,
  caregiver: Caregiver,
  type: OneTimeTokenType,
  data: Record<string, string> = {},
): Promise<string> => {
  const now = ports.clock.now();
  const token = ports.random.token();
  await ports.tokens.revokeUnused(caregiver.id, type, now);
  await ports.tokens.insert({
    id: ports.ids.next(),
    type,
    caregiverId: caregiver.id,
    orgId: caregiver.orgId,
    tokenHash: ports.hasher.sha256(token),
    expiresAt: addMs(now, minutes(ports.policy.tokenLifetimesMinutes[type])),
    usedAt: null,
    revokedAt: null,
    createdAt: now,
    data,
  });
  return token;
};

export type TokenLookup =
  | { readonly ok: true; readonly token: OneTimeToken }
  | { readonly ok: false; readonly problem: TokenProblem; readonly token: OneTimeToken | null };

/** Finds a presented token of one of `types` and says whether it can be used now. */
export const lookUpOneTimeToken = async (
  ports: IdentityPorts,
  plain: string,
  types: readonly OneTimeTokenType[],
): Promise<TokenLookup> => {
  const found = await ports.tokens.findByHash(ports.hasher.sha256(plain));
  const token = found !== null && types.includes(found.type) ? found : null;
  const problem = tokenProblem(token, ports.clock.now());
  return problem === null && token !== null ? { ok: true, token } : { ok: false, problem: problem ?? 'UNKNOWN', token };
};
