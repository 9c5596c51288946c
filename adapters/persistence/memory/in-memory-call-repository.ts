import { ACTIVE_CALL_STATUSES, type Call, type CallStatus } from '../../../domain/calls/call';
import { conflict } from '../../../domain/shared/errors';
import type { CallRepository } from '../../../application/ports/call-repository';
import { duplicateId } from '../persistence-conflicts';
import type { MemoryDatabase } from './memory-database';
import { settle } from './settle';
import { bumpVersion } from './version-check';

const isActive = (call: Call): boolean => ACTIVE_CALL_STATUSES.includes(call.status);

const byQueuedAt = (a: Call, b: Call): number =>
  a.queuedAt.getTime() - b.queuedAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Calls of the embedded store (collection `calls`), with the store-level invariants of the port. */
export class InMemoryCallRepository implements CallRepository {
  constructor(private readonly db: MemoryDatabase) {}

  private get calls() {
    return this.db.collection<Call>('calls');
  }

  findById(id: string): Promise<Call | null> {
    return Promise.resolve(this.calls.get(id) ?? null);
  }

  findByConversationId(conversationId: string): Promise<Call | null> {
    return Promise.resolve(this.calls.find((call) => call.conversationId === conversationId)[0] ?? null);
  }

  findActiveByPatient(patientId: string): Promise<Call | null> {
    return Promise.resolve(this.calls.find((call) => call.patientId === patientId && isActive(call))[0] ?? null);
  }

  listActiveInitiatedBy(caregiverId: string, limit: number): Promise<readonly Call[]> {
    const mine = this.calls.find((call) => call.initiatedBy === caregiverId && isActive(call));
    return Promise.resolve(mine.sort((a, b) => byQueuedAt(b, a)).slice(0, Math.max(0, limit)));
  }

  listByStatus(statuses: readonly CallStatus[], limit: number): Promise<readonly Call[]> {
    const wanted = new Set(statuses);
    const found = this.calls.find((call) => wanted.has(call.status));
    return Promise.resolve(found.sort(byQueuedAt).slice(0, Math.max(0, limit)));
  }

  countByStatus(statuses: readonly CallStatus[]): Promise<number> {
    const wanted = new Set(statuses);
    return Promise.resolve(this.calls.count((call) => wanted.has(call.status)));
  }

  // Every refusal is a rejected promise, as from a real store (never a synchronous throw).
  insert(call: Call): Promise<void> {
    return settle(() => {
      if (this.calls.get(call.id) !== undefined) throw duplicateId('Call');
      if (isActive(call) && this.calls.count((c) => c.patientId === call.patientId && isActive(c)) > 0) {
        throw conflict('CALL_IN_PROGRESS', 'A call to this patient is already in progress', 'CALL_IN_PROGRESS');
      }
      if (call.scheduleId !== null && this.sameAttemptExists(call)) {
        throw conflict('DUPLICATE_OCCURRENCE', 'This occurrence already has this attempt');
      }
      this.calls.put(call);
    });
  }

  update(call: Call): Promise<Call> {
    return settle(() => {
      const saved = bumpVersion(this.calls.get(call.id), call, 'Call');
      this.calls.put(saved);
      return saved;
    });
  }

  private sameAttemptExists(call: Call): boolean {
    return (
      this.calls.count(
        (c) =>
          c.scheduleId === call.scheduleId &&
          c.attempt === call.attempt &&
          c.occurrenceAt?.getTime() === call.occurrenceAt?.getTime(),
      ) > 0
    );
  }
}
