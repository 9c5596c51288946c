import { randomUUID } from 'node:crypto';
import type { IdGenerator } from '../../../application/ports/id-generator';
import type { Logger } from '../../../application/ports/logger';

/** Options shared by the outbox senders of the embedded profile. */
export interface OutboxSenderOptions {
  /** Sender recorded on every captured message (e-mail address, or SMS sender id). */
  readonly from: string;
  /** Where the one-line notice per message goes; no notice when omitted. */
  readonly logger?: Logger;
  /**
   * Embedded demo only: the notice also carries the subject and the links of the message, so a demo user can
   * follow a verification or reset link without a mail server. Never the recipient or the body.
   */
  readonly printToLog?: boolean;
  /** Message ids; random UUIDs when omitted. */
  readonly ids?: IdGenerator;
}

export const newOutboxMessageId = (ids: IdGenerator | undefined): string =>
  ids === undefined ? `outbox-${randomUUID()}` : ids.next();

const linkPattern = /\bhttps?:\/\/[^\s<>"'`]+/gi;
const trailingPunctuation = /[.,;:!?)\]}]+$/;

/** Absolute http(s) links in `text`, in order of appearance, without duplicates or trailing punctuation. */
export const extractLinks = (text: string): string[] => {
  const found = new Set<string>();
  for (const match of text.matchAll(linkPattern)) {
    const link = match[0].replace(trailingPunctuation, '');
    if (link.length > 0) found.add(link);
  }
  return [...found];
};

export interface OutboxNotice {
  readonly channel: 'email' | 'sms';
  readonly messageId: string;
  readonly subject: string;
  readonly text: string;
}

/** One log line per captured message: `{ messageId, channel }`, plus subject and links in demo mode. */
export const logOutboxNotice = (options: OutboxSenderOptions, notice: OutboxNotice): void => {
  const { logger } = options;
  if (logger === undefined) return;
  const label = notice.channel === 'email' ? 'e-mail' : 'SMS';
  if (options.printToLog === true) {
    const fields: Record<string, unknown> = { messageId: notice.messageId, channel: notice.channel };
    if (notice.subject.length > 0) fields['subject'] = notice.subject;
    fields['links'] = extractLinks(notice.text);
    logger.info(fields, `${label} recorded in the outbox (not delivered)`);
    return;
  }
  logger.info({ messageId: notice.messageId, channel: notice.channel }, `${label} recorded in the outbox`);
};
