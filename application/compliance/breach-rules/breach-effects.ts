import { activeLock, type Caregiver } from '../../../domain/identity/caregiver';
import type { OffHoursNight } from '../../../domain/compliance/off-hours';
import { volumeDedupSince, type VolumeVerdict } from '../../../domain/compliance/phi-volume-rules';
import { DomainError } from '../../../domain/shared/errors';
import type { BreachSeverity, BreachType } from '../../ports/breach-log-repository';
import type { BreachRulePorts } from './breach-rule-ports';
import { securityAlert } from './security-alerts';

const DAY_MS = 86_400_000;
const ATTEMPTS = 3;

/** Who tripped a rule, from the audit entry: ids only. */
export interface Subject {
  readonly caregiverId: string;
  readonly orgId: string;
  readonly ip: string | null;
}

type Details = Record<string, string | number>;

/**
 * What the inline rules do once a threshold is crossed (DOMAIN.md §2.4.9): lock the account, open a breach
 * record (deduplicated), alert the orgAdmins and, when configured, e-mail the security contact.
 */
export class BreachEffects {
  constructor(private readonly ports: BreachRulePorts) {}

  /** Locks `data_volume` until an admin unlocks; nothing more happens when the account was already locked. */
  async lockForVolume(subject: Subject, verdict: VolumeVerdict): Promise<boolean> {
    const { clock, sessions, inner, counter } = this.ports;
    const now = clock.now();
    const locked = await this.lock(subject.caregiverId, now);
    if (locked === null) return false;
    await sessions.revokeAllOf(subject.caregiverId, 'locked', now);
    await counter.reset(subject.caregiverId);
    await inner.record({
      action: 'ACCOUNT_LOCKED',
      outcome: 'success',
      actorKind: 'system',
      actorId: null,
      orgId: subject.orgId,
      resourceType: 'caregiver',
      resourceId: subject.caregiverId,
      requestId: null,
      ip: subject.ip,
      at: now,
      details: { reason: 'data_volume', breachType: verdict.type, highRisk: true },
    });
    const details = {
      distinctRecords: verdict.distinctRecords,
      limit: verdict.limit,
      windowMinutes: verdict.windowMinutes,
    };
    // The lock stands whatever happens next; each notice is tried on its own so one failure never hides another.
    await this.attempt('breach', () =>
      this.openBreach(verdict.type, 'CRITICAL', subject, details, volumeDedupSince(now)),
    );
    await this.attempt('alert', () =>
      this.ports.alerts.insert(
        securityAlert({
          id: this.ports.ids.next(),
          orgId: subject.orgId,
          kind: 'security_account_locked',
          payload: { caregiverId: subject.caregiverId, reason: 'data_volume', breachType: verdict.type, ...details },
          now,
        }),
      ),
    );
    await this.attempt('mail', () => this.mailSecurityContact(subject, verdict));
    return true;
  }

  /** The first PHI touch of a caregiver in a local night: a MEDIUM record and a medium alert, no lock. */
  async offHours(subject: Subject, night: OffHoursNight): Promise<void> {
    const now = this.ports.clock.now();
    const opened = await this.openBreach(
      'off_hours_access',
      'MEDIUM',
      subject,
      { night: night.nightKey },
      night.startedAt,
    );
    if (!opened) return;
    await this.ports.alerts.insert(
      securityAlert({
        id: this.ports.ids.next(),
        orgId: subject.orgId,
        kind: 'security_off_hours',
        payload: { caregiverId: subject.caregiverId, night: night.nightKey },
        now,
      }),
    );
  }

  /**
   * Many patients seen through lists and polls: alert only (RESOLUTIONS.md 33). The alert kinds have no
   * volume-without-lock kind, so the signal is a MEDIUM `other` breach record the org's admins see.
   */
  async listVolume(subject: Subject, distinctRecords: number, limit: number): Promise<void> {
    const now = this.ports.clock.now();
    await this.openBreach(
      'other',
      'MEDIUM',
      subject,
      { code: 'phi_list_volume', distinctRecords, limit, windowMinutes: 60 },
      volumeDedupSince(now),
    );
  }

  private async attempt(effect: string, work: () => Promise<unknown>): Promise<void> {
    try {
      await work();
    } catch (error) {
      this.ports.logger.error({ effect, err: error }, 'a PHI access rule effect failed');
    }
  }

  /** Resolves the locked record, or null when it was locked already (or is gone). */
  private async lock(caregiverId: string, now: Date): Promise<Caregiver | null> {
    const { caregivers } = this.ports;
    for (let attempt = 1; ; attempt += 1) {
      const current = await caregivers.findById(caregiverId);
      if (current === null || activeLock(current, now) !== null) return null;
      try {
        return await caregivers.update({
          ...current,
          lock: { lockedAt: now, lockedUntil: null, reason: 'data_volume', lockedBy: 'system' },
          updatedAt: now,
        });
      } catch (error) {
        const stale = error instanceof DomainError && error.id === 'STALE_VERSION';
        if (!stale || attempt >= ATTEMPTS) throw error;
      }
    }
  }

  /** Inserts a breach record unless an open one of the type exists for the caregiver since `since`. */
  private async openBreach(
    type: BreachType,
    severity: BreachSeverity,
    subject: Subject,
    details: Details,
    since: Date,
  ): Promise<boolean> {
    const { breaches, clock, ids, logger } = this.ports;
    if (await breaches.findOpenSince(type, { caregiverId: subject.caregiverId }, since)) return false;
    const now = clock.now();
    await breaches.insert({
      id: ids.next(),
      type,
      severity,
      status: 'INVESTIGATING',
      orgId: subject.orgId,
      caregiverId: subject.caregiverId,
      ip: subject.ip,
      detectedAt: now,
      details,
      notificationDeadline: new Date(now.getTime() + 60 * DAY_MS),
    });
    logger.warn({ breachType: type, severity, caregiverId: subject.caregiverId }, 'PHI access rule opened a breach');
    return true;
  }

  private async mailSecurityContact(subject: Subject, verdict: VolumeVerdict): Promise<void> {
    const to = this.ports.settings.securityContactEmail;
    if (to === null) return;
    const lines = [
      'A caregiver account was locked by the PHI access-volume rule.',
      `Breach type: ${verdict.type}`,
      `Organisation id: ${subject.orgId}`,
      `Caregiver id: ${subject.caregiverId}`,
      `Distinct records: ${verdict.distinctRecords} in ${verdict.windowMinutes} min (limit ${verdict.limit})`,
      'An administrator must unlock the account after review.',
    ];
    await this.ports.email.send({
      to,
      subject: 'Security: account locked for unusual PHI access',
      text: lines.join('\n'),
      html: lines.map((line) => `<p>${line}</p>`).join(''),
    });
  }
}
