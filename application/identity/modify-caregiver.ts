import type { Caregiver } from '../../domain/identity/caregiver';
import { DomainError } from '../../domain/shared/errors';
import { caregiverNotFound } from './identity-errors';
import type { IdentityPorts } from './identity-ports';

const ATTEMPTS = 3;

const isStale = (error: unknown): boolean => error instanceof DomainError && error.id === 'STALE_VERSION';

/**
 * Read-modify-write of one caregiver under compare-and-set, retried on a concurrent change (DOMAIN.md §1.4).
 * `change` runs again on the fresh record each time, so a decision (an MFA step, a failure count) is never
 * taken on stale state; it may throw to abort.
 */
export const modifyCaregiver = async (
  ports: IdentityPorts,
  id: string,
  change: (current: Caregiver) => Caregiver | Promise<Caregiver>,
): Promise<Caregiver> => {
  for (let attempt = 1; ; attempt += 1) {
    const current = await ports.caregivers.findById(id);
    if (current === null) throw caregiverNotFound();
    try {
      return await ports.caregivers.update(await change(current));
    } catch (error) {
      if (!isStale(error) || attempt >= ATTEMPTS) throw error;
    }
  }
};
