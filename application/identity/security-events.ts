import { recordFailedLogin, type Caregiver } from '../../domain/identity/caregiver';
import { addMs, days } from '../../domain/identity/identity-policy';
import type { Actor } from '../../domain/shared/actor';
import type { BreachSeverity, BreachType } from '../ports/breach-log-repository';
import { audit } from './audit-trail';
import { modifyCaregiver } from './modify-caregiver';
import { IdentityMail } from './identity-mail';
import type { IdentityPorts } from './identity-ports';

const HOUR = 3_600_000;

/**
 * The inline breach rules of DOMAIN.md §2.4.9 that identity feeds: failed logins lock the account and open a
 * breach record; an IP over the auth limit opens a brute-force record. Records are deduplicated for an hour.
 */
export class SecurityEvents {
  private readonly mail: IdentityMail;

  constructor(private readonly ports: IdentityPorts) {
    this.mail = new IdentityMail(ports);
  }

  /** Counts a wrong password or MFA code; resolves the stored caregiver (locked when this failure crossed the limit). */
  async failedLogin(caregiver: Caregiver, actor: Actor, cause: 'password' | 'mfa'): Promise<Caregiver> {
    const { clock, sessions, policy } = this.ports;
    const now = clock.now();
    let lockedNow = false;
    const saved = await modifyCaregiver(this.ports, caregiver.id, (fresh) => {
      const counted = recordFailedLogin(fresh, now, policy);
      lockedNow = counted.lockedNow;
      return counted.caregiver;
    });
    await audit(this.ports, actor, cause === 'mfa' ? 'MFA_VERIFICATION_FAILED' : 'LOGIN_FAILED', 'failure', {
      type: 'caregiver',
      id: caregiver.id,
      orgId: caregiver.orgId,
    });
    if (!lockedNow) return saved;

    await sessions.revokeAllOf(caregiver.id, 'locked', now);
    await audit(
      this.ports,
      actor,
      'ACCOUNT_LOCKED',
      'success',
      { type: 'caregiver', id: caregiver.id, orgId: caregiver.orgId },
      { reason: 'failed_logins' },
    );
    await this.openBreach(
      'excessive_failed_logins',
      'HIGH',
      { caregiverId: caregiver.id, orgId: caregiver.orgId, ip: actor.ip ?? null },
      {
        failures: policy.failedLoginLimit,
        windowMinutes: policy.failedLoginWindowMinutes,
      },
    );
    if (saved.email !== null)
      await this.mail.send(this.mail.accountLocked(saved.email, saved.name, policy.lockMinutes), 'account-locked');
    return saved;
  }

  /** An IP reached the auth failure limit: a brute-force record, no account is locked. */
  async authLimitReached(ip: string): Promise<void> {
    await this.openBreach(
      'brute_force_attempt',
      'MEDIUM',
      { caregiverId: null, orgId: null, ip },
      { limit: 20, windowMinutes: 15 },
    );
  }

  private async openBreach(
    type: BreachType,
    severity: BreachSeverity,
    subject: { caregiverId: string | null; orgId: string | null; ip: string | null },
    details: Record<string, number>,
  ): Promise<void> {
    const now = this.ports.clock.now();
    const key = subject.caregiverId !== null ? { caregiverId: subject.caregiverId } : { ip: subject.ip ?? 'unknown' };
    if (await this.ports.breaches.findOpenSince(type, key, new Date(now.getTime() - HOUR))) return;
    await this.ports.breaches.insert({
      id: this.ports.ids.next(),
      type,
      severity,
      status: 'INVESTIGATING',
      orgId: subject.orgId,
      caregiverId: subject.caregiverId,
      ip: subject.ip,
      detectedAt: now,
      details,
      notificationDeadline: addMs(now, days(60)),
    });
    this.ports.logger.warn({ breachType: type, severity }, 'security event recorded in the breach log');
  }
}
