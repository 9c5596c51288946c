import { ObjectId, type Collection } from 'mongodb';
import type { AuditEvent, AuditRecorder } from '../../../application/ports/audit-recorder';
import { auditFromDocument, auditToDocument, type AuditLogDocument } from './audit-mapper';
import { COLLECTIONS } from './mongo-collections';
import type { MongoDatabase } from './mongo-connection';

/**
 * The first audit store on Mongo: append-only entries in `audit_log` (inserts only; nothing here updates or
 * deletes). Inside a transaction an entry commits or rolls back with the change it describes. The audit issue's
 * hash-chained store keeps its own collection (`audit_entries`).
 */
export class MongoAuditRecorder implements AuditRecorder {
  constructor(private readonly db: MongoDatabase) {}

  private get entriesCollection(): Collection<AuditLogDocument> {
    return this.db.collection<AuditLogDocument>(COLLECTIONS.auditLog);
  }

  async record(event: AuditEvent): Promise<void> {
    await this.entriesCollection.insertOne(auditToDocument(new ObjectId(), event), this.db.options());
  }

  /** Every entry in append order (tests and the future audit export). */
  async entries(): Promise<readonly AuditEvent[]> {
    const docs = await this.entriesCollection.find({}, this.db.options()).sort({ _id: 1 }).toArray();
    return docs.map(auditFromDocument);
  }
}
