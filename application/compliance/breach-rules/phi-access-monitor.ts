import { offHoursNight } from '../../../domain/compliance/off-hours';
import {
  classifyPhiAccess,
  HOUR_MS,
  listVolumeReached,
  MINUTE_MS,
  volumeVerdict,
  type PhiAccess,
} from '../../../domain/compliance/phi-volume-rules';
import type { AuditEvent, AuditRecorder } from '../../ports/audit-recorder';
import { BreachEffects, type Subject } from './breach-effects';
import type { BreachRulePorts } from './breach-rule-ports';

const DAY_MS = 86_400_000;
/** How long an org's time zone is trusted before it is read again (a changed zone takes effect this late). */
const ZONE_TTL_MS = 5 * MINUTE_MS;

/**
 * The inline breach rules of DOMAIN.md §2.4.9 fed by PHI audit entries, as a decorator of the `AuditRecorder`:
 * the entry is stored first (fail closed, errors reach the caller as before), then the rules run on it. A rule or
 * an effect that fails is logged and never fails the request; the rules' own entries go to the inner recorder,
 * so they are never counted.
 */
export class PhiAccessMonitor implements AuditRecorder {
  private readonly effects: BreachEffects;
  private readonly zones = new Map<string, { zone: string | null; until: number }>();

  constructor(private readonly ports: BreachRulePorts) {
    this.effects = new BreachEffects(ports);
  }

  async record(event: AuditEvent): Promise<void> {
    await this.ports.inner.record(event);
    const access = classifyPhiAccess(event);
    if (!access.touchesPhi || event.actorId === null) return;
    try {
      await this.evaluate(event, event.actorId, access);
    } catch (error) {
      this.ports.logger.error(
        { err: error, caregiverId: event.actorId, action: event.action },
        'PHI access rules could not evaluate an audit entry',
      );
    }
  }

  private async evaluate(event: AuditEvent, caregiverId: string, access: PhiAccess): Promise<void> {
    const orgId = event.orgId ?? (await this.ports.caregivers.findById(caregiverId))?.orgId ?? null;
    if (orgId === null) return;
    const subject: Subject = { caregiverId, orgId, ip: event.ip };
    const { counter, settings } = this.ports;

    if (access.lockKeys.length > 0) {
      const [minute = 0, hour = 0] = await counter.record('open', caregiverId, access.lockKeys, event.at, [
        MINUTE_MS,
        HOUR_MS,
      ]);
      const verdict = volumeVerdict({ minute, hour }, settings.limits);
      if (verdict !== null) await this.effects.lockForVolume(subject, verdict);
    }

    if (access.glanceKeys.length > 0) {
      const [hour = 0] = await counter.record('glance', caregiverId, access.glanceKeys, event.at, [HOUR_MS]);
      if (
        listVolumeReached(hour, settings.limits) &&
        (await counter.claimOnce(`list-volume:${caregiverId}`, event.at, HOUR_MS))
      ) {
        await this.effects.listVolume(subject, hour, settings.limits.listHour);
      }
    }

    const zone = await this.zoneOf(orgId);
    if (zone === null) return;
    const night = offHoursNight(event.at, zone, settings.offHours);
    if (night !== null && (await counter.claimOnce(`off-hours:${caregiverId}:${night.nightKey}`, event.at, DAY_MS))) {
      await this.effects.offHours(subject, night);
    }
  }

  private async zoneOf(orgId: string): Promise<string | null> {
    const now = this.ports.clock.now().getTime();
    const cached = this.zones.get(orgId);
    if (cached !== undefined && cached.until > now) return cached.zone;
    const zone = (await this.ports.orgs.findById(orgId))?.timezone ?? null;
    this.zones.set(orgId, { zone, until: now + ZONE_TTL_MS });
    return zone;
  }
}
