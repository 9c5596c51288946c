import type { Context } from 'koa';
import type { AccessScope } from '../../domain/identity/roles';
import { authOf } from './request-meta';

/** The caller as the permission matrix sees them: id, role (read from the record on every request) and org. */
export const scopeOf = (ctx: Context): AccessScope => {
  const { caregiver } = authOf(ctx);
  return { caregiverId: caregiver.id, role: caregiver.role, orgId: caregiver.orgId };
};
