import type { Actor } from '../../domain/shared/actor';

/**
 * What an organisation's deletion and re-zoning ask of the care contexts (DOMAIN.md §2.4.12, §4.3.2), which
 * identity does not own. Both run inside the org use-case's transaction, so a failure undoes the org change.
 */
export interface OrgCascade {
  /** Soft-deletes the org's patients and deactivates their schedules; resolves how many patients were deleted. */
  orgDeleted(orgId: string, actor: Actor): Promise<number>;
  /** Re-zones the schedules that inherit the org's zone (patients without their own `timezone`). */
  orgTimezoneChanged(orgId: string, timezone: string, actor: Actor): Promise<void>;
}

/** Where no care context is bound: nothing to cascade to. */
export const noOrgCascade: OrgCascade = {
  orgDeleted: () => Promise.resolve(0),
  orgTimezoneChanged: () => Promise.resolve(),
};
