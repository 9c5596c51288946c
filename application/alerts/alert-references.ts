import type { ConversationRepository } from '../ports/conversation-repository';
import type { ScheduleRepository } from '../ports/schedule-repository';

/**
 * What alert creation asks of the schedules and conversations contexts: the patient a schedule or a conversation
 * belongs to (API-CONTRACT.md §4.10: `createdBy` of a schedule in scope, `relatedConversation` of that patient).
 * Null when unknown.
 */
export interface AlertReferences {
  patientOfSchedule(scheduleId: string): Promise<string | null>;
  patientOfConversation(conversationId: string): Promise<string | null>;
}

/**
 * The references read from the stored schedules and conversations. A deleted schedule is unknown (the repository
 * hides it), so an alert cannot be raised on behalf of a schedule that no longer exists.
 */
export class RepositoryAlertReferences implements AlertReferences {
  constructor(
    private readonly schedules: Pick<ScheduleRepository, 'findById'>,
    private readonly conversations: Pick<ConversationRepository, 'findById'>,
  ) {}

  async patientOfSchedule(scheduleId: string): Promise<string | null> {
    const schedule = await this.schedules.findById(scheduleId);
    return schedule?.patientId ?? null;
  }

  async patientOfConversation(conversationId: string): Promise<string | null> {
    const conversation = await this.conversations.findById(conversationId);
    return conversation?.patientId ?? null;
  }
}
