import type { Collection } from 'mongodb';
import type { Call, CallStatus } from '../../../domain/calls/call';
import { conflict, type DomainError } from '../../../domain/shared/errors';
import type { CallRepository } from '../../../application/ports/call-repository';
import { duplicateId } from '../persistence-conflicts';
import { callFromDocument, callToDocument, type CallDocument } from './call-mapper';
import { CALL_COLLECTIONS, CALL_UNIQUE_INDEXES } from './call-indexes';
import type { MongoDatabase } from './mongo-connection';
import { casFailure, writeOrConflict, type UniqueRule } from './mongo-errors';
import { objectIdOrNull } from './object-ids';

/** The memory adapter's conflicts, word for word. */
const callInProgress = (): DomainError =>
  conflict('CALL_IN_PROGRESS', 'A call to this patient is already in progress', 'CALL_IN_PROGRESS');
const duplicateOccurrence = (): DomainError =>
  conflict('DUPLICATE_OCCURRENCE', 'This occurrence already has this attempt');

const UNIQUE: readonly UniqueRule[] = [
  { index: CALL_UNIQUE_INDEXES.activeCallOfPatient, field: 'patientId', conflict: callInProgress },
  { index: CALL_UNIQUE_INDEXES.scheduleAttempt, field: 'scheduleId', conflict: duplicateOccurrence },
  { index: CALL_UNIQUE_INDEXES.reservedConversation, field: 'conversationId', conflict: () => duplicateId('Call') },
  { index: '_id_', field: '_id', conflict: () => duplicateId('Call') },
];

/** Calls in `calls`; updates are compare-and-set on `version`. */
export class MongoCallRepository implements CallRepository {
  constructor(private readonly db: MongoDatabase) {}

  private get calls(): Collection<CallDocument> {
    return this.db.collection<CallDocument>(CALL_COLLECTIONS.calls);
  }

  async findById(id: string): Promise<Call | null> {
    const _id = objectIdOrNull(id);
    if (_id === null) return null;
    const doc = await this.calls.findOne({ _id }, this.db.options());
    return doc === null ? null : callFromDocument(doc);
  }

  async findByConversationId(conversationId: string): Promise<Call | null> {
    const id = objectIdOrNull(conversationId);
    if (id === null) return null;
    const doc = await this.calls.findOne({ conversationId: id }, this.db.options());
    return doc === null ? null : callFromDocument(doc);
  }

  async findActiveByPatient(patientId: string): Promise<Call | null> {
    const id = objectIdOrNull(patientId);
    if (id === null) return null;
    const doc = await this.calls.findOne({ patientId: id, active: true }, this.db.options());
    return doc === null ? null : callFromDocument(doc);
  }

  async listActiveInitiatedBy(caregiverId: string, limit: number): Promise<readonly Call[]> {
    const id = objectIdOrNull(caregiverId);
    if (id === null || limit <= 0) return [];
    const docs = await this.calls
      .find({ initiatedBy: id, active: true }, this.db.options())
      .sort({ queuedAt: -1, _id: -1 })
      .limit(limit)
      .toArray();
    return docs.map(callFromDocument);
  }

  async listByStatus(statuses: readonly CallStatus[], limit: number): Promise<readonly Call[]> {
    if (statuses.length === 0 || limit <= 0) return [];
    const docs = await this.calls
      .find({ status: { $in: [...statuses] } }, this.db.options())
      .sort({ queuedAt: 1, _id: 1 })
      .limit(limit)
      .toArray();
    return docs.map(callFromDocument);
  }

  async countByStatus(statuses: readonly CallStatus[]): Promise<number> {
    if (statuses.length === 0) return 0;
    return this.calls.countDocuments({ status: { $in: [...statuses] } }, this.db.options());
  }

  async insert(call: Call): Promise<void> {
    const doc = callToDocument(call);
    await writeOrConflict(() => this.calls.insertOne(doc, this.db.options()), UNIQUE);
  }

  async update(call: Call): Promise<Call> {
    const saved: Call = { ...call, version: call.version + 1 };
    const _id = objectIdOrNull(call.id);
    if (_id === null) throw casFailure('Call', call.id, false);
    const result = await writeOrConflict(
      () => this.calls.replaceOne({ _id, version: call.version }, callToDocument(saved), this.db.options()),
      UNIQUE,
    );
    if (result.matchedCount === 0) {
      const exists = (await this.calls.countDocuments({ _id }, { ...this.db.options(), limit: 1 })) > 0;
      throw casFailure('Call', call.id, exists);
    }
    return saved;
  }
}
