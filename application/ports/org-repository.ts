import type { Org } from '../../domain/identity/org';
import type { Page, PageRequest } from '../../domain/shared/page';

export type OrgSortField = 'name' | 'createdAt';

export interface OrgQuery extends PageRequest<OrgSortField> {
  readonly nameContains?: string;
}

/** Organisations; reads see non-deleted orgs only. Updates are compare-and-set on `version`. */
export interface OrgRepository {
  findById(id: string): Promise<Org | null>;
  findByEmail(email: string): Promise<Org | null>;
  findPlatform(): Promise<Org | null>;
  list(query: OrgQuery): Promise<Page<Org>>;
  insert(org: Org): Promise<void>;
  /** Stores `org` if the stored version still equals `org.version`; resolves the saved org (version + 1). */
  update(org: Org): Promise<Org>;
}
