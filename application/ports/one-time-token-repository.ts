import type { OneTimeTokenType } from '../../domain/identity/identity-policy';
import type { OneTimeToken } from '../../domain/identity/one-time-token';

export interface OneTimeTokenRepository {
  insert(token: OneTimeToken): Promise<void>;
  findByHash(tokenHash: string): Promise<OneTimeToken | null>;
  markUsed(id: string, at: Date): Promise<void>;
  /** Revokes the caregiver's unused tokens of `type` (issuing a new one retires the earlier ones). */
  revokeUnused(caregiverId: string, type: OneTimeTokenType, at: Date): Promise<void>;
  /** The newest token of `type` issued to the caregiver (throttles automatic e-mails). */
  latestOfType(caregiverId: string, type: OneTimeTokenType): Promise<OneTimeToken | null>;
  /** Revokes every unused token of the caregiver (deletion, org deletion). */
  revokeAllOf(caregiverId: string, at: Date): Promise<void>;
}
