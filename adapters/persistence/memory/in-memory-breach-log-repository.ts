import type { BreachLogRepository, BreachRecord, BreachType } from '../../../application/ports/breach-log-repository';
import type { MemoryDatabase } from './memory-database';

export class InMemoryBreachLogRepository implements BreachLogRepository {
  constructor(private readonly db: MemoryDatabase) {}

  private get breaches() {
    return this.db.collection<BreachRecord>('breach_logs');
  }

  insert(record: BreachRecord): Promise<void> {
    this.breaches.put(record);
    return Promise.resolve();
  }

  findOpenSince(
    type: BreachType,
    subject: { caregiverId?: string; ip?: string },
    since: Date,
  ): Promise<BreachRecord | null> {
    const found = this.breaches.find(
      (b) =>
        b.type === type &&
        (b.status === 'INVESTIGATING' || b.status === 'CONFIRMED') &&
        b.detectedAt.getTime() >= since.getTime() &&
        (subject.caregiverId === undefined || b.caregiverId === subject.caregiverId) &&
        (subject.ip === undefined || b.ip === subject.ip),
    );
    return Promise.resolve(found[0] ?? null);
  }

  findById(id: string): Promise<BreachRecord | null> {
    return Promise.resolve(this.breaches.get(id) ?? null);
  }

  update(record: BreachRecord): Promise<void> {
    if (this.breaches.get(record.id) === undefined) return Promise.reject(new Error(`no breach record ${record.id}`));
    this.breaches.put(record);
    return Promise.resolve();
  }

  list(orgId?: string): Promise<readonly BreachRecord[]> {
    return Promise.resolve(this.breaches.find((b) => orgId === undefined || b.orgId === orgId));
  }
}
