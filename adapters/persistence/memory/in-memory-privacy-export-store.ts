import type { PrivacySubjectType } from '../../../domain/privacy/privacy-subject';
import type { PrivacyExportStore, StoredPrivacyExport } from '../../../application/ports/privacy-export-store';
import type { MemoryDatabase } from './memory-database';
import { settle } from './settle';

/** Encrypted access exports in the embedded store (collection `privacy_exports`). */
export class InMemoryPrivacyExportStore implements PrivacyExportStore {
  constructor(private readonly db: MemoryDatabase) {}

  private get exports() {
    return this.db.collection<StoredPrivacyExport>('privacy_exports');
  }

  save(stored: StoredPrivacyExport): Promise<void> {
    return settle(() => this.exports.put(stored));
  }

  find(id: string): Promise<StoredPrivacyExport | null> {
    return Promise.resolve(this.exports.get(id) ?? null);
  }

  deleteExpired(now: Date): Promise<number> {
    return settle(() => this.deleteWhere((e) => e.expiresAt.getTime() <= now.getTime()));
  }

  deleteBySubject(subjectType: PrivacySubjectType, subjectId: string): Promise<number> {
    return settle(() => this.deleteWhere((e) => e.subjectType === subjectType && e.subjectId === subjectId));
  }

  private deleteWhere(predicate: (stored: StoredPrivacyExport) => boolean): number {
    let deleted = 0;
    for (const stored of this.exports.find(predicate)) if (this.exports.delete(stored.id)) deleted += 1;
    return deleted;
  }
}
