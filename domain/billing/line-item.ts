import { DateTime } from 'luxon';
import type { Call } from '../calls/call';
import type { CallRating } from './rate-call';

/**
 * LineItem (DOMAIN.md §9.1): one per billable call, written in the call's terminal transaction and invoiced later.
 * Carries no PHI: the description names only the billed length.
 */
export interface LineItem {
  readonly id: string;
  readonly orgId: string;
  readonly patientId: string;
  /** Unique: one line item per call. */
  readonly callId: string;
  readonly conversationId: string | null;
  /** Null until invoiced. */
  readonly invoiceId: string | null;
  readonly description: string;
  readonly billableSeconds: number;
  readonly ratePerMinuteMillicents: number;
  readonly amountMillicents: number;
  /** The call's `endedAt`. */
  readonly occurredAt: Date;
  /** `YYYY-MM` of `occurredAt` in the org's time zone at rating time. */
  readonly periodKey: string;
  readonly createdAt: Date;
}

/** "Wellness call, <m> min <s> s". */
export const lineItemDescription = (billableSeconds: number): string =>
  `Wellness call, ${Math.floor(billableSeconds / 60)} min ${billableSeconds % 60} s`;

/** The billing month of an instant in an IANA zone (UTC when the zone is unknown). */
export const periodKeyOf = (at: Date, timezone: string): string => {
  const local = DateTime.fromJSDate(at, { zone: timezone });
  return (local.isValid ? local : DateTime.fromJSDate(at, { zone: 'utc' })).toFormat('yyyy-MM');
};

export interface NewLineItem {
  readonly id: string;
  readonly call: Pick<Call, 'id' | 'orgId' | 'patientId' | 'conversationId' | 'endedAt'>;
  readonly rating: CallRating;
  readonly orgTimezone: string;
  readonly now: Date;
}

export const createLineItem = (input: NewLineItem): LineItem => {
  const occurredAt = input.call.endedAt ?? input.now;
  return {
    id: input.id,
    orgId: input.call.orgId,
    patientId: input.call.patientId,
    callId: input.call.id,
    conversationId: input.call.conversationId,
    invoiceId: null,
    description: lineItemDescription(input.rating.billableSeconds),
    billableSeconds: input.rating.billableSeconds,
    ratePerMinuteMillicents: input.rating.ratePerMinuteMillicents,
    amountMillicents: input.rating.amountMillicents,
    occurredAt,
    periodKey: periodKeyOf(occurredAt, input.orgTimezone),
    createdAt: input.now,
  };
};
