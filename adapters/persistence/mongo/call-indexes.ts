import type { Db, IndexDescription } from 'mongodb';

/**
 * Collections and indexes of the calls context (calls and billing line items). To be merged into
 * mongo-collections.ts / mongo-indexes.ts by the lead; until then `ensureCallIndexes` creates them.
 */
export const CALL_COLLECTIONS = { calls: 'calls', lineItems: 'line_items' } as const;

export const CALL_UNIQUE_INDEXES = {
  activeCallOfPatient: 'calls_patient_active_unique',
  reservedConversation: 'calls_conversation_unique',
  scheduleAttempt: 'calls_schedule_occurrence_attempt_unique',
  lineItemOfCall: 'line_items_call_unique',
} as const;

export const CALL_INDEX_DEFINITIONS: Readonly<Record<string, readonly IndexDescription[]>> = {
  [CALL_COLLECTIONS.calls]: [
    // At most one non-terminal call per patient (DOMAIN.md §5.1).
    {
      key: { patientId: 1 },
      name: CALL_UNIQUE_INDEXES.activeCallOfPatient,
      unique: true,
      partialFilterExpression: { active: true },
    },
    { key: { conversationId: 1 }, name: CALL_UNIQUE_INDEXES.reservedConversation, unique: true },
    // One first attempt (and one of each retry) per occurrence; on-demand calls have no schedule.
    {
      key: { scheduleId: 1, occurrenceAt: 1, attempt: 1 },
      name: CALL_UNIQUE_INDEXES.scheduleAttempt,
      unique: true,
      partialFilterExpression: { scheduled: true },
    },
    // Dispatch order of queued calls and the live count.
    { key: { status: 1, queuedAt: 1 }, name: 'calls_status_queued' },
    // A caregiver's unfinished calls, newest first.
    { key: { initiatedBy: 1, active: 1, queuedAt: -1 }, name: 'calls_initiator_active' },
  ],
  [CALL_COLLECTIONS.lineItems]: [
    { key: { callId: 1 }, name: CALL_UNIQUE_INDEXES.lineItemOfCall, unique: true },
    { key: { orgId: 1, invoiceId: 1, occurredAt: 1 }, name: 'line_items_org_uninvoiced' },
  ],
};

/** Creates the calls context's indexes (idempotent, like `ensureIndexes`). */
export const ensureCallIndexes = async (db: Db): Promise<void> => {
  for (const [collection, indexes] of Object.entries(CALL_INDEX_DEFINITIONS)) {
    await db.collection(collection).createIndexes([...indexes]);
  }
};
