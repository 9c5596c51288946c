import type { Collection } from 'mongodb';
import type { OneTimeTokenType } from '../../../domain/identity/identity-policy';
import type { OneTimeToken } from '../../../domain/identity/one-time-token';
import { conflict } from '../../../domain/shared/errors';
import type { OneTimeTokenRepository } from '../../../application/ports/one-time-token-repository';
import { duplicateId } from '../persistence-conflicts';
import { COLLECTIONS } from './mongo-collections';
import type { MongoDatabase } from './mongo-connection';
import { writeOrConflict, type UniqueRule } from './mongo-errors';
import { UNIQUE_INDEXES } from './mongo-indexes';
import { objectIdOrNull } from './object-ids';
import { oneTimeTokenFromDocument, oneTimeTokenToDocument, type OneTimeTokenDocument } from './one-time-token-mapper';

const UNIQUE: readonly UniqueRule[] = [
  {
    index: UNIQUE_INDEXES.tokenHash,
    field: 'tokenHash',
    conflict: () => conflict('TOKEN_HASH_TAKEN', 'A token with this hash already exists'),
  },
  { index: '_id_', field: '_id', conflict: () => duplicateId('One-time token') },
];

/** E-mailed single-use tokens in `one_time_tokens` (hashes only). Tokens have no soft delete. */
export class MongoOneTimeTokenRepository implements OneTimeTokenRepository {
  constructor(private readonly db: MongoDatabase) {}

  private get tokens(): Collection<OneTimeTokenDocument> {
    return this.db.collection<OneTimeTokenDocument>(COLLECTIONS.oneTimeTokens);
  }

  async insert(token: OneTimeToken): Promise<void> {
    const doc = oneTimeTokenToDocument(token);
    await writeOrConflict(() => this.tokens.insertOne(doc, this.db.options()), UNIQUE);
  }

  async findByHash(tokenHash: string): Promise<OneTimeToken | null> {
    const doc = await this.tokens.findOne({ tokenHash }, this.db.options());
    return doc === null ? null : oneTimeTokenFromDocument(doc);
  }

  async markUsed(id: string, at: Date): Promise<void> {
    const _id = objectIdOrNull(id);
    if (_id === null) return;
    await this.tokens.updateOne({ _id }, { $set: { usedAt: at } }, this.db.options());
  }

  async revokeUnused(caregiverId: string, type: OneTimeTokenType, at: Date): Promise<void> {
    const owner = objectIdOrNull(caregiverId);
    if (owner === null) return;
    await this.tokens.updateMany(
      { caregiverId: owner, type, usedAt: null, revokedAt: null },
      { $set: { revokedAt: at } },
      this.db.options(),
    );
  }

  async latestOfType(caregiverId: string, type: OneTimeTokenType): Promise<OneTimeToken | null> {
    const owner = objectIdOrNull(caregiverId);
    if (owner === null) return null;
    const doc = await this.tokens.findOne(
      { caregiverId: owner, type },
      { ...this.db.options(), sort: { createdAt: -1, _id: -1 } },
    );
    return doc === null ? null : oneTimeTokenFromDocument(doc);
  }

  async revokeAllOf(caregiverId: string, at: Date): Promise<void> {
    const owner = objectIdOrNull(caregiverId);
    if (owner === null) return;
    await this.tokens.updateMany(
      { caregiverId: owner, usedAt: null, revokedAt: null },
      { $set: { revokedAt: at } },
      this.db.options(),
    );
  }
}
