/**
 * What alert creation asks of the schedules and conversations contexts, which other issues build: the patient a
 * schedule or a conversation belongs to (API-CONTRACT.md §4.10: `createdBy` of a schedule in scope,
 * `relatedConversation` of that patient). Null when unknown.
 */
export interface AlertReferences {
  patientOfSchedule(scheduleId: string): Promise<string | null>;
  patientOfConversation(conversationId: string): Promise<string | null>;
}

/** The stand-in until those contexts bind their own: it knows no schedules and no conversations. */
export class NoAlertReferences implements AlertReferences {
  patientOfSchedule(): Promise<string | null> {
    return Promise.resolve(null);
  }

  patientOfConversation(): Promise<string | null> {
    return Promise.resolve(null);
  }
}
