import type { ObjectId } from 'mongodb';
import type { CallRetrySettings, Org } from '../../../domain/identity/org';
import { hexOf, toObjectId } from './object-ids';

/** An org as stored: `_id` is the ObjectId of `id`, dates are BSON dates, absent values are `null`. */
export interface OrgDocument {
  _id: ObjectId;
  name: string;
  email: string;
  phone: string | null;
  avatar: string | null;
  logo: string | null;
  isEmailVerified: boolean;
  timezone: string;
  callRetrySettings: CallRetrySettings;
  stripeCustomerId: string | null;
  isPlatform: boolean;
  deletedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export const orgToDocument = (org: Org): OrgDocument => ({
  _id: toObjectId(org.id),
  name: org.name,
  email: org.email,
  phone: org.phone,
  avatar: org.avatar,
  logo: org.logo,
  isEmailVerified: org.isEmailVerified,
  timezone: org.timezone,
  callRetrySettings: {
    retryCount: org.callRetrySettings.retryCount,
    retryIntervalMinutes: org.callRetrySettings.retryIntervalMinutes,
    alertOnAllMissedCalls: org.callRetrySettings.alertOnAllMissedCalls,
  },
  stripeCustomerId: org.stripeCustomerId,
  isPlatform: org.isPlatform,
  deletedAt: org.deletedAt,
  createdAt: org.createdAt,
  updatedAt: org.updatedAt,
  version: org.version,
});

export const orgFromDocument = (doc: OrgDocument): Org => ({
  id: hexOf(doc._id),
  name: doc.name,
  email: doc.email,
  phone: doc.phone,
  avatar: doc.avatar,
  logo: doc.logo,
  isEmailVerified: doc.isEmailVerified,
  timezone: doc.timezone,
  callRetrySettings: {
    retryCount: doc.callRetrySettings.retryCount,
    retryIntervalMinutes: doc.callRetrySettings.retryIntervalMinutes,
    alertOnAllMissedCalls: doc.callRetrySettings.alertOnAllMissedCalls,
  },
  stripeCustomerId: doc.stripeCustomerId,
  isPlatform: doc.isPlatform,
  deletedAt: doc.deletedAt,
  createdAt: doc.createdAt,
  updatedAt: doc.updatedAt,
  version: doc.version,
});
