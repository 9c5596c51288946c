import type { Caregiver, SsoProviderName } from '../../../domain/identity/caregiver';
import { pageOf, sortBy, type Page } from '../../../domain/shared/page';
import type { CaregiverQuery, CaregiverRepository } from '../../../application/ports/caregiver-repository';
import type { MemoryDatabase } from './memory-database';
import { caregiverEmailTaken, duplicateId } from '../persistence-conflicts';
import { settle } from './settle';
import { bumpVersion } from './version-check';

export class InMemoryCaregiverRepository implements CaregiverRepository {
  constructor(private readonly db: MemoryDatabase) {}

  private get caregivers() {
    return this.db.collection<Caregiver>('caregivers');
  }

  private live(predicate: (c: Caregiver) => boolean): Caregiver[] {
    return this.caregivers.find((c) => c.deletedAt === null && predicate(c));
  }

  findById(id: string): Promise<Caregiver | null> {
    const found = this.caregivers.get(id);
    return Promise.resolve(found && found.deletedAt === null ? found : null);
  }

  findByEmail(email: string): Promise<Caregiver | null> {
    return Promise.resolve(this.live((c) => c.email === email)[0] ?? null);
  }

  findBySsoIdentity(provider: SsoProviderName, subject: string): Promise<Caregiver | null> {
    const match = this.live((c) => c.ssoIdentities.some((s) => s.provider === provider && s.subject === subject));
    return Promise.resolve(match[0] ?? null);
  }

  isEmailTaken(email: string, exceptId?: string): Promise<boolean> {
    return Promise.resolve(
      this.live((c) => c.id !== exceptId && (c.email === email || c.pendingEmail === email)).length > 0,
    );
  }

  list(query: CaregiverQuery): Promise<Page<Caregiver>> {
    const needle = query.nameContains?.toLowerCase();
    const matching = this.live(
      (c) =>
        c.orgId === query.orgId &&
        (needle === undefined || c.name.toLowerCase().includes(needle)) &&
        (query.role === undefined || c.role === query.role),
    );
    return Promise.resolve(
      pageOf(
        sortBy(matching, query.sort, (c, field) => c[field]),
        query.page,
        query.limit,
      ),
    );
  }

  idsOfOrg(orgId: string): Promise<readonly string[]> {
    return Promise.resolve(
      sortBy(
        this.live((c) => c.orgId === orgId),
        [{ field: 'createdAt', direction: 'asc' }],
        (c) => c.createdAt,
      ).map((c) => c.id),
    );
  }

  listByOrg(orgId: string): Promise<readonly Caregiver[]> {
    return Promise.resolve(this.live((c) => c.orgId === orgId));
  }

  insert(caregiver: Caregiver): Promise<void> {
    return settle(() => {
      if (this.caregivers.get(caregiver.id)) throw duplicateId('Caregiver');
      this.refuseTakenEmail(caregiver);
      this.caregivers.put(caregiver);
    });
  }

  update(caregiver: Caregiver): Promise<Caregiver> {
    return settle(() => {
      const saved = bumpVersion(this.caregivers.get(caregiver.id), caregiver, 'Caregiver');
      this.refuseTakenEmail(saved);
      this.caregivers.put(saved);
      return saved;
    });
  }

  /** The unique index of the Mongo store: one non-deleted caregiver per address (pending addresses aside). */
  private refuseTakenEmail(caregiver: Caregiver): void {
    if (caregiver.deletedAt !== null || caregiver.email === null) return;
    const email = caregiver.email;
    if (this.caregivers.count((c) => c.id !== caregiver.id && c.deletedAt === null && c.email === email) > 0)
      throw caregiverEmailTaken();
  }
}
