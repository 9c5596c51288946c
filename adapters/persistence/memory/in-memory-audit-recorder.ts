import type { AuditEvent, AuditRecorder } from '../../../application/ports/audit-recorder';
import type { MemoryDatabase } from './memory-database';

interface StoredAuditEvent extends AuditEvent {
  readonly id: string;
}

/** The first audit store: append-only entries in the embedded database (the audit issue adds the hash chain). */
export class InMemoryAuditRecorder implements AuditRecorder {
  private seq = 0;

  constructor(private readonly db: MemoryDatabase) {}

  record(event: AuditEvent): Promise<void> {
    this.seq += 1;
    this.db.collection<StoredAuditEvent>('audit').put({ ...event, id: String(this.seq).padStart(12, '0') });
    return Promise.resolve();
  }

  entries(): readonly AuditEvent[] {
    return this.db
      .collection<StoredAuditEvent>('audit')
      .all()
      .sort((a, b) => (a.id < b.id ? -1 : 1));
  }
}
