import type { ObjectId } from 'mongodb';
import type { OneTimeTokenType } from '../../../domain/identity/identity-policy';
import type { OneTimeToken } from '../../../domain/identity/one-time-token';
import { hexOf, toObjectId } from './object-ids';

/** A one-time token as stored (only the token's hash, never the token). */
export interface OneTimeTokenDocument {
  _id: ObjectId;
  type: OneTimeTokenType;
  caregiverId: ObjectId;
  orgId: ObjectId;
  tokenHash: string;
  expiresAt: Date;
  usedAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
  data: Record<string, string>;
}

const copyOf = (data: Readonly<Record<string, string>>): Record<string, string> => {
  const copy: Record<string, string> = {};
  for (const [key, value] of Object.entries(data)) if (value !== undefined) copy[key] = value;
  return copy;
};

export const oneTimeTokenToDocument = (t: OneTimeToken): OneTimeTokenDocument => ({
  _id: toObjectId(t.id),
  type: t.type,
  caregiverId: toObjectId(t.caregiverId, 'caregiverId'),
  orgId: toObjectId(t.orgId, 'orgId'),
  tokenHash: t.tokenHash,
  expiresAt: t.expiresAt,
  usedAt: t.usedAt,
  revokedAt: t.revokedAt,
  createdAt: t.createdAt,
  data: copyOf(t.data),
});

export const oneTimeTokenFromDocument = (doc: OneTimeTokenDocument): OneTimeToken => ({
  id: hexOf(doc._id),
  type: doc.type,
  caregiverId: hexOf(doc.caregiverId),
  orgId: hexOf(doc.orgId),
  tokenHash: doc.tokenHash,
  expiresAt: doc.expiresAt,
  usedAt: doc.usedAt,
  revokedAt: doc.revokedAt,
  createdAt: doc.createdAt,
  data: copyOf(doc.data),
});
