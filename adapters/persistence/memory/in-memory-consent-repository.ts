import type { ConsentRecord } from '../../../domain/privacy/consent';
import type { PrivacySubjectType } from '../../../domain/privacy/privacy-subject';
import type { ConsentRepository } from '../../../application/ports/consent-repository';
import { duplicateId } from '../persistence-conflicts';
import type { MemoryDatabase } from './memory-database';
import { settle } from './settle';
import { bumpVersion } from './version-check';

/** Consent records in the embedded store (collection `consents`). */
export class InMemoryConsentRepository implements ConsentRepository {
  constructor(private readonly db: MemoryDatabase) {}

  private get consents() {
    return this.db.collection<ConsentRecord>('consents');
  }

  findById(id: string): Promise<ConsentRecord | null> {
    return Promise.resolve(this.consents.get(id) ?? null);
  }

  listBySubject(subjectType: PrivacySubjectType, subjectId: string): Promise<readonly ConsentRecord[]> {
    return Promise.resolve(
      this.consents
        .find((c) => c.subjectType === subjectType && c.subjectId === subjectId)
        .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    );
  }

  // Every refusal is a rejected promise, as from a real store (never a synchronous throw).
  insert(consent: ConsentRecord): Promise<void> {
    return settle(() => {
      if (this.consents.get(consent.id) !== undefined) throw duplicateId('Consent');
      this.consents.put(consent);
    });
  }

  update(consent: ConsentRecord): Promise<ConsentRecord> {
    return settle(() => {
      const saved = bumpVersion(this.consents.get(consent.id), consent, 'Consent');
      this.consents.put(saved);
      return saved;
    });
  }
}
