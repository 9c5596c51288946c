import type { Container, ServiceIdentifier } from 'inversify';
import { ALERT_TOKENS } from '../application/alerts/alert-tokens';
import { CONVERSATION_TOKENS } from '../application/conversations/conversation-tokens';
import { SCHEDULE_TOKENS } from '../application/schedules/schedule-tokens';
import { MongoAlertRepository } from '../adapters/persistence/mongo/mongo-alert-repository';
import type { MongoDatabase } from '../adapters/persistence/mongo/mongo-connection';
import { MongoConversationRepository } from '../adapters/persistence/mongo/mongo-conversation-repository';
import { MongoScheduleRepository } from '../adapters/persistence/mongo/mongo-schedule-repository';

/** Replaces a binding of the embedded profile, or binds it when that context's module did not run. */
const bindOrRebind = (c: Container, token: ServiceIdentifier, value: unknown): void => {
  (c.isBound(token) ? c.rebind(token) : c.bind(token)).toConstantValue(value);
};

/**
 * The Mongo profile of the care contexts: rebinds the schedule, conversation and alert repositories from the memory
 * store to their Mongo adapters on `database` (collections `schedules`, `conversations`, `alerts`). Call it from
 * `bindMongoPersistence`, after bindSchedules, bindConversations and bindAlerts and before anything is resolved:
 * each context's ports capture their repository when first resolved.
 */
export const bindCareMongoRepositories = (c: Container, database: MongoDatabase): void => {
  bindOrRebind(c, SCHEDULE_TOKENS.ScheduleRepository, new MongoScheduleRepository(database));
  bindOrRebind(c, CONVERSATION_TOKENS.ConversationRepository, new MongoConversationRepository(database));
  bindOrRebind(c, ALERT_TOKENS.AlertRepository, new MongoAlertRepository(database));
};
