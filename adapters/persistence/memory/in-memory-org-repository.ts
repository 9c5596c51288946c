import type { Org } from '../../../domain/identity/org';
import { pageOf, sortBy, type Page } from '../../../domain/shared/page';
import type { OrgQuery, OrgRepository } from '../../../application/ports/org-repository';
import type { MemoryDatabase } from './memory-database';
import { duplicateId, orgEmailTaken } from '../persistence-conflicts';
import { settle } from './settle';
import { bumpVersion } from './version-check';

export class InMemoryOrgRepository implements OrgRepository {
  constructor(private readonly db: MemoryDatabase) {}

  private get orgs() {
    return this.db.collection<Org>('orgs');
  }

  findById(id: string): Promise<Org | null> {
    const org = this.orgs.get(id);
    return Promise.resolve(org && org.deletedAt === null ? org : null);
  }

  findByEmail(email: string): Promise<Org | null> {
    return Promise.resolve(this.orgs.find((o) => o.deletedAt === null && o.email === email)[0] ?? null);
  }

  findPlatform(): Promise<Org | null> {
    return Promise.resolve(this.orgs.find((o) => o.deletedAt === null && o.isPlatform)[0] ?? null);
  }

  list(query: OrgQuery): Promise<Page<Org>> {
    const needle = query.nameContains?.toLowerCase();
    const matching = this.orgs.find(
      (o) => o.deletedAt === null && (needle === undefined || o.name.toLowerCase().includes(needle)),
    );
    const sorted = sortBy(matching, query.sort, (o, field) => o[field]);
    return Promise.resolve(pageOf(sorted, query.page, query.limit));
  }

  insert(org: Org): Promise<void> {
    return settle(() => {
      if (this.orgs.get(org.id)) throw duplicateId('Org');
      this.refuseTakenEmail(org);
      this.orgs.put(org);
    });
  }

  update(org: Org): Promise<Org> {
    return settle(() => {
      const saved = bumpVersion(this.orgs.get(org.id), org, 'Org');
      this.refuseTakenEmail(saved);
      this.orgs.put(saved);
      return saved;
    });
  }

  /** The unique index of the Mongo store: one non-deleted org per e-mail address. */
  private refuseTakenEmail(org: Org): void {
    if (org.deletedAt !== null) return;
    if (this.orgs.count((o) => o.id !== org.id && o.deletedAt === null && o.email === org.email) > 0)
      throw orgEmailTaken();
  }
}
