import type { Caregiver, SsoProviderName } from '../../domain/identity/caregiver';
import type { Role } from '../../domain/identity/roles';
import type { Page, PageRequest } from '../../domain/shared/page';

export type CaregiverSortField = 'name' | 'email' | 'role' | 'createdAt';

export interface CaregiverQuery extends PageRequest<CaregiverSortField> {
  readonly orgId: string;
  readonly nameContains?: string;
  readonly role?: Role;
}

/** Caregiver accounts; reads see non-deleted accounts only. Updates are compare-and-set on `version`. */
export interface CaregiverRepository {
  findById(id: string): Promise<Caregiver | null>;
  /** By confirmed address (already normalised). */
  findByEmail(email: string): Promise<Caregiver | null>;
  findBySsoIdentity(provider: SsoProviderName, subject: string): Promise<Caregiver | null>;
  /** True when a non-deleted caregiver other than `exceptId` uses `email` as address or pending address. */
  isEmailTaken(email: string, exceptId?: string): Promise<boolean>;
  list(query: CaregiverQuery): Promise<Page<Caregiver>>;
  idsOfOrg(orgId: string): Promise<readonly string[]>;
  listByOrg(orgId: string): Promise<readonly Caregiver[]>;
  insert(caregiver: Caregiver): Promise<void>;
  /** Stores `caregiver` if the stored version still equals `caregiver.version`; resolves the saved record. */
  update(caregiver: Caregiver): Promise<Caregiver>;
}
