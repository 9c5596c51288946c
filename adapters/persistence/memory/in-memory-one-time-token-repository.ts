import type { OneTimeTokenType } from '../../../domain/identity/identity-policy';
import type { OneTimeToken } from '../../../domain/identity/one-time-token';
import type { OneTimeTokenRepository } from '../../../application/ports/one-time-token-repository';
import type { MemoryDatabase } from './memory-database';

export class InMemoryOneTimeTokenRepository implements OneTimeTokenRepository {
  constructor(private readonly db: MemoryDatabase) {}

  private get tokens() {
    return this.db.collection<OneTimeToken>('one_time_tokens');
  }

  insert(token: OneTimeToken): Promise<void> {
    this.tokens.put(token);
    return Promise.resolve();
  }

  findByHash(tokenHash: string): Promise<OneTimeToken | null> {
    return Promise.resolve(this.tokens.find((t) => t.tokenHash === tokenHash)[0] ?? null);
  }

  markUsed(id: string, at: Date): Promise<void> {
    const token = this.tokens.get(id);
    if (token) this.tokens.put({ ...token, usedAt: at });
    return Promise.resolve();
  }

  revokeUnused(caregiverId: string, type: OneTimeTokenType, at: Date): Promise<void> {
    for (const t of this.tokens.find(
      (x) => x.caregiverId === caregiverId && x.type === type && x.usedAt === null && x.revokedAt === null,
    )) {
      this.tokens.put({ ...t, revokedAt: at });
    }
    return Promise.resolve();
  }

  latestOfType(caregiverId: string, type: OneTimeTokenType): Promise<OneTimeToken | null> {
    const mine = this.tokens.find((t) => t.caregiverId === caregiverId && t.type === type);
    mine.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
    return Promise.resolve(mine[0] ?? null);
  }

  revokeAllOf(caregiverId: string, at: Date): Promise<void> {
    for (const t of this.tokens.find(
      (x) => x.caregiverId === caregiverId && x.usedAt === null && x.revokedAt === null,
    )) {
      this.tokens.put({ ...t, revokedAt: at });
    }
    return Promise.resolve();
  }
}
