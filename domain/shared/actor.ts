/** Who runs a use-case (DOMAIN.md §1.1). */
export interface Actor {
  readonly kind: 'caregiver' | 'system' | 'anonymous';
  readonly caregiverId?: string;
  readonly orgId?: string;
  readonly role?: string;
  readonly sessionId?: string;
  readonly requestId?: string;
  readonly ip?: string;
  readonly userAgent?: string;
}

export const anonymousActor = (meta: { requestId?: string; ip?: string; userAgent?: string } = {}): Actor => ({
  kind: 'anonymous',
  ...meta,
});

export const systemActor: Actor = { kind: 'system' };
