import type { Call, CallStatus } from '../../domain/calls/call';

/**
 * Calls (DOMAIN.md §5.6). Writes join the ambient transaction; `update` is compare-and-set on `version`
 * (`STALE_VERSION` on mismatch). The store keeps the invariants the domain cannot see alone: at most one
 * non-terminal call per patient (`CALL_IN_PROGRESS`), and `(scheduleId, occurrenceAt, attempt)` unique when
 * `scheduleId` is set (`DUPLICATE_OCCURRENCE`).
 */
export interface CallRepository {
  findById(id: string): Promise<Call | null>;
  /** The call that reserved this conversation id. */
  findByConversationId(conversationId: string): Promise<Call | null>;
  /** The patient's non-terminal call, if any. */
  findActiveByPatient(patientId: string): Promise<Call | null>;
  /** Non-terminal calls started by the caregiver, newest first (`queuedAt`, ties by id descending). */
  listActiveInitiatedBy(caregiverId: string, limit: number): Promise<readonly Call[]>;
  /** Calls in one of `statuses`, oldest first (`queuedAt`, ties by id): dispatch order and reconciliation. */
  listByStatus(statuses: readonly CallStatus[], limit: number): Promise<readonly Call[]>;
  countByStatus(statuses: readonly CallStatus[]): Promise<number>;
  insert(call: Call): Promise<void>;
  /** Stores `call` if the stored version still equals `call.version`; resolves the saved record (version + 1). */
  update(call: Call): Promise<Call>;
}
